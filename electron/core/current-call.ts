// The call the agent is talking on. Events make it fast (Talking, Hold, the releases,
// Conference); `callinfo` makes it right: read after sign-in, after a reconnect and after call
// events, coalesced like the held list, because events are lost across a reconnect and the
// gateway may not send Talking after an unhold (reference §13, question 1).
import { otherParty } from '../../shared/call-party';
import { callFeatureLabel, type CurrentCall, type HeldCall } from '../../shared/model';
import type { CallInfoItem } from './call-info';
import { systemClock, type Clock } from './clock';
import { CoalescedRead, type CoalescedReadOptions } from './coalesced-read';
import { eventCallDetails, eventCallId, type GatewayEvent, type HoldListItem } from './envelope';
import { pickKnown } from './held-calls';

type Listener = (call: CurrentCall | null) => void;

/** Events after which the current call may have changed and is worth re-reading. */
export const CURRENT_CALL_EVENTS: ReadonlySet<string> = new Set([
  'AgentEvent_Talking',
  'AgentEvent_Hold',
  'AgentEvent_linkagePhoneHold',
  'AgentEvent_linkagePhoneUnHold',
  'AgentEvent_Call_Release',
  'AgentEvent_Customer_Release',
  'AgentOther_PhoneRelease',
  'AgentEvent_Conference',
]);

/** A call begin time further back than this is not believed (clock skew, a stale answer). */
const MAX_TALK_AGE_MS = 24 * 3600_000;

export interface CurrentCallOptions {
  /** The agent's own numbers: decides the other party of internal calls. */
  own?: readonly string[];
  read?: CoalescedReadOptions;
}

export class CurrentCallTracker {
  private current: CurrentCall | null = null;
  private version = 0;
  private readonly listeners = new Set<Listener>();
  private readonly reader: CoalescedRead;
  private readonly own: readonly string[];

  constructor(
    private readonly api: { callInfo(): Promise<CallInfoItem | null> },
    /** The held list as it stands: a held call is never the current one, and it has the details an unhold event lacks. */
    private readonly heldCall: (callid: string) => HeldCall | undefined,
    private readonly clock: Clock = systemClock,
    options: CurrentCallOptions = {},
  ) {
    this.own = options.own ?? [];
    this.reader = new CoalescedRead(() => this.read(), clock, options.read);
  }

  get(): CurrentCall | null {
    return this.current;
  }

  /** callinfo requests made so far. */
  get queries(): number {
    return this.reader.queries;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.reader.start();
  }

  stop(): void {
    this.reader.stop();
  }

  /** Re-read from the gateway now (sign-in, reconnect, an explicit refresh). */
  async now(): Promise<CurrentCall | null> {
    await this.reader.now();
    return this.current;
  }

  /** Re-read soon, coalesced. */
  request(): void {
    this.reader.request();
  }

  /**
   * Apply one gateway event. Call it before the held list applies the same event, so an unhold
   * can still find the held call's details.
   */
  applyEvent(event: GatewayEvent): void {
    if (!CURRENT_CALL_EVENTS.has(event.eventType)) return;
    const callid = eventCallId(event);
    const now = this.clock.now();
    switch (event.eventType) {
      case 'AgentEvent_Talking':
        if (callid) {
          const same = this.current?.callid === callid;
          const known = same ? this.current! : this.heldCall(callid);
          this.set(this.make(callid, { ...known, ...pickKnown(eventCallDetails(event) ?? {}) }, same ? this.current!.talkingSince : now));
        }
        break;
      case 'AgentEvent_linkagePhoneUnHold':
        if (callid && this.current?.callid !== callid) this.set(this.make(callid, this.heldCall(callid) ?? {}, now));
        break;
      // A hold names the call it held; one naming another call leaves ours to the re-read below.
      case 'AgentEvent_Hold':
      case 'AgentEvent_linkagePhoneHold':
        if (!callid || this.current?.callid === callid) this.set(null);
        break;
      // The agent's phone is on the hook: no call is current.
      case 'AgentOther_PhoneRelease':
        this.set(null);
        break;
      case 'AgentEvent_Call_Release':
      case 'AgentEvent_Customer_Release':
        if (callid && this.current?.callid === callid) this.set(null);
        break;
      case 'AgentEvent_Conference':
        if (callid && !this.current) this.set(this.make(callid, this.heldCall(callid) ?? {}, now));
        break;
    }
    this.reader.request();
  }

  /** Optimistic, after our own hold or release succeeded; the next read confirms it. */
  drop(callid?: string): void {
    if (this.current && (callid === undefined || this.current.callid === callid)) this.set(null);
  }

  /** Optimistic, after our own resume succeeded. */
  resumed(call: HeldCall): void {
    if (this.current?.callid !== call.callid) this.set(this.make(call.callid, call, this.clock.now()));
  }

  /** Signed out: nothing is known any more. */
  clear(): void {
    this.stop();
    this.set(null);
  }

  private async read(): Promise<'done' | 'again'> {
    const before = this.version;
    const info = await this.api.callInfo();
    // Events that arrived while the query was out are newer than its answer.
    if (this.version !== before) return 'again';
    this.reconcile(info);
    return 'done';
  }

  private reconcile(info: CallInfoItem | null): void {
    // A gateway may describe a held call when none is talking: that is not a current call.
    if (!info || this.heldCall(info.callid)) {
      this.set(null);
      return;
    }
    if (this.current?.callid === info.callid) {
      this.set(this.make(info.callid, { ...this.current, ...pickKnown(info) }, this.current.talkingSince));
      return;
    }
    const now = this.clock.now();
    const begin = info.begintime !== undefined && info.begintime <= now && now - info.begintime < MAX_TALK_AGE_MS ? info.begintime : now;
    this.set(this.make(info.callid, info, begin));
  }

  private make(callid: string, d: Partial<HoldListItem>, talkingSince: number): CurrentCall {
    const callfeature = d.callfeature ?? -1;
    const parties = { caller: d.caller ?? '', called: d.called ?? '', callfeature };
    return {
      callid,
      caller: parties.caller,
      called: parties.called,
      callskill: d.callskill ?? '',
      callfeature,
      callfeatureLabel: callFeatureLabel(callfeature),
      ...otherParty(parties, this.own),
      talkingSince,
    };
  }

  private set(next: CurrentCall | null): void {
    const prev = this.current;
    if (prev === next || (prev && next && sameCall(prev, next))) return;
    this.current = next;
    this.version += 1;
    for (const listener of this.listeners) listener(next);
  }
}

function sameCall(a: CurrentCall, b: CurrentCall): boolean {
  return (
    a.callid === b.callid &&
    a.caller === b.caller &&
    a.called === b.called &&
    a.callskill === b.callskill &&
    a.callfeature === b.callfeature &&
    a.customer === b.customer &&
    a.talkingSince === b.talkingSince
  );
}
