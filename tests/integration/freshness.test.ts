// Issue 7, items 1 and 7: the held list says how far it can be trusted (fresh, stale, unknown),
// a failed read is retried until it succeeds, the list learnt from events is bounded, and call
// ids are validated when parsed. The core against the simulator over real HTTPS.
import { english } from '../../shared/i18n';
import { afterEach, describe, expect, it } from 'vitest';
import type { HeldList } from '../../shared/model';
import { MAX_EVENT_ENTRIES } from '../../electron/core/held-calls';
import { AGENT, client, closeAll, heldIds, sim, simHeld, waitFor } from './helpers';

afterEach(closeAll);

const SEED = { [AGENT]: [{ caller: '0701', called: '1' }, { caller: '0702', called: '2' }] };
const FAIL_HOLDLIST = { match: { path: 'holdlist' }, kind: 'http-error', status: 503 } as const;
const QUICK_RETRY = { reconciler: { retryBaseMs: 50, retryCapMs: 200 } };

describe('held list freshness', () => {
  it('is unknown before the first read and when the first read fails, never an empty list shown as fact', async () => {
    const s = await sim({ seed: SEED });
    const c = client(s, { reconciler: { retryBaseMs: 60_000 } });
    expect(c.heldList()).toEqual({ calls: [], freshness: 'unknown' });
    // All three attempts of the first read fail: the sign-in stands, the failure is not swallowed.
    s.faults.add({ ...FAIL_HOLDLIST, times: 3 });
    await c.signIn({ password: 'pw' });
    expect(c.state.status).toBe('signed-in');
    expect(c.heldList().freshness).toBe('unknown');
    expect(c.heldList().readAt).toBeUndefined();
    expect(c.listReadError).toMatchObject({ code: 'HTTP_503' });
    await c.refresh();
    expect(c.heldList()).toMatchObject({ freshness: 'fresh', calls: [{ caller: '0701' }, { caller: '0702' }] });
    expect(c.listReadError).toBeUndefined();
  });

  it('goes stale, keeping the last known calls and when they were read, when a read fails', async () => {
    const s = await sim({ seed: SEED });
    const c = client(s, { reconciler: { retryBaseMs: 60_000 } });
    await c.signIn({ password: 'pw' });
    const before = c.heldList();
    expect(before.freshness).toBe('fresh');
    s.faults.add({ ...FAIL_HOLDLIST, times: 3 });
    await expect(c.refresh()).rejects.toMatchObject({ code: 'HTTP_503' });
    expect(c.heldList()).toMatchObject({ freshness: 'stale', readAt: before.readAt, calls: before.calls });
  });

  it('goes stale while the session reconnects and fresh again once the list is re-read', async () => {
    const s = await sim({ seed: SEED });
    const c = client(s);
    const seen: HeldList['freshness'][] = [];
    c.onHeldListChange((list) => seen.push(list.freshness));
    await c.signIn({ password: 'pw' });
    const restarting = s.restart({ keepState: true, downMs: 300 });
    await waitFor(() => c.state.status === 'reconnecting', 3_000, 'reconnecting');
    expect(c.heldList()).toMatchObject({ freshness: 'stale', calls: [{ caller: '0701' }, { caller: '0702' }] });
    await restarting;
    await waitFor(() => c.heldList().freshness === 'fresh', 8_000, 'fresh again');
    expect(seen.filter((f, i) => f !== seen[i - 1])).toEqual(['fresh', 'stale', 'fresh']);
  });

  it('keeps re-reading after a reconnect until a read succeeds (not three tries in 0.4 s)', async () => {
    const s = await sim({ seed: SEED });
    const c = client(s, QUICK_RETRY);
    await c.signIn({ password: 'pw' });
    const restarting = s.restart({ keepState: true, downMs: 300 });
    await waitFor(() => c.state.status === 'reconnecting', 3_000, 'reconnecting');
    // While the gateway is down a call is held and nothing will tell us by event.
    const missed = s.script.holdNew(AGENT, { caller: '0999', called: '9' });
    s.faults.add({ ...FAIL_HOLDLIST, times: 8 });
    await restarting;
    s.stats.reset();
    await waitFor(() => c.heldList().freshness === 'fresh', 10_000, 'read at last');
    expect(s.stats.count({ path: 'holdlist' })).toBe(9);
    expect(heldIds(c)).toEqual(simHeld(s));
    expect(heldIds(c)).toContain(missed);
  });

  it('resume-top on a list that is not fresh reads the gateway first, and resumes nothing if it cannot', async () => {
    const s = await sim({ seed: SEED });
    const c = client(s, { reconciler: { retryBaseMs: 60_000 } });
    await c.signIn({ password: 'pw' });
    s.faults.add({ ...FAIL_HOLDLIST, times: 3 });
    await c.refresh().catch(() => undefined);
    expect(c.heldList().freshness).toBe('stale');

    s.faults.add({ ...FAIL_HOLDLIST, times: 3 });
    const refused = await c.resumeTop();
    expect(refused).toMatchObject({ ok: false, code: 'LIST_NOT_READ' });
    expect(english.t(refused.message)).toMatch(/could not be read, so no call was resumed or connected/);
    expect(s.stats.count({ path: 'gethold' })).toBe(0);

    await new Promise((r) => setTimeout(r, 1_100)); // past the repeat window of the refused press
    s.stats.reset();
    const top = simHeld(s)[0];
    expect(await c.resumeTop()).toMatchObject({ ok: true, callid: top });
    expect(s.stats.requests().map((r) => r.path.split('/')[0] + '/' + r.path.split('/').pop()).filter((p) => !p.startsWith('agentevent'))).toEqual([
      'calldata/holdlist',
      'voicecall/gethold',
    ]);
  });

  it('resume-top on a fresh list sends gethold without reading first', async () => {
    const s = await sim({ seed: SEED });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    s.stats.reset();
    expect(await c.resumeTop()).toMatchObject({ ok: true });
    expect(s.stats.requests().find((r) => !r.path.startsWith('agentevent'))!.path).toMatch(/gethold$/);
  });
});

