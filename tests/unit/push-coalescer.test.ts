import { describe, expect, it } from 'vitest';
import { PushCoalescer } from '../../electron/app/push-coalescer';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('push coalescer', () => {
  it('sends a lone push at once', () => {
    const sent: Array<[string, number]> = [];
    const c = new PushCoalescer<string, number>((ch, p) => sent.push([ch, p]), 16);
    c.push('list', 1);
    expect(sent).toEqual([['list', 1]]);
  });

  it('turns a burst into the first value now and the latest one per channel after the interval', async () => {
    const sent: Array<[string, number]> = [];
    const c = new PushCoalescer<string, number>((ch, p) => sent.push([ch, p]), 16);
    for (let i = 1; i <= 250; i += 1) c.push('list', i);
    c.push('session', 7);
    c.push('session', 8);
    expect(sent).toEqual([['list', 1], ['session', 7]]);
    await sleep(40);
    expect(sent).toEqual([['list', 1], ['session', 7], ['list', 250], ['session', 8]]);
  });

  it('a push on one channel never waits behind another channel’s (a call answered and held at once)', () => {
    const sent: Array<[string, number]> = [];
    const c = new PushCoalescer<string, number>((ch, p) => sent.push([ch, p]), 16);
    c.push('current', 1);
    c.push('list', 1);
    expect(sent).toEqual([['current', 1], ['list', 1]]);
  });

  it('never sends one channel more than once per interval under a steady stream', async () => {
    const times: number[] = [];
    const c = new PushCoalescer<string, number>(() => times.push(performance.now()), 16);
    const end = performance.now() + 200;
    let i = 0;
    while (performance.now() < end) {
      c.push('list', (i += 1));
      await sleep(1);
    }
    await sleep(40);
    expect(times.length).toBeLessThanOrEqual(Math.ceil(240 / 16) + 1);
    for (let k = 1; k < times.length; k += 1) expect(times[k]! - times[k - 1]!).toBeGreaterThanOrEqual(14); // timer granularity
  });

  it('sends what is pending before an uncoalesced push, keeping the order', () => {
    const sent: string[] = [];
    const c = new PushCoalescer<string, string>((ch, p) => sent.push(`${ch}:${p}`), 16);
    c.push('list', 'a');
    c.push('list', 'b');
    c.pushNow('outcome', 'resumed');
    expect(sent).toEqual(['list:a', 'list:b', 'outcome:resumed']);
  });

  it('drops what is pending on dispose', async () => {
    const sent: number[] = [];
    const c = new PushCoalescer<string, number>((_ch, p) => sent.push(p), 16);
    c.push('list', 1);
    c.push('list', 2);
    c.dispose();
    await sleep(30);
    expect(sent).toEqual([1]);
  });
});
