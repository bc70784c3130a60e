import { describe, expect, it } from 'vitest';
import { AUTO_SIGN_IN_DEFAULTS, ReSignIn, afterFailedAttempt, type ReSignInOutcome, type ReSignInProgress } from '../../electron/core/auto-sign-in';
import type { Clock } from '../../electron/core/clock';
import { GatewayError, GatewayRefusedError, TlsError, TransportError } from '../../electron/core/errors';

describe('afterFailedAttempt', () => {
  it('stops on what another attempt cannot fix, and never takes a session over', () => {
    for (const code of ['100-002', '100-015', '100-004', '100-017', '100-020', '110-016', '100-001', '100-016', '100-018']) {
      expect(afterFailedAttempt(new GatewayRefusedError(code)), code).toBe('stop');
    }
    expect(afterFailedAttempt(new TlsError('CERT_UNTRUSTED', 'not trusted'))).toBe('stop');
    expect(afterFailedAttempt(new GatewayError('conflict', 'SIGNING_IN', 'in progress'))).toBe('stop');
    expect(afterFailedAttempt(new GatewayError('config', 'config', 'bad'))).toBe('stop');
  });

  it('retries what the gateway may get over: down, overloaded, switching over, still busy', () => {
    for (const code of ['100-003', '100-007', '100-021', '000-007', '105-002', '105-004', '100-006']) {
      expect(afterFailedAttempt(new GatewayRefusedError(code)), code).toBe('retry');
    }
    expect(afterFailedAttempt(new TransportError('ECONNREFUSED', 'refused', { sent: false }))).toBe('retry');
    expect(afterFailedAttempt(new TransportError('HTTP_503', '503', { sent: true }))).toBe('retry');
    expect(afterFailedAttempt(new TransportError('TIMEOUT', 'slow', { sent: true, kind: 'timeout' }))).toBe('retry');
  });
});

/** Timers fire only when the test advances time. */
function manualClock(): Clock & { advance(ms: number): Promise<void> } {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let id = 0;
  return {
    now: () => now,
    setTimeout: (fn, ms) => (timers.push({ at: now + ms, fn, id: ++id }), id),
    clearTimeout: (h) => void (timers = timers.filter((t) => t.id !== h)),
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
        for (let i = 0; i < 5; i += 1) await Promise.resolve();
      }
      now = end;
      for (let i = 0; i < 5; i += 1) await Promise.resolve();
    },
  };
}

describe('ReSignIn', () => {
  it('waits 2 s doubling to a 60 s cap, jittered between half and all of it, and gives up after its bound', async () => {
    for (const [random, share] of [[0, 0.5], [0.999, 0.9995]] as const) {
      const clock = manualClock();
      const waits: number[] = [];
      let outcome: ReSignInOutcome | undefined;
      const runner = new ReSignIn(
        {
          attempt: () => Promise.reject(new TransportError('ECONNREFUSED', 'down', { sent: false })),
          progress: (p) => p?.retryAt !== undefined && waits.push(p.retryAt - clock.now()),
          finished: (o) => (outcome = o),
        },
        { clock, random: () => random },
      );
      runner.start();
      await clock.advance(60 * 60_000);
      expect(waits).toHaveLength(AUTO_SIGN_IN_DEFAULTS.maxAttempts);
      const full = waits.map((_, n) => Math.min(60_000, 2_000 * 2 ** n));
      waits.forEach((wait, n) => expect(wait).toBeCloseTo(full[n]! * share, 0));
      expect(outcome).toMatchObject({ ok: false, gaveUp: true, attempts: AUTO_SIGN_IN_DEFAULTS.maxAttempts });
      expect(runner.active).toBe(false);
    }
  });

  it('announces each attempt with when it starts, then while it runs', async () => {
    const clock = manualClock();
    const progress: Array<ReSignInProgress | undefined> = [];
    let calls = 0;
    let outcome: ReSignInOutcome | undefined;
    const runner = new ReSignIn(
      {
        attempt: async () => {
          calls += 1;
          if (calls < 3) throw new TransportError('HTTP_503', '503', { sent: true });
        },
        progress: (p) => progress.push(p && { ...p }),
        finished: (o) => (outcome = o),
      },
      { clock, random: () => 1 },
    );
    runner.start();
    await clock.advance(60_000);
    expect(progress).toEqual([
      { attempt: 1, retryAt: 2_000 },
      { attempt: 1 },
      { attempt: 2, retryAt: 2_000 + 4_000 },
      { attempt: 2 },
      { attempt: 3, retryAt: 6_000 + 8_000 },
      { attempt: 3 },
    ]);
    expect(outcome).toEqual({ ok: true, attempts: 3 });
  });

  it('caps the wait at 60 s and stops on a refusal it must not retry', async () => {
    const clock = manualClock();
    const waits: number[] = [];
    let last = 0;
    let outcome: ReSignInOutcome | undefined;
    let calls = 0;
    const runner = new ReSignIn(
      {
        attempt: async () => {
          calls += 1;
          throw calls < 8 ? new TransportError('ECONNRESET', 'reset', { sent: false }) : new GatewayRefusedError('100-002');
        },
        progress: (p) => {
          if (p?.retryAt !== undefined) {
            waits.push(p.retryAt - last);
          } else if (p) last = clock.now();
        },
        finished: (o) => (outcome = o),
      },
      { clock, random: () => 1 },
    );
    runner.start();
    await clock.advance(20 * 60_000);
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(outcome).toMatchObject({ ok: false, gaveUp: false, attempts: 8, error: { code: '100-002' } });
  });

  it('cancel stops it without another attempt or a word', async () => {
    const clock = manualClock();
    let calls = 0;
    let finished = false;
    const runner = new ReSignIn({ attempt: async () => void (calls += 1), progress: () => undefined, finished: () => (finished = true) }, { clock });
    runner.start();
    runner.cancel();
    await clock.advance(10 * 60_000);
    expect(calls).toBe(0);
    expect(finished).toBe(false);
  });
});
