// How results reach the terminal: plain text for people, JSON for scripts, exit codes for both.
// Messages come from the catalogue (already in the agent's words) and pass through redact().
import { formatHoldTime } from '../../shared/format';
import { msg, type Message, type Translator } from '../../shared/i18n';
import { callFeatureMessage, type HeldCall } from '../../shared/model';
import { GatewayError, GatewayRefusedError, redact } from '../core/errors';

export const EXIT = { ok: 0, nothingToDo: 1, usage: 2, refused: 3, transport: 4 } as const;

export function exitCodeFor(error: unknown): number {
  if (error instanceof GatewayRefusedError) return EXIT.refused;
  if (error instanceof GatewayError) {
    if (error.kind === 'config') return EXIT.usage;
    if (error.kind === 'nothing-held') return EXIT.nothingToDo;
    return EXIT.transport;
  }
  return EXIT.transport;
}

export function describeError(error: unknown): Message {
  if (error instanceof GatewayRefusedError) return msg('cli.refused', { code: error.retcode, message: error.agentMessage });
  if (error instanceof GatewayError) return error.agentMessage;
  return msg('cli.unexpected', { detail: redact(error instanceof Error ? error.message : String(error)) });
}

/** C0 and C1 controls, DEL, line/paragraph separators and bidi overrides: what can move a cursor or reorder text. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Gateway text on its way to a terminal: control characters are dropped, so an escape sequence
 * in a caller's number cannot recolour, clear or rewrite the agent's screen. `keepLines` keeps
 * newlines and tabs (our own layout).
 */
export function terminalSafe(text: string, keepLines = false): string {
  return text.replace(keepLines ? CONTROLS_BUT_LINES : CONTROLS, '');
}

/** JSON for a terminal or a pipe: the same data, with the controls JSON.stringify leaves raw (C1, separators, bidi) escaped. */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function heldCallJson(call: HeldCall): Record<string, unknown> {
  return {
    callid: call.callid,
    caller: call.caller,
    called: call.called,
    callskill: call.callskill,
    callfeature: call.callfeature,
    callfeatureLabel: call.callfeatureLabel,
    heldSince: new Date(call.heldSince).toISOString(),
  };
}


export function heldCallTable(calls: HeldCall[], now: number, t: Translator): string {
  if (calls.length === 0) return t.text('cli.none-held');
  const cell = (text: string): string => terminalSafe(text) || '-';
  const rows = calls.map((c, i) => [i === 0 ? '*' : ' ', cell(c.callid), cell(c.caller), cell(c.called), cell(c.callskill), t.t(callFeatureMessage(c.callfeature)), formatHoldTime(now - c.heldSince)]);
  const header = [' ', 'CALLID', 'CALLER', 'CALLED', 'SKILL', 'TYPE', 'HELD'];
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col]!.length)));
  const line = (cells: string[]): string => cells.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line), t.text('cli.top-note')].join('\n');
}
