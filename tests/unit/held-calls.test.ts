import { describe, expect, it } from 'vitest';
import type { Clock } from '../../electron/core/clock';
import type { GatewayEvent } from '../../electron/core/envelope';
import { HeldCallStore } from '../../electron/core/held-calls';

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
});
