// Hotkey and tray actions, routed to the app service. Kept out of index.ts so the composition
// root stays a list of parts.
import type { ActionResult } from '../../shared/model';
import type { HotkeyAction } from '../../shared/settings';
import type { AppService } from '../app/app-service';
import { toErrorEnvelope } from '../app/ipc-envelope';
import type { TrayAction } from '../app/tray-state';
import type { Feedback } from './feedback';

export interface ActionDeps {
  service: () => AppService;
  feedback: Feedback;
  togglePanel(): void;
  showPanel(): void;
  quit(): void;
}

export function createActions(deps: ActionDeps) {
  const guard = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      // The envelope redacts, and turns an unexpected bug into a neutral sentence.
      deps.feedback.error(toErrorEnvelope(error).message);
      return undefined;
    }
  };

  function runHotkey(action: HotkeyAction): Promise<ActionResult | undefined> {
    if (action === 'togglePanel') {
      deps.togglePanel();
      return Promise.resolve(undefined);
    }
    // trigger() pushes 'action-outcome', which the feedback listener turns into tray state.
    return guard(() => deps.service().trigger(action, 'hotkey'));
  }

  async function runTray(action: TrayAction): Promise<void> {
    const service = deps.service();
    switch (action.type) {
      case 'resume-top':
        await guard(() => service.trigger('resumeTop', 'tray'));
        return;
      case 'resume': {
        const result = await guard(() => service.handlers['calls:resume'](action.callid));
        if (result) deps.feedback.outcome({ source: 'tray', result });
        return;
      }
      case 'refresh':
        await guard(() => service.trigger('refresh', 'tray'));
        return;
      case 'sign-out':
        // With calls held the panel asks first (Cancel is the default there).
        if (service.heldCalls().length > 0) {
          service.showView('confirm-sign-out');
          deps.showPanel();
          return;
        }
        await guard(() => service.handlers['session:sign-out']());
        return;
      case 'show':
        deps.showPanel();
        return;
      case 'settings':
        service.showView('settings');
        deps.showPanel();
        return;
      case 'quit':
        deps.quit();
        return;
    }
  }

  return { runHotkey, runTray };
}
