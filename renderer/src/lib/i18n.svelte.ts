// The panel's language: the Language setting when it names a locale, otherwise what the OS (or
// browser) prefers. Reactive, so saving another language re-renders every text at once: the
// templates call t()/tm(), which read the current translator.
import { createTranslator, resolveLocale, type Locale, type Message, type MessageId, type MessageParams, type Translator } from '../../../shared/i18n';

class PanelLocale {
  /** The Language setting ('system', 'en', 'zh-CN'), once the settings are loaded. */
  setting = $state<string | undefined>();
  #preferred = $state<readonly string[]>([...navigator.languages]);
  readonly locale: Locale = $derived(resolveLocale(this.setting, this.#preferred));
  readonly tr: Translator = $derived(createTranslator(this.locale));

  constructor() {
    // The OS language can change while the app runs; 'system' follows it.
    window.addEventListener('languagechange', () => (this.#preferred = [...navigator.languages]));
  }
}

export const i18n = new PanelLocale();

/** A panel text in the current language. */
export function t(id: MessageId, params?: MessageParams): string {
  return i18n.tr.text(id, params);
}

/** A message from main (a refusal, a result, a reason) in the current language. */
export function tm(message: Message): string {
  return i18n.tr.t(message);
}

const SLOT = '\uE000';

/**
 * A message with one parameter left as a slot, split around it, so markup (a <kbd>) can go where
 * the language puts the parameter: ["Next to resume: ", ""] for "Next to resume: {{key}}".
 */
export function around(id: MessageId, slot: string, params: MessageParams = {}): [string, string] {
  const [before = '', after = ''] = t(id, { ...params, [slot]: SLOT }).split(SLOT);
  return [before, after];
}
