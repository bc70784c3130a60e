// The gateway's retcodes (reference section 9): what kind of failure each one is, so callers can
// react without parsing text. What each says to the agent is in the message catalogue
// (shared/i18n, ids "gateway.<retcode>"); every code listed here has a message there, and
// families the reference only names by range (101-00x, 500-0xx, ...) fall back per family.
import type { ErrorKind } from '../../shared/model';

export const RETCODE_KINDS: Readonly<Record<string, ErrorKind>> = {
  '000-001': 'input',
  '000-002': 'input',
  '000-003': 'signed-out',
  '000-004': 'server',
  '000-005': 'input',
  '000-006': 'input',
  '000-007': 'conflict',
  '100-001': 'input',
  '100-002': 'conflict',
  '100-003': 'server',
  '100-004': 'credentials',
  '100-005': 'input',
  '100-006': 'signed-out',
  '100-007': 'server',
  '100-008': 'signed-out',
  '100-009': 'permission',
  '100-010': 'call-state',
  '100-011': 'input',
  '100-012': 'input',
  '100-013': 'input',
  '100-014': 'input',
  '100-015': 'conflict',
  '100-016': 'input',
  '100-017': 'credentials',
  '100-018': 'input',
  '100-019': 'input',
  '100-020': 'credentials',
  '100-021': 'conflict',
  '110-016': 'credentials',
  '105-001': 'disaster-recovery',
  '105-002': 'disaster-recovery',
  '105-003': 'disaster-recovery',
  '105-004': 'disaster-recovery',
  '105-005': 'signed-out',
  '105-006': 'signed-out',
  '105-007': 'signed-out',
  '200-001': 'input',
  '200-002': 'no-call',
  '200-003': 'no-call',
  '200-004': 'call-state',
  '200-005': 'no-call',
  '200-006': 'no-call',
  '200-007': 'no-call',
  '200-008': 'call-state',
  '200-009': 'no-call',
  '200-010': 'no-call',
  '200-011': 'no-call',
  '200-012': 'no-call',
  '200-013': 'no-call',
  '200-014': 'call-state',
  '200-015': 'no-call',
  '200-016': 'call-state',
  '200-017': 'no-call',
  '200-018': 'no-call',
  '300-001': 'permission',
  '300-002': 'input',
  '300-003': 'input',
  '300-004': 'input',
  '400-001': 'no-call',
  '400-002': 'input',
  '400-003': 'no-call',
  '999-001': 'server',
};

/** Families the reference names by prefix only. */
const FAMILY_KINDS: ReadonlyArray<[prefix: string, kind: ErrorKind]> = [
  ['101-', 'call-state'],
  ['104-', 'server'],
  ['105-', 'disaster-recovery'],
  ['500-', 'call-state'],
  ['600-', 'input'],
  ['700-', 'call-state'],
  ['900-', 'permission'],
  ['000-', 'input'],
  ['100-', 'signed-out'],
  ['200-', 'call-state'],
  ['300-', 'permission'],
  ['400-', 'input'],
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

export function kindOfRetcode(retcode: string): ErrorKind {
  const exact = RETCODE_KINDS[retcode];
  if (exact) return exact;
  return FAMILY_KINDS.find(([prefix]) => retcode.startsWith(prefix))?.[1] ?? 'unknown';
}
