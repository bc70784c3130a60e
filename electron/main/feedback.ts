// What the agent learns when a hotkey or tray action runs while the panel is hidden: the tray
// tooltip/icon shows the last failure for a while, and a failure also raises a notification.
import { Notification } from 'electron';
import type { ActionOutcome } from '../../shared/ipc-contract';
import type { HotkeyRegistration } from '../../shared/settings';
import { formatAccelerator } from '../../shared/accelerator';
import type { ActionFailure } from '../app/tray-state';

export function notify(body: string): void {
  if (!Notification.isSupported()) return;
  new Notification({ title: 'Held calls', body, silent: false }).show();
}

export class Feedback {
  private failure: ActionFailure | undefined;
  private reportedHotkeys = new Set<string>();

  constructor(
    private readonly panelVisible: () => boolean,
    private readonly changed: () => void,
  ) {}

  get lastFailure(): ActionFailure | undefined {
    return this.failure;
  }

  outcome({ source, result }: ActionOutcome): void {
    if (result.ok) {
      this.failure = undefined;
    } else {
      this.failure = { message: result.message, at: Date.now() };
      // The panel shows its own message; a notification there would say it twice.
      if (source !== 'panel' && !this.panelVisible()) notify(result.message);
    }
    this.changed();
  }

  /** An action that threw instead of returning a result (a bug, or the gateway vanished). */
  error(message: string): void {
    this.failure = { message, at: Date.now() };
    if (!this.panelVisible()) notify(message);
    this.changed();
  }

  hotkeys(status: HotkeyRegistration[]): void {
    const failed = status.filter((h) => h.status === 'taken' || h.status === 'invalid');
    const now = new Set(failed.map((h) => `${h.action}:${h.accelerator}:${h.status}`));
    for (const h of failed) {
      if (this.reportedHotkeys.has(`${h.action}:${h.accelerator}:${h.status}`)) continue;
      const shown = formatAccelerator(h.accelerator);
      notify(
        h.status === 'taken'
          ? `Hotkey ${shown} is taken by another program. Choose another one in Settings.`
          : `Hotkey ${shown} is not a valid shortcut. Choose another one in Settings.`,
      );
    }
    this.reportedHotkeys = now;
    this.changed();
  }
}
