// One desktop notification when a held call passes the alert threshold while the panel is hidden
// (issue 8, item 6): the panel announces crossings itself when it is shown, and says nothing
// when hidden. Electron-free: main injects the notification and the panel's visibility.
import { EscalationTracker } from '../../shared/escalation';
import { formatHeldFor } from '../../shared/format';
import { msg, type Message } from '../../shared/i18n';
import type { HeldCall } from '../../shared/model';
import { numberOf } from './tray-state';

export interface AlertNotifierDeps {
  calls(): HeldCall[];
  thresholds(): { warnAfterSec: number; alertAfterSec: number };
  signedIn(): boolean;
  panelVisible(): boolean;
  notify(message: Message): void;
  now?(): number;
}

/** Call tick() about once a second; each call's alert is notified at most once. */
export function createAlertNotifier(deps: AlertNotifierDeps): { tick(): void } {
  const tracker = new EscalationTracker();
  const now = deps.now ?? Date.now;
  return {
    tick() {
      if (!deps.signedIn()) {
        tracker.reset();
        return;
      }
      const { warnAfterSec, alertAfterSec } = deps.thresholds();
      // Checked even while the panel is shown, so showing and hiding it never re-raises a crossing.
      const crossings = tracker.check(deps.calls(), now(), warnAfterSec, alertAfterSec);
      if (deps.panelVisible()) return;
      for (const c of crossings) {
        if (c.stage === 'alert') deps.notify(msg('notify.held-alert', { who: numberOf(c.customer), time: formatHeldFor(c.heldMs, !c.lowerBound) }));
      }
    },
  };
}
