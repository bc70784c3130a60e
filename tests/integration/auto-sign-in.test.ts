// Issue 7, item 3: when the gateway drops a running session, the client signs in again by itself
// (never forced), with bounded jittered backoff, visibly, and keeps the held list's hold times.
// The core against the simulator over real HTTPS; the app-service side is in app-resign-in.test.ts.
import { english } from '../../shared/i18n';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionState } from '../../shared/model';
import type { AgentClient, AgentClientOptions } from '../../electron/core/agent-client';
import type { Simulator } from '../../electron/simulator/index';
import { AGENT, client, closeAll, heldIds, sim, simHeld, waitFor } from './helpers';

afterEach(closeAll);

const SEED = { [AGENT]: [{ caller: '0701', called: '1' }, { caller: '0702', called: '2' }] };
const QUICK: AgentClientOptions = { autoSignIn: { baseMs: 100, capMs: 400 } };

function resigning(s: Simulator, options: AgentClientOptions = {}, password = 'pw'): { c: AgentClient; states: SessionState[] } {
  const c = client(s, { ...QUICK, ...options });
  c.setAutoSignIn({ enabled: () => true, password: () => password });
  const states: SessionState[] = [];
  c.onSessionChange((st) => states.push(st));
  return { c, states };
}

const signIns = (s: Simulator): number => s.stats.count({ method: 'PUT', path: 'onlineagent' });

