// When a held call crosses the warning and the alert thresholds: announced once per call per
// stage (issue 8, item 6). Pure, so the panel (announcements, sound cue) and main (the desktop
// notification while the panel is hidden) apply the same rule to the same list.

export type Stage = 'warn' | 'alert';

export interface Crossing {
  callid: string;
  /** The other party's number, to say who is waiting. */
  customer: string;
  stage: Stage;
  /** Hold time when it was noticed, ms. */
  heldMs: number;
  /** The hold began before this workstation first saw it: heldMs is a lower bound. */
  lowerBound: boolean;
}

interface Watched {
  callid: string;
  customer: string;
  heldSince: number;
  heldSinceExact: boolean;
}

const RANK: Record<Stage | 'ok', number> = { ok: 0, warn: 1, alert: 2 };

export function stageOf(heldMs: number, warnAfterSec: number, alertAfterSec: number): Stage | 'ok' {
  const sec = Math.floor(heldMs / 1000);
  if (sec >= alertAfterSec) return 'alert';
  if (sec >= warnAfterSec) return 'warn';
  return 'ok';
}

export class EscalationTracker {
  /** The highest stage already reported, by callid; forgotten when the call leaves the list. */
  readonly #reported = new Map<string, Stage>();

  /**
   * The crossings since the last check. A call first seen beyond both thresholds (e.g. after a
   * sign-in) is reported once, at its highest stage, not as a warning and then an alert.
   */
  check(calls: readonly Watched[], now: number, warnAfterSec: number, alertAfterSec: number): Crossing[] {
    const present = new Set(calls.map((c) => c.callid));
    for (const callid of [...this.#reported.keys()]) if (!present.has(callid)) this.#reported.delete(callid);
    const crossings: Crossing[] = [];
    for (const call of calls) {
      const heldMs = now - call.heldSince;
      const stage = stageOf(heldMs, warnAfterSec, alertAfterSec);
      if (stage === 'ok') continue;
      const before = this.#reported.get(call.callid);
      if (before && RANK[before] >= RANK[stage]) continue;
      this.#reported.set(call.callid, stage);
      crossings.push({ callid: call.callid, customer: call.customer, stage, heldMs, lowerBound: !call.heldSinceExact });
    }
    return crossings;
  }

  /** Signed out: a new session announces afresh. */
  reset(): void {
    this.#reported.clear();
  }
}
