// Settings and password vault kept in memory: for the browser preview and tests, where
// neither electron-store's file nor the OS keychain is wanted.
import { DEFAULT_SETTINGS, type Settings, type SettingsKey, type SettingsPatch } from '../../shared/settings';
import type { SettingsBackend } from './app-service';

export function createMemorySettings(initial: Partial<Settings> = {}, locked: SettingsKey[] = []): SettingsBackend {
  let current: Settings = { ...DEFAULT_SETTINGS, ...initial, hotkeys: { ...DEFAULT_SETTINGS.hotkeys, ...initial.hotkeys } };
  return {
    adminFile: '(none: in-memory settings)',
    get: () => current,
    locked: () => [...locked],
    set(patch: SettingsPatch): Settings {
      current = { ...current, ...patch, hotkeys: { ...current.hotkeys, ...patch.hotkeys } } as Settings;
      return current;
    },
  };
}

export { memoryVault } from './vault-binding';
