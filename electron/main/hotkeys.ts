// Keeps the global hotkeys in step with the settings: registers them, re-registers when the
// hotkey settings change, and suspends them while the settings view captures a new key (so the
// key being recorded does not fire the action it is about to replace).
import type { HotkeyAction, HotkeyRegistration, Hotkeys } from '../../shared/settings';
import { registerHotkeys, unregisterHotkeys, type ShortcutRegistry } from '../app/hotkeys';

export interface HotkeyControllerDeps {
  shortcut: ShortcutRegistry;
  hotkeys(): Hotkeys;
  run(action: HotkeyAction): void;
  /** Called after every (re-)registration with the new status. */
  onStatus(status: HotkeyRegistration[]): void;
}

export class HotkeyController {
  private status: HotkeyRegistration[] = [];
  private applied = '';
  private capturing = false;

  constructor(private readonly deps: HotkeyControllerDeps) {}

  current(): HotkeyRegistration[] {
    return this.status;
  }

  /** Registers when the hotkey settings differ from what is registered (or when forced). */
  apply(force = false): boolean {
    const hotkeys = this.deps.hotkeys();
    const key = JSON.stringify(hotkeys);
    if (this.capturing || (!force && key === this.applied)) return false;
    this.status = registerHotkeys(this.deps.shortcut, hotkeys, this.deps.run);
    this.applied = key;
    this.deps.onStatus(this.status);
    return true;
  }

  setCapturing(capturing: boolean): void {
    if (capturing === this.capturing) return;
    this.capturing = capturing;
    if (capturing) {
      unregisterHotkeys(this.deps.shortcut);
    } else {
      this.apply(true);
    }
  }

  dispose(): void {
    unregisterHotkeys(this.deps.shortcut);
    this.deps.shortcut.unregisterAll();
  }
}
