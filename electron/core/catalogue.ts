// The gateway's retcodes (reference section 9) in the agent's words.
// Every code the reference lists has an entry; families the reference only names by range
// (101-00x, 500-0xx, ...) fall back to a per-family entry so nothing reaches an agent as a bare code.
import type { ErrorKind } from '../../shared/model';

export interface CatalogueEntry {
  kind: ErrorKind;
  message: string;
}

const E = (kind: ErrorKind, message: string): CatalogueEntry => ({ kind, message });

const SIGN_IN_AGAIN = 'Please sign in again.';

export const CATALOGUE: Readonly<Record<string, CatalogueEntry>> = {
  '000-001': E('input', 'The gateway refused the way events were requested. Check the gateway address.'),
  '000-002': E('input', 'The gateway did not accept the request (bad address or parameter).'),
  '000-003': E('signed-out', `Your session with the gateway has expired. ${SIGN_IN_AGAIN}`),
  '000-004': E('server', 'Your agent is being switched to another gateway. Try again in a moment.'),
  '000-005': E('input', 'An inspector cannot inspect themselves.'),
  '000-006': E('input', 'The gateway refused a parameter of the request.'),
  '000-007': E('conflict', 'The previous request is still being processed. Try again in a moment.'),
  '100-001': E('input', 'Sign-in details are missing or invalid.'),
  '100-002': E('conflict', 'You are already signed in somewhere else. Sign in with "force" to take over that session.'),
  '100-003': E('server', 'The call platform is unavailable. Try again later or call your supervisor.'),
  '100-004': E('credentials', 'Wrong agent id or password.'),
  '100-005': E('input', 'Sign-out was refused: invalid parameters.'),
  '100-006': E('signed-out', `You are not signed in (you may have been signed out by a supervisor or another client). ${SIGN_IN_AGAIN}`),
  '100-007': E('server', 'The gateway hit an internal error. Try again; if it persists, call IT.'),
  '100-008': E('signed-out', 'You are already signed out.'),
  '100-009': E('permission', 'You are not allowed to change your agent state.'),
  '100-010': E('call-state', 'You cannot sign out now: finish or resume your calls first.'),
  '100-011': E('input', 'The gateway refused the sign-in parameters.'),
  '100-012': E('input', 'The gateway refused the agent type.'),
  '100-013': E('input', 'The phone number bound to this agent is invalid.'),
  '100-014': E('input', 'This phone number is not in the range configured for agents.'),
  '100-015': E('conflict', 'You are signed in elsewhere and the gateway does not allow taking over that session.'),
  '100-016': E('input', 'The gateway refused this workstation\'s IP address.'),
  '100-017': E('credentials', 'Single sign-on (uPortal) authentication failed.'),
  '100-018': E('input', 'This agent does not belong to the configured call centre (VDN mismatch).'),
  '100-019': E('input', 'Invalid skill query parameters.'),
  '100-020': E('credentials', 'Your password has expired. Change it in the agent workbench, then sign in again.'),
  '100-021': E('conflict', 'A sign-in for this agent is already in progress.'),
  '110-016': E('credentials', 'This agent account is locked. Call your supervisor.'),
  '105-001': E('disaster-recovery', 'The gateway is recovering and has no record of your session.'),
  '105-002': E('disaster-recovery', 'The gateway is recovering. Try again in a moment.'),
  '105-003': E('disaster-recovery', 'The gateway finished recovering.'),
  '105-004': E('disaster-recovery', 'The gateway could not queue your request during recovery.'),
  '105-005': E('signed-out', `The gateway switched over and your session timed out. ${SIGN_IN_AGAIN}`),
  '105-006': E('signed-out', `The gateway switched over and no longer recognises your session. ${SIGN_IN_AGAIN}`),
  '105-007': E('signed-out', `The gateway's disaster recovery is off and your session ended. ${SIGN_IN_AGAIN}`),
  '200-001': E('input', 'The number to call is wrong.'),
  '200-002': E('no-call', 'There is no call to answer.'),
  '200-003': E('no-call', 'There is no call to mute.'),
  '200-004': E('call-state', 'The call cannot be muted in its current state.'),
  '200-005': E('no-call', 'Connect needs a current call: there is no call in progress to join the held call to.'),
  '200-006': E('no-call', 'That call is no longer on hold.'),
  '200-007': E('no-call', 'There is no call to unmute.'),
  '200-008': E('call-state', 'The call cannot be unmuted in its current state.'),
  '200-009': E('no-call', 'There is no call to play a voice report on.'),
  '200-010': E('no-call', 'There is no call for a three-party conference.'),
  '200-011': E('no-call', 'There is no held call to add to a conference.'),
  '200-012': E('no-call', 'There is no call to transfer.'),
  '200-013': E('no-call', 'There is no call to hold or connect.'),
  '200-014': E('call-state', 'The call\'s current state does not allow this.'),
  '200-015': E('no-call', 'That call is no longer on hold.'),
  '200-016': E('call-state', 'The call cannot be resumed now: hold or end your current call first.'),
  '200-017': E('no-call', 'There is no call to release.'),
  '200-018': E('no-call', 'There is no call for an internal consultation.'),
  '300-001': E('permission', 'You are not allowed to query call data.'),
  '300-002': E('input', 'Agent information not found.'),
  '300-003': E('input', 'Agent group information not found.'),
  '300-004': E('input', 'Agent group information not found.'),
  '400-001': E('no-call', 'There is no call to attach data to.'),
  '400-002': E('input', 'There is no call data to set.'),
  '400-003': E('no-call', 'No calls are on hold.'),
  '999-001': E('server', 'The gateway is misconfigured (WAS address). Call IT.'),
};

