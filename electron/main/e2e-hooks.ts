// Test hooks for the Playwright Electron suite, installed only when CEC_E2E=1. They let a test
// trigger an action exactly the way a hotkey press does, without synthesising OS key events.
import type { HotkeyAction, HotkeyRegistration } from '../../shared/settings';

export interface E2eHooks {
  runHotkey(action: HotkeyAction): Promise<unknown>;
  tray(): { exists: boolean; tooltip: string; kind: string | undefined };
  hotkeys(): HotkeyRegistration[];
}

export function installE2eHooks(hooks: E2eHooks): void {
  if (process.env.CEC_E2E !== '1') return;
  (globalThis as { __cecE2E?: E2eHooks }).__cecE2E = hooks;
}
