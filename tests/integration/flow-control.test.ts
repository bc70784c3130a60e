// Issue 7, item 10: never more than 5 calldata queries per 2 s per agent, whatever asks for them
// (event bursts, refreshes, retries after failures, resume checks). Arrival times are measured
// at the simulator over real HTTPS.
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../electron/simulator/index';
import { AGENT, client, closeAll, sim, waitFor } from './helpers';

afterEach(closeAll);

/** The most calldata requests the gateway saw within any 2 s. */
function busiestWindow(s: Simulator): number {
  const times = s.stats.requests().filter((r) => r.path.startsWith('calldata/')).map((r) => r.receivedAt);
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i += 1) {
    while (times[i]! - times[j]! >= 2_000) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('client-side flow control of calldata queries', () => {
  it('holds to 5 per 2 s under refresh storms, failing reads with retries and an event burst', async () => {
    const s = await sim({ seed: { [AGENT]: [{ caller: '0701', called: '1' }] } });
    // No coalescing at all: only the limiter stands between the bursts and the gateway.
    const c = client(s, { reconciler: { debounceMs: 0, minIntervalMs: 0, retryBaseMs: 10, retryCapMs: 20 } });
    await c.signIn({ password: 'pw' });
    s.stats.reset();
    s.faults.add({ match: { path: 'holdlist' }, kind: 'http-error', status: 503, times: 6 });
    const storm = Array.from({ length: 12 }, () => c.refresh().catch(() => undefined));
    // Hold events spread over 3 s: every one asks for a reconciliation.
    for (let i = 0; i < 100; i += 1) {
      s.script.emit(AGENT, 'AgentEvent_Hold', `burst-${i}`);
      if (i % 10 === 0) storm.push(c.refresh().catch(() => undefined));
      await new Promise((r) => setTimeout(r, 30));
    }
    await Promise.all(storm);
    await waitFor(() => c.stats.polls > 100 && c.heldList().freshness === 'fresh', 20_000, 'settled');
    const queries = s.stats.count({ path: 'calldata/' });
    // Demand far beyond the budget (over 3 s, up to 7 queries would be allowed)...
    expect(queries).toBeGreaterThanOrEqual(7);
    // ...and never more than 5 in any 2 s at the gateway.
    expect(busiestWindow(s)).toBeLessThanOrEqual(5);
  }, 30_000);

  it('costs a single fresh resume nothing: the limiter only waits when the budget is spent', async () => {
    const s = await sim({ seed: { [AGENT]: [{ caller: '0701', called: '1' }] } });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const started = performance.now();
    expect(await c.refresh()).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
