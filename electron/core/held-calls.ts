// The agent's held calls, kept from events and corrected by the gateway's holdlist.
// Events make the list fast; reconciliation makes it right (events can be lost on reconnect,
// and the gateway may not send Talking after an unhold: reference section 13, question 1).
import { callFeatureLabel, type HeldCall, type ListOrder } from '../../shared/model';
import { systemClock, type Clock } from './clock';
import { eventCallDetails, eventCallId, type GatewayEvent, type HoldListItem } from './envelope';

type Listener = (calls: HeldCall[]) => void;

/** The gateway listed more held calls than were read (envelope.ts MAX_HOLDLIST_ITEMS). */
export interface HeldListTruncation {
  shown: number;
  total: number;
}

interface Entry extends HeldCall {
  /** Position in the gateway's list, or order of arrival: breaks ties between equal heldSince. */
  rank: number;
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

export class HeldCallStore {
  private readonly entries = new Map<string, Entry>();
  /** Caller/called/skill seen on Talking or Ringing, so a Hold event (which carries only a callid) can be shown in full. */
  private readonly details = new Map<string, Partial<HoldListItem>>();
  private readonly listeners = new Set<Listener>();
  private nextRank = 0;
  private version = 0;
  private order: ListOrder;
  private snapshot: HeldCall[] = [];
  private cut?: HeldListTruncation;

  constructor(
    private readonly clock: Clock = systemClock,
    order: ListOrder = 'longest-first',
  ) {
    this.order = order;
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

  /** Apply one gateway event. Returns true when it may have changed the held list. */
  applyEvent(event: GatewayEvent): boolean {
    const callid = eventCallId(event);
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
   * Make the list equal to the gateway's, keeping when we first saw each call held.
   * `total` is how many the gateway listed, when more than `items` were read.
   */
  reconcile(items: HoldListItem[], total = items.length): void {
    const now = this.clock.now();
    const present = new Set(items.map((item) => item.callid));
    const cut = total > items.length ? { shown: items.length, total } : undefined;
    let changed = cut?.total !== this.cut?.total || cut?.shown !== this.cut?.shown;
    this.cut = cut;
    for (const callid of [...this.entries.keys()]) {
      if (!present.has(callid)) {
        this.entries.delete(callid);
        changed = true;
      }
    }
    items.forEach((item, index) => {
      const existing = this.entries.get(item.callid);
      const rank = index - items.length; // gateway order, ahead of anything added by events later
      if (!existing) {
        this.entries.set(item.callid, { ...item, heldSince: now, rank });
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
  }

  /** Optimistic removal after a successful resume or connect; reconciliation confirms it. */
  remove(callid: string): void {
    if (this.entries.delete(callid)) this.publish();
  }

  clear(): void {
    this.details.clear();
    const hadCut = this.cut !== undefined;
    this.cut = undefined;
    if (this.entries.size === 0 && !hadCut) return;
    this.entries.clear();
    this.publish();
  }

  private add(callid: string): void {
    if (this.entries.has(callid)) return;
    const d = this.details.get(callid) ?? {};
    const callfeature = d.callfeature ?? -1;
    this.entries.set(callid, {
      callid,
      caller: d.caller ?? '',
      called: d.called ?? '',
      callskill: d.callskill ?? '',
      callfeature,
      callfeatureLabel: callFeatureLabel(callfeature),
      heldSince: this.clock.now(),
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

  private publish(): void {
    this.version += 1;
    const sorted = [...this.entries.values()].sort((a, b) => a.heldSince - b.heldSince || a.rank - b.rank);
    if (this.order === 'newest-first') sorted.reverse();
    this.snapshot = sorted.map(({ rank: _rank, ...call }) => call);
    for (const listener of this.listeners) listener(this.snapshot);
  }
}

/** Fields from `source` that carry information (an empty string or -1 never overwrites a known value). */
function pickKnown(source: Partial<HoldListItem>): Partial<HoldListItem> {
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

function sameCall(a: HeldCall, b: HeldCall): boolean {
  return a.caller === b.caller && a.called === b.called && a.callskill === b.callskill && a.callfeature === b.callfeature;
}
