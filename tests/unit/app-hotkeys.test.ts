import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_HOTKEYS, HOTKEY_ACTIONS, type Hotkeys } from '../../shared/settings';
import { acceleratorFromKeyEvent, acceleratorProblem, canonicalAccelerator, captureAccelerator, formatAccelerator } from '../../shared/accelerator';
import { english, type Message } from '../../shared/i18n';
import { AppError } from '../../electron/app/ipc-envelope';
import { createMemorySettings } from '../../electron/app/memory-settings';
import { checkHotkeys } from '../../electron/app/settings-validate';
import { registerHotkeys, unregisterHotkeys, type ShortcutRegistry } from '../../electron/app/hotkeys';
import { HotkeyController } from '../../electron/main/hotkeys';

/** A globalShortcut stand-in: `taken` are held by "another program", `bad` throw like Electron does. */
function fakeShortcut(options: { taken?: string[]; bad?: string[] } = {}) {
  const callbacks = new Map<string, () => void>();
  const shortcut: ShortcutRegistry & { press(acc: string): void; callbacks: Map<string, () => void> } = {
    callbacks,
    register: vi.fn((acc: string, fn: () => void) => {
      if (options.bad?.includes(acc)) throw new TypeError(`Error processing argument at index 0, conversion failure from ${acc}`);
      if (options.taken?.includes(acc) || callbacks.has(acc)) return false;
      callbacks.set(acc, fn);
      return true;
    }),
    unregister: vi.fn((acc: string) => void callbacks.delete(acc)),
    unregisterAll: vi.fn(() => callbacks.clear()),
    isRegistered: (acc: string) => callbacks.has(acc),
    press(acc: string) {
      callbacks.get(acc)?.();
    },
  };
  return shortcut;
}

const keys = (overrides: Partial<Hotkeys>): Hotkeys => ({ ...DEFAULT_HOTKEYS, ...overrides });
/** The reason in English, or undefined when the accelerator is usable. */
const problem = (accelerator: string, platform = 'win32'): string | undefined => {
  const reason: Message | undefined = acceleratorProblem(accelerator, platform);
  return reason && english.t(reason);
};

describe('registerHotkeys', () => {
  it('registers bound keys, reports empty ones as unbound, and runs the action on a press', () => {
    const shortcut = fakeShortcut();
    const run = vi.fn();
    const status = registerHotkeys(shortcut, keys({ refresh: 'F8' }), run);
    expect(status.find((s) => s.action === 'resumeTop')).toEqual({ action: 'resumeTop', accelerator: 'CommandOrControl+Alt+R', status: 'registered' });
    expect(status.find((s) => s.action === 'resume2')).toEqual({ action: 'resume2', accelerator: '', status: 'unbound' });
    expect(status.find((s) => s.action === 'refresh')?.status).toBe('registered');
    expect(shortcut.isRegistered('CommandOrControl+Alt+R')).toBe(true);
    shortcut.press('CommandOrControl+Alt+R');
    expect(run).toHaveBeenCalledWith('resumeTop');
  });

  it('reports a key another program holds as taken and a malformed one as invalid', () => {
    const shortcut = fakeShortcut({ taken: ['CommandOrControl+Alt+R'], bad: ['Hyper+Q'] });
    const status = registerHotkeys(shortcut, keys({ refresh: 'Hyper+Q' }), vi.fn());
    expect(status.find((s) => s.action === 'resumeTop')?.status).toBe('taken');
    expect(status.find((s) => s.action === 'refresh')?.status).toBe('invalid');
    expect(status.find((s) => s.action === 'togglePanel')?.status).toBe('registered');
  });

  it('treats a second action on the same key as taken', () => {
    const status = registerHotkeys(fakeShortcut(), keys({ refresh: 'CmdOrCtrl+alt+r' }), vi.fn());
    expect(status.find((s) => s.action === 'refresh')?.status).toBe('taken');
  });

  it('ignores repeats of the same action within the throttle window', () => {
    let now = 1_000;
    const shortcut = fakeShortcut();
    const run = vi.fn();
    registerHotkeys(shortcut, DEFAULT_HOTKEYS, run, { throttleMs: 400, now: () => now });
    shortcut.press('CommandOrControl+Alt+R');
    now += 100;
    shortcut.press('CommandOrControl+Alt+R');
    shortcut.press('CommandOrControl+Alt+H'); // another action is not throttled by the first
    now += 400;
    shortcut.press('CommandOrControl+Alt+R');
    expect(run.mock.calls.map((c) => c[0])).toEqual(['resumeTop', 'togglePanel', 'resumeTop']);
  });

  it('unregisters its previous keys before registering the new set', () => {
    const shortcut = fakeShortcut();
    registerHotkeys(shortcut, DEFAULT_HOTKEYS, vi.fn());
    registerHotkeys(shortcut, keys({ resumeTop: 'F9' }), vi.fn());
    expect(shortcut.unregister).toHaveBeenCalledWith('CommandOrControl+Alt+R');
    expect(shortcut.isRegistered('CommandOrControl+Alt+R')).toBe(false);
    expect(shortcut.isRegistered('F9')).toBe(true);
    unregisterHotkeys(shortcut);
    expect([...shortcut.callbacks.keys()]).toEqual([]);
  });
});

