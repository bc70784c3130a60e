// The gateway's retcodes: each has a kind (electron/core/catalogue.ts) and words in the message
// catalogue ('gateway.<code>'), and the message chosen for a failure goes exact → family → unknown.
import { describe, expect, it } from 'vitest';
import { RETCODE_KINDS, SESSION_ENDING_CODES, kindOfRetcode } from '../../electron/core/catalogue';
import { GatewayRefusedError } from '../../electron/core/errors';
import { english, isMessageId } from '../../shared/i18n';
import { messageForError } from '../../shared/i18n/error-message';
import type { ErrorKind } from '../../shared/model';

// Every retcode listed in reference section 9 (single codes; ranges are checked below).
const REFERENCE_CODES = [
  '000-001', '000-002', '000-003', '000-004', '000-005', '000-006', '000-007',
  '100-001', '100-002', '100-003', '100-004', '100-005', '100-006', '100-007', '100-008', '100-009', '100-010',
  '100-011', '100-012', '100-013', '100-014', '100-015', '100-016', '100-017', '100-018', '100-019', '100-020', '100-021',
  '110-016', '105-001', '105-002', '105-003', '105-004', '105-005', '105-006', '105-007',
  '200-001', '200-002', '200-003', '200-004', '200-005', '200-006', '200-007', '200-008', '200-009', '200-010',
  '200-011', '200-012', '200-013', '200-014', '200-015', '200-016', '200-017', '200-018',
  '300-001', '300-002', '300-003', '300-004', '400-001', '400-002', '400-003', '999-001',
];

/** What the agent reads for a retcode, in English. */
const words = (code: string): string => english.t(messageForError(code, kindOfRetcode(code)));

describe('error catalogue', () => {
  it('has a kind and an exact message for every code in the reference', () => {
    expect(REFERENCE_CODES.filter((code) => !(code in RETCODE_KINDS))).toEqual([]);
    expect(REFERENCE_CODES.filter((code) => !isMessageId(`gateway.${code}`))).toEqual([]);
    for (const code of REFERENCE_CODES) expect(messageForError(code, kindOfRetcode(code)).id, code).toBe(`gateway.${code}`);
  });

  it('speaks to the agent: no message repeats its code or is empty', () => {
    for (const code of Object.keys(RETCODE_KINDS)) {
      expect(words(code).length, code).toBeGreaterThan(10);
      expect(words(code), code).not.toContain(code);
    }
  });

  it('covers the families the reference names only by range, with the family message', () => {
    for (const [code, family] of [['101-003', '101'], ['104-010', '104'], ['500-002', '500'], ['600-001', '600'], ['700-123', '700'], ['900-004', '900'], ['200-099', '200']]) {
      expect(kindOfRetcode(code!), code).not.toBe('unknown');
      expect(messageForError(code!, kindOfRetcode(code!)).id, code).toBe(`gateway.family.${family}`);
    }
  });

  it('falls back to a message that names an unknown code', () => {
    expect(kindOfRetcode('123-456')).toBe('unknown');
    expect(messageForError('123-456', 'unknown')).toEqual({ id: 'gateway.unknown', params: { code: '123-456' } });
    expect(words('123-456')).toContain('123-456');
  });

  it('keeps resume and connect refusals apart', () => {
    expect(words('200-015')).toMatch(/no longer on hold/);
    expect(words('200-016')).toMatch(/resumed/);
    expect(words('200-005')).toMatch(/current call/);
  });

  it('marks exactly the session-ending codes', () => {
    expect([...SESSION_ENDING_CODES].sort()).toEqual(['000-003', '100-006', '105-005', '105-006', '105-007']);
    for (const code of SESSION_ENDING_CODES) expect(kindOfRetcode(code)).toBe('signed-out');
    expect(kindOfRetcode('400-003')).toBe('no-call');
  });

  it('a refusal carries the catalogue message for the agent and English for the log', () => {
    const error = new GatewayRefusedError('200-015', 'call not held (gateway text)');
    expect(error.agentMessage).toEqual({ id: 'gateway.200-015' });
    expect(error.message).toBe(words('200-015'));
    expect(error.gatewayMessage).toBe('call not held (gateway text)');
  });
});

describe('messageForError picks the most specific message', () => {
  it('exact retcode, then its family, then "unknown" naming the code', () => {
    expect(messageForError('200-015', 'no-call').id).toBe('gateway.200-015');
    expect(messageForError('200-777', 'call-state').id).toBe('gateway.family.200');
    expect(messageForError('777-001', 'unknown')).toEqual({ id: 'gateway.unknown', params: { code: '777-001' } });
  });

  it('client codes, HTTP statuses, and the kind as the last resort', () => {
    expect(messageForError('ECONNREFUSED', 'transport').id).toBe('client.ECONNREFUSED');
    expect(messageForError('HTTP_503', 'transport')).toEqual({ id: 'client.HTTP', params: { status: '503' } });
    expect(english.t(messageForError('HTTP_503', 'transport'))).toBe('The gateway answered HTTP 503.');
    expect(messageForError('SOMETHING_NEW', 'timeout').id).toBe('kind.timeout');
    expect(messageForError('NOTHING_AT_POSITION', 'nothing-held', { position: 3 })).toEqual({ id: 'client.NOTHING_AT_POSITION', params: { position: 3 } });
  });

  it('has a message for every error kind', () => {
    // Record<ErrorKind, …>: a new kind that is not listed here fails to compile.
    const all: Record<ErrorKind, true> = {
      'signed-out': true, credentials: true, conflict: true, 'no-call': true, 'call-state': true, permission: true, input: true, server: true,
      'disaster-recovery': true, transport: true, timeout: true, tls: true, malformed: true, config: true, 'nothing-held': true, unknown: true,
    };
    const kinds = Object.keys(all);
    expect(kinds.filter((kind) => !isMessageId(`kind.${kind}`))).toEqual([]);
  });
});
