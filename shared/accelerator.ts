// Electron accelerators ("CommandOrControl+Alt+R"): parsing, validation, display and capture
// from a key event. Shared by the main process (registration, tray, settings validation) and the
// renderer (hotkey capture and labels), so both agree on what a valid hotkey is and how it reads.
import { msg, type Message } from './i18n';

/** 'darwin', 'win32', 'linux'...: Node's platform in main, guessed from the user agent in the page. */
export function defaultPlatform(): string {
  const node = (globalThis as { process?: { platform?: string } }).process?.platform;
  if (node) return node;
  const agent = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? '';
  return /Mac|iPhone|iPad/.test(agent) ? 'darwin' : /Windows/.test(agent) ? 'win32' : 'linux';
}

const MODIFIERS: Record<string, string> = {
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};

const NAMED_KEYS = [
  'Plus', 'Space', 'Tab', 'Capslock', 'Numlock', 'Scrolllock', 'Backspace', 'Delete', 'Insert', 'Return', 'Enter',
  'Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown', 'Escape', 'Esc', 'PrintScreen',
  'VolumeUp', 'VolumeDown', 'VolumeMute', 'MediaNextTrack', 'MediaPreviousTrack', 'MediaStop', 'MediaPlayPause',
  'num0', 'num1', 'num2', 'num3', 'num4', 'num5', 'num6', 'num7', 'num8', 'num9',
  'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
];
const NAMED = new Map(NAMED_KEYS.map((k) => [k.toLowerCase(), k]));
const PUNCTUATION = new Set(')!@#$%^&*(:;+=<,_->.?/~`{]|[}"\'\\'.split(''));

/**
 * Keys safe to grab system-wide without a modifier: F13-F24 exist on no ordinary keyboard (they
 * are what foot pedals and macro pads send), so no program needs them. F1-F12, media and volume
 * keys all have owners.
 */
const BARE_OK = /^F(1[3-9]|2[0-4])$/;

/** Shortcuts every program (or the OS) relies on: copy, paste, undo, save, close, quit, switch. */
const EDITING_KEYS = new Set(['C', 'V', 'X', 'Z', 'Y', 'A', 'S', 'W', 'Q', 'F', 'P', 'N', 'T', 'O', 'Tab', 'Esc', 'Space']);

function reserved(modifiers: readonly string[], key: string): boolean {
  const set = new Set(modifiers.map((m) => (m === 'Command' || m === 'Control' ? 'CommandOrControl' : m)));
  const only = (...names: string[]): boolean => set.size === names.length && names.every((n) => set.has(n));
  if ((only('CommandOrControl') || only('CommandOrControl', 'Shift')) && EDITING_KEYS.has(key)) return true;
  if ((only('Alt') || only('Alt', 'Shift')) && ['F4', 'Tab', 'Space', 'Esc'].includes(key)) return true;
  if (only('CommandOrControl', 'Alt') && (key === 'Delete' || key === 'Backspace')) return true;
  // The Windows key with a letter belongs to the shell (Win+L locks, Win+D desktop, Win+R run...).
  if (set.has('Super') && [...set].every((m) => m === 'Super' || m === 'Shift')) return true;
  return false;
}

function normaliseKey(part: string): string | undefined {
  if (/^[a-z0-9]$/i.test(part)) return part.toUpperCase();
  if (/^f([1-9]|1\d|2[0-4])$/i.test(part)) return part.toUpperCase();
  if (part.length === 1 && PUNCTUATION.has(part)) return part;
  return NAMED.get(part.toLowerCase());
}

function parseAccelerator(accelerator: string): { modifiers: string[]; key: string } | Message {
  // "Ctrl++" means Ctrl and the plus key: keep the empty tail as "+".
  const parts = accelerator.trim().replace(/\+\+$/, '+Plus').split('+');
  const key = parts.pop() ?? '';
  const modifiers: string[] = [];
  for (const part of parts) {
    const modifier = MODIFIERS[part.trim().toLowerCase()];
    if (!modifier) return msg('hotkey.not-modifier', { part });
    if (modifiers.includes(modifier)) return msg('hotkey.twice', { part });
    modifiers.push(modifier);
  }
  const normalised = normaliseKey(key.trim());
  if (!normalised) return key.trim() ? msg('hotkey.unknown-key', { key: key.trim() }) : msg('hotkey.no-key');
  return { modifiers, key: normalised };
}

/** Why an accelerator cannot be a global hotkey, or undefined when it can. '' (unbound) is fine. */
export function acceleratorProblem(accelerator: string, platform: string = defaultPlatform()): Message | undefined {
  if (accelerator.trim() === '') return undefined;
  if (accelerator.length > 64) return msg('hotkey.too-long');
  const parsed = parseAccelerator(accelerator);
  if ('id' in parsed) return parsed;
  const onlyShift = parsed.modifiers.length === 1 && parsed.modifiers[0] === 'Shift';
  if ((parsed.modifiers.length === 0 || onlyShift) && !BARE_OK.test(parsed.key)) return msg('hotkey.needs-modifier');
  if (reserved(parsed.modifiers, parsed.key)) return msg('hotkey.reserved', { key: formatAccelerator(accelerator, platform) });
  return undefined;
}

