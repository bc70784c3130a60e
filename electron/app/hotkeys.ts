// Global hotkeys as a table from setting to action. Electron's globalShortcut is injected, so the
// table, its failure reporting and the throttle are tested in plain Node.
import { canonicalAccelerator } from '../../shared/accelerator';
import { HOTKEY_ACTIONS, type HotkeyAction, type HotkeyRegistration, type Hotkeys } from '../../shared/settings';

export interface ShortcutRegistry {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
  unregisterAll(): void;
  isRegistered(accelerator: string): boolean;
}

export interface RegisterOptions {
  /** A held-down key repeats; one press should act once. */
  throttleMs?: number;
  now?: () => number;
}

// What we registered per registry, so a re-registration never touches other apps' or our own
// unrelated shortcuts, and never leaves a stale accelerator bound.
const registered = new WeakMap<ShortcutRegistry, string[]>();

export function unregisterHotkeys(shortcut: ShortcutRegistry): void {
  for (const accelerator of registered.get(shortcut) ?? []) shortcut.unregister(accelerator);
  registered.delete(shortcut);
}

export function registerHotkeys(
  shortcut: ShortcutRegistry,
  hotkeys: Hotkeys,
  run: (action: HotkeyAction) => void,
  options: RegisterOptions = {},
): HotkeyRegistration[] {
  const throttleMs = options.throttleMs ?? 400;
  const now = options.now ?? Date.now;
  unregisterHotkeys(shortcut);
  const mine: string[] = [];
  const lastRun = new Map<HotkeyAction, number>();
  const seen = new Set<string>();

  const result = HOTKEY_ACTIONS.map((action): HotkeyRegistration => {
    const accelerator = (hotkeys[action] ?? '').trim();
    if (!accelerator) return { action, accelerator: '', status: 'unbound' };
    const key = canonicalAccelerator(accelerator);
    // Two actions on one key: the first wins, the second is as good as taken.
    if (seen.has(key)) return { action, accelerator, status: 'taken' };
    seen.add(key);
    const fire = (): void => {
      const at = now();
      const previous = lastRun.get(action);
      if (previous !== undefined && at - previous < throttleMs) return;
      lastRun.set(action, at);
      run(action);
    };
    try {
      if (!shortcut.register(accelerator, fire)) return { action, accelerator, status: 'taken' };
    } catch {
      return { action, accelerator, status: 'invalid' };
    }
    mine.push(accelerator);
    return { action, accelerator, status: 'registered' };
  });
  registered.set(shortcut, mine);
  return result;
}

