// What changes in the Electron app when settings change: the panel window's flags, launch at
// login, the hotkeys, and the tray's language. Registered on the settings service, which runs
// each once per save, in order, before its single push.
import type { SettingsService } from '../app/settings-service';
import type { Settings } from '../../shared/settings';
import { syncLaunchAtLogin } from './login-item';

export interface SettingsReactionDeps {
  settings: SettingsService;
  applyToPanel(settings: Settings): void;
  applyHotkeys(): void;
  refreshTray(): void;
}

export function installSettingsReactions(deps: SettingsReactionDeps): void {
  syncLaunchAtLogin(deps.settings.get().launchAtLogin);
  deps.settings.react('window', (settings) => deps.applyToPanel(settings));
  deps.settings.react('login-item', (settings) => syncLaunchAtLogin(settings.launchAtLogin));
  deps.settings.react('hotkeys', () => deps.applyHotkeys());
  deps.settings.react('locale', () => deps.refreshTray());
}
