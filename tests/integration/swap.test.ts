// Hold, end and swap against the simulator over HTTPS. The order of requests is asserted on the
// simulator's own request log: a gethold must never reach the gateway before the hold succeeded.
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentClient } from '../../electron/core/agent-client';
import type { Simulator } from '../../electron/simulator/index';
import { english } from '../../shared/i18n';
import { AGENT, client, closeAll, heldIds, sim, waitFor } from './helpers';

afterEach(closeAll);

const HOLD = `voicecall/${AGENT}/hold`;
const RELEASE = `voicecall/${AGENT}/release`;
const actions = (s: Simulator): string[] =>
  s.stats
    .requests()
    .filter((r) => r.path.startsWith('voicecall/'))
    .map((r) => `${r.method} ${r.path.slice(`voicecall/${AGENT}/`.length)}${r.query ? `?${r.query}` : ''}`);
const state = (s: Simulator): Record<string, string> => Object.fromEntries(s.script.calls(AGENT).map((c) => [c.callid, c.state]));

/** Signed in with one held call (h) and a current call (t) the client knows about. */
async function talkingWithOneHeld(): Promise<{ s: Simulator; c: AgentClient }> {
  const s = await sim({ seed: { [AGENT]: [{ callid: 'h', caller: '07700900123', called: '4001' }] } });
  const c = client(s);
  await c.signIn({ password: 'pw' });
  s.script.talk(AGENT, { callid: 't', caller: '40038', called: '2125550147', callfeature: 7 });
  await waitFor(() => c.currentCall()?.callid === 't', 3_000, 'the current call');
  s.stats.reset();
  return { s, c };
}

