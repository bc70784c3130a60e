// What changes in the running app when settings change: window flags, launch at login, the
// remembered password, hotkeys and the tray. One listener on the app service's pushes.
import type { PushChannelName, PushMap, ActionOutcome } from '../../shared/ipc-contract';
import type { Settings } from '../../shared/settings';
import type { PasswordVault, SettingsBackend } from '../app/app-service';
import type { Feedback } from './feedback';
import { syncLaunchAtLogin } from './login-item';

export interface SettingsReactionDeps {
  settings: SettingsBackend;
  vault: PasswordVault;
  feedback: Feedback;
  applyToPanel(settings: Settings): void;
  applyHotkeys(): void;
  refreshTray(): void;
}

export function createPushReactions(deps: SettingsReactionDeps): (channel: PushChannelName, payload: PushMap[PushChannelName]) => void {
  const initial = deps.settings.get();
  let launchAtLogin = initial.launchAtLogin;
  let rememberPassword = initial.rememberPassword;
  syncLaunchAtLogin(launchAtLogin);
  return (channel, payload) => {
    if (channel === 'action-outcome') {
      deps.feedback.outcome(payload as ActionOutcome);
      return;
    }
    if (channel === 'settings-changed') {
      const now = deps.settings.get();
      deps.applyToPanel(now);
      if (now.launchAtLogin !== launchAtLogin) syncLaunchAtLogin((launchAtLogin = now.launchAtLogin));
      // Turning "remember password" off forgets the stored one at once.
      if (rememberPassword && !now.rememberPassword) deps.vault.clear();
      rememberPassword = now.rememberPassword;
      deps.applyHotkeys(); // no-op unless the hotkeys changed; publishes the new status itself
    }
    deps.refreshTray();
  };
}
