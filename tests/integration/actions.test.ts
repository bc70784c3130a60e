import { afterEach, describe, expect, it } from 'vitest';
import { english } from '../../shared/i18n';
import { AGENT, client, closeAll, heldIds, sim, simHeld, waitFor } from './helpers';

afterEach(closeAll);

const SEED = { [AGENT]: [{ caller: '07700900123', called: '4001', callskill: 'Billing' }, { caller: '0161', called: '4002' }, { caller: '0207', called: '4003' }] };

const talking = (s: Awaited<ReturnType<typeof sim>>): string[] => s.script.calls(AGENT).filter((c) => c.state === 'talking').map((c) => c.callid);

describe('resume and connect', () => {
  it('resumes the top call with gethold and drops it from the list', async () => {
    const s = await sim({ seed: SEED });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const top = c.heldCalls()[0]!;
    expect(top.caller).toBe('07700900123');
    const result = await c.resumeTop();
    expect(result).toEqual({ ok: true, action: 'resume', callid: top.callid, message: { id: 'result.resumed', params: { who: '07700900123' } } });
    expect(english.t(result.message)).toBe('Resumed: you are talking to 07700900123 again.');
    expect(s.stats.requests().find((r) => r.path.includes('gethold'))!.query).toBe(`callid=${top.callid}`);
    expect(talking(s)).toEqual([top.callid]);
    expect(heldIds(c)).not.toContain(top.callid);
    await waitFor(() => heldIds(c).join() === simHeld(s).join(), 3_000, 'reconciled');
  });

  it('reports nothing to resume when nothing is held, without a request', async () => {
    const s = await sim();
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const result = await c.resumeTop();
    expect(result).toMatchObject({ ok: false, kind: 'nothing-held', message: { id: 'client.NOTHING_HELD' } });
    expect(english.t(result.message)).toBe('No call is on hold.');
    expect(s.stats.count({ path: 'gethold' })).toBe(0);
  });

  it('connects with connecthold: the current call and the held call leave the agent', async () => {
    const s = await sim({ seed: SEED });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const current = s.script.talk(AGENT, { caller: '0999', called: '4001' });
    const target = c.heldCalls()[1]!.callid;
    const result = await c.connect(target);
    expect(result).toMatchObject({ ok: true, action: 'connect', callid: target });
    expect(result.message.id).toBe('result.connected');
    expect(english.t(result.message)).toMatch(/You have left the call/);
    expect(s.stats.requests().some((r) => r.path.endsWith(`connecthold/${target}`))).toBe(true);
    expect(s.stats.count({ path: 'gethold' })).toBe(0);
    const remaining = s.script.calls(AGENT).map((x) => x.callid);
    expect(remaining).not.toContain(target);
    expect(remaining).not.toContain(current);
    await waitFor(() => !heldIds(c).includes(target));
  });

  it('shows the catalogue message when the gateway refuses', async () => {
    const s = await sim({ seed: SEED });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    s.script.talk(AGENT, { caller: '0999', called: '4001' });
    const top = c.heldCalls()[0]!.callid;
    expect(await c.resume(top)).toEqual({
      ok: false,
      action: 'resume',
      callid: top,
      code: '200-016',
      kind: 'call-state',
      message: { id: 'gateway.200-016' },
    });
    expect(english.t({ id: 'gateway.200-016' })).toBe('The call cannot be resumed now: hold or end your current call first.');
    expect(heldIds(c)).toContain(top);
    s.faults.add({ match: { path: 'connecthold' }, kind: 'retcode', retcode: '200-005' });
    const refused = await c.connect(top);
    expect(refused).toMatchObject({ ok: false, code: '200-005', message: { id: 'gateway.200-005' } });
    expect(english.t(refused.message)).toMatch(/current call/);
  });

  it('drops a call the gateway says is no longer held', async () => {
    const s = await sim({ seed: SEED });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const top = c.heldCalls()[0]!.callid;
    s.faults.add({ match: { path: 'gethold' }, kind: 'retcode', retcode: '200-015' });
    const result = await c.resume(top);
    expect(result).toMatchObject({ ok: false, kind: 'no-call', message: { id: 'gateway.200-015' } });
    expect(english.t(result.message)).toBe('That call is no longer on hold.');
    expect(heldIds(c)).not.toContain(top);
  });

  it('sends one gethold however often the same resume is asked for while it is in flight', async () => {
    const s = await sim({ seed: SEED });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    s.faults.add({ match: { path: 'gethold' }, kind: 'latency', ms: 300 });
    const top = c.heldCalls()[0]!.callid;
    const results = await Promise.all([c.resumeTop(), c.resumeTop(), c.resume(top), c.connect(top)]);
    expect(s.stats.count({ path: 'gethold' })).toBe(1);
    expect(s.stats.count({ path: 'connecthold' })).toBe(0);
    // The second resume-top is a repeat press: it does nothing at all (see the auto-repeat tests).
    expect(results[1]).toMatchObject({ ok: false, code: 'REPEAT_IGNORED' });
    expect(new Set([results[0], results[2], results[3]].map((r) => JSON.stringify(r))).size).toBe(1);
    expect(results[0]).toMatchObject({ ok: true, callid: top });
  });

  it('does not send a second resume when the answer to the first was lost after it took effect', async () => {
    const s = await sim({ seed: SEED });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const top = c.heldCalls()[0]!.callid;
    s.faults.add({ match: { path: 'gethold' }, kind: 'drop', afterHandling: true });
    expect(await c.resume(top)).toMatchObject({ ok: true, callid: top });
    expect(s.stats.count({ path: 'gethold' })).toBe(1);
    expect(talking(s)).toEqual([top]);
  });

  it('resends a resume that was dropped before it took effect, once', async () => {
    const s = await sim({ seed: SEED });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const top = c.heldCalls()[0]!.callid;
    s.faults.add({ match: { path: 'gethold' }, kind: 'drop' });
    expect(await c.resume(top)).toMatchObject({ ok: true, callid: top });
    expect(s.stats.count({ path: 'gethold' })).toBe(2);
    expect(talking(s)).toEqual([top]);
  });

  it('retries a resume after HTTP 503 only once it knows the call is still held', async () => {
    const s = await sim({ seed: SEED });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const top = c.heldCalls()[0]!.callid;
    s.faults.add({ match: { path: 'gethold' }, kind: 'http-error', status: 503, times: 2 });
    const result = await c.resume(top);
    expect(result).toMatchObject({ ok: false, kind: 'transport', code: 'HTTP_503' });
    expect(s.stats.count({ path: 'gethold' })).toBe(2);
    expect(heldIds(c)).toContain(top);
  });

  it('waits out latency and reports a malformed answer as such', async () => {
    const s = await sim({ seed: SEED });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const top = c.heldCalls()[0]!.callid;
    s.faults.add({ match: { path: 'gethold' }, kind: 'malformed', body: '{"retcode":' });
    expect(await c.resume(top)).toMatchObject({ ok: false, kind: 'malformed' });
    s.faults.add({ match: { path: 'gethold' }, kind: 'latency', ms: 250 });
    const started = Date.now();
    expect(await c.resume(top)).toMatchObject({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('refuses a malformed call id before anything is sent', async () => {
    const s = await sim({ seed: SEED });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const commands = (): number => s.stats.requests().filter((r) => !r.path.startsWith('agentevent')).length;
    const before = commands();
    for (const bad of ['', '../logout', 'a b', 'x'.repeat(65), '1?callid=2']) {
      expect(await c.resume(bad)).toMatchObject({ ok: false, kind: 'input' });
      expect(await c.connect(bad)).toMatchObject({ ok: false, kind: 'input' });
    }
    expect(commands()).toBe(before);
  });

  it('never makes a resume wait behind a pending long poll', async () => {
    const s = await sim({ seed: SEED, pollWaitMs: 10_000 });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    await s.waitForPendingPoll(AGENT, 3_000);
    const started = performance.now();
    expect(await c.resumeTop()).toMatchObject({ ok: true });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(s.hasPendingPoll(AGENT) || s.stats.count({ path: 'agentevent' }) >= 2).toBe(true);
  });
});

describe('held list reconciliation', () => {
  it('treats 400-003 as an empty list and retries a 5xx holdlist within bounds', async () => {
    const s = await sim();
    const c = client(s);
    await c.signIn({ password: 'pw' });
    expect(await c.refresh()).toEqual([]);
    s.script.holdNew(AGENT, { caller: '1', called: '2' });
    s.faults.add({ match: { path: 'holdlist' }, kind: 'http-error', status: 503 });
    await waitFor(() => c.heldCalls().length === 1);
    s.stats.reset();
    expect(await c.refresh()).toHaveLength(1);
    expect(s.stats.count({ path: 'holdlist' })).toBeGreaterThanOrEqual(1);
    s.faults.add({ match: { path: 'holdlist' }, kind: 'http-error', status: 503, times: Infinity });
    await expect(c.refresh()).rejects.toMatchObject({ kind: 'transport' });
    expect(s.stats.count({ path: 'holdlist' })).toBeLessThanOrEqual(5);
    s.faults.clear();
    s.faults.add({ match: { path: 'holdlist' }, kind: 'malformed' });
    await expect(c.refresh()).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('coalesces a burst of hold events into few holdlist queries', async () => {
    const s = await sim();
    const c = client(s);
    await c.signIn({ password: 'pw' });
    s.stats.reset();
    for (let i = 0; i < 10; i += 1) s.script.holdNew(AGENT, { caller: `07${i}`, called: '4001' });
    await waitFor(() => c.heldCalls().length === 10, 5_000, 'ten holds');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(s.stats.count({ path: 'holdlist' })).toBeLessThanOrEqual(3);
    expect(heldIds(c)).toEqual(simHeld(s));
  });
});
