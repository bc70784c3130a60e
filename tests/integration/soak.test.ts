// Issue 7, "Done when": a soak test under 60 s against the simulator over real HTTPS.
// Dynamic authentication with the Guid rotating every 2 s, 2 % transient 000-003 on event polls,
// calls held, resumed and hung up throughout, one gateway restart that forgets every session and
// one forced sign-out by a supervisor. The client's own pauses and backoffs run four times faster
// than in production (their options are scaled); its flow control and coalescing run at real
// speed, because they protect the gateway and must hold whatever the test does.
// It asserts: no session lost to a transient 000-003, a re-sign-in after the restart, the list
// matching the gateway at the end, no crash. The figures go to test-results/soak.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionState } from '../../shared/model';
import { AGENT, client, closeAll, heldIds, sim, simHeld, waitFor } from './helpers';

afterEach(closeAll);

const SPEED = 4;
const RUN_MS = 36_000;
const RESTART_AT = 10_000;
const FORCED_OUT_AT = 22_000;
/** 2 %: one event poll in every 50 is answered 000-003. */
const INJECT_EVERY = 50;

const sorted = (ids: string[]): string[] => [...ids].sort();

describe('soak', () => {
  it('survives Guid rotation, transient 000-003, a gateway restart and a forced sign-out, and ends matching the gateway', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const s = await sim({
        authMode: 'dynamic',
        guidIntervalMs: 2_000,
        guidExpiryMs: 4_000,
        pollWaitMs: 300,
        seed: { [AGENT]: [{ caller: '0701', called: '1' }, { caller: '0702', called: '2' }, { caller: '0703', called: '3' }] },
      });
      const c = client(s, {
        session: { emptyPollDelayMs: [200 / SPEED, 500 / SPEED], retryBaseMs: 500 / SPEED, retryCapMs: 5_000 / SPEED, guidRetryBaseMs: 500 / SPEED },
        autoSignIn: { baseMs: 2_000 / SPEED, capMs: 60_000 / SPEED },
      });
      c.setAutoSignIn({ enabled: () => true, password: () => 'pw' });

      // 2 % of event polls answered 000-003, decided as each poll arrives (a one-shot fault for that very request).
      let injected = 0;
      let polls = 0;
      s.onRequest((r) => {
        if (!r.path.startsWith('agentevent')) return;
        polls += 1;
        if (polls % INJECT_EVERY === INJECT_EVERY / 2) {
          injected += 1;
          s.faults.add({ match: { path: 'agentevent' }, kind: 'retcode', retcode: '000-003', message: 'soak: injected' });
        }
      });

      // Every state the agent would have seen: signed out must never be one of them.
      const shown: SessionState[] = [];
      c.onSessionChange((st) => shown.push(st));
      await c.signIn({ password: 'pw' });
      const started = Date.now();

      // The telephony side and the agent, every 250 ms: new holds, hang-ups, and a resume at most
      // every 1.2 s (closer presses would be taken for a held-down hotkey, by design).
      let actions = 0;
      const refusedBy: Record<string, number> = {};
      let stop = false;
      // Around the restart no held call is resumed or hung up, so every call held before it is
      // still the same hold after it (new holds go on).
      let resumesPaused = false;
      let lastResume = 0;
      const activity = (async () => {
        let n = 0;
        while (!stop) {
          await new Promise((r) => setTimeout(r, 250));
          if (stop) break;
          const held = simHeld(s);
          const roll = Math.random();
          try {
            if (roll < 0.35 && held.length < 8) s.script.holdNew(AGENT, { caller: `07${String(n++).padStart(4, '0')}`, called: '4001' });
            else if (roll < 0.55 && held.length > 0 && !resumesPaused) s.script.customerHangsUp(AGENT, held[Math.floor(Math.random() * held.length)]!);
            else if (roll < 0.8 && held.length > 0 && !resumesPaused && Date.now() - lastResume > 1_200) {
              lastResume = Date.now();
              if (s.script.calls(AGENT).some((x) => x.state === 'talking')) s.script.release(AGENT);
              actions += 1;
              const result = await c.resumeTop();
              if (!result.ok) refusedBy[result.code] = (refusedBy[result.code] ?? 0) + 1;
            } else if (s.script.calls(AGENT).some((x) => x.state === 'talking')) s.script.release(AGENT);
          } catch (error) {
            // Only the script can throw here (a call gone between reading and acting): not the client.
            if (!(error instanceof Error && /for agent/.test(error.message))) throw error;
          }
        }
      })();

      // One gateway restart that forgets every session.
      await new Promise((r) => setTimeout(r, RESTART_AT));
      resumesPaused = true;
      while (simHeld(s).length < 2) s.script.holdNew(AGENT, { caller: '0799', called: '4001' });
      await waitFor(() => c.heldList().freshness === 'fresh' && sorted(heldIds(c)).join() === sorted(simHeld(s)).join(), 5_000, 'list current before the restart');
      const heldSinceBefore = new Map(c.heldCalls().map((h) => [h.callid, h.heldSince]));
      const restartAt = Date.now();
      await s.restart({ keepState: false, downMs: 1_500 });
      const upAt = Date.now();
      await waitFor(() => c.stats.reSignIns >= 1 && c.state.status === 'signed-in', 15_000, 're-sign-in after the restart');
      const backAt = Date.now();
      // Calls held before the restart and still held keep their hold times.
      await waitFor(() => c.heldList().freshness === 'fresh', 5_000, 'list re-read after the restart');
      const kept = c.heldCalls().filter((h) => heldSinceBefore.has(h.callid));
      expect(kept.length).toBeGreaterThan(0);
      for (const h of kept) expect(h.heldSince).toBe(heldSinceBefore.get(h.callid));
      resumesPaused = false;

      // One forced sign-out by a supervisor.
      await new Promise((r) => setTimeout(r, Math.max(0, FORCED_OUT_AT - (Date.now() - started))));
      const forcedAt = Date.now();
      s.script.forceSignOut(AGENT);
      await waitFor(() => c.stats.reSignIns >= 2 && c.state.status === 'signed-in', 15_000, 're-sign-in after the forced sign-out');
      const forcedBackAt = Date.now();

      await new Promise((r) => setTimeout(r, Math.max(0, RUN_MS - (Date.now() - started))));
      stop = true;
      await activity;
      // The list must come to match the gateway by itself (no refresh asked for).
      const settleStart = Date.now();
      await waitFor(() => c.heldList().freshness === 'fresh' && sorted(heldIds(c)).join() === sorted(simHeld(s)).join(), 10_000, 'list matches the gateway');
      const settleMs = Date.now() - settleStart;

      const stats = c.stats;
      const figures = {
        runMs: Date.now() - started,
        polls,
        injected000003: injected,
        guidRotations: stats.guidRotations,
        guidRefusalsTotal: stats.guidRefusals,
        refusedForStaleGuid: stats.guidRefusals - injected,
        sessionsLost: stats.sessionsLost,
        sessionsLostByCode: stats.sessionsLostByCode,
        reSignIns: stats.reSignIns,
        reSignInAfterRestartMs: { fromRestart: backAt - restartAt, fromGatewayUp: backAt - upAt },
        reSignInAfterForcedSignOutMs: forcedBackAt - forcedAt,
        holdlistQueries: stats.holdlistQueries,
        resumesAsked: actions,
        resumesNotDoneByCode: refusedBy,
        heldAtEnd: heldIds(c).length,
        listSettledMs: settleMs,
        unhandledRejections: unhandled.length,
      };
      mkdirSync('test-results', { recursive: true });
      writeFileSync('test-results/soak.json', `${JSON.stringify(figures, null, 2)}\n`);
      console.log(`SOAK ${JSON.stringify(figures)}`);

      expect(stats.guidRotations).toBeGreaterThanOrEqual(8);
      expect(injected).toBe(Math.floor((polls + INJECT_EVERY / 2) / INJECT_EVERY));
      expect(injected).toBeGreaterThanOrEqual(2);
      // No session lost to a transient 000-003: the two losses are the restart and the supervisor.
      expect(stats.sessionsLostByCode['000-003'] ?? 0).toBe(0);
      expect(stats.sessionsLost).toBe(2);
      expect(shown.filter((st) => st.status === 'signed-out')).toEqual([]);
      expect(stats.reSignIns).toBe(2);
      expect(s.stats.count({ path: 'forcelogin' })).toBe(0);
      expect(c.state.status).toBe('signed-in');
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  }, 58_000);
});
