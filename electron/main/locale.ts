// The agent's language in the main process (tray, menu, notifications): the Language setting,
// or the OS's preferred languages when it says "Same as the computer".
import { app } from 'electron';
import { createTranslator, resolveLocale, type Translator } from '../../shared/i18n';
import type { Settings } from '../../shared/settings';

export function translatorFor(settings: () => Settings): () => Translator {
  return () => createTranslator(resolveLocale(settings().language, app.getPreferredSystemLanguages()));
}
