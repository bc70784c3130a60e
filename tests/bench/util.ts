// Shared measuring helpers for `npm run bench`.
import type { Simulator } from '../../electron/simulator/index';

export const AGENT = '1001';

/** Wall-clock ms with sub-ms resolution, comparable with the simulator's receivedAt and a page's. */
export const wallNow = (): number => performance.timeOrigin + performance.now();

export const pct = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
export const median = (values: number[]): number => pct(values, 50);
export const round = (n: number, digits = 3): number => Number(n.toFixed(digits));
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** When the simulator first saw a request whose path and query contain `marker`. */
export function receiptOf(sim: Simulator, marker: string): Promise<number> {
  return new Promise((resolve) => {
    const stop = sim.onRequest((r) => {
      if (`${r.path}?${r.query}`.includes(marker)) {
        stop();
        resolve(r.receivedAt);
      }
    });
  });
}

/** Let the events of the previous step and the reconciliation they trigger finish first. */
export async function quiet(sim: Simulator, agent = AGENT, settleMs = 150): Promise<void> {
  await sleep(settleMs);
  await sim.waitForPendingPoll(agent, 5_000);
}

/** Resolves with the time `check` first held, polling every `everyMs`. */
export async function until(check: () => boolean, timeoutMs: number, what: string, everyMs = 1): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
  return wallNow();
}
