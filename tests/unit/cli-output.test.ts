import { english } from '../../shared/i18n';
import { describe, expect, it } from 'vitest';
import { heldCallTable, jsonLine, terminalSafe } from '../../electron/cli/output';

const ESC = '\u001b';
const CSI8 = '\u009b';

describe('gateway text on its way to a terminal', () => {
  it('drops C0/C1 controls, DEL and bidi overrides; keeps our own newlines only when asked', () => {
    expect(terminalSafe(`${ESC}[31mRED${ESC}[0m${CSI8}2J\r\u0007\u007f\u202eabc\u2066`)).toBe('[31mRED[0m2Jabc');
    expect(terminalSafe('a\nb\tc')).toBe('abc');
    expect(terminalSafe('a\nb\tc\r', true)).toBe('a\nb\tc');
  });

  it('escapes what JSON.stringify leaves raw, losslessly', () => {
    const value = { caller: `${ESC}[2J${CSI8}1;1H\u2028\u202e\u0085` };
    const line = jsonLine(value);
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
    expect(JSON.parse(line)).toEqual(value);
  });

  it('builds the held-call table from sanitised cells', () => {
    const table = heldCallTable(
      [{ callid: 'c1', caller: `${ESC}]0;title\u0007077`, called: '\r4001', callskill: `${CSI8}K`, callfeature: 0, callfeatureLabel: 'Inbound', heldSince: 0 }],
      60_000,
      english,
    );
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(table).toContain(']0;title077');
  });
});
