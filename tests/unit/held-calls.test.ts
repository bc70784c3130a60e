import { describe, expect, it } from 'vitest';
import type { Clock } from '../../electron/core/clock';
import type { GatewayEvent } from '../../electron/core/envelope';
import { HeldCallStore, MAX_EVENT_ENTRIES } from '../../electron/core/held-calls';

function fakeClock(start = 1_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined, advance: (ms) => (now += ms) };
}

const ev = (eventType: string, content: unknown): GatewayEvent => ({ eventType, workNo: '1001', content });
const item = (callid: string, caller = `c-${callid}`) => ({ callid, caller, called: '4001', callskill: 'Billing', callfeature: 0, callfeatureLabel: 'Inbound' });

describe('HeldCallStore', () => {
  it('adds on Hold with details remembered from Talking, and puts the longest held first', () => {
    const clock = fakeClock();
    const store = new HeldCallStore(clock);
    store.applyEvent(ev('AgentEvent_Talking', { callid: 'a', caller: '0770', called: '4001', feature: '0' }));
    store.applyEvent(ev('AgentEvent_Hold', 'a'));
    clock.advance(1000);
    store.applyEvent(ev('AgentEvent_Hold', 'b'));
    expect(store.list().map((c) => c.callid)).toEqual(['a', 'b']);
    expect(store.top()).toMatchObject({ callid: 'a', caller: '0770', callfeatureLabel: 'Inbound', heldSince: 1_000_000 });
    store.setOrder('newest-first');
    expect(store.list().map((c) => c.callid)).toEqual(['b', 'a']);
  });

  it('removes on Talking (resumed), Call_Release, Customer_Release and linkage unhold', () => {
    const store = new HeldCallStore(fakeClock());
    for (const id of ['a', 'b', 'c', 'd', 'e']) store.applyEvent(ev('AgentEvent_Hold', id));
    store.applyEvent(ev('AgentEvent_Talking', { callid: 'a' }));
    store.applyEvent(ev('AgentEvent_Call_Release', 'b'));
    store.applyEvent(ev('AgentEvent_Customer_Release', { callid: 'c', number: '1' }));
    store.applyEvent(ev('AgentEvent_linkagePhoneHold', { callId: 'f' }));
    store.applyEvent(ev('AgentEvent_linkagePhoneUnHold', { callId: 'd' }));
    expect(store.list().map((c) => c.callid)).toEqual(['e', 'f']);
  });

  it('says which events may change the list', () => {
    const store = new HeldCallStore(fakeClock());
    expect(store.applyEvent(ev('AgentEvent_Hold', 'a'))).toBe(true);
    expect(store.applyEvent(ev('AgentState_Ready', ''))).toBe(false);
    expect(store.applyEvent(ev('AgentEvent_Ringing', { callid: 'x' }))).toBe(false);
  });

  it('reconciles to the gateway list, keeping heldSince and using gateway order for ties', () => {
    const clock = fakeClock();
    const store = new HeldCallStore(clock);
    store.applyEvent(ev('AgentEvent_Hold', 'a'));
    clock.advance(5000);
    store.reconcile([item('z'), item('a'), item('y')]);
    const calls = store.list();
    expect(calls.map((c) => c.callid)).toEqual(['a', 'z', 'y']);
    expect(calls[0]!.heldSince).toBe(1_000_000);
    expect(calls[0]!.caller).toBe('c-a');
    store.reconcile([item('y')]);
    expect(store.list().map((c) => c.callid)).toEqual(['y']);
  });

  it('notifies only on change and never lets empty fields overwrite known ones', () => {
    const store = new HeldCallStore(fakeClock());
    let notified = 0;
    store.onChange(() => (notified += 1));
    store.reconcile([item('a', '0770')]);
    store.reconcile([item('a', '0770')]);
    expect(notified).toBe(1);
    store.reconcile([{ ...item('a', ''), callskill: '' }]);
    expect(store.top()).toMatchObject({ caller: '0770', callskill: 'Billing' });
  });

  it('tracks freshness: unknown until read, fresh after a read, stale on trouble, unknown after clear', () => {
    const clock = fakeClock();
    const store = new HeldCallStore(clock);
    const seen: string[] = [];
    store.onChange((list) => seen.push(list.freshness));
    store.markStale();
    // Never read stays unknown, even with calls learnt from events.
    store.applyEvent(ev('AgentEvent_Hold', 'a'));
    expect(store.state()).toMatchObject({ freshness: 'unknown', calls: [{ callid: 'a' }] });
    clock.advance(1000);
    store.reconcile([item('a')], 2);
    expect(store.state()).toMatchObject({ freshness: 'fresh', readAt: 1_001_000, ignored: 2 });
    clock.advance(1000);
    store.markStale();
    expect(store.state()).toMatchObject({ freshness: 'stale', readAt: 1_001_000, calls: [{ callid: 'a' }] });
    store.clear();
    expect(store.state()).toEqual({ calls: [], freshness: 'unknown' });
    expect(seen).toEqual(['unknown', 'fresh', 'stale', 'unknown']);
  });

  it('keeps hold times across a sign-out and in again, but not for a call that was resumed', () => {
    const clock = fakeClock();
    const store = new HeldCallStore(clock);
    store.reconcile([item('a'), item('b')]);
    clock.advance(60_000);
    store.applyEvent(ev('AgentEvent_Talking', { callid: 'b' }));
    store.clear();
    clock.advance(60_000);
    store.reconcile([item('a')]);
    store.applyEvent(ev('AgentEvent_Hold', 'b'));
    expect(store.list().map((c) => [c.callid, c.heldSince])).toEqual([
      ['a', 1_000_000],
      ['b', 1_120_000],
    ]);
  });

  it(`bounds the calls learnt from events at ${MAX_EVENT_ENTRIES}; beyond, the list is stale`, () => {
    const store = new HeldCallStore(fakeClock());
    store.reconcile([]);
    for (let i = 0; i < MAX_EVENT_ENTRIES + 50; i += 1) store.applyEvent(ev('AgentEvent_Hold', `c${i}`));
    expect(store.list()).toHaveLength(MAX_EVENT_ENTRIES);
    expect(store.freshness).toBe('stale');
  });

  it('drops events naming an invalid call id, counting them; a hold one makes the list stale', () => {
    const store = new HeldCallStore(fakeClock());
    store.reconcile([item('a')]);
    expect(store.applyEvent(ev('AgentEvent_Ringing', { callid: 'x y' }))).toBe(false);
    expect(store.freshness).toBe('fresh');
    expect(store.applyEvent(ev('AgentEvent_Hold', 'has space'))).toBe(true);
    expect(store.applyEvent(ev('AgentEvent_Hold', '\u001b[31m'))).toBe(true);
    expect(store.list().map((c) => c.callid)).toEqual(['a']);
    expect(store.invalidCallIds).toBe(3);
    expect(store.freshness).toBe('stale');
  });
});
