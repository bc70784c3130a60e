// A hotkey press through the app service against a gateway that drips its answers one byte a
// second: it must be answered, with a clear failure, within the stated bound (PRESS_ANSWER_BOUND_MS),
// where it used to take 40-60 s.
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandOutcome } from '../../shared/ipc-contract';
import type { AppService } from '../../electron/app/app-service';
import { PRESS_ANSWER_BOUND_MS } from '../../electron/core/transport';
import { english } from '../../shared/i18n';
import { AGENT, appOn, closeAll, sim } from './helpers';

let app: AppService | undefined;
afterEach(async () => {
  await app?.dispose();
  app = undefined;
  await closeAll();
});

describe('hotkey press against a dripping gateway', () => {
  it(`is answered with a clear timeout within ${PRESS_ANSWER_BOUND_MS / 1000} s`, async () => {
    const s = await sim({ seed: { [AGENT]: [{ caller: '0701', called: '1' }, { caller: '0702', called: '2' }] } });
    app = appOn(s);
    const outcomes: CommandOutcome[] = [];
    app.onPush((channel, payload) => channel === 'command-outcome' && outcomes.push(payload as CommandOutcome));
    await app.signIn({ password: 'pw' });
    expect(app.listCalls().calls).toHaveLength(2);

    // From now on every answer, to every request, arrives one byte a second.
    s.faults.add({ kind: 'drip', ms: 1_000, times: Infinity });
    const started = performance.now();
    const result = await app.execute({ type: 'resume-position', position: 1 }, 'hotkey');
    const elapsed = performance.now() - started;
    console.log(`hotkey press against a dripping gateway answered in ${Math.round(elapsed)} ms (bound ${PRESS_ANSWER_BOUND_MS} ms)`);

    expect(elapsed).toBeLessThanOrEqual(PRESS_ANSWER_BOUND_MS);
    expect(result).toMatchObject({ ok: false, action: 'resume', kind: 'timeout', code: 'DEADLINE' });
    expect(result!.ok === false && english.t(result!.message)).toBe('The gateway did not answer within 3 s.');
    expect(outcomes.at(-1)).toEqual({ command: { type: 'resume-position', position: 1 }, source: 'hotkey', result });
    // The list is not emptied by the failure.
    expect(app.listCalls().calls).toHaveLength(2);
  }, 30_000);
});