describe('signing in again by itself', () => {
  it('after a supervisor signs the agent out: visible attempts, never forced, hold times kept, list re-read', async () => {
    const s = await sim({ seed: SEED });
    const { c, states } = resigning(s);
    await c.signIn({ password: 'pw', availability: 'busy' });
    const before = c.heldCalls().map((h) => [h.callid, h.heldSince]);
    s.stats.reset();
    s.script.forceSignOut(AGENT);
    await waitFor(() => c.state.status === 'reconnecting', 3_000, 'reconnecting');
    expect(c.state).toMatchObject({ code: 'RESIGNING_IN', attempt: 1 });
    expect(c.state.retryAt).toBeGreaterThan(Date.now() - 50);
    // The last known calls stay on show, marked stale: never emptied, never claimed current.
    expect(c.heldList()).toMatchObject({ freshness: 'stale' });
    expect(c.heldCalls()).toHaveLength(2);
    await waitFor(() => c.state.status === 'signed-in', 5_000, 'signed in again');
    await waitFor(() => c.heldList().freshness === 'fresh', 3_000, 'list re-read');
    expect(c.heldCalls().map((h) => [h.callid, h.heldSince])).toEqual(before);
    expect(s.stats.count({ path: 'forcelogin' })).toBe(0);
    expect(signIns(s)).toBe(1);
    expect(s.agentStatus(AGENT)).toBe(3); // the same availability as the agent's own sign-in
    expect(s.stats.requests().findIndex((r) => r.path.endsWith('holdlist'))).toBeGreaterThan(0);
    expect(c.stats).toMatchObject({ sessionsLost: 1, reSignIns: 1 });
    expect(states.some((st) => st.status === 'signed-out')).toBe(false);
    expect(states.map((st) => st.status).filter((st, i, a) => st !== a[i - 1])).toEqual(['signing-in', 'signed-in', 'reconnecting', 'signed-in']);
  });

  it('after a gateway restart that forgot every session, and the list then matches the gateway', async () => {
    const s = await sim({ seed: SEED });
    const { c } = resigning(s);
    await c.signIn({ password: 'pw' });
    const restarted = s.restart({ keepState: false, downMs: 500 });
    const missed = s.script.holdNew(AGENT, { caller: '0999', called: '9' });
    await restarted;
    await waitFor(() => c.stats.reSignIns === 1 && c.heldList().freshness === 'fresh', 10_000, 'back');
    expect(heldIds(c)).toEqual(simHeld(s));
    expect(heldIds(c)).toContain(missed);
  });

  it('backs off, jittered and growing, while the gateway refuses for now, then gets back in', async () => {
    const s = await sim({ seed: SEED });
    const { c, states } = resigning(s, { autoSignIn: { baseMs: 100, capMs: 800 } });
    await c.signIn({ password: 'pw' });
    s.faults.add({ match: { method: 'PUT', path: 'onlineagent' }, kind: 'http-error', status: 503, times: 3 });
    s.stats.reset();
    s.script.forceSignOut(AGENT);
    await waitFor(() => c.state.status === 'reconnecting', 3_000, 'reconnecting');
    await waitFor(() => c.state.status === 'signed-in', 10_000, 'back');
    expect(states.filter((st) => st.retryAt !== undefined).map((st) => st.attempt)).toEqual([1, 2, 3, 4]);
    const putTimes = s.stats.requests().filter((r) => r.method === 'PUT').map((r) => r.receivedAt);
    expect(putTimes).toHaveLength(4);
    // Equal jitter: attempt n waits between half and all of min(cap, base × 2^(n-1)).
    const gaps = putTimes.slice(1).map((t, i) => t - putTimes[i]!);
    [200, 400, 800].forEach((full, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(full / 2 - 10);
      expect(gaps[i]).toBeLessThan(full + 300);
    });
  });

  it('stops and asks on 100-002: another client holds the session, and taking it over is the agent\'s call', async () => {
    const s = await sim({ seed: SEED });
    const { c } = resigning(s);
    await c.signIn({ password: 'pw' });
    s.script.forceSignOut(AGENT);
    const other = client(s);
    await other.signIn({ password: 'pw' });
    await waitFor(() => c.state.status === 'signed-out', 5_000, 'stopped');
    expect(c.state.code).toBe('100-002');
    expect(english.t(c.state.reason!)).toMatch(/signed in somewhere else/);
    expect(s.stats.count({ path: 'forcelogin' })).toBe(0);
    expect(other.state.status).toBe('signed-in');
    expect(c.heldList().freshness).toBe('unknown');
    const attempts = signIns(s);
    await new Promise((r) => setTimeout(r, 600));
    expect(signIns(s)).toBe(attempts);
  });

  it('stops at once on a credential error', async () => {
    const s = await sim({ seed: SEED });
    const { c } = resigning(s);
    await c.signIn({ password: 'pw' });
    s.faults.add({ match: { method: 'PUT', path: 'onlineagent' }, kind: 'retcode', retcode: '100-004', times: Infinity });
    s.stats.reset();
    s.script.forceSignOut(AGENT);
    await waitFor(() => c.state.status === 'signed-out', 5_000, 'stopped');
    expect(c.state).toMatchObject({ code: '100-004', reason: { id: 'gateway.100-004' } });
    await new Promise((r) => setTimeout(r, 600));
    expect(signIns(s)).toBe(1);
  });

  it('gives up after its maximum number of attempts, saying so', async () => {
    const s = await sim({ seed: SEED });
    const { c } = resigning(s, { autoSignIn: { baseMs: 20, capMs: 40, maxAttempts: 3 } });
    await c.signIn({ password: 'pw' });
    s.faults.add({ match: { method: 'PUT', path: 'onlineagent' }, kind: 'http-error', status: 503, times: Infinity });
    s.stats.reset();
    s.script.forceSignOut(AGENT);
    await waitFor(() => c.state.status === 'signed-out', 5_000, 'gave up');
    expect(english.t(c.state.reason!)).toMatch(/^Could not sign in again after 3 attempts\./);
    // Each attempt is one sign-in; the transport may repeat one that was never sent, never one that was.
    expect(signIns(s)).toBe(3);
    await new Promise((r) => setTimeout(r, 300));
    expect(signIns(s)).toBe(3);
  });

  it('does nothing by itself when off, or without a password to use', async () => {
    for (const source of [{ enabled: () => false, password: () => 'pw' }, { enabled: () => true, password: () => undefined }]) {
      const s = await sim({ seed: SEED });
      const c = client(s, QUICK);
      c.setAutoSignIn(source);
      await c.signIn({ password: 'pw' });
      s.script.forceSignOut(AGENT);
      await waitFor(() => c.state.status === 'signed-out', 3_000, 'ended');
      expect(c.state.code).toBe('100-006');
      expect(c.heldList()).toEqual({ calls: [], freshness: 'unknown' });
      await new Promise((r) => setTimeout(r, 400));
      expect(signIns(s)).toBe(1);
    }
  });

  it('stops when the agent signs out meanwhile, and an own sign-in takes over from it', async () => {
    const s = await sim({ seed: SEED });
    const { c } = resigning(s, { autoSignIn: { baseMs: 400, capMs: 800 } });
    await c.signIn({ password: 'pw' });
    s.script.forceSignOut(AGENT);
    await waitFor(() => c.state.status === 'reconnecting', 3_000, 'reconnecting');
    await c.signOut();
    expect(c.state).toMatchObject({ status: 'signed-out', reason: { id: 'client.SIGNED_OUT' } });
    expect(c.heldList().freshness).toBe('unknown');
    await new Promise((r) => setTimeout(r, 900));
    expect(signIns(s)).toBe(1);

    await c.signIn({ password: 'pw' });
    s.script.forceSignOut(AGENT);
    await waitFor(() => c.state.status === 'reconnecting', 3_000, 'reconnecting again');
    await c.signIn({ password: 'pw' });
    expect(c.state.status).toBe('signed-in');
    await new Promise((r) => setTimeout(r, 900));
    expect(signIns(s)).toBe(3);
  });

  it('never sends the password to a gateway whose certificate it does not trust, however often it tries', async () => {
    const s = await sim({ seed: SEED });
    const { c } = resigning(s, { session: { maxOutageMs: 400 } });
    await c.signIn({ password: 'pw' });
    // Same address, a certificate from another CA: the poll's handshake fails verification, which
    // ends the session as a TLS failure (a changed certificate needs a person), so signing in again
    // by itself never starts, and not a byte reaches the impostor.
    const other = await sim();
    await s.close();
    const impostor = await sim({ port: s.port, tls: { key: other.keyPem, cert: other.certPem, caPem: other.caPem } });
    await waitFor(() => c.state.status === 'signed-out', 5_000, 'session ended by TLS');
    expect(c.state.reason?.id).toBe('kind.tls');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(c.state.status).toBe('signed-out');
    expect(c.state.attempt).toBeUndefined();
    expect(impostor.stats.requests()).toEqual([]);
  }, 20_000);
});
