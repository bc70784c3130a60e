// The one command model. Everything the agent can ask for, from any place (panel, tray, global
// hotkey, a second launch with flags from a pedal or script), is one of these, and goes through
// one `execute(command, source)` in main, which reports the outcome the same way every time.
// Plain data: compiled for main, preload, renderer and CLI alike.

/** A held call chosen by its place in the list as shown (1 = the top row). */
export type Position = number;

export type Command =
  | { type: 'resume'; callid: string }
  | { type: 'resume-position'; position: Position }
  | { type: 'connect'; callid: string }
  | { type: 'connect-position'; position: Position }
  | { type: 'refresh' }
  | { type: 'toggle-panel' };

export type CommandType = Command['type'];

/** Where a command came from: decides only how its outcome is shown (a notification when hidden). */
export type CommandSource = 'panel' | 'hotkey' | 'tray' | 'launch';

export const COMMAND_SOURCES: readonly CommandSource[] = ['panel', 'hotkey', 'tray', 'launch'];

/** The highest list position a command may name (the panel never shows more rows than this unfolded). */
export const MAX_POSITION = 99;

/**
 * What each global hotkey does: the hotkey settings are keyed by these names, and a press runs
 * the command. The order is the order of the settings form.
 */
export const HOTKEY_BINDINGS = {
  resumeTop: { type: 'resume-position', position: 1 },
  togglePanel: { type: 'toggle-panel' },
  resume2: { type: 'resume-position', position: 2 },
  resume3: { type: 'resume-position', position: 3 },
  connectTop: { type: 'connect-position', position: 1 },
  refresh: { type: 'refresh' },
} as const satisfies Record<string, Command>;

export type HotkeyAction = keyof typeof HOTKEY_BINDINGS;
export const HOTKEY_ACTIONS = Object.keys(HOTKEY_BINDINGS) as readonly HotkeyAction[];

/** For switches over a union: a new member the switch forgot fails to compile here. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
