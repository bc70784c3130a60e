// When this workstation first saw each call on hold. The gateway gives no hold start time
// (reference §7: holdlist begintime is probably the call's start, if set at all), so the only
// truthful hold timer counts from our own first sighting, and that sighting has to outlive a
// sign-out, a sign-in and a restart: otherwise a call held for minutes shows 0:01 again.

export interface Sighting {
  /** Epoch ms of the first sighting. */
  heldSince: number;
  /** True when seen as it happened (a Hold event or our own hold); false when first seen in a list, so the hold began earlier. */
  exact: boolean;
}

/** One agent's sightings (the file-backed store keeps one such scope per gateway and agent). */
export interface HoldSightings {
  /** The first sighting of this call on hold; records one at `now` when there is none. */
  sight(callid: string, now: number, exact: boolean): Sighting;
  /** The call left hold (resumed, released): a later hold is a new hold. */
  forget(callid: string): void;
  /** The gateway's complete held list: forget every call not in it. */
  retain(present: ReadonlySet<string>): void;
}

/** A day is far beyond any real hold; older sightings are debris from calls we never saw end. */
export const SIGHTING_MAX_AGE_MS = 24 * 3600_000;

/** Sightings for this process only: what the core uses when no persistent store is given. */
export class MemorySightings implements HoldSightings {
  /** `onChange` lets a persistent store save after every change. */
  constructor(
    private readonly entries: Map<string, Sighting> = new Map(),
    private readonly onChange: () => void = () => undefined,
  ) {}

  sight(callid: string, now: number, exact: boolean): Sighting {
    const known = this.entries.get(callid);
    if (known && now - known.heldSince < SIGHTING_MAX_AGE_MS) return known;
    const fresh = { heldSince: now, exact };
    this.entries.set(callid, fresh);
    this.onChange();
    return fresh;
  }

  forget(callid: string): void {
    if (this.entries.delete(callid)) this.onChange();
  }

  retain(present: ReadonlySet<string>): void {
    let removed = false;
    for (const callid of [...this.entries.keys()]) {
      if (!present.has(callid)) removed = this.entries.delete(callid) || removed;
    }
    if (removed) this.onChange();
  }
}
