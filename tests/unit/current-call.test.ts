import { describe, expect, it } from 'vitest';
import { parseCallInfo, type CallInfoItem } from '../../electron/core/call-info';
import type { Clock } from '../../electron/core/clock';
import { CurrentCallTracker } from '../../electron/core/current-call';
import type { GatewayEvent } from '../../electron/core/envelope';
import { MalformedResponseError } from '../../electron/core/errors';
import type { HeldCall } from '../../shared/model';

function fakeClock(start = 5_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined, advance: (ms) => (now += ms) };
}
const ev = (eventType: string, content: unknown): GatewayEvent => ({ eventType, workNo: '1001', content });
const talking = (callid: string, caller: string, called: string, feature: string | number = '0') => ev('AgentEvent_Talking', { callid, caller, called, feature, type: 'main' });

function tracker(answer: () => CallInfoItem | null = () => null, held: HeldCall[] = [], clock = fakeClock()) {
  const api = { calls: 0, async callInfo() { api.calls += 1; return answer(); } };
  const t = new CurrentCallTracker(api, (id) => held.find((c) => c.callid === id), clock, { own: ['70943'], read: { minIntervalMs: 0 } });
  return { t, api, clock };
}

const heldCall = (callid: string, caller: string, called: string, callfeature = 0): HeldCall => ({
  callid, caller, called, callskill: 'Billing', callfeature, callfeatureLabel: '', heldSince: 1, heldSinceExact: true, customer: caller, direction: 'inbound',
});

describe('the current call from events', () => {
  it('Talking makes a call current with its other party and talking time; Hold ends it', () => {
    const { t, clock } = tracker();
    const seen: Array<string | null> = [];
    t.onChange((c) => seen.push(c?.callid ?? null));
    t.applyEvent(talking('a', '40038', '2125550147', '7'));
    expect(t.get()).toMatchObject({ callid: 'a', customer: '2125550147', direction: 'outbound', callfeature: 7, callfeatureLabel: 'Outbound', talkingSince: clock.now() });
    clock.advance(5_000);
    // A repeated Talking for the same call keeps the talking time.
    t.applyEvent(talking('a', '40038', '2125550147', '7'));
    expect(t.get()!.talkingSince).toBe(clock.now() - 5_000);
    t.applyEvent(ev('AgentEvent_Hold', 'a'));
    expect(t.get()).toBeNull();
    expect(seen).toEqual(['a', null]);
  });

  it('ends on the releases of that call and on the phone going on-hook, not on another call’s release', () => {
    const { t } = tracker();
    t.applyEvent(talking('a', '0770', '4001'));
    t.applyEvent(ev('AgentEvent_Call_Release', 'other'));
    t.applyEvent(ev('AgentEvent_Customer_Release', { callid: 'other', number: '1' }));
    // A hold naming another call leaves ours to callinfo to confirm.
    t.applyEvent(ev('AgentEvent_Hold', 'other'));
    expect(t.get()?.callid).toBe('a');
    t.applyEvent(ev('AgentEvent_Customer_Release', { callid: 'a', number: '0770' }));
    expect(t.get()).toBeNull();
    t.applyEvent(talking('b', '0771', '4001'));
    t.applyEvent(ev('AgentEvent_Call_Release', 'b'));
    expect(t.get()).toBeNull();
    t.applyEvent(talking('c', '0772', '4001'));
    t.applyEvent(ev('AgentOther_PhoneRelease', ''));
    expect(t.get()).toBeNull();
  });

  it('takes the details of a resumed call from the held list when the event has none', () => {
    const { t } = tracker(() => null, [heldCall('h1', '07700900123', '4001')]);
    t.applyEvent(ev('AgentEvent_linkagePhoneUnHold', { callId: 'h1' }));
    expect(t.get()).toMatchObject({ callid: 'h1', caller: '07700900123', customer: '07700900123' });
    t.applyEvent(ev('AgentEvent_linkagePhoneHold', { callId: 'h1' }));
    expect(t.get()).toBeNull();
    t.applyEvent(ev('AgentEvent_Talking', { callid: 'h1' }));
    expect(t.get()).toMatchObject({ callid: 'h1', caller: '07700900123', callskill: 'Billing' });
  });

  it('internal calls name the number that is not the agent’s', () => {
    const { t } = tracker();
    t.applyEvent(talking('i', '70943', '40021', 51));
    expect(t.get()).toMatchObject({ customer: '40021', direction: 'internal' });
  });
});

describe('the current call from callinfo', () => {
  it('reads it, believes a plausible begin time, and treats a held call as no current call', async () => {
    const clock = fakeClock();
    let answer: CallInfoItem | null = { callid: 'x', caller: '0770', called: '4001', callskill: '', callfeature: 0, callfeatureLabel: 'Inbound', begintime: clock.now() - 60_000 };
    const held = [heldCall('h', '0161', '4002')];
    const { t, api } = tracker(() => answer, held, clock);
    expect(await t.now()).toMatchObject({ callid: 'x', customer: '0770', talkingSince: clock.now() - 60_000 });
    answer = { ...answer, callid: 'h', caller: '0161', begintime: clock.now() + 3_600_000 };
    expect(await t.now()).toBeNull();
    answer = { callid: 'y', caller: '0771', called: '4001', callskill: '', callfeature: 0, callfeatureLabel: 'Inbound', begintime: clock.now() + 3_600_000 };
    expect((await t.now())!.talkingSince).toBe(clock.now()); // a begin time in the future is not believed
    answer = null;
    expect(await t.now()).toBeNull();
    expect(api.calls).toBe(4);
  });
});

describe('parseCallInfo: both answers the reference allows', () => {
  const raw = { callid: '1501127996-2', caller: 10086, called: '70943', callfeature: '7', callskill: 'voice', begintime: 1_700_000_000_000, endtime: null };
  it('reads an object or a list of one, with numbers as strings or ints', () => {
    const expected = { callid: '1501127996-2', caller: '10086', called: '70943', callfeature: 7, callfeatureLabel: 'Outbound', callskill: 'voice', begintime: 1_700_000_000_000 };
    expect(parseCallInfo(raw)).toEqual(expected);
    expect(parseCallInfo([raw])).toEqual(expected);
    expect(parseCallInfo({ ...raw, begintime: '1700000000' })).toMatchObject({ begintime: 1_700_000_000_000 });
  });
  it('reads no call from empty answers and from a call that has ended', () => {
    for (const empty of [null, undefined, '', {}, [], { callid: '' }, { ...raw, endtime: 1_700_000_100_000 }]) expect(parseCallInfo(empty)).toBeNull();
  });
  it('refuses an answer of another shape', () => {
    expect(() => parseCallInfo('1501127996-2')).toThrow(MalformedResponseError);
  });
});
