import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, heldIds } from './helpers';
import { head, JSON_TYPE } from './hostile-server';
import { closeHostile, expectRecovery, expectTypedFailure, rig } from './hostile-setup';

// A hostile or broken gateway, at the socket level (issue 7, item 6): answers that are slow
// rather than wrong. The client runs with a 1 s command timeout so each case costs seconds.

afterEach(async () => {
  await closeAll();
  await closeHostile();
});

const COMMAND_TIMEOUT_MS = 1_000;
const BODY = '{"message":"","retcode":"0","result":[{"callid":"9-9","caller":"0770","called":"4001"}]}';

describe('a slow gateway', () => {
  it('never answers: a timeout error after the command timeout (3 attempts), list kept', async () => {
    const r = await rig(COMMAND_TIMEOUT_MS);
    r.hostile.on('holdlist', () => undefined); // reads the request, says nothing
    // 3 attempts of 1 s each plus their backoff (0.2 s, 0.4 s), with a margin for a busy machine.
    const error = await expectTypedFailure(r, ['timeout'], 3 * COMMAND_TIMEOUT_MS + 600 + 2_000);
    // The overall deadline (DEADLINE) or undici's own header timeout, whichever fires first: both say so.
    expect(error.message).toMatch(/did not answer (in time|within 1 s)/);
    await expectRecovery(r);
  });

  it('drips its headers, a byte every 100 ms: a timeout error, list kept', async () => {
    const r = await rig(COMMAND_TIMEOUT_MS);
    const whole = `${head(200, [['Content-Type', JSON_TYPE], ['Content-Length', BODY.length]])}${BODY}`;
    r.hostile.on('holdlist', (_req, reply) => reply.drip('', Buffer.from(whole), 100));
    await expectTypedFailure(r, ['timeout'], 3 * COMMAND_TIMEOUT_MS + 600 + 2_000);
    await expectRecovery(r);
  });

  // Undici's body timeout restarts with every byte, so a body dripped a byte every 300 ms (under
  // the 1 s idle timeout) would hold the refresh as long as the drip lasts (about 26 s here); the
  // overall deadline in transport.ts (issue 10) ends it. The bound is the command timeout plus a
  // generous margin.
  it('drips its body, a byte every 300 ms: the refresh ends within its deadline, list kept', async () => {
    const r = await rig(COMMAND_TIMEOUT_MS);
    const before = heldIds(r.client);
    r.hostile.on('holdlist', (_req, reply) => reply.drip(head(200, [['Content-Type', JSON_TYPE], ['Content-Length', BODY.length]]), Buffer.from(BODY), 300));
    const t0 = performance.now();
    const bound = 3 * COMMAND_TIMEOUT_MS + 2_000;
    const outcome = await Promise.race([
      r.client.refresh().then(
        () => 'answered',
        () => 'failed',
      ),
      new Promise<string>((resolve) => setTimeout(() => resolve('still waiting'), bound)),
    ]);
    expect(heldIds(r.client)).toEqual(before);
    expect(outcome).toBe('failed');
    expect(performance.now() - t0).toBeLessThan(bound);
  });
});
