// The agent's held calls, kept from events and corrected by the gateway's holdlist.
// Events make the list fast; reconciliation makes it right (events can be lost on reconnect,
// and the gateway may not send Talking after an unhold: reference section 13, question 1).
import { otherParty } from '../../shared/call-party';
import { callFeatureLabel, type HeldCall, type HeldList, type ListFreshness, type ListOrder } from '../../shared/model';
import { systemClock, type Clock } from './clock';
import { eventCallDetails, eventCallId, MAX_HOLDLIST_ITEMS, rawEventCallId, type GatewayEvent, type HoldListItem } from './envelope';
import { MemorySightings, type HoldSightings } from './hold-sightings';

type Listener = (list: HeldList) => void;

/** The gateway listed more held calls than were read (envelope.ts MAX_HOLDLIST_ITEMS). */
export interface HeldListTruncation {
  shown: number;
  total: number;
}

interface Entry extends HoldListItem {
  heldSince: number;
  heldSinceExact: boolean;
  /** Position in the gateway's list, or order of arrival: breaks ties between equal heldSince. */
  rank: number;
}

export interface HeldCallContext {
  /**
   * First sightings, kept by callid across sign-out and sign-in (and across restarts when
   * persistent: hold-times-file.ts), so a call held for minutes never shows 0:01 again.
   */
  sightings?: HoldSightings;
  /** The agent's own numbers (phone, agent id): the other party of an internal call is the one not listed. */
  own?: readonly string[];
}

/** Events after which the held list may have changed and is worth reconciling. */
export const HOLD_RELATED_EVENTS: ReadonlySet<string> = new Set([
  'AgentEvent_Hold',
  'AgentEvent_Talking',
  'AgentEvent_Call_Release',
  'AgentEvent_Customer_Release',
  'AgentEvent_linkagePhoneHold',
  'AgentEvent_linkagePhoneUnHold',
  'AgentEvent_Conference',
]);

const DETAILS_REMEMBERED = 50;

/**
 * Calls learnt from events are bounded: a gateway (or a fault) sending thousands of Hold events
 * must not grow the list without end. Beyond this the list is marked stale and re-read. Twice the
 * read's own cap, so a list read at that cap still takes the holds that follow it.
 */
export const MAX_EVENT_ENTRIES = 2 * MAX_HOLDLIST_ITEMS;

export class HeldCallStore {
  private readonly entries = new Map<string, Entry>();
  /** Caller/called/skill seen on Talking or Ringing, so a Hold event (which carries only a callid) can be shown in full. */
  private readonly details = new Map<string, Partial<HoldListItem>>();
  private readonly listeners = new Set<Listener>();
  private nextRank = 0;
  private version = 0;
  private invalidIds = 0;
  private order: ListOrder;
  private snapshot: HeldCall[] = [];
  private cut?: HeldListTruncation;
  private freshnessState: ListFreshness = 'unknown';
  private readAt?: number;
  private ignored = 0;
  private view: HeldList = { calls: [], freshness: 'unknown' };
  private readonly sightings: HoldSightings;
  private readonly own: readonly string[];

  constructor(
    private readonly clock: Clock = systemClock,
    order: ListOrder = 'longest-first',
    context: HeldCallContext = {},
  ) {
    this.order = order;
    this.sightings = context.sightings ?? new MemorySightings();
    this.own = context.own ?? [];
  }

  /** Bumped on every change; lets a reconciliation detect that events overtook it. */
  get changeCount(): number {
    return this.version;
  }

  list(): HeldCall[] {
    return this.snapshot;
  }

  /** Set while the last holdlist read was cut short; listeners hear of changes with the list. */
  get truncation(): HeldListTruncation | undefined {
    return this.cut;
  }

  /** The calls with how far they can be trusted. */
  state(): HeldList {
    return this.view;
  }

  get freshness(): ListFreshness {
    return this.freshnessState;
  }

  /** A read failed or the session cannot keep the list up: what we have is only the last known list. */
  markStale(): void {
    // Never read means unknown, whatever events have added since.
    if (this.freshnessState !== 'fresh') return;
    this.freshnessState = 'stale';
    this.publish(false);
  }