describe('HotkeyController (main glue, electron-free)', () => {
  it('re-registers only when the hotkeys change, suspends while capturing, and unregisters all on dispose', () => {
    const shortcut = fakeShortcut();
    let hotkeys = DEFAULT_HOTKEYS;
    const onStatus = vi.fn();
    const controller = new HotkeyController({ shortcut, hotkeys: () => hotkeys, run: vi.fn(), onStatus });
    expect(controller.apply(true)).toBe(true);
    expect(controller.apply()).toBe(false);
    hotkeys = keys({ resumeTop: 'F7' });
    expect(controller.apply()).toBe(true);
    expect(shortcut.isRegistered('F7')).toBe(true);
    expect(onStatus).toHaveBeenCalledTimes(2);

    controller.setCapturing(true);
    expect(shortcut.isRegistered('F7')).toBe(false);
    hotkeys = keys({ resumeTop: 'F6' });
    expect(controller.apply()).toBe(false); // not while the settings view records a key
    controller.setCapturing(false);
    expect(shortcut.isRegistered('F6')).toBe(true);

    controller.dispose();
    expect(shortcut.unregisterAll).toHaveBeenCalled();
    expect(shortcut.isRegistered('F6')).toBe(false);
  });
});

describe('accelerator helpers', () => {
  it('formats for display per platform', () => {
    expect(formatAccelerator('CommandOrControl+Alt+R', 'win32')).toBe('Ctrl+Alt+R');
    expect(formatAccelerator('CommandOrControl+Alt+R', 'darwin')).toBe('⌘⌥R');
    expect(formatAccelerator('Ctrl+Plus', 'linux')).toBe('Ctrl++');
    // Unbound reads as nothing here; the form shows the catalogue's "not set" itself.
    expect(formatAccelerator('', 'linux')).toBe('');
  });

  it('explains accelerators that cannot be global hotkeys', () => {
    expect(problem('')).toBeUndefined();
    expect(problem('CommandOrControl+Shift+F5')).toBeUndefined();
    expect(problem('R')).toMatch(/needs Ctrl, Alt or Cmd/);
    expect(problem('Shift+R')).toMatch(/needs Ctrl, Alt or Cmd/);
    expect(problem('Hyper+R')).toMatch(/"Hyper" is not a modifier/);
    expect(problem('Ctrl+Alt')).toMatch(/not a key|only modifiers/);
    expect(problem('Ctrl+Ctrl+R')).toMatch(/twice/);
    expect(problem('Ctrl+Alt+Banana')).toMatch(/"Banana" is not a key/);
    expect(problem(`Ctrl+Alt+${'R'.repeat(70)}`)).toMatch(/too long/);
  });

  it('builds an accelerator from a keydown, ignoring lone modifiers', () => {
    const base = { ctrlKey: false, altKey: false, shiftKey: false, metaKey: false };
    expect(acceleratorFromKeyEvent({ ...base, key: 'Control', ctrlKey: true }, 'win32')).toBeUndefined();
    expect(acceleratorFromKeyEvent({ ...base, key: 'r', code: 'KeyR', ctrlKey: true, altKey: true }, 'win32')).toBe('CommandOrControl+Alt+R');
    expect(acceleratorFromKeyEvent({ ...base, key: '!', code: 'Digit1', metaKey: true, shiftKey: true }, 'darwin')).toBe('CommandOrControl+Shift+1');
    expect(acceleratorFromKeyEvent({ ...base, key: 'F8', code: 'F8' }, 'linux')).toBe('F8');
    expect(acceleratorFromKeyEvent({ ...base, key: 'ArrowUp', ctrlKey: true }, 'linux')).toBe('CommandOrControl+Up');
  });

  it('captures a hotkey: waits through lone modifiers, refuses keys that would block typing', () => {
    const base = { ctrlKey: false, altKey: false, shiftKey: false, metaKey: false };
    expect(captureAccelerator({ ...base, key: 'Alt', altKey: true }, 'linux')).toEqual({ kind: 'pending' });
    expect(captureAccelerator({ ...base, key: 'r', code: 'KeyR' }, 'linux')).toMatchObject({ kind: 'invalid', reason: { id: 'hotkey.needs-modifier' } });
    expect(captureAccelerator({ ...base, key: 'r', code: 'KeyR', ctrlKey: true, altKey: true }, 'linux')).toEqual({ kind: 'accelerator', accelerator: 'CommandOrControl+Alt+R' });
    // F13-F24 (pedals, macro pads) need no modifier; F9 does.
    expect(captureAccelerator({ ...base, key: 'F13', code: 'F13' }, 'win32')).toEqual({ kind: 'accelerator', accelerator: 'F13' });
    expect(captureAccelerator({ ...base, key: 'F9', code: 'F9' }, 'win32')).toMatchObject({ kind: 'invalid', reason: { id: 'hotkey.needs-modifier' } });
    // Capture refuses the editing shortcuts too, with the reason for the field.
    const copy = captureAccelerator({ ...base, key: 'c', code: 'KeyC', ctrlKey: true }, 'win32');
    expect(copy).toEqual({ kind: 'invalid', reason: { id: 'hotkey.reserved', params: { key: 'Ctrl+C' } } });
    expect(captureAccelerator({ ...base, key: 'Dead', code: 'Quote' }, 'linux')).toEqual({ kind: 'invalid', reason: { id: 'hotkey.unusable-key', params: { key: 'Dead' } } });
  });
});

