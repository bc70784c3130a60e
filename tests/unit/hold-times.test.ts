import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../electron/core/clock';
import type { GatewayEvent } from '../../electron/core/envelope';
import { HeldCallStore } from '../../electron/core/held-calls';
import { MAX_SIGHTINGS, HoldTimesFile } from '../../electron/core/hold-times-file';

function fakeClock(start = 1_000_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined, advance: (ms) => (now += ms) };
}
const ev = (eventType: string, content: unknown): GatewayEvent => ({ eventType, workNo: '1001', content });
const item = (callid: string, caller = `c-${callid}`, callfeature = 0) => ({ callid, caller, called: '4001', callskill: '', callfeature, callfeatureLabel: '' });
const tempFile = (): string => join(mkdtempSync(join(tmpdir(), 'cec-hold-times-')), 'held-since.json');

describe('hold times that tell the truth (issue 8, item 5)', () => {
  it('a Hold event is an exact sighting; a call first seen in a list is a lower bound', () => {
    const clock = fakeClock();
    const store = new HeldCallStore(clock);
    store.reconcile([item('old')]);
    clock.advance(1_000);
    store.applyEvent(ev('AgentEvent_Hold', 'new'));
    expect(store.list().map((c) => [c.callid, c.heldSince, c.heldSinceExact])).toEqual([
      ['old', 1_000_000_000, false],
      ['new', 1_000_001_000, true],
    ]);
  });

  it('keeps first sightings across a sign-out (clear) and a new store on the same file', () => {
    const clock = fakeClock();
    const path = tempFile();
    const file = HoldTimesFile.open(path, clock);
    const store = new HeldCallStore(clock, 'longest-first', { sightings: file.scope('gw 1001') });
    store.applyEvent(ev('AgentEvent_Hold', 'a'));
    clock.advance(130_000);
    store.clear(); // signed out
    store.reconcile([item('a'), item('b')]); // signed in again: 'a' keeps its exact time
    expect(store.list().map((c) => [c.callid, c.heldSince, c.heldSinceExact])).toEqual([
      ['a', 1_000_000_000, true],
      ['b', 1_000_130_000, false],
    ]);
    clock.advance(10_000);
    // A restart: a new file object, a new store.
    const again = new HeldCallStore(clock, 'longest-first', { sightings: HoldTimesFile.open(path, clock).scope('gw 1001') });
    again.reconcile([item('b'), item('a')]);
    expect(again.list().map((c) => [c.callid, c.heldSince, c.heldSinceExact])).toEqual([
      ['a', 1_000_000_000, true],
      ['b', 1_000_130_000, false],
    ]);
    // Another agent on the same workstation has sightings of its own.
    const other = new HeldCallStore(clock, 'longest-first', { sightings: HoldTimesFile.open(path, clock).scope('gw 1002') });
    other.reconcile([item('a')]);
    expect(other.list()[0]!.heldSince).toBe(clock.now());
  });

  it('forgets a call that left hold: resumed, released, or gone from the gateway’s list', () => {
    const clock = fakeClock();
    const path = tempFile();
    const store = new HeldCallStore(clock, 'longest-first', { sightings: HoldTimesFile.open(path, clock).scope('s') });
    for (const id of ['a', 'b', 'c']) store.applyEvent(ev('AgentEvent_Hold', id));
    store.applyEvent(ev('AgentEvent_Talking', { callid: 'a' }));
    store.reconcile([item('c')]);
    expect(Object.keys(JSON.parse(readFileSync(path, 'utf8')).scopes.s)).toEqual(['c']);
    clock.advance(60_000);
    store.applyEvent(ev('AgentEvent_Hold', 'a')); // held again: a new hold, a new timer
    expect(store.list().find((c) => c.callid === 'a')!.heldSince).toBe(clock.now());
  });

  it('prunes sightings older than a day and bounds the file', () => {
    const clock = fakeClock();
    const path = tempFile();
    const calls = Object.fromEntries(Array.from({ length: MAX_SIGHTINGS + 50 }, (_, i) => [`k-${i}`, { heldSince: clock.now() - i, exact: true }]));
    writeFileSync(path, JSON.stringify({ version: 1, scopes: { s: { ...calls, stale: { heldSince: clock.now() - 25 * 3600_000, exact: true } } } }));
    const file = HoldTimesFile.open(path, clock);
    file.scope('s').forget('k-0');
    const kept = Object.keys(JSON.parse(readFileSync(path, 'utf8')).scopes.s);
    expect(kept).toHaveLength(MAX_SIGHTINGS - 1);
    expect(kept).not.toContain('stale');
    expect(kept).not.toContain(`k-${MAX_SIGHTINGS + 49}`); // the oldest went first
  });

  it('survives a damaged file and an unwritable place: the timers run from memory', () => {
    const clock = fakeClock();
    const path = tempFile();
    writeFileSync(path, '{"version":1,"scopes":{"s":{"a":{"heldSince":"soon"},"../x":{"heldSince":1,"exact":true}}');
    const file = HoldTimesFile.open(path, clock);
    expect(file.problem).toMatch(/not valid JSON/);
    const store = new HeldCallStore(clock, 'longest-first', { sightings: file.scope('s') });
    store.reconcile([item('a')]);
    expect(store.list()[0]).toMatchObject({ heldSince: clock.now(), heldSinceExact: false });
    // A directory that cannot be made (a file stands in its way).
    const nowhere = HoldTimesFile.open(join(path, 'sub', 'held-since.json'), clock);
    const s2 = new HeldCallStore(clock, 'longest-first', { sightings: nowhere.scope('s') });
    s2.applyEvent(ev('AgentEvent_Hold', 'z'));
    expect(s2.list()[0]).toMatchObject({ callid: 'z', heldSinceExact: true });
    expect(nowhere.problem).toMatch(/^write:/);
  });

  it('held rows carry the other party and the direction', () => {
    const store = new HeldCallStore(fakeClock(), 'longest-first', { own: ['40038'] });
    store.reconcile([{ ...item('o', '40038', 7), called: '2125550147' }, item('i', '07700900123', 0)]);
    expect(store.list().map((c) => [c.customer, c.direction])).toEqual([
      ['2125550147', 'outbound'],
      ['07700900123', 'inbound'],
    ]);
  });
});
