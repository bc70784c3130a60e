// Quitting in order: stop input (hotkeys, IPC, timers) first, then let the app service sign the
// session's connections down, then remove the tray. before-quit is deferred once for the async part.
import { app } from 'electron';
import { PanelWindow } from './window';

export interface ShutdownSteps {
  stopInput(): void;
  dispose(): Promise<void>;
  removeTray(): void;
}

export function installShutdown(steps: ShutdownSteps): void {
  let disposed = false;
  app.on('before-quit', (event) => {
    PanelWindow.quitting = true;
    if (disposed) return;
    event.preventDefault();
    steps.stopInput();
    void steps
      .dispose()
      .catch((error: unknown) => console.warn('Shutdown:', error instanceof Error ? error.message : error))
      .finally(() => {
        disposed = true;
        steps.removeTray();
        app.quit();
      });
  });
}
