// Signing in again by itself when the gateway drops a running session (a restart, a switch-over,
// a supervisor's sign-out, an expired Guid). The policy lives here; AgentClient wires it to the
// session and the held list, and the app and the CLI's watch decide whether it is on and which
// password it may use.
//
// Bounded on every side: jittered backoff from 2 s doubling to 60 s, a maximum number of
// attempts, and it stops at once on anything another attempt cannot fix: wrong or locked
// credentials, a refused parameter, an untrusted certificate, and above all 100-002 (another
// client holds the session): taking a session over is the agent's decision, never ours.
import { backoffMs, sleep, systemClock, type Clock } from './clock';
import { asGatewayError, type GatewayError } from './errors';

export interface AutoSignInOptions {
  clock?: Clock;
  random?: () => number;
  /** First pause, doubling on each attempt up to capMs (equal jitter). */
  baseMs?: number;
  capMs?: number;
  /** After this many failed attempts it gives up and the session stays signed out. */
  maxAttempts?: number;
}

export interface ReSignInProgress {
  /** The attempt under way or next: 1, 2, ... */
  attempt: number;
  /** Epoch ms (on the clock) when that attempt starts; absent while it is under way. */
  retryAt?: number;
}

export type ReSignInOutcome =
  | { ok: true; attempts: number }
  | { ok: false; attempts: number; error: GatewayError; gaveUp: boolean };

export interface ReSignInDeps {
  /** One sign-in attempt; rejects with why it failed. */
  attempt(): Promise<void>;
  /** Progress for the visible state; undefined once finished. */
  progress(progress: ReSignInProgress | undefined): void;
  finished(outcome: ReSignInOutcome): void;
}

export const AUTO_SIGN_IN_DEFAULTS = { baseMs: 2_000, capMs: 60_000, maxAttempts: 30 } as const;

/** Codes where signing in again would only repeat the refusal, or take a decision that is the agent's. */
const STOP_CODES: ReadonlySet<string> = new Set([
  '100-002', // signed in elsewhere: never force by ourselves
  '100-015', // signed in elsewhere, and taking over is forbidden
  'SIGNING_IN', // the agent started a sign-in of their own
]);

/** After a failed attempt: try again later, or stop and leave it to the agent. */
export function afterFailedAttempt(error: GatewayError): 'retry' | 'stop' {
  if (STOP_CODES.has(error.code)) return 'stop';
  switch (error.kind) {
    case 'credentials':
    case 'input':
    case 'permission':
    case 'config':
    case 'tls':
      return 'stop';
    default:
      // transport, timeout, server, disaster-recovery, malformed, signed-out, other conflicts
      // (000-007, 100-021: a request still being processed): the gateway may be back soon.
      return 'retry';
  }
}

export class ReSignIn {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly opts: Required<Omit<AutoSignInOptions, 'clock' | 'random'>>;
  private generation = 0;
  private abort?: AbortController;
  private current?: ReSignInProgress;

  constructor(
    private readonly deps: ReSignInDeps,
    options: AutoSignInOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.opts = {
      baseMs: options.baseMs ?? AUTO_SIGN_IN_DEFAULTS.baseMs,
      capMs: options.capMs ?? AUTO_SIGN_IN_DEFAULTS.capMs,
      maxAttempts: options.maxAttempts ?? AUTO_SIGN_IN_DEFAULTS.maxAttempts,
    };
  }

  get active(): boolean {
    return this.current !== undefined;
  }

  get progress(): ReSignInProgress | undefined {
    return this.current;
  }

  start(): void {
    this.cancel();
    const generation = ++this.generation;
    this.abort = new AbortController();
    void this.run(generation, this.abort.signal);
  }

  /** Stop without a word (the agent signed in or out, the client closes). */
  cancel(): void {
    this.generation += 1;
    this.abort?.abort(new Error('re-sign-in cancelled'));
    this.abort = undefined;
    this.current = undefined;
  }

  private set(progress: ReSignInProgress | undefined): void {
    this.current = progress;
    this.deps.progress(progress);
  }

  private async run(generation: number, signal: AbortSignal): Promise<void> {
    const live = (): boolean => generation === this.generation;
    let last: GatewayError | undefined;
    for (let attempt = 1; attempt <= this.opts.maxAttempts; attempt += 1) {
      const wait = backoffMs(attempt - 1, this.opts.baseMs, this.opts.capMs, this.random);
      this.set({ attempt, retryAt: this.clock.now() + wait });
      try {
        await sleep(this.clock, wait, signal);
      } catch {
        return;
      }
      if (!live()) return;
      this.set({ attempt });
      try {
        await this.deps.attempt();
      } catch (error) {
        if (!live()) return;
        last = asGatewayError(error);
        if (afterFailedAttempt(last) === 'stop') {
          this.finish({ ok: false, attempts: attempt, error: last, gaveUp: false });
          return;
        }
        continue;
      }
      if (!live()) return;
      this.finish({ ok: true, attempts: attempt });
      return;
    }
    if (live() && last) this.finish({ ok: false, attempts: this.opts.maxAttempts, error: last, gaveUp: true });
  }

  private finish(outcome: ReSignInOutcome): void {
    this.abort = undefined;
    this.current = undefined;
    this.deps.finished(outcome);
  }
}