describe('swap: Resume while talking holds the current call first', () => {
  it('sends hold, then gethold only after the hold succeeded; both rows update', async () => {
    const { s, c } = await talkingWithOneHeld();
    s.faults.add({ match: { path: HOLD }, kind: 'latency', ms: 150 });
    const result = await c.resume('h');
    expect(result).toMatchObject({ ok: true, action: 'resume', callid: 'h' });
    expect(english.t(result.message)).toBe('2125550147 is on hold; you are talking to 07700900123 again.');
    expect(actions(s)).toEqual(['POST hold', 'POST gethold?callid=h']);
    const [hold, gethold] = s.stats.requests().filter((r) => r.path.startsWith('voicecall/'));
    expect(gethold!.receivedAt).toBeGreaterThanOrEqual(hold!.receivedAt + 150); // sent after the (slow) hold answered
    expect(state(s)).toEqual({ h: 'talking', t: 'held' });
    await waitFor(() => c.currentCall()?.callid === 'h' && heldIds(c).join() === 't', 3_000, 'rows updated');
    expect(c.heldCalls()[0]).toMatchObject({ callid: 't', customer: '2125550147', direction: 'outbound', heldSinceExact: true });
  });

  it('a refused hold sends nothing more and says why', async () => {
    const { s, c } = await talkingWithOneHeld();
    s.faults.add({ match: { path: HOLD }, kind: 'retcode', retcode: '200-014' });
    const result = await c.resume('h');
    expect(result).toMatchObject({ ok: false, action: 'resume', callid: 'h', code: '200-014', kind: 'call-state' });
    expect(english.t(result.message)).toBe(
      "Could not put 2125550147 on hold, so nothing else was done and 07700900123 is still on hold. The call's current state does not allow this.",
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(actions(s)).toEqual(['POST hold']);
    expect(state(s)).toEqual({ h: 'held', t: 'talking' });
    expect(c.currentCall()?.callid).toBe('t');
  });

  it('a hold answered "no call to hold" (200-013) means nothing is current: the gethold follows, a plain resume', async () => {
    const { s, c } = await talkingWithOneHeld();
    // The current call ends on the gateway; the client presses Resume before its events arrive
    // (both in one tick: the release event cannot have been read yet).
    s.script.release(AGENT, 't');
    const result = await c.resume('h');
    expect(s.stats.requests().find((r) => r.path === HOLD)).toBeDefined();
    expect(result).toMatchObject({ ok: true, action: 'resume', callid: 'h', message: { id: 'result.resumed' } });
    expect(actions(s)).toEqual(['POST hold', 'POST gethold?callid=h']);
  });

  it('a gethold refused after a successful hold leaves both held and says so plainly', async () => {
    const { s, c } = await talkingWithOneHeld();
    s.faults.add({ match: { path: 'gethold' }, kind: 'retcode', retcode: '200-016' });
    const result = await c.resume('h');
    expect(result).toMatchObject({ ok: false, action: 'resume', callid: 'h', code: 'SWAP_BOTH_HELD', cause: '200-016', kind: 'call-state' });
    expect(english.t(result.message)).toBe(
      '2125550147 is on hold, but 07700900123 could not be resumed: both calls are on hold now. The call cannot be resumed now: hold or end your current call first.',
    );
    expect(actions(s)).toEqual(['POST hold', 'POST gethold?callid=h']);
    expect(state(s)).toEqual({ h: 'held', t: 'held' });
    await waitFor(() => heldIds(c).sort().join() === 'h,t' && c.currentCall() === null, 3_000, 'both held in the client');
  });

  it('a double press during a swap gives exactly one hold and one gethold', async () => {
    const { s, c } = await talkingWithOneHeld();
    s.faults.add({ match: { path: HOLD }, kind: 'latency', ms: 200 });
    s.faults.add({ match: { path: 'gethold' }, kind: 'latency', ms: 200 });
    const first = c.resume('h');
    const presses = [c.resume('h'), c.resumeTop(), c.swapBack(), c.hold()];
    // And again while the gethold is on its way.
    await waitFor(() => s.stats.count({ path: 'gethold' }) === 1, 3_000, 'gethold sent');
    presses.push(c.resume('h'), c.resumeTop());
    const results = await Promise.all([first, ...presses]);
    expect(new Set(results.map((r) => r.ok && r.callid)).size).toBe(1);
    expect(results.every((r) => r === results[0])).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(actions(s)).toEqual(['POST hold', 'POST gethold?callid=h']);
  });

  it('swap back resumes the call held most recently, holding the current one', async () => {
    const { s, c } = await talkingWithOneHeld();
    expect((await c.resume('h')).ok).toBe(true);
    await waitFor(() => c.currentCall()?.callid === 'h' && heldIds(c).join() === 't', 3_000, 'swapped');
    s.stats.reset();
    expect(await c.swapBack()).toMatchObject({ ok: true, callid: 't' });
    expect(actions(s)).toEqual(['POST hold', 'POST gethold?callid=t']);
    expect(state(s)).toEqual({ h: 'held', t: 'talking' });
  });

  it('with the setting "refuses", Resume while talking sends nothing and says why', async () => {
    const { s, c } = await talkingWithOneHeld();
    const result = await c.resume('h', { whileTalking: 'refuse' });
    expect(result).toMatchObject({ ok: false, code: 'ON_A_CALL', kind: 'call-state' });
    expect(english.t(result.message)).toBe('You are on a call with 2125550147. Hold or end it first (Resume is set not to swap calls).');
    expect(actions(s)).toEqual([]);
  });
});

describe('hold and end', () => {
  it('hold puts the current call on hold and moves it to the held list', async () => {
    const { s, c } = await talkingWithOneHeld();
    const result = await c.hold();
    expect(result).toMatchObject({ ok: true, action: 'hold', callid: 't' });
    expect(english.t(result.message)).toBe('On hold: 2125550147.');
    expect(actions(s)).toEqual(['POST hold']);
    expect(c.currentCall()).toBeNull();
    expect(heldIds(c)).toContain('t');
    // Nothing current any more: the gateway's 200-013, a "no call" the CLI exits 1 on.
    expect(await c.hold()).toMatchObject({ ok: false, code: '200-013', kind: 'no-call' });
  });

  it('end releases the current call, asks nothing of held calls, and counts 200-017 as done', async () => {
    const { s, c } = await talkingWithOneHeld();
    const result = await c.end();
    expect(result).toMatchObject({ ok: true, action: 'end', callid: 't' });
    expect(english.t(result.message)).toBe('Ended your call with 2125550147.');
    expect(actions(s)).toEqual(['DELETE release']);
    expect(state(s)).toEqual({ h: 'held' });
    expect(c.currentCall()).toBeNull();
    // With no current call, nothing is sent.
    expect(await c.end()).toMatchObject({ ok: false, code: 'NO_CURRENT_CALL', kind: 'no-call' });
    expect(actions(s)).toEqual(['DELETE release']);
    // The gateway saying "no call" to a release is as good as done.
    s.script.talk(AGENT, { callid: 't2', caller: '0161', called: '4001' });
    await waitFor(() => c.currentCall()?.callid === 't2', 3_000, 'a new current call');
    s.faults.add({ match: { path: RELEASE }, kind: 'retcode', retcode: '200-017' });
    expect(await c.end()).toMatchObject({ ok: true, action: 'end', callid: 't2' });
  });

  it('a lost answer to a release is checked with callinfo, never sent twice', async () => {
    const { s, c } = await talkingWithOneHeld();
    s.faults.add({ match: { path: RELEASE }, kind: 'drop', afterHandling: true });
    expect(await c.end()).toMatchObject({ ok: true, action: 'end', callid: 't' });
    expect(actions(s)).toEqual(['DELETE release']);
    expect(s.stats.count({ path: 'callinfo' })).toBeGreaterThanOrEqual(1);
  });
});
