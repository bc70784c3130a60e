// Hotkey, tray and launch-flag actions, routed to the app service's one command path. A command's
// outcome comes back as a 'command-outcome' push, which Feedback turns into tray state and, when
// the panel is hidden, a notification: the same for every source.
import { assertNever, HOTKEY_BINDINGS, type Command, type CommandSource, type HotkeyAction } from '../../shared/commands';
import type { AppService } from '../app/app-service';
import { toErrorEnvelope } from '../app/ipc-envelope';
import type { TrayAction } from '../app/tray-state';
import type { Feedback } from './feedback';

export interface ActionDeps {
  service: () => AppService;
  feedback: Feedback;
  showPanel(): void;
  quit(): void;
}

export function createActions(deps: ActionDeps) {
  async function run(command: Command, source: CommandSource): Promise<void> {
    try {
      await deps.service().execute(command, source);
    } catch (error) {
      // A bug or a vanished gateway: the envelope redacts and turns it into a neutral message.
      deps.feedback.error(toErrorEnvelope(error).message);
    }
  }

  function runHotkey(action: HotkeyAction): Promise<void> {
    return run(HOTKEY_BINDINGS[action], 'hotkey');
  }

  async function runTray(action: TrayAction): Promise<void> {
    switch (action.type) {
      case 'command':
        return run(action.command, 'tray');
      case 'sign-out':
        // With calls held the panel asks first (Cancel is the default there).
        if (deps.service().listCalls().calls.length > 0) {
          deps.service().showView('confirm-sign-out');
          deps.showPanel();
          return;
        }
        try {
          await deps.service().signOut();
        } catch (error) {
          deps.feedback.error(toErrorEnvelope(error).message);
        }
        return;
      case 'show':
        deps.showPanel();
        return;
      case 'settings':
        deps.service().showView('settings');
        deps.showPanel();
        return;
      case 'quit':
        deps.quit();
        return;
      default:
        assertNever(action);
    }
  }

  return { run, runHotkey, runTray };
}