  top(): HeldCall | undefined {
    return this.snapshot[0];
  }

  has(callid: string): boolean {
    return this.entries.has(callid);
  }

  setOrder(order: ListOrder): void {
    if (order === this.order) return;
    this.order = order;
    this.publish();
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events that named an invalid call id (dropped, counted for diagnostics). */
  get invalidCallIds(): number {
    return this.invalidIds;
  }

  /** Apply one gateway event. Returns true when it may have changed the held list. */
  applyEvent(event: GatewayEvent): boolean {
    const callid = eventCallId(event);
    if (callid === undefined && rawEventCallId(event) !== undefined) {
      this.invalidIds += 1;
      if (!HOLD_RELATED_EVENTS.has(event.eventType)) return false;
      // A hold change we cannot show: the list is not complete any more until the gateway's
      // own list (which reports such calls as ignored) has been read.
      this.markStale();
      return true;
    }
    switch (event.eventType) {
      case 'AgentEvent_Talking':
      case 'AgentEvent_Ringing':
      case 'AgentEvent_Auto_Answer': {
        const details = eventCallDetails(event);
        if (callid && details) this.remember(callid, details);
        // Talking on a held callid means it was resumed (by us, the workbench, or the phone).
        if (event.eventType === 'AgentEvent_Talking' && callid) this.remove(callid);
        return event.eventType === 'AgentEvent_Talking';
      }
      case 'AgentEvent_Hold':
      case 'AgentEvent_linkagePhoneHold':
        if (callid) this.add(callid);
        return true;
      case 'AgentEvent_linkagePhoneUnHold':
      case 'AgentEvent_Call_Release':
      case 'AgentEvent_Customer_Release':
        if (callid) {
          this.remove(callid);
          this.details.delete(callid);
        }
        return true;
      default:
        return HOLD_RELATED_EVENTS.has(event.eventType);
    }
  }

  /**
   * Make the list equal to the gateway's, keeping when we first saw each call held; the list is
   * fresh from here. `ignored`: held calls the gateway listed under an invalid id (left out);
   * `total`: how many the gateway listed, when more than `items` were read (the list was cut).
   */
  reconcile(items: HoldListItem[], ignored = 0, total = items.length): void {
    const now = this.clock.now();
    const present = new Set(items.map((item) => item.callid));
    const cut = total > items.length ? { shown: items.length, total } : undefined;
    let changed = this.freshnessState !== 'fresh' || this.ignored !== ignored || cut?.total !== this.cut?.total || cut?.shown !== this.cut?.shown;
    this.cut = cut;
    this.freshnessState = 'fresh';
    this.readAt = now;
    this.ignored = ignored;
    for (const callid of [...this.entries.keys()]) {
      if (!present.has(callid)) {
        this.entries.delete(callid);
        changed = true;
      }
    }
    // Gone from the gateway's list: its sighting goes too (also of calls held while signed out).
    this.sightings.retain(present);
    items.forEach((item, index) => {
      const existing = this.entries.get(item.callid);
      const rank = index - items.length; // gateway order, ahead of anything added by events later
      if (!existing) {
        // First seen in a list: the hold began before now (a lower bound), unless a sighting was kept.
        const seen = this.sightings.sight(item.callid, now, false);
        this.entries.set(item.callid, { ...item, heldSince: seen.heldSince, heldSinceExact: seen.exact, rank });
        changed = true;
        return;
      }
      const updated: Entry = { ...existing, ...pickKnown(item), rank: existing.rank };
      if (!sameCall(existing, updated)) {
        this.entries.set(item.callid, updated);
        changed = true;
      }
    });
    if (changed) this.publish();
    else this.readAtOnly();
  }

  /** Removal because the call is no longer held (resumed, connected, released). */
  remove(callid: string): void {
    // The call left hold: a later hold of the same call starts a new timer.
    this.sightings.forget(callid);
    if (this.entries.delete(callid)) this.publish();
  }

  /** Optimistic addition after our own successful hold; the Hold event and reconciliation confirm it. */
  held(callid: string, details: Partial<HoldListItem>): void {
    this.remember(callid, details);
    this.add(callid);
  }

  /** The held call with the latest hold start: what "swap back" resumes. */
  mostRecent(): HeldCall | undefined {
    let latest: Entry | undefined;
    for (const entry of this.entries.values()) {
      if (!latest || entry.heldSince > latest.heldSince || (entry.heldSince === latest.heldSince && entry.rank > latest.rank)) latest = entry;
    }
    return latest && this.snapshot.find((call) => call.callid === latest.callid);
  }

  /** Forget the list (signed out): it is unknown until read again; hold times (sightings) are kept for a later sign-in. */
  clear(): void {
    this.details.clear();
    const changed = this.entries.size > 0 || this.freshnessState !== 'unknown' || this.cut !== undefined;
    this.cut = undefined;
    this.entries.clear();
    this.freshnessState = 'unknown';
    this.readAt = undefined;
    this.ignored = 0;
    if (changed) this.publish();
  }

  /** A read that confirmed the list unchanged still moves readAt; listeners need no call for that. */
  private readAtOnly(): void {
    this.view = { ...this.view, readAt: this.readAt };
  }

  private add(callid: string): void {
    if (this.entries.has(callid)) return;
    if (this.entries.size >= MAX_EVENT_ENTRIES) {
      // Not shown, so the list is no longer complete: say so, and let the re-read settle it.
      this.markStale();
      return;
    }
    const d = this.details.get(callid) ?? {};
    const callfeature = d.callfeature ?? -1;
    const seen = this.sightings.sight(callid, this.clock.now(), true);
    this.entries.set(callid, {
      callid,
      caller: d.caller ?? '',
      called: d.called ?? '',
      callskill: d.callskill ?? '',
      callfeature,
      callfeatureLabel: callFeatureLabel(callfeature),
      heldSince: seen.heldSince,
      heldSinceExact: seen.exact,
      rank: this.nextRank++,
    });
    this.publish();
  }

  private remember(callid: string, details: Partial<HoldListItem>): void {
    this.details.delete(callid);
    this.details.set(callid, details);
    if (this.details.size > DETAILS_REMEMBERED) this.details.delete(this.details.keys().next().value!);
    const entry = this.entries.get(callid);
    if (!entry) return;
    const updated = { ...entry, ...pickKnown(details) };
    if (sameCall(entry, updated)) return;
    this.entries.set(callid, updated);
    this.publish();
  }

  /** `listChanged` false: only the freshness moved (the reconciler's overtaken check must not see a change). */
  private publish(listChanged = true): void {
    if (listChanged) {
      this.version += 1;
      const sorted = [...this.entries.values()].sort((a, b) => a.heldSince - b.heldSince || a.rank - b.rank);
      if (this.order === 'newest-first') sorted.reverse();
      this.snapshot = sorted.map(({ rank: _rank, ...call }) => ({ ...call, ...otherParty(call, this.own) }));
    }
    const view: HeldList = { calls: this.snapshot, freshness: this.freshnessState };
    if (this.readAt !== undefined) view.readAt = this.readAt;
    if (this.ignored > 0) view.ignored = this.ignored;
    this.view = view;
    for (const listener of this.listeners) listener(view);
  }
}

/** Fields from `source` that carry information (an empty string or -1 never overwrites a known value). */
export function pickKnown(source: Partial<HoldListItem>): Partial<HoldListItem> {
  const out: Partial<HoldListItem> = {};
  if (source.caller) out.caller = source.caller;
  if (source.called) out.called = source.called;
  if (source.callskill) out.callskill = source.callskill;
  if (source.callfeature !== undefined && source.callfeature >= 0) {
    out.callfeature = source.callfeature;
    out.callfeatureLabel = callFeatureLabel(source.callfeature);
  }
  return out;
}

function sameCall(a: HoldListItem, b: HoldListItem): boolean {
  return a.caller === b.caller && a.called === b.called && a.callskill === b.callskill && a.callfeature === b.callfeature;
}
