import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_HOTKEYS, type Hotkeys } from '../../shared/settings';
import { acceleratorFromKeyEvent, acceleratorProblem, captureAccelerator, formatAccelerator } from '../../shared/accelerator';
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
    expect(formatAccelerator('', 'linux')).toBe('not set');
  });

  it('explains accelerators that cannot be global hotkeys', () => {
    expect(acceleratorProblem('')).toBeUndefined();
    expect(acceleratorProblem('CommandOrControl+Shift+F5')).toBeUndefined();
    expect(acceleratorProblem('F8')).toBeUndefined();
    expect(acceleratorProblem('R')).toMatch(/needs Ctrl, Alt or Cmd/);
    expect(acceleratorProblem('Shift+R')).toMatch(/needs Ctrl, Alt or Cmd/);
    expect(acceleratorProblem('Hyper+R')).toMatch(/"Hyper" is not a modifier/);
    expect(acceleratorProblem('Ctrl+Alt')).toMatch(/not a key|only modifiers/);
    expect(acceleratorProblem('Ctrl+Ctrl+R')).toMatch(/twice/);
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
    expect(captureAccelerator({ ...base, key: 'r', code: 'KeyR' }, 'linux')).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/Ctrl, Alt or Cmd/) });
    expect(captureAccelerator({ ...base, key: 'r', code: 'KeyR', ctrlKey: true, altKey: true }, 'linux')).toEqual({ kind: 'accelerator', accelerator: 'CommandOrControl+Alt+R' });
    expect(captureAccelerator({ ...base, key: 'F9', code: 'F9' }, 'win32')).toEqual({ kind: 'accelerator', accelerator: 'F9' });
  });
});