/**
 * One spelling per physical combination on this platform: CommandOrControl is Control off macOS
 * and Command on it, so "Ctrl+Alt+R" and "CommandOrControl+Alt+R" collide where they are the same keys.
 */
export function canonicalAccelerator(accelerator: string, platform: string = defaultPlatform()): string {
  const parsed = parseAccelerator(accelerator);
  if ('id' in parsed) return accelerator.toLowerCase();
  const same = platform === 'darwin' ? 'Command' : 'Control';
  const modifiers = [...new Set(parsed.modifiers.map((m) => (m === 'CommandOrControl' ? same : m)))].sort();
  return [...modifiers, parsed.key].join('+').toLowerCase();
}

const MAC_SYMBOLS: Record<string, string> = { Command: '⌘', CommandOrControl: '⌘', Control: '⌃', Alt: '⌥', AltGr: '⌥', Shift: '⇧', Super: '⌘' };
const PC_NAMES: Record<string, string> = { Command: 'Win', CommandOrControl: 'Ctrl', Control: 'Ctrl', Alt: 'Alt', AltGr: 'AltGr', Shift: 'Shift', Super: 'Win' };

/** "CommandOrControl+Alt+R" → "Ctrl+Alt+R" (Windows/Linux) or "⌘⌥R" (macOS). */
export function formatAccelerator(accelerator: string, platform: string = defaultPlatform()): string {
  if (!accelerator.trim()) return '';
  const parsed = parseAccelerator(accelerator);
  if ('id' in parsed) return accelerator;
  const key = parsed.key === 'Plus' ? '+' : parsed.key;
  if (platform === 'darwin') return parsed.modifiers.map((m) => MAC_SYMBOLS[m] ?? m).join('') + key;
  return [...parsed.modifiers.map((m) => PC_NAMES[m] ?? m), key].join('+');
}

export interface KeyEventLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

const EVENT_KEYS: Record<string, string> = {
  ' ': 'Space', ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right', Enter: 'Return',
  Escape: 'Esc', Backspace: 'Backspace', Delete: 'Delete', Insert: 'Insert', Home: 'Home', End: 'End',
  PageUp: 'PageUp', PageDown: 'PageDown', Tab: 'Tab', '+': 'Plus', PrintScreen: 'PrintScreen',
};

/**
 * The accelerator for a keydown in the capture field, or undefined while only modifiers are down.
 * Uses `code` when present so Shift+1 records "1", not "!".
 */
export function acceleratorFromKeyEvent(event: KeyEventLike, platform: string = defaultPlatform()): string | undefined {
  if (['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'OS'].includes(event.key)) return undefined;
  let key: string | undefined;
  const code = event.code ?? '';
  if (/^Key[A-Z]$/.test(code)) key = code.slice(3);
  else if (/^Digit\d$/.test(code)) key = code.slice(5);
  else if (/^Numpad\d$/.test(code)) key = `num${code.slice(6)}`;
  else key = EVENT_KEYS[event.key] ?? normaliseKey(event.key);
  if (!key) return undefined;
  const mac = platform === 'darwin';
  const modifiers: string[] = [];
  // Portable where it can be: Ctrl on Windows/Linux and Cmd on macOS are the same setting.
  if (mac ? event.metaKey : event.ctrlKey) modifiers.push('CommandOrControl');
  if (mac && event.ctrlKey) modifiers.push('Control');
  if (!mac && event.metaKey) modifiers.push('Super');
  if (event.altKey) modifiers.push('Alt');
  if (event.shiftKey) modifiers.push('Shift');
  return [...modifiers, key].join('+');
}

export type CaptureResult =
  | { kind: 'accelerator'; accelerator: string }
  | { kind: 'pending' } // only modifiers so far
  | { kind: 'invalid'; reason: Message };

/** A keydown while capturing a hotkey: a usable accelerator, still waiting for a key, or why not. */
export function captureAccelerator(event: KeyEventLike, platform: string = defaultPlatform()): CaptureResult {
  const accelerator = acceleratorFromKeyEvent(event, platform);
  if (accelerator === undefined) {
    return ['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'OS'].includes(event.key)
      ? { kind: 'pending' }
      : { kind: 'invalid', reason: msg('hotkey.unusable-key', { key: event.key }) };
  }
  const problem = acceleratorProblem(accelerator, platform);
  return problem ? { kind: 'invalid', reason: problem } : { kind: 'accelerator', accelerator };
}
