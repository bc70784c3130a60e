// Lenient, bounded parsing of gateway responses.
// Real gateways and Huawei's own samples disagree on types (numbers as strings and back,
// `event` absent, `content` a string or an object), so every field is coerced, never trusted,
// and anything that is not the documented shape becomes a MalformedResponseError.
import { callFeatureLabel, isCallId, type HeldCall } from '../../shared/model';
import { MalformedResponseError } from './errors';

export interface Envelope {
  retcode: string;
  message: string;
  result: unknown;
  event?: GatewayEvent;
}

export interface GatewayEvent {
  eventType: string;
  workNo: string;
  /** A bare string (e.g. a callid) or an object, as the gateway sent it. */
  content: unknown;
  eventGenTime?: number;
}

/** A held call as the holdlist endpoint describes it, normalised: a HeldCall before we saw it held. */
export type HoldListItem = Omit<HeldCall, 'heldSince' | 'heldSinceExact' | 'customer' | 'direction'>;

/** A held list as read from the gateway: `total` is how many it listed, `items` the ones we keep. */
export interface HoldList {
  items: HoldListItem[];
  total: number;
}

export const MAX_STRING = 256;
/** Documented answers are at most 4 levels deep; anything past this is refused before parsing. */
export const MAX_DEPTH = 64;
/**
 * The most held calls read from one holdlist answer (the panel is measured responsive at 1,000).
 * A longer list is cut to its first entries and reported as truncated, never refused: refusing
 * it once made the agent's list look empty.
 */
export const MAX_HOLDLIST_ITEMS = 1_000;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string or number as a bounded string; anything else as `fallback`. */
export function asText(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value.slice(0, MAX_STRING);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return fallback;
}

/** A number or numeric string as an integer; anything else as `fallback`. */
export function asInt(value: unknown, fallback = -1): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,9}$/.test(value.trim())) return Number.parseInt(value, 10);
  return fallback;
}