/** Families the reference names by prefix only. */
const FAMILIES: ReadonlyArray<[prefix: string, entry: CatalogueEntry]> = [
  ['101-', E('call-state', 'The conference operation was refused.')],
  ['104-', E('server', 'The recording could not be downloaded.')],
  ['105-', E('disaster-recovery', 'The gateway is switching over. Try again in a moment.')],
  ['500-', E('call-state', 'Recording or playback is not possible in the current state.')],
  ['600-', E('input', 'Nothing is configured for that queue device.')],
  ['700-', E('call-state', 'The text chat operation was refused.')],
  ['900-', E('permission', 'The quality-control operation was refused.')],
  ['000-', E('input', 'The gateway refused the request.')],
  ['100-', E('signed-out', 'The gateway refused the sign-in or sign-out.')],
  ['200-', E('call-state', 'The call operation was refused.')],
  ['300-', E('permission', 'The query was refused.')],
  ['400-', E('input', 'The call data operation was refused.')],
];

/** "No permission": on a poll, most often a Guid just replaced by rotation; retried before it counts (session.ts). */
export const GUID_REFUSED = '000-003';

/** Retcodes after which the session is gone and polling must stop (000-003 only after its retries). */
export const SESSION_ENDING_CODES: ReadonlySet<string> = new Set(['100-006', '000-003', '105-005', '105-006', '105-007']);

/**
 * Why a running session ended, when signing in again may bring it back: the gateway forgot it
 * (supervisor, restart, expiry), switched over, or could not be reached for too long. Not TLS
 * (a changed certificate needs a person) and not the agent's own sign-out.
 */
export const SESSION_LOST_CODES: ReadonlySet<string> = new Set([...SESSION_ENDING_CODES, 'OUTAGE']);

export function describeRetcode(retcode: string): CatalogueEntry {
  const exact = CATALOGUE[retcode];
  if (exact) return exact;
  const family = FAMILIES.find(([prefix]) => retcode.startsWith(prefix));
  if (family) return family[1];
  return E('unknown', `The gateway refused the request (code ${retcode}).`);
}
