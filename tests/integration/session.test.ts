import { afterEach, describe, expect, it } from 'vitest';
import { english } from '../../shared/i18n';
import type { GatewayEvent } from '../../electron/core/envelope';
import { AGENT, client, closeAll, heldIds, sim, simHeld, waitFor } from './helpers';

afterEach(closeAll);

describe('sign-in and Guid', () => {
  it('signs in with the documented body, then presents the Guid and cookie on every request', async () => {
    const s = await sim({ requireCookie: true });
    const c = client(s);
    await c.signIn({ password: 'pw', availability: 'busy' });
    expect(c.state.status).toBe('signed-in');
    expect(s.agentStatus(AGENT)).toBe(3);
    await c.refresh();
    const after = s.stats.requests().filter((r) => !r.path.startsWith('onlineagent'));
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => r.guidPresented === s.currentGuid(AGENT))).toBe(true);
  });

  it('signs in as idle by default', async () => {
    const s = await sim();
    await client(s).signIn({ password: 'pw' });
    expect(s.agentStatus(AGENT)).toBe(4);
  });

  it('follows Guid rotation on event polls and keeps working after old Guids expire', async () => {
    const s = await sim({ authMode: 'dynamic', guidIntervalMs: 150, guidExpiryMs: 300, pollWaitMs: 100 });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const first = s.currentGuid(AGENT);
    await waitFor(() => c.stats.guidRotations >= 3, 8_000, 'three rotations');
    expect(s.currentGuid(AGENT)).not.toBe(first);
    await new Promise((r) => setTimeout(r, 350));
    s.script.holdNew(AGENT, { caller: '0770', called: '4001' });
    await waitFor(() => c.heldCalls().length === 1, 3_000, 'hold seen');
    expect((await c.refresh()).length).toBe(1);
    expect(c.state.status).toBe('signed-in');
  });

  it('works with static authentication', async () => {
    const s = await sim({ authMode: 'static' });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    s.script.holdNew(AGENT, { caller: '1', called: '2' });
    await waitFor(() => c.heldCalls().length === 1);
    expect(c.stats.guidRotations).toBe(0);
  });

  it('reports a wrong password in the agent\'s words and stays signed out', async () => {
    const s = await sim({ passwords: { [AGENT]: 'right' } });
    const c = client(s);
    const error = await c.signIn({ password: 'wrong' }).catch((e: unknown) => e);
    // Error.message is English for the log; the agent reads agentMessage in their language.
    expect(error).toMatchObject({ code: '100-004', kind: 'credentials', message: 'Wrong agent id or password.', agentMessage: { id: 'gateway.100-004' } });
    expect(c.state).toMatchObject({ status: 'signed-out', code: '100-004', reason: { id: 'gateway.100-004' } });
  });

  it('force-signs-in on 100-002 only when asked', async () => {
    const s = await sim();
    await client(s).signIn({ password: 'pw' });
    const second = client(s);
    await expect(second.signIn({ password: 'pw' })).rejects.toMatchObject({ code: '100-002', kind: 'conflict' });
    expect(s.stats.count({ path: 'forcelogin' })).toBe(0);
    await second.signIn({ password: 'pw', force: true });
    expect(s.stats.count({ path: 'forcelogin' })).toBe(1);
    expect(second.state.status).toBe('signed-in');
  });

  it('serves a gateway behind a path prefix', async () => {
    const s = await sim({ pathPrefix: '/cc', seed: { [AGENT]: [{ caller: '1', called: '2' }] } });
    const c = client(s, { gateway: `${s.url}/agentgateway/resource` });
    await c.signIn({ password: 'pw' });
    expect(c.heldCalls()).toHaveLength(1);
  });

  it('signs out with DELETE logout and forgets the session', async () => {
    const s = await sim();
    const c = client(s);
    await c.signIn({ password: 'pw' });
    await c.signOut();
    expect(c.state).toMatchObject({ status: 'signed-out', reason: { id: 'client.SIGNED_OUT' } });
    expect(s.stats.count({ method: 'DELETE', path: 'logout' })).toBe(1);
    expect(s.agentStatus(AGENT)).toBeUndefined();
  });
});

