// The one command model (shared/commands.ts): every hotkey runs a valid Command, every Command
// type is known to the page-facing check, and the check rebuilds a command from nothing but
// the fields its type has.
import { describe, expect, it } from 'vitest';
import { assertNever, COMMAND_SOURCES, HOTKEY_ACTIONS, HOTKEY_BINDINGS, MAX_POSITION } from '../../shared/commands';
import { AppError } from '../../electron/app/ipc-envelope';
import { checkCommand } from '../../electron/app/ipc-validate';
import { DEFAULT_HOTKEYS } from '../../shared/settings';
import { EVERY_COMMAND } from './command-examples';

function refusal(value: unknown): AppError {
  try {
    checkCommand(value);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', kind: 'input', agentMessage: { id: 'client.INVALID_ARGUMENT' } });
    return error as AppError;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
}

describe('hotkeys map to commands', () => {
  it('every hotkey action is a valid Command, and the hotkey settings are keyed by exactly these actions', () => {
    for (const action of HOTKEY_ACTIONS) expect(checkCommand(HOTKEY_BINDINGS[action]), action).toEqual(HOTKEY_BINDINGS[action]);
    expect(Object.keys(DEFAULT_HOTKEYS)).toEqual([...HOTKEY_ACTIONS]);
  });

  it('binds the top, 2nd and 3rd calls by position, and the panel and refresh without one', () => {
    expect(HOTKEY_BINDINGS).toEqual({
      resumeTop: { type: 'resume-position', position: 1 },
      togglePanel: { type: 'toggle-panel' },
      resume2: { type: 'resume-position', position: 2 },
      resume3: { type: 'resume-position', position: 3 },
      connectTop: { type: 'connect-position', position: 1 },
      refresh: { type: 'refresh' },
    });
  });

  it('names every source a command can come from', () => {
    expect([...COMMAND_SOURCES].sort()).toEqual(['hotkey', 'launch', 'panel', 'tray']);
  });
});

describe('checkCommand', () => {
  it.each(Object.values(EVERY_COMMAND))('accepts %j and rebuilds it', (command) => {
    const checked = checkCommand(structuredClone(command));
    expect(checked).toEqual(command);
    expect(checked).not.toBe(command);
  });

  it('accepts positions 1 to MAX_POSITION', () => {
    expect(checkCommand({ type: 'resume-position', position: 1 })).toEqual({ type: 'resume-position', position: 1 });
    expect(checkCommand({ type: 'connect-position', position: MAX_POSITION })).toEqual({ type: 'connect-position', position: MAX_POSITION });
  });

  it.each([
    [{ type: 'resume', callid: 'c1', force: true }, /not part of a resume command/],
    [{ type: 'refresh', callid: 'c1' }, /not part of a refresh command/],
    [{ type: 'toggle-panel', position: 1 }, /not part of a toggle-panel command/],
    [{ type: 'resume-position', position: 1, callid: 'c1' }, /not part of a resume-position command/],
  ])('refuses extra keys: %j', (value, detail) => {
    expect(refusal(value).message).toMatch(detail);
  });

  it.each([0, -1, 1.5, MAX_POSITION + 1, '1', Number.NaN, Number.POSITIVE_INFINITY, null, undefined])('refuses position %s', (position) => {
    expect(refusal({ type: 'resume-position', position }).message).toMatch(/position/);
    expect(refusal({ type: 'connect-position', position }).message).toMatch(/position/);
  });

  it.each(['', '../../logout', 'a/b', 'c1?x=1', ' c1', 'x'.repeat(65), 42, null, undefined, ['c1']])('refuses call id %j', (callid) => {
    expect(refusal({ type: 'resume', callid }).message).toMatch(/call id/);
    expect(refusal({ type: 'connect', callid }).message).toMatch(/call id/);
  });

  it.each([
    ['an unknown type', { type: 'hangup', callid: 'c1' }],
    ['no type', { callid: 'c1' }],
    ['a type that is not text', { type: 1 }],
    ['a string', 'refresh'],
    ['null', null],
    ['an array', [{ type: 'refresh' }]],
    ['an inherited type', Object.create({ type: 'refresh' })],
    ['a class instance', new (class { type = 'refresh'; })()],
  ])('refuses %s', (_what, value) => {
    refusal(value);
  });
});

describe('assertNever', () => {
  it('throws "Unhandled case" for a value the types said could not exist', () => {
    expect(() => assertNever({ type: 'hold' } as never)).toThrow(/Unhandled case: \{"type":"hold"\}/);
  });
});
