// Plain data shared by the gateway core, the main process and the renderer.
// Nothing here may import Node, Electron or DOM APIs: it is compiled for all three.
import { english, isMessageId, msg, type Message } from './i18n';

/** A held call as the app shows it. Strings stay strings: caller numbers keep leading zeros. */
export interface HeldCall {
  callid: string;
  caller: string;
  called: string;
  callskill: string;
  /** Gateway call type (reference section 10); -1 when the gateway sent nothing usable. */
  callfeature: number;
  callfeatureLabel: string;
  /** Local epoch ms when this client first saw the call held (the gateway's begintime is unreliable). */
  heldSince: number;
}

export type ListOrder = 'longest-first' | 'newest-first';

/**
 * How far the held list can be trusted:
 * - fresh: read from the gateway, or kept up by events since the last successful read;
 * - stale: a read failed, or the session is reconnecting: the calls are the last known ones;
 * - unknown: never read in this session.
 */
export type ListFreshness = 'fresh' | 'stale' | 'unknown';

/** The held list with how far it can be trusted; only a fresh empty list means "nothing on hold". */
export interface HeldList {
  calls: HeldCall[];
  freshness: ListFreshness;
  /** Epoch ms of the last successful read (absent when never read). */
  readAt?: number;
  /** Held calls the gateway listed under an invalid call id and that were therefore left out. */
  ignored?: number;
}

export type SessionStatus = 'signed-out' | 'signing-in' | 'signed-in' | 'reconnecting';

export interface SessionState {
  status: SessionStatus;
  /** Agent id of the current or last session. */
  agentId?: string;
  /** Gateway origin (and path prefix) without credentials. */
  gateway?: string;
  /** Why the session is in this state (e.g. why it ended), as a message to render. */
  reason?: Message;
  /** Gateway retcode or client code behind `reason`. */
  code?: string;
  /** Epoch ms of the last status change. */
  since: number;
  /** While the client signs in again by itself: the attempt under way or next (1, 2, ...). */
  attempt?: number;
  /** Epoch ms when that attempt starts; absent while it is under way. */
  retryAt?: number;
}

/**
 * What kind of failure an error is, so callers can react without parsing messages.
 * The catalogue maps every gateway retcode to one of these.
 */
export type ErrorKind =
  | 'signed-out' // the gateway no longer knows this session: sign in again
  | 'credentials' // wrong password, locked or expired account
  | 'conflict' // already signed in elsewhere, or an operation already in progress
  | 'no-call' // the call the action needs does not exist (any more)
  | 'call-state' // the call exists but is not in a state that allows the action
  | 'permission' // the agent may not do this
  | 'input' // a parameter was refused
  | 'server' // the gateway or the platform behind it failed
  | 'disaster-recovery' // the gateway is switching over; sign in again
  | 'transport' // network: refused, reset, DNS, HTTP 5xx
  | 'timeout'
  | 'tls' // certificate not trusted, pin mismatch, handshake failure
  | 'malformed' // the gateway answered something we could not read
  | 'config' // our own configuration is incomplete or invalid
  | 'nothing-held' // resume-top with nothing on hold
  | 'unknown';

export type ActionName = 'resume' | 'connect' | 'refresh';

export type ActionResult =
  | { ok: true; action: ActionName; callid?: string; message: Message }
  | { ok: false; action: ActionName; callid?: string; code: string; kind: ErrorKind; message: Message };

/** The gateway's call type (reference section 10) as a message: "Inbound", "外呼"... */
export function callFeatureMessage(feature: number): Message {
  const id = `callfeature.${feature}`;
  return isMessageId(id) ? msg(id) : msg('callfeature.other', { type: String(feature) });
}

/** The English label, for machine output (`--json`) and logs, which are never translated. */
export function callFeatureLabel(feature: number): string {
  return english.t(callFeatureMessage(feature));
}

/**
 * A call id is short and uses only the characters gateways put in them ("1501127996-2").
 * Anything else is refused before it can reach a URL.
 */
export const CALLID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export function isCallId(value: unknown): value is string {
  return typeof value === 'string' && CALLID_PATTERN.test(value);
}
