// Messages about the session's survival and the held list's freshness (issue 7), built from
// codes and structured parameters. The words are in the catalogue (shared/i18n, 'status.*').
import { formatHoldTime } from './format';
import { msg, type Message } from './i18n';

export interface StatusParams {
  /** Re-sign-in attempt (1, 2, ...). */
  attempt?: number;
  /** Seconds until the next attempt; absent while one is under way. */
  inSec?: number;
  /** Age of the last successful read of the held list, ms. */
  ageMs?: number;
  /** How many calls (held, ignored). */
  count?: number;
  /** A message from elsewhere (the catalogue) to quote. */
  detail?: Message;
}

const age = (p: StatusParams): string => formatHoldTime(p.ageMs ?? 0);
const withDetail = (plain: Parameters<typeof msg>[0], because: Parameters<typeof msg>[0], p: StatusParams): Message =>
  p.detail ? msg(because, { detail: p.detail }) : msg(plain);

export const STATUS_MESSAGES = {
  /** Session state while the client signs in again by itself. */
  RESIGNING_IN: (p: StatusParams) =>
    p.inSec === undefined ? msg('status.resigning-in', { attempt: p.attempt ?? 1 }) : msg('status.resigning-in-next', { attempt: p.attempt ?? 1, seconds: p.inSec }),
  /** Session state while event polls are refused for their Guid and retried (000-003). */
  POLL_GUID_REFUSED: () => msg('status.poll-guid-refused'),
  /** Why re-sign-in stopped after its last attempt. */
  RESIGN_IN_GAVE_UP: (p: StatusParams) =>
    p.detail ? msg('status.resign-in-gave-up-because', { attempt: p.attempt ?? 0, detail: p.detail }) : msg('status.resign-in-gave-up', { attempt: p.attempt ?? 0 }),
  /** A held list that could not be kept up: the last known calls, and how old they are. */
  LIST_STALE: (p: StatusParams) => msg('status.list-stale', { age: age(p) }),
  /** A stale list that was empty at its last read: never "No calls on hold". */
  LIST_STALE_EMPTY: (p: StatusParams) => msg('status.list-stale-empty', { age: age(p) }),
  LIST_UNKNOWN: () => msg('status.list-unknown'),
  /** CLI `list` / `status` when the gateway's list could not be read. */
  LIST_NOT_READ: (p: StatusParams) => withDetail('status.list-not-read', 'status.list-not-read-because', p),
  /** Held calls the gateway listed with an invalid id. */
  LIST_IGNORED: (p: StatusParams) => msg('status.list-ignored', { count: p.count ?? 0 }),
  /** Tray trouble lines. */
  TRAY_LIST_STALE: (p: StatusParams) => msg('status.tray-list-stale', { age: age(p) }),
  TRAY_LIST_UNKNOWN: () => msg('status.tray-list-unknown'),
  /** Resume-top on a list that is not fresh, when the re-read failed too. */
  LIST_UNREADABLE_FOR_RESUME: (p: StatusParams) => withDetail('status.list-unreadable-for-resume', 'status.list-unreadable-for-resume-because', p),
  /** A repeat of the resume hotkey (key held down, double press) right after a resume. */
  REPEAT_IGNORED: () => msg('status.repeat-ignored'),
  /** The panel's question before signing out with calls held. */
  SIGN_OUT_HELD: (p: StatusParams) => msg('status.sign-out-held', { count: p.count ?? 0 }),
  /** What changing the gateway or agent does to a remembered password. */
  VAULT_BOUND: () => msg('status.vault-bound'),
} as const satisfies Record<string, (p: StatusParams) => Message>;

export type StatusCode = keyof typeof STATUS_MESSAGES;

export function statusText(code: StatusCode, params: StatusParams = {}): Message {
  return STATUS_MESSAGES[code](params);
}

/** Whole seconds from now until `at` (never negative), for "next in N s". */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** The message for a session state that is signing in again by itself; undefined for any other. */
export function resignInText(state: { code?: string; attempt?: number; retryAt?: number }, now: number): Message | undefined {
  if (state.code !== 'RESIGNING_IN') return undefined;
  return statusText('RESIGNING_IN', { attempt: state.attempt, inSec: state.retryAt === undefined ? undefined : secondsUntil(state.retryAt, now) });
}
