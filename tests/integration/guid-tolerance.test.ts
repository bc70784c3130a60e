// Issue 7, item 2: a 000-003 ("no permission", most often a Guid replaced by rotation) does not
// end the session at once. Event polls retry it, paced, with the newest Guid, up to a bound; a
// command refused with it was not executed and is sent once more. Simulator over real HTTPS.
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT, client, closeAll, heldIds, sim, waitFor } from './helpers';

afterEach(closeAll);

const REFUSED = { match: { path: 'agentevent' }, kind: 'retcode', retcode: '000-003', message: 'no permission' } as const;

describe('000-003 on event polls', () => {
  it('rides out up to five refusals in a row without the session ever ending, and events flow after', async () => {
    const s = await sim();
    const c = client(s, { session: { guidRetryBaseMs: 20 } });
    const statuses: string[] = [];
    c.onSessionChange((st) => statuses.push(st.status));
    await c.signIn({ password: 'pw' });
    s.faults.add({ ...REFUSED, times: 5 });
    await waitFor(() => s.faults.remaining() === 0, 5_000, 'five refusals served');
    const id = s.script.holdNew(AGENT, { caller: '0770', called: '4001' });
    await waitFor(() => heldIds(c).includes(id), 5_000, 'events flow again');
    expect(statuses).not.toContain('signed-out');
    expect(c.state.status).toBe('signed-in');
    expect(c.stats.guidRefusals).toBe(5);
  });

  it('keeps a lone refusal quiet (routine around a rotation), and shows a run of them as reconnecting', async () => {
    const s = await sim();
    const c = client(s, { session: { guidRetryBaseMs: 20 } });
    const statuses: string[] = [];
    await c.signIn({ password: 'pw' });
    c.onSessionChange((st) => statuses.push(st.status));
    s.faults.add(REFUSED);
    await waitFor(() => s.faults.remaining() === 0, 3_000, 'one refusal');
    await new Promise((r) => setTimeout(r, 150));
    expect(statuses).toEqual([]);
    s.faults.add({ ...REFUSED, times: 3 });
    await waitFor(() => statuses.includes('signed-in'), 3_000, 'back after a run');
    expect(statuses[0]).toBe('reconnecting');
    // Polls may have missed events meanwhile: the list was stale, and is re-read.
    await waitFor(() => c.heldList().freshness === 'fresh', 3_000, 'list re-read');
  });

  it('retries with the newest Guid, paced 1×, 2×, 4× the base', async () => {
    const s = await sim();
    const c = client(s, { session: { guidRetryBaseMs: 100 } });
    await c.signIn({ password: 'pw' });
    s.script.rotateGuid(AGENT);
    await waitFor(() => c.stats.guidRotations >= 1, 3_000, 'rotation picked up');
    s.stats.reset();
    s.faults.add({ ...REFUSED, times: 3 });
    await waitFor(() => s.faults.remaining() === 0 && s.stats.count({ path: 'agentevent' }) >= 4, 5_000, 'refusals and a retry');
    const polls = s.stats.requests().filter((r) => r.path.startsWith('agentevent'));
    const gaps = polls.slice(1, 4).map((p, i) => p.receivedAt - polls[i]!.receivedAt);
    // Pauses of 100, 200, 400 ms after the 1st, 2nd and 3rd refusal (the poll itself adds a little).
    expect(gaps[0]).toBeGreaterThanOrEqual(95);
    expect(gaps[1]).toBeGreaterThanOrEqual(195);
    expect(gaps[2]).toBeGreaterThanOrEqual(395);
    expect(polls[3]!.guidPresented).toBe(s.currentGuid(AGENT));
  });

  it('counts the session lost only after six refusals in a row (five retries), with the gateway\'s code', async () => {
    const s = await sim();
    const c = client(s, { session: { guidRetryBaseMs: 10 } });
    await c.signIn({ password: 'pw' });
    s.stats.reset();
    s.faults.add({ ...REFUSED, times: Infinity });
    await waitFor(() => c.state.status === 'signed-out', 5_000, 'session lost');
    expect(c.state.code).toBe('000-003');
    expect(s.stats.count({ path: 'agentevent' })).toBe(6);
    const polls = s.stats.count({ path: 'agentevent' });
    await new Promise((r) => setTimeout(r, 200));
    expect(s.stats.count({ path: 'agentevent' })).toBe(polls);
  });

  it('also gives up when refusals have lasted longer than the time bound', async () => {
    const s = await sim();
    const c = client(s, { session: { guidRetryBaseMs: 150, maxGuidRefusals: 100, maxGuidRefusalMs: 400 } });
    await c.signIn({ password: 'pw' });
    s.stats.reset();
    const started = Date.now();
    s.faults.add({ ...REFUSED, times: Infinity });
    await waitFor(() => c.state.status === 'signed-out', 5_000, 'session lost');
    // 150 + 300 ms of pauses pass the 400 ms bound at the third refusal.
    expect(s.stats.count({ path: 'agentevent' })).toBe(3);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('000-003 on commands', () => {
  it('sends a refused resume once more (it was not executed) and succeeds', async () => {
    const s = await sim({ seed: { [AGENT]: [{ caller: '1', called: '2' }] } });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const [top] = heldIds(c);
    s.faults.add({ match: { path: 'gethold' }, kind: 'retcode', retcode: '000-003' });
    expect(await c.resumeTop()).toMatchObject({ ok: true, callid: top });
    expect(s.stats.count({ path: 'gethold' })).toBe(2);
    expect(s.script.calls(AGENT).find((x) => x.callid === top)?.state).toBe('talking');
  });

  it('retries only once: a second refusal is reported, with nothing else sent', async () => {
    const s = await sim({ seed: { [AGENT]: [{ caller: '1', called: '2' }] } });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    s.faults.add({ match: { path: 'gethold' }, kind: 'retcode', retcode: '000-003', times: 2 });
    expect(await c.resumeTop()).toMatchObject({ ok: false, code: '000-003' });
    expect(s.stats.count({ path: 'gethold' })).toBe(2);
  });

  it('reads the held list through one refused holdlist', async () => {
    const s = await sim({ seed: { [AGENT]: [{ caller: '1', called: '2' }] } });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    s.faults.add({ match: { path: 'holdlist' }, kind: 'retcode', retcode: '000-003' });
    expect(await c.refresh()).toHaveLength(1);
    expect(c.heldList().freshness).toBe('fresh');
    expect(s.stats.count({ path: 'holdlist' })).toBe(3);
  });
});
