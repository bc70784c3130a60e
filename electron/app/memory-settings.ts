// The real settings store over memory, and a vault kept in memory: for the browser preview and
// tests, where neither electron-store's file nor the OS keychain is wanted. Validation is the
// shipped one, so what the UI tests exercise is what agents get.
import type { Settings, SettingsKey } from '../../shared/settings';
import { createSettingsStore, memoryKeyValueStore, type SettingsBackend } from './settings-store';

export function createMemorySettings(initial: Partial<Settings> = {}, locked: SettingsKey[] = []): SettingsBackend {
  const preset = Object.fromEntries(locked.map((key) => [key, initial[key] ?? ''])) as Partial<Settings>;
  return createSettingsStore(memoryKeyValueStore(initial), { path: '(none: in-memory settings)', settings: preset, lock: locked });
}

export { memoryVault } from './vault-binding';