describe('bounds and validation', () => {
  it(`never holds more than ${MAX_EVENT_ENTRIES} calls learnt from events: beyond, the list goes stale and is re-read`, async () => {
    const s = await sim({ seed: { [AGENT]: [{ callid: 'real-1', caller: '0701', called: '1' }] } });
    const c = client(s, QUICK_RETRY);
    await c.signIn({ password: 'pw' });
    let largest = 0;
    let staleSeen = false;
    c.onHeldListChange((list) => {
      largest = Math.max(largest, list.calls.length);
      if (list.freshness === 'stale') staleSeen = true;
    });
    const flood = MAX_EVENT_ENTRIES + 200;
    for (let i = 0; i < flood; i += 1) s.script.emit(AGENT, 'AgentEvent_Hold', `flood-${i}`);
    await waitFor(() => c.stats.polls > flood && c.heldList().freshness === 'fresh', 20_000, 'flood over and re-read');
    expect(largest).toBe(MAX_EVENT_ENTRIES);
    expect(staleSeen).toBe(true);
    // The gateway never held the flood: the re-read puts the list right.
    await waitFor(() => heldIds(c).join() === simHeld(s).join(), 5_000, 'list matches gateway');
    expect(heldIds(c)).toEqual(['real-1']);
  }, 30_000);

  it('drops and reports a held call listed under an invalid id, and still resumes the valid ones', async () => {
    const s = await sim({
      seed: { [AGENT]: [{ callid: 'bad id', caller: 'odd', called: '1' }, { callid: 'good-1', caller: '0701', called: '1' }, { callid: 'good-2', caller: '0702', called: '2' }] },
    });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    expect(c.heldList()).toMatchObject({ freshness: 'fresh', ignored: 1 });
    expect(heldIds(c)).toEqual(['good-1', 'good-2']);
    expect(await c.resumeTop()).toMatchObject({ ok: true, callid: 'good-1' });
    expect(s.stats.requests().find((r) => r.path.endsWith('gethold'))!.query).toBe('callid=good-1');
  });

  it('drops an event naming an invalid call id, counts it, and re-reads rather than guess', async () => {
    const s = await sim({ seed: SEED });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const queries = c.stats.holdlistQueries;
    for (const bad of ['x y', '../logout', 'a'.repeat(80), '\u001b[2J']) s.script.emit(AGENT, 'AgentEvent_Hold', bad);
    await waitFor(() => c.stats.invalidCallIds === 4, 3_000, 'four dropped');
    await waitFor(() => c.stats.holdlistQueries > queries && c.heldList().freshness === 'fresh', 5_000, 're-read');
    expect(heldIds(c)).toEqual(simHeld(s));
  });
});
