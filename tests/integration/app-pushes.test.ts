// Held-list pushes from the app service under a burst of holds: the latest state, at most about
// once a frame, never a queue of stale lists; the last push is the store's list.
import { afterEach, describe, expect, it } from 'vitest';
import type { HeldCall } from '../../shared/model';
import type { AppService } from '../../electron/app/app-service';
import { FRAME_MS } from '../../electron/app/push-coalescer';
import { AGENT, appOn, closeAll, sim, waitFor } from './helpers';

let app: AppService | undefined;
afterEach(async () => {
  await app?.dispose();
  app = undefined;
  await closeAll();
});

describe('app service pushes under a burst', () => {
  it('coalesces 150 hold events into a few pushes of the latest list', async () => {
    const s = await sim({ pollWaitMs: 2_000 });
    app = appOn(s);
    await app.signIn({ password: 'pw' });
    const pushes: Array<{ at: number; calls: HeldCall[] }> = [];
    app.onPush((channel, payload) => channel === 'held-calls-changed' && pushes.push({ at: performance.now(), calls: (payload as { calls: HeldCall[] }).calls }));

    for (let i = 0; i < 150; i += 1) s.script.holdNew(AGENT, { caller: `0800${i}`, called: '1' });
    await waitFor(() => app!.listCalls().calls.length === 150 && pushes.at(-1)?.calls.length === 150, 15_000, 'every hold pushed');

    // The store changed 150 times; the panel heard far fewer, each at least a frame apart.
    expect(pushes.length).toBeLessThan(75);
    for (let i = 1; i < pushes.length; i += 1) expect(pushes[i]!.at - pushes[i - 1]!.at).toBeGreaterThanOrEqual(FRAME_MS - 2);
    // Lists only grow through the burst (no stale one after a newer one), and the last is the store's.
    for (let i = 1; i < pushes.length; i += 1) expect(pushes[i]!.calls.length).toBeGreaterThanOrEqual(pushes[i - 1]!.calls.length);
    expect(pushes.at(-1)!.calls.map((c) => c.callid)).toEqual(app.listCalls().calls.map((c) => c.callid));
  }, 30_000);

  it('sends an action outcome after the list change that preceded it', async () => {
    const s = await sim({ seed: { [AGENT]: [{ caller: '0701', called: '1' }, { caller: '0702', called: '2' }] } });
    app = appOn(s);
    await app.signIn({ password: 'pw' });
    const order: string[] = [];
    app.onPush((channel, payload) => order.push(channel === 'held-calls-changed' ? `list:${(payload as { calls: HeldCall[] }).calls.length}` : channel));
    // A list push has just gone out, so the next one (the resumed call leaving) is held back a frame...
    s.script.holdNew(AGENT, { caller: '0703', called: '3' });
    await waitFor(() => order.includes('list:3'), 5_000, 'the third call');
    const result = await app.execute({ type: 'resume-position', position: 1 }, 'hotkey');
    expect(result?.ok).toBe(true);
    // ...and still reaches the listener before the outcome is announced.
    expect(order.indexOf('list:2')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('list:2')).toBeLessThan(order.indexOf('command-outcome'));
  });
});
