import { describe, expect, it } from 'vitest';
import type { Clock } from '../../electron/core/clock';
import { CALLDATA_LIMIT, CALLDATA_WINDOW_MS, SlidingWindowLimiter } from '../../electron/core/flow-control';

/** A clock whose timers fire only when time is advanced. */
function manualClock(): Clock & { advance(ms: number): Promise<void> } {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let nextId = 0;
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
        await new Promise((r) => setImmediate(r));
      }
      now = end;
      await new Promise((r) => setImmediate(r));
    },
  };
}

describe('SlidingWindowLimiter', () => {
  it('lets 5 start at once and the 6th only when the first leaves the window', async () => {
    const clock = manualClock();
    const limiter = new SlidingWindowLimiter(clock);
    const started: number[] = [];
    const all = Array.from({ length: 12 }, () => limiter.acquire().then(() => started.push(clock.now())));
    await clock.advance(0);
    expect(started).toHaveLength(CALLDATA_LIMIT);
    await clock.advance(CALLDATA_WINDOW_MS - 1);
    expect(started).toHaveLength(CALLDATA_LIMIT);
    await clock.advance(1);
    expect(started).toHaveLength(10);
    await clock.advance(CALLDATA_WINDOW_MS);
    await Promise.all(all);
    expect(started).toEqual([0, 0, 0, 0, 0, 2_100, 2_100, 2_100, 2_100, 2_100, 4_200, 4_200]);
    // In every window of the gateway's 2 s, at most 5.
    for (const t of started) expect(started.filter((u) => u >= t && u < t + 2_000).length).toBeLessThanOrEqual(5);
  });

  it('gives up waiting when its request is aborted', async () => {
    const clock = manualClock();
    const limiter = new SlidingWindowLimiter(clock, 1, 1_000);
    await limiter.acquire();
    const abort = new AbortController();
    const waiting = limiter.acquire(abort.signal);
    abort.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
  });
});