describe('event loop', () => {
  it('delivers events in gateway order, one per poll, and builds the held list from them', async () => {
    const s = await sim();
    const c = client(s);
    const events: GatewayEvent[] = [];
    c.onEvent((e) => events.push(e));
    await c.signIn({ password: 'pw' });
    const ids = ['0701', '0702', '0703', '0704', '0705'].map((caller) => s.script.holdNew(AGENT, { caller, called: '4001' }));
    await waitFor(() => c.heldCalls().length === 5, 5_000, 'five holds');
    const holds = events.filter((e) => e.eventType === 'AgentEvent_Hold').map((e) => e.content);
    expect(holds).toEqual(ids);
    const talkingThenHold = events.filter((e) => e.eventType === 'AgentEvent_Talking' || e.eventType === 'AgentEvent_Hold').map((e) => e.eventType);
    expect(talkingThenHold).toEqual(Array.from({ length: 5 }, () => ['AgentEvent_Talking', 'AgentEvent_Hold']).flat());
    expect(heldIds(c)).toEqual(ids);
    expect(c.heldCalls()[0]!.caller).toBe('0701');
  });

  it('paces empty polls (no storm) and re-polls at once after an event', async () => {
    const s = await sim({ pollWaitMs: 50 });
    const c = client(s, { session: { emptyPollDelayMs: [200, 500] } });
    await c.signIn({ password: 'pw' });
    s.stats.reset();
    await new Promise((r) => setTimeout(r, 2_000));
    const polls = s.stats.count({ path: 'agentevent' });
    // Each empty cycle costs at least 50 ms of poll wait plus 200 ms of pause: at most 8 in 2 s.
    expect(polls).toBeGreaterThanOrEqual(3);
    expect(polls).toBeLessThanOrEqual(9);
  });

  it('removes a held call when the customer hangs up', async () => {
    const s = await sim({ seed: { [AGENT]: [{ caller: '1', called: '2' }, { caller: '3', called: '4' }] } });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const [first] = simHeld(s);
    s.script.customerHangsUp(AGENT, first!);
    await waitFor(() => c.heldCalls().length === 1, 3_000, 'release applied');
    expect(heldIds(c)).toEqual(simHeld(s));
  });

  it('understands phone-linkage hold events and numeric quirks', async () => {
    const s = await sim({ holdEvents: 'linkage', quirks: { numericRetcode: true, numericFields: true } });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const id = s.script.holdNew(AGENT, { caller: '5551234', called: '4001', callfeature: 7 });
    await waitFor(() => c.heldCalls().length === 1, 3_000, 'linkage hold');
    expect(heldIds(c)).toEqual([id]);
    expect(await c.resume(id)).toMatchObject({ ok: true });
    await waitFor(() => c.heldCalls().length === 0);
  });

  it('keeps session state observable through a gateway restart and re-reads the list afterwards', async () => {
    const s = await sim({ seed: { [AGENT]: [{ caller: '1', called: '2' }, { caller: '3', called: '4' }] } });
    const c = client(s);
    const statuses: string[] = [];
    c.onSessionChange((st) => statuses.push(st.status));
    await c.signIn({ password: 'pw' });
    const restarting = s.restart({ keepState: true, downMs: 400 });
    await waitFor(() => c.state.status === 'reconnecting', 3_000, 'reconnecting');
    // The reason says why; the panel and tray say "Reconnecting" themselves, so it must not repeat it.
    expect(c.state.reason).toBeDefined();
    expect(english.t(c.state.reason!)).not.toMatch(/reconnecting/i);
    // While the gateway is down a customer hangs up and no event will ever tell us.
    s.script.customerHangsUp(AGENT, simHeld(s)[0]!);
    const missed = s.script.holdNew(AGENT, { caller: '9', called: '9' });
    await restarting;
    await waitFor(() => c.state.status === 'signed-in', 8_000, 'signed in again');
    await waitFor(() => heldIds(c).join() === simHeld(s).join(), 5_000, 'list matches gateway');
    expect(heldIds(c)).toContain(missed);
    // The reason may be updated while reconnecting (reset, then refused): collapse repeats.
    expect(statuses.filter((st, i) => st !== statuses[i - 1])).toEqual(['signing-in', 'signed-in', 'reconnecting', 'signed-in']);
  });

  it('ends the session with a clear reason when a restarted gateway has forgotten it', async () => {
    const s = await sim();
    const c = client(s);
    await c.signIn({ password: 'pw' });
    await s.restart({ keepState: false, downMs: 100 });
    await waitFor(() => c.state.status === 'signed-out', 8_000, 'signed out');
    expect(c.state.code).toMatch(/100-006|000-003/);
    expect(c.state.reason?.id).toMatch(/^gateway\.(100-006|000-003)$/);
    expect(english.t(c.state.reason!)).toMatch(/sign in again/i);
  });

  it('ends the session when a supervisor forces the agent out', async () => {
    const s = await sim({ seed: { [AGENT]: [{ caller: '1', called: '2' }] } });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    expect(c.heldCalls()).toHaveLength(1);
    s.script.forceSignOut(AGENT);
    await waitFor(() => c.state.status === 'signed-out', 5_000, 'forced out');
    expect(c.state.code).toBe('100-006');
    expect(c.heldCalls()).toEqual([]);
    const polls = s.stats.count({ path: 'agentevent' });
    await new Promise((r) => setTimeout(r, 300));
    expect(s.stats.count({ path: 'agentevent' })).toBe(polls);
  });

  it.each(['105-005', '105-006', '105-007'])('ends the session on %s from the poll', async (retcode) => {
    const s = await sim();
    const c = client(s);
    await c.signIn({ password: 'pw' });
    s.faults.add({ match: { path: 'agentevent' }, kind: 'retcode', retcode });
    await waitFor(() => c.state.status === 'signed-out', 5_000, 'ended');
    expect(c.state.code).toBe(retcode);
  });

  it('rides out transient poll faults (5xx, malformed body, dropped connection, 100-007) without ending the session', async () => {
    const s = await sim();
    const c = client(s);
    const statuses: string[] = [];
    c.onSessionChange((st) => statuses.push(st.status));
    await c.signIn({ password: 'pw' });
    s.faults.add({ match: { path: 'agentevent' }, kind: 'http-error', status: 503 });
    s.faults.add({ match: { path: 'agentevent' }, kind: 'malformed' });
    s.faults.add({ match: { path: 'agentevent' }, kind: 'drop' });
    s.faults.add({ match: { path: 'agentevent' }, kind: 'retcode', retcode: '100-007' });
    await waitFor(() => s.faults.remaining() === 0, 5_000, 'faults consumed');
    await waitFor(() => c.state.status === 'signed-in', 5_000, 'recovered');
    expect(statuses).toContain('reconnecting');
    const id = s.script.holdNew(AGENT, { caller: '1', called: '2' });
    await waitFor(() => heldIds(c).includes(id), 3_000, 'events flow again');
  });

  it('gives up after the outage limit instead of retrying forever', async () => {
    const s = await sim();
    const c = client(s, { session: { maxOutageMs: 600, retryBaseMs: 50, retryCapMs: 100 } });
    await c.signIn({ password: 'pw' });
    s.faults.add({ match: { path: 'agentevent' }, kind: 'http-error', status: 503, times: Infinity });
    await waitFor(() => c.state.status === 'signed-out', 5_000, 'gave up');
    expect(c.state.code).toBe('OUTAGE');
    // Bounded: a 600 ms outage with >= 25 ms pauses cannot have taken more than ~30 polls.
    expect(s.stats.count({ path: 'agentevent' })).toBeLessThan(40);
  });
});