export function parseEnvelope(body: string): Envelope {
  if (nestedDeeperThan(body, MAX_DEPTH)) {
    throw new MalformedResponseError('The gateway sent a response nested too deeply to be real.');
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (cause) {
    throw new MalformedResponseError('The gateway sent a response that is not valid JSON.', cause);
  }
  if (!isObject(data)) throw new MalformedResponseError('The gateway sent a response of an unexpected shape.');
  const retcode = asText(data.retcode, '');
  if (!/^(0|\d{3}-\d{3})$/.test(retcode)) {
    throw new MalformedResponseError('The gateway sent a response without a valid result code.');
  }
  const envelope: Envelope = { retcode, message: asText(data.message), result: data.result };
  if (data.event !== undefined && data.event !== null && !(typeof data.event === 'string' && data.event === '')) {
    envelope.event = parseEvent(data.event);
  }
  return envelope;
}

function parseEvent(raw: unknown): GatewayEvent {
  if (!isObject(raw)) throw new MalformedResponseError('The gateway sent an event of an unexpected shape.');
  const eventType = asText(raw.eventType);
  if (!/^[A-Za-z][A-Za-z0-9_]{0,80}$/.test(eventType)) {
    throw new MalformedResponseError('The gateway sent an event without a valid type.');
  }
  const event: GatewayEvent = { eventType, workNo: asText(raw.workNo), content: boundedContent(raw.content) };
  // Milliseconds since the epoch: too long for asInt's bound, so read it on its own.
  const gen = raw.eventGenTime;
  if (typeof gen === 'number' && Number.isSafeInteger(gen) && gen >= 0) event.eventGenTime = gen;
  else if (typeof gen === 'string' && /^\d{1,15}$/.test(gen)) event.eventGenTime = Number(gen);
  return event;
}

/** The callid an event names, as sent: `content` is either the callid itself or an object naming it. */
export function rawEventCallId(event: GatewayEvent): string | undefined {
  const { content } = event;
  if (typeof content === 'string' || typeof content === 'number') return asText(content) || undefined;
  if (isObject(content)) return asText(content.callid ?? content.callId ?? content.callID) || undefined;
  return undefined;
}

/**
 * The callid an event refers to, only when it is a valid call id: an id that could not be put in a
 * URL (a space, a slash, control characters) must never reach the list, where it would block
 * resume-top for every call below it.
 */
export function eventCallId(event: GatewayEvent): string | undefined {
  const raw = rawEventCallId(event);
  return raw !== undefined && isCallId(raw) ? raw : undefined;
}

/** Call details carried by Talking/Ringing-style events, when present. */
export function eventCallDetails(event: GatewayEvent): Partial<HoldListItem> | undefined {
  if (!isObject(event.content)) return undefined;
  const c = event.content;
  const feature = asInt(c.feature ?? c.callfeature, -1);
  return {
    caller: asText(c.caller),
    called: asText(c.called),
    callskill: asText(c.callskill ?? c.skillName),
    callfeature: feature,
    callfeatureLabel: callFeatureLabel(feature),
  };
}

/** A call as holdlist and callinfo describe it: numbers and skill as text, the call type as a number and its label. */
export function callItem(callid: string, raw: Record<string, unknown>, feature: unknown): HoldListItem {
  const callfeature = asInt(feature, -1);
  return { callid, caller: asText(raw.caller), called: asText(raw.called), callskill: asText(raw.callskill), callfeature, callfeatureLabel: callFeatureLabel(callfeature) };
}

/**
 * The held calls in a holdlist result, cut at MAX_HOLDLIST_ITEMS (`total` says how many there
 * were). An entry without a valid call id is left out (it could not be resumed, and must not stop
 * the others from being shown) and reported through `onInvalid`.
 */
export function parseHoldList(result: unknown, onInvalid?: () => void): HoldList {
  if (result === null || result === undefined || result === '') return { items: [], total: 0 };
  if (!Array.isArray(result)) throw new MalformedResponseError('The gateway sent a held-call list of an unexpected shape.');
  const items: HoldListItem[] = [];
  const seen = new Set<string>();
  let invalid = 0;
  for (const raw of result.length > MAX_HOLDLIST_ITEMS ? result.slice(0, MAX_HOLDLIST_ITEMS) : result) {
    if (!isObject(raw)) continue;
    const callid = asText(raw.callid);
    if (!isCallId(callid)) {
      invalid += 1;
      onInvalid?.();
      continue;
    }
    if (seen.has(callid)) continue;
    seen.add(callid);
    items.push(callItem(callid, raw, raw.callfeature));
  }
  // Entries but not one readable call is a broken answer, not an empty list: saying "nothing on
  // hold" here would be a guess shown as a fact.
  if (items.length === 0 && invalid === 0 && result.length > 0) {
    throw new MalformedResponseError('The gateway sent a held-call list in which no call could be read.');
  }
  // total exceeds items.length only when the list was cut (duplicates and junk are not counted).
  return { items, total: result.length > MAX_HOLDLIST_ITEMS ? result.length : items.length };
}

/** The Guid in a Set-GUID header value: `JSESSIONID=<guid>` or the bare Guid. */
export function parseSetGuid(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[value.length - 1] : value;
  if (!raw) return undefined;
  const guid = raw.trim().replace(/^JSESSIONID=/i, '').split(';')[0]?.trim() ?? '';
  // A Guid goes back out in a header: refuse anything that could break or inject one.
  return /^[A-Za-z0-9._-]{1,200}$/.test(guid) ? guid : undefined;
}

/** Keys that must never be copied from gateway JSON: assigning them elsewhere changes a prototype. */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
export const MAX_CONTENT_KEYS = 64;

/**
 * An event's `content` as the client keeps it: a bounded string, a number, a boolean, null, or a
 * flat object/array of those. Every documented content is a callid or a flat object (reference
 * section 8), so nested values are dropped: that bounds the memory an event can hold and keeps
 * anything that later copies or serialises it (Object.assign, JSON.stringify) safe from
 * prototype keys and from nesting deep enough to overflow the stack.
 */
function boundedContent(value: unknown): unknown {
  const flat = boundedPrimitive(value);
  if (flat !== undefined) return flat;
  if (Array.isArray(value)) {
    return value.slice(0, MAX_CONTENT_KEYS).map((v) => boundedPrimitive(v) ?? null);
  }
  if (!isObject(value)) return undefined;
  const entries: Array<[string, unknown]> = [];
  // for...in stops early: an object with a million keys costs no more than one with 64.
  let visited = 0;
  for (const key in value) {
    if (entries.length >= MAX_CONTENT_KEYS || ++visited > 4 * MAX_CONTENT_KEYS) break;
    if (!Object.hasOwn(value, key)) continue;
    if (UNSAFE_KEYS.has(key) || key.length > 64) continue;
    const v = boundedPrimitive(value[key]);
    if (v !== undefined) entries.push([key, v]);
  }
  return Object.fromEntries(entries);
}

function boundedPrimitive(value: unknown): string | number | boolean | null | undefined {
  if (typeof value === 'string') return value.slice(0, MAX_STRING);
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean' || value === null) return value;
  return undefined;
}

/**
 * Whether JSON text opens more than `max` objects/arrays at once. A linear scan that stops at
 * the first level too deep, so a hostile 1 MiB nest costs microseconds instead of a full parse
 * and never produces a value deep enough to overflow the stack of whatever walks it later.
 */
function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
}
