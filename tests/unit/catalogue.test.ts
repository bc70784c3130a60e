import { describe, expect, it } from 'vitest';
import { CATALOGUE, SESSION_ENDING_CODES, describeRetcode } from '../../electron/core/catalogue';

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

describe('error catalogue', () => {
  it('has an exact entry for every code in the reference', () => {
    const missing = REFERENCE_CODES.filter((code) => !(code in CATALOGUE));
    expect(missing).toEqual([]);
  });

  it('speaks to the agent: no entry repeats its code or is empty', () => {
    for (const [code, entry] of Object.entries(CATALOGUE)) {
      expect(entry.message.length, code).toBeGreaterThan(10);
      expect(entry.message, code).not.toContain(code);
    }
  });

  it('covers the families the reference names only by range', () => {
    for (const code of ['101-003', '104-010', '500-002', '600-001', '700-123', '900-004']) {
      expect(describeRetcode(code).kind, code).not.toBe('unknown');
    }
  });

  it('falls back to a message that names an unknown code', () => {
    const entry = describeRetcode('123-456');
    expect(entry.kind).toBe('unknown');
    expect(entry.message).toContain('123-456');
  });

  it('keeps resume and connect refusals apart', () => {
    expect(describeRetcode('200-015').message).toMatch(/no longer on hold/);
    expect(describeRetcode('200-016').message).toMatch(/resumed/);
    expect(describeRetcode('200-005').message).toMatch(/current call/);
  });

  it('marks exactly the session-ending codes', () => {
    expect([...SESSION_ENDING_CODES].sort()).toEqual(['000-003', '100-006', '105-005', '105-006', '105-007']);
    for (const code of SESSION_ENDING_CODES) expect(describeRetcode(code).kind).toBe('signed-out');
    expect(describeRetcode('400-003').kind).toBe('no-call');
  });
});
