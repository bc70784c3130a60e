// THE ONE TABLE of agent-facing sentences added for issue 7 (session survival, list freshness,
// re-sign-in, sign-out with calls held, auto-repeat, vault binding). Everything else carries a
// code plus structured params; only this table turns them into English, so the message catalogue
// (English + Simplified Chinese) can take the table over whole. Machine output (--json) never
// uses it. Plain data and functions: compiled for core, main, renderer and CLI alike.
import { formatHoldTime } from './format';

export interface StatusParams {
  /** Re-sign-in attempt (1, 2, ...). */
  attempt?: number;
  /** Seconds until the next attempt; absent while one is under way. */
  inSec?: number;
  /** Age of the last successful read of the held list, ms. */
  ageMs?: number;
  /** How many calls (held, ignored). */
  count?: number;
  /** A sentence from elsewhere (the catalogue) to quote. */
  detail?: string;
}

const calls = (n: number): string => (n === 1 ? '1 call is' : `${n} calls are`);

export const STATUS_TEXT = {
  /** Session state while the client signs in again by itself. */
  RESIGNING_IN: (p: StatusParams) =>
    p.inSec === undefined ? `Reconnecting (attempt ${p.attempt ?? 1})…` : `Reconnecting (attempt ${p.attempt ?? 1}, next in ${p.inSec} s)`,
  /** Session state while event polls are refused for their Guid and retried (000-003). */
  POLL_GUID_REFUSED: () => 'The gateway refused the session id; trying again with the newest one.',
  /** Why re-sign-in stopped after its last attempt. */
  RESIGN_IN_GAVE_UP: (p: StatusParams) => `Could not sign in again after ${p.attempt ?? 0} attempts.${p.detail ? ` ${p.detail}` : ''}`,
  /** A held list that could not be kept up: the last known calls, and how old they are. */
  LIST_STALE: (p: StatusParams) => `Last known list, read ${formatHoldTime(p.ageMs ?? 0)} ago; it may be out of date.`,
  /** A stale list that was empty at its last read: never "No calls on hold". */
  LIST_STALE_EMPTY: (p: StatusParams) => `None were on hold at the last read, ${formatHoldTime(p.ageMs ?? 0)} ago; the list could not be read since.`,
  LIST_UNKNOWN: () => 'The held list has not been read yet.',
  /** CLI `list` / `status` when the gateway's list could not be read. */
  LIST_NOT_READ: (p: StatusParams) => `The held list could not be read${p.detail ? `: ${p.detail}` : '.'}`,
  /** Held calls the gateway listed with an invalid id. */
  LIST_IGNORED: (p: StatusParams) => `${calls(p.count ?? 0)} on hold under an invalid call id from the gateway and not shown.`,
  /** Tray trouble lines. */
  TRAY_LIST_STALE: (p: StatusParams) => `Held list may be out of date (read ${formatHoldTime(p.ageMs ?? 0)} ago)`,
  TRAY_LIST_UNKNOWN: () => 'Held list not read yet',
  /** Resume-top on a list that is not fresh, when the re-read failed too. */
  LIST_UNREADABLE_FOR_RESUME: (p: StatusParams) => `The held list could not be read, so no call was resumed or connected${p.detail ? `: ${p.detail}` : '.'}`,
  /** A repeat of the resume hotkey (key held down, double press) right after a resume. */
  REPEAT_IGNORED: () => 'A call was resumed a moment ago; press again to resume the next one.',
  /** The panel's question before signing out with calls held. */
  SIGN_OUT_HELD: (p: StatusParams) => `${calls(p.count ?? 0)} on hold. Sign out anyway?`,
  SIGN_OUT_CONFIRM: () => 'Sign out',
  CANCEL: () => 'Cancel',
  /** The setting, and what changing the gateway or agent does to a remembered password. */
  SETTING_AUTO_SIGN_IN: () => 'Sign in again by myself when the gateway drops my session',
  VAULT_BOUND: () => 'Your remembered password is kept for this gateway and agent id only: changing either forgets it.',
} as const satisfies Record<string, (p: StatusParams) => string>;

export type StatusCode = keyof typeof STATUS_TEXT;

export function statusText(code: StatusCode, params: StatusParams = {}): string {
  return STATUS_TEXT[code](params);
}

/** Whole seconds from now until `at` (never negative), for "next in N s". */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** The sentence for a session state that is signing in again by itself; undefined for any other. */
export function resignInText(state: { code?: string; attempt?: number; retryAt?: number }, now: number): string | undefined {
  if (state.code !== 'RESIGNING_IN') return undefined;
  return statusText('RESIGNING_IN', { attempt: state.attempt, inSec: state.retryAt === undefined ? undefined : secondsUntil(state.retryAt, now) });
}
