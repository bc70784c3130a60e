// `GET calldata/{agentid}/callinfo`: the agent's current call as the gateway describes it.
// The reference is unsure of its answers (section 6: "e.g. {called, caller, callid, …}", no
// documented "no call" code), so both shapes seen for result (an object, or a list of one) are
// read, and an empty result as well as the "no call" retcodes mean "no current call".
import { asText, callItem, type HoldListItem } from './envelope';
import { MalformedResponseError } from './errors';

export interface CallInfoItem extends HoldListItem {
  /** The gateway's call begin time, epoch ms, when it sent a plausible one. */
  begintime?: number;
}

/**
 * Refusals that mean "there is no current call": 200-002 (no call), 200-017 (release: no call),
 * 400-001 (call data: no call), 400-003 (no call information). Which one a gateway sends for
 * callinfo is not documented; any of them is an answer, not a failure.
 */
export const NO_CURRENT_CALL_CODES: ReadonlySet<string> = new Set(['200-002', '200-017', '400-001', '400-003']);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The current call in a callinfo result, or null when the answer says there is none. */
export function parseCallInfo(result: unknown): CallInfoItem | null {
  if (result === null || result === undefined || result === '') return null;
  if (Array.isArray(result)) {
    // A list: the call still in progress (no end time), if any.
    for (const entry of result.slice(0, 20)) {
      const item = isObject(entry) ? readItem(entry) : null;
      if (item) return item;
    }
    return null;
  }
  if (!isObject(result)) throw new MalformedResponseError('The gateway sent current-call information of an unexpected shape.');
  return readItem(result);
}

function readItem(raw: Json): CallInfoItem | null {
  const callid = asText(raw.callid ?? raw.callId);
  // Without isNoContainLastCall support a gateway may describe the call that just ended.
  if (!callid || epochMs(raw.endtime) !== undefined) return null;
  const item: CallInfoItem = callItem(callid, raw, raw.callfeature ?? raw.feature);
  const begintime = epochMs(raw.begintime);
  if (begintime !== undefined) item.begintime = begintime;
  return item;
}

/** A time as epoch ms: milliseconds or seconds, number or digits; anything else (null, 0, text) is no time. */
function epochMs(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{9,15}$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) return undefined;
  if (n >= 1e12) return n;
  if (n >= 1e9) return n * 1000;
  return undefined;
}