describe('hotkey rules (issue 6: no editing or system shortcuts, no bare keys, no duplicates)', () => {
  it.each([
    ['Ctrl+C', 'win32', 'hotkey.reserved'],
    ['CommandOrControl+C', 'win32', 'hotkey.reserved'],
    ['Cmd+V', 'darwin', 'hotkey.reserved'],
    ['CmdOrCtrl+X', 'linux', 'hotkey.reserved'],
    ['Ctrl+Z', 'win32', 'hotkey.reserved'],
    ['Ctrl+Shift+Z', 'win32', 'hotkey.reserved'],
    ['Ctrl+Y', 'win32', 'hotkey.reserved'],
    ['Ctrl+A', 'win32', 'hotkey.reserved'],
    ['Ctrl+S', 'win32', 'hotkey.reserved'],
    ['Ctrl+W', 'win32', 'hotkey.reserved'],
    ['Command+Q', 'darwin', 'hotkey.reserved'],
    ['Cmd+Tab', 'darwin', 'hotkey.reserved'],
    ['Cmd+Space', 'darwin', 'hotkey.reserved'],
    ['Alt+F4', 'win32', 'hotkey.reserved'],
    ['Alt+Tab', 'win32', 'hotkey.reserved'],
    ['Alt+Shift+Tab', 'win32', 'hotkey.reserved'],
    ['Ctrl+Alt+Delete', 'win32', 'hotkey.reserved'],
    ['Ctrl+Shift+Esc', 'win32', 'hotkey.reserved'],
    ['Super+L', 'win32', 'hotkey.reserved'],
    ['Super+Shift+S', 'win32', 'hotkey.reserved'],
    ['A', 'win32', 'hotkey.needs-modifier'],
    ['Shift+A', 'win32', 'hotkey.needs-modifier'],
    ['F5', 'win32', 'hotkey.needs-modifier'],
    ['F12', 'win32', 'hotkey.needs-modifier'],
    ['Space', 'win32', 'hotkey.needs-modifier'],
    ['Escape', 'win32', 'hotkey.needs-modifier'],
    ['VolumeUp', 'win32', 'hotkey.needs-modifier'],
  ])('refuses %s (%s) with a reason', (accelerator, platform, id) => {
    const reason = acceleratorProblem(accelerator, platform);
    expect(reason?.id).toBe(id);
    expect(english.t(reason!).length).toBeGreaterThan(20);
  });

  it('names the refused shortcut as the agent knows it', () => {
    expect(problem('CommandOrControl+C', 'win32')).toBe('Ctrl+C is a standard shortcut (copy, paste, close…) that every program needs; choose another.');
    expect(problem('CommandOrControl+V', 'darwin')).toMatch(/^⌘V is a standard shortcut/);
  });

  it.each([
    ['CommandOrControl+Alt+R'],
    ['Ctrl+Alt+R'],
    ['CommandOrControl+Alt+H'],
    ['Ctrl+Shift+F5'],
    ['Alt+Shift+R'],
    ['F13'],
    ['F24'],
    ['Shift+F13'],
  ])('accepts %s', (accelerator) => {
    expect(acceleratorProblem(accelerator, 'win32')).toBeUndefined();
    expect(acceleratorProblem(accelerator, 'darwin')).toBeUndefined();
  });

  it('the defaults are usable', () => {
    for (const action of HOTKEY_ACTIONS) expect(acceleratorProblem(DEFAULT_HOTKEYS[action]), action).toBeUndefined();
    expect(() => checkHotkeys({ ...DEFAULT_HOTKEYS })).not.toThrow();
  });

  function duplicateRefusal(hotkeys: Hotkeys): AppError {
    try {
      checkHotkeys(hotkeys);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      return error as AppError;
    }
    throw new Error(`accepted ${JSON.stringify(hotkeys)}`);
  }

  it('refuses two actions on one combination, naming the other action, for the later field', () => {
    // Different spellings of one combination (case, CmdOrCtrl) are still one combination.
    const refusal = duplicateRefusal(keys({ connectTop: 'cmdorctrl+alt+r' }));
    expect(refusal.kind).toBe('input');
    expect(refusal.field).toEqual({ key: 'hotkeys', action: 'connectTop' });
    expect(refusal.agentMessage).toMatchObject({ id: 'settings.hotkey-used', params: { other: { id: 'command.resumeTop' } } });
    expect(english.t(refusal.agentMessage)).toMatch(/is already used for "Resume the top held call"/);
    expect(duplicateRefusal(keys({ resume2: 'F13', refresh: 'F13' })).field).toEqual({ key: 'hotkeys', action: 'refresh' });
  });

  it('on Windows and Linux, Ctrl+Alt+R and CommandOrControl+Alt+R are the same combination', () => {
    // This host is Linux: Ctrl is what CommandOrControl means here.
    expect(process.platform).not.toBe('darwin');
    expect(duplicateRefusal(keys({ connectTop: 'Ctrl+Alt+R' })).field).toEqual({ key: 'hotkeys', action: 'connectTop' });
  });

  it('canonical spellings follow the platform: CommandOrControl is Ctrl off macOS and Cmd on it', () => {
    expect(canonicalAccelerator('Ctrl+Alt+R', 'win32')).toBe(canonicalAccelerator('CommandOrControl+Alt+R', 'win32'));
    expect(canonicalAccelerator('Control+Alt+R', 'linux')).toBe(canonicalAccelerator('CmdOrCtrl+alt+r', 'linux'));
    expect(canonicalAccelerator('Cmd+Alt+R', 'darwin')).toBe(canonicalAccelerator('CommandOrControl+Alt+R', 'darwin'));
    // On a Mac, Control and Command are different keys.
    expect(canonicalAccelerator('Ctrl+Alt+R', 'darwin')).not.toBe(canonicalAccelerator('CommandOrControl+Alt+R', 'darwin'));
    expect(canonicalAccelerator('Alt+Shift+R', 'win32')).toBe(canonicalAccelerator('Shift+Alt+R', 'win32'));
  });

  it('the settings store refuses them too and keeps what it had', () => {
    const settings = createMemorySettings();
    for (const patch of [{ connectTop: 'CommandOrControl+Alt+R' }, { refresh: 'Ctrl+C' }, { resume2: 'F5' }, { resume3: 'A' }]) {
      expect(() => settings.set({ hotkeys: patch })).toThrow(AppError);
    }
    expect(settings.get().hotkeys).toEqual(DEFAULT_HOTKEYS);
    // Moving a combination from one action to another in one save is fine.
    expect(settings.set({ hotkeys: { resumeTop: 'F13', connectTop: 'CommandOrControl+Alt+R' } })).toEqual(['hotkeys']);
    expect(settings.get().hotkeys).toMatchObject({ resumeTop: 'F13', connectTop: 'CommandOrControl+Alt+R' });
  });
});
