// Opens the settings file with electron-store. A file that fails its schema (hand-edited, or
// written by a newer build) is set aside with a timestamp and replaced by defaults, rather than
// stopping the app at launch.
import { msg, type Message } from '../../shared/i18n';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Store, { type Schema } from 'electron-store';
import { readAdminFile, type AdminSettings } from '../app/admin-file';
import type { SettingsBackend } from '../app/app-service';
import {
  SETTINGS_DEFAULTS,
  SETTINGS_LAYOUT_VERSION,
  SETTINGS_MIGRATIONS,
  SETTINGS_SCHEMA,
  STORE_NAME,
  type StoreShape,
} from '../app/settings-schema';
import { createSettingsStore } from '../app/settings-store';

export interface OpenedSettings {
  store: Store<StoreShape>;
  settings: SettingsBackend;
  admin: AdminSettings;
  /** Problems worth telling the user about (a reset settings file, an ignored admin file). */
  problems: Message[];
}

function open(cwd: string): Store<StoreShape> {
  return new Store<StoreShape>({
    name: STORE_NAME,
    cwd,
    schema: SETTINGS_SCHEMA as Schema<StoreShape>,
    defaults: SETTINGS_DEFAULTS,
    migrations: SETTINGS_MIGRATIONS,
    projectVersion: SETTINGS_LAYOUT_VERSION,
    clearInvalidConfig: false,
  });
}

export function openSettings(userData: string): OpenedSettings {
  const problems: Message[] = [];
  let store: Store<StoreShape>;
  try {
    store = open(userData);
  } catch (error) {
    const file = join(userData, `${STORE_NAME}.json`);
    const backup = `${file}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    if (existsSync(file)) renameSync(file, backup);
    problems.push(msg('client.SETTINGS_RESET', { backup }));
    console.warn('Settings file reset:', error instanceof Error ? error.message : error);
    store = open(userData);
  }
  const admin = readAdminFile();
  if (admin.problem) problems.push(admin.problem);
  return { store, settings: createSettingsStore(store, admin), admin, problems };
}
