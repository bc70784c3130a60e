import { english } from '../../shared/i18n';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT, closeAll, waitFor } from './helpers';
import type { RawRequest } from './hostile-server';
import { closeHostile, expectPlainMessage, expectRecovery, rig, type Rig } from './hostile-setup';

// A hostile or broken gateway, at the socket level (issue 7, item 6): odd Set-GUID and
// Set-Cookie headers on the event poll, where dynamic authentication delivers new Guids.
// Whatever they say, the client must never send back a value that breaks or injects a header,
// must not lose the session to a header it can ignore, and must say clearly what went wrong.

afterEach(async () => {
  await closeAll();
  await closeHostile();
});

const polls = (r: Rig): RawRequest[] => r.hostile.requests.filter((q) => q.target.includes('agentevent'));

/** Edits the header lines of the next `times` poll answers, then lets the client run a while. */
async function onNextPolls(r: Rig, edit: (lines: string[]) => string[], times = 1): Promise<void> {
  const seen = polls(r).length;
  r.hostile.on('agentevent', (_req, reply) => reply.forward(edit), times);
  // The edited answers, and two more polls after them.
  await waitFor(() => polls(r).length >= seen + times + 2, 10_000, 'the poll loop to read the edited answers');
}

/** Nothing the client sent since `from` carries an injected header or an unusable Guid or cookie. */
function expectCleanRequests(r: Rig, from: number): void {
  for (const q of r.hostile.requests.slice(from)) {
    for (const line of q.headerLines) expect(line).not.toMatch(/^\s*(x-evil|injected)\s*:/i);
    if (q.headers.guid !== undefined) expect(q.headers.guid).toMatch(/^[A-Za-z0-9._-]{1,200}$/);
    expect(q.headers.cookie ?? '').not.toMatch(/[\r\n\0]/);
  }
}

/** The Guid the client sends on its next query. */
async function guidSent(r: Rig): Promise<string | undefined> {
  await r.client.refresh();
  return r.hostile.requests.filter((q) => q.target.includes('holdlist')).at(-1)?.headers.guid;
}

describe('odd Set-GUID headers', () => {
  it('a repeated Set-GUID: the last one counts, the session goes on', async () => {
    const r = await rig();
    const from = r.hostile.requests.length;
    r.sim.script.rotateGuid(AGENT);
    await onNextPolls(r, (lines) => lines.flatMap((l) => (/^set-guid:/i.test(l) ? ['Set-GUID: JSESSIONID=bogus-first.AgentGateway0', l] : [l])));
    expect(await guidSent(r)).toBe(r.sim.currentGuid(AGENT));
    expect(r.client.state.status).toBe('signed-in');
    expectCleanRequests(r, from);
  });

  it.each([
    ['8 KiB long', `JSESSIONID=${'a'.repeat(8 * 1024)}`],
    ['with a space and a header after it', 'JSESSIONID=abc X-Evil: 1'],
    ['percent-encoded CR/LF', 'JSESSIONID=abc%0d%0aX-Evil:%201'],
    ['non-ASCII bytes', 'JSESSIONID=abc\xff\xfe'],
    ['a cookie attribute list', 'JSESSIONID=; Path=/; injected=1'],
  ])('a Set-GUID %s is ignored: the current Guid stays in use', async (_what, value) => {
    const r = await rig();
    const from = r.hostile.requests.length;
    const guid = r.sim.currentGuid(AGENT);
    await onNextPolls(r, (lines) => [...lines, `Set-GUID: ${value}`]);
    expect(await guidSent(r)).toBe(guid);
    expect(r.client.state.status).toBe('signed-in');
    expectCleanRequests(r, from);
  });

  it.each([
    ['folded onto a second line (obs-fold)', ['Set-GUID: JSESSIONID=abc', ' X-Evil: 1']],
    ['with a bare LF inside', ['Set-GUID: JSESSIONID=abc\nX-Evil: 1']],
    ['with a NUL byte inside', ['Set-GUID: JSESSIONID=abc\0X-Evil']],
    ['64 KiB long (over the header limit)', [`Set-GUID: JSESSIONID=${'b'.repeat(64 * 1024)}`]],
  ])('a Set-GUID %s: refused or ignored, never sent back, and the session recovers', async (_what, extra) => {
    const r = await rig();
    const from = r.hostile.requests.length;
    await onNextPolls(r, (lines) => [...lines, ...extra], 2);
    expectCleanRequests(r, from);
    // Either the answer was ignored or the poll failed with a clear reason; in both cases the
    // session is not lost to it.
    expectPlainMessage(r.client.state.reason ? english.t(r.client.state.reason) : '', r);
    expect(r.client.state.status).not.toBe('signed-out');
    await expectRecovery(r);
    expectCleanRequests(r, from);
  });
});

describe('odd Set-Cookie headers', () => {
  it('a cookie set twice keeps the last value, once', async () => {
    const r = await rig();
    await onNextPolls(r, (lines) => [...lines, 'Set-Cookie: LB=one; Path=/', 'Set-Cookie: LB=two; Path=/']);
    await r.client.refresh();
    const cookie = r.hostile.requests.at(-1)?.headers.cookie ?? '';
    expect(cookie.match(/\bLB=/g)).toHaveLength(1);
    expect(cookie).toContain('LB=two');
  });

  it.each([
    ['an 8 KiB value', `Set-Cookie: BIG=${'c'.repeat(8 * 1024)}; Path=/`],
    ['a value with a space and a header after it', 'Set-Cookie: LB=a X-Evil: 1'],
    ['non-ASCII bytes', 'Set-Cookie: LB=a\xff\xfe'],
    ['no name', 'Set-Cookie: =value'],
  ])('a Set-Cookie with %s is not sent back', async (_what, line) => {
    const r = await rig();
    const from = r.hostile.requests.length;
    await onNextPolls(r, (lines) => [...lines, line]);
    await r.client.refresh();
    expectCleanRequests(r, from);
    for (const q of r.hostile.requests.slice(from)) {
      expect(q.headers.cookie ?? '').not.toMatch(/BIG=|LB=a|=value/);
    }
    expect(r.client.state.status).toBe('signed-in');
  });

  it('percent-encoded CR/LF in a cookie stays inert text: no header is injected', async () => {
    const r = await rig();
    const from = r.hostile.requests.length;
    await onNextPolls(r, (lines) => [...lines, 'Set-Cookie: LB=a%0d%0aX-Evil:%201']);
    await r.client.refresh();
    expectCleanRequests(r, from);
    expect(r.hostile.requests.at(-1)?.headerLines.filter((l) => /^cookie:/i.test(l))).toHaveLength(1);
  });

  // Kept unbounded, every cookie a gateway sets would go back on every request, until a flood made
  // every request so large the gateway itself refused it (the simulator answers 431) and the session
  // was stuck; the bounded jar (electron/core/cookie-jar.ts, issue 10) keeps it small.
  it('2,000 distinct cookies neither bloat every later request nor break the session', async () => {
    const r = await rig();
    // 200 per answer over 10 answers: one answer with all of them would overflow the header limit.
    let batch = 0;
    await onNextPolls(r, (lines) => [...lines, ...Array.from({ length: 200 }, (_, i) => `Set-Cookie: c${batch}x${i}=v${i}; Path=/`), `X-Batch: ${batch++}`], 10);
    expect(batch).toBe(10);
    await r.client.refresh();
    const cookie = r.hostile.requests.at(-1)?.headers.cookie ?? '';
    expect(cookie.length).toBeLessThanOrEqual(8 * 1024);
  });
});
