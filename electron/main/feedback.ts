// What the agent learns when a command from a hotkey, the tray or a second launch runs while the
// panel is hidden: the tray tooltip/icon shows the last failure for a while, and a failure also
// raises a notification, in the agent's language.
import { Notification } from 'electron';
import { formatAccelerator } from '../../shared/accelerator';
import { msg, type Message, type Translator } from '../../shared/i18n';
import type { CommandOutcome } from '../../shared/ipc-contract';
import type { HotkeyRegistration } from '../../shared/settings';
import type { ActionFailure } from '../app/tray-state';

export function notify(t: Translator, body: Message): void {
  if (!Notification.isSupported()) return;
  new Notification({ title: t.text('app.name'), body: t.t(body), silent: false }).show();
}

export class Feedback {
  private failure: ActionFailure | undefined;
  private reportedHotkeys = new Set<string>();

  constructor(
    private readonly panelVisible: () => boolean,
    private readonly translator: () => Translator,
    private readonly changed: () => void,
  ) {}

  get lastFailure(): ActionFailure | undefined {
    return this.failure;
  }

  outcome({ source, result }: CommandOutcome): void {
    if (result.ok) {
      this.failure = undefined;
    } else {
      this.failure = { message: result.message, at: Date.now() };
      // The panel shows its own message; a notification there would say it twice.
      if (source !== 'panel' && !this.panelVisible()) notify(this.translator(), result.message);
    }
    this.changed();
  }

  /** An action that threw instead of returning a result (a bug, or the gateway vanished). */
  error(message: Message): void {
    this.failure = { message, at: Date.now() };
    if (!this.panelVisible()) notify(this.translator(), message);
    this.changed();
  }

  hotkeys(status: HotkeyRegistration[]): void {
    const failed = status.filter((h) => h.status === 'taken' || h.status === 'invalid');
    const now = new Set(failed.map((h) => `${h.action}:${h.accelerator}:${h.status}`));
    for (const h of failed) {
      if (this.reportedHotkeys.has(`${h.action}:${h.accelerator}:${h.status}`)) continue;
      const problem = msg(h.status === 'taken' ? 'hotkey.taken' : 'hotkey.invalid', { key: formatAccelerator(h.accelerator) });
      notify(this.translator(), msg('hotkey.choose-another', { problem }));
    }
    this.reportedHotkeys = now;
    this.changed();
  }
}
