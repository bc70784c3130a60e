// The one message catalogue, for main, renderer and CLI alike: every agent-facing text is a
// message id plus parameters (`Message`), rendered at the edge by a `Translator` for one locale.
// i18next does the interpolation and plurals (Intl.PluralRules); numbers, times and hold times
// go through Intl. Chosen over Paraglide (needs a compile step per locale and its own tooling)
// and typesafe-i18n (unmaintained since 2023): i18next is the most used and best kept, runs
// unchanged in Node and Chromium, and loads these plain objects synchronously.
import i18next, { type i18n as I18n } from 'i18next';
import { coreEn } from './core.en';
import { coreZhCN } from './core.zh-CN';
import { uiEn } from './ui.en';
import { uiZhCN } from './ui.zh-CN';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

const RESOURCES = {
  en: { ...coreEn, ...uiEn },
  'zh-CN': { ...coreZhCN, ...uiZhCN },
} as const;

type PluralSuffix = '_zero' | '_one' | '_two' | '_few' | '_many' | '_other';
type BaseKey<K> = K extends `${infer Base}${PluralSuffix}` ? Base : K;
/** Every message id, type-checked: a typo is a compile error, not a blank label. */
export type MessageId = BaseKey<keyof (typeof RESOURCES)['en']>;

export type MessageParam = string | number | Message;
export type MessageParams = Readonly<Record<string, MessageParam>>;

/** A text to show, not yet in any language. Plain data: crosses IPC and JSON as is. */
export interface Message {
  readonly id: MessageId;
  readonly params?: MessageParams;
}

export function msg(id: MessageId, params?: MessageParams): Message {
  return params ? { id, params } : { id };
}

const BASE_IDS: ReadonlySet<string> = new Set(Object.keys(RESOURCES.en).map((key) => key.replace(/_(zero|one|two|few|many|other)$/, '')));

/** For ids built from data (a retcode, a call type): is there such a message? */
export function isMessageId(id: string): id is MessageId {
  return BASE_IDS.has(id);
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as Message).id === 'string' && isMessageId((value as Message).id);
}

/**
 * The locale to use for a setting ('system' or a locale) and what the OS or browser prefers.
 * Any Chinese preference gets Simplified Chinese (closer for zh-TW/zh-HK readers than English).
 */
export function resolveLocale(setting: string | undefined, preferred: readonly string[] = []): Locale {
  if (setting && (LOCALES as readonly string[]).includes(setting)) return setting as Locale;
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}

/** A POSIX locale variable (LANG=zh_CN.UTF-8, LC_ALL=C) as a BCP 47 tag, or undefined. */
export function posixLocaleTag(value: string | undefined): string | undefined {
  if (!value || value === 'C' || value === 'POSIX') return undefined;
  return value.split('.')[0]!.replace('_', '-');
}

export interface Translator {
  readonly locale: Locale;
  /** Render a message (parameters that are messages themselves are rendered first). */
  t(message: Message): string;
  /** Shorthand for t(msg(id, params)). */
  text(id: MessageId, params?: MessageParams): string;
  number(value: number): string;
  /** Clock time of an epoch-ms instant, e.g. "14:05". */
  time(epochMs: number): string;
}

let shared: I18n | undefined;

function instance(): I18n {
  if (shared) return shared;
  const next = i18next.createInstance();
  void next.init({
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    resources: { en: { translation: RESOURCES.en }, 'zh-CN': { translation: RESOURCES['zh-CN'] } },
    // Flat ids with dots and colons in them ("gateway.200-015", "setting.language.zh-CN").
    keySeparator: false,
    nsSeparator: false,
    // Svelte, the tray and the terminal escape (or need no escaping) themselves.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  shared = next;
  return next;
}

const translators = new Map<Locale, Translator>();

export function createTranslator(locale: Locale): Translator {
  const cached = translators.get(locale);
  if (cached) return cached;
  const i18n = instance();
  const fixedT = i18n.getFixedT(locale);
  const numbers = new Intl.NumberFormat(locale);
  const times = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  const t = (message: Message): string => {
    const values: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(message.params ?? {})) {
      values[name] = typeof value === 'object' ? t(value) : name === 'count' || typeof value === 'string' ? value : numbers.format(value);
    }
    return fixedT(message.id, values as Record<string, unknown>) as string;
  };
  const translator: Translator = {
    locale,
    t,
    text: (id, params) => t(msg(id, params)),
    number: (value) => numbers.format(value),
    time: (epochMs) => times.format(epochMs),
  };
  translators.set(locale, translator);
  return translator;
}

/** English, for logs and Error.message: never what an agent reads when a locale is known. */
export const english: Translator = createTranslator('en');

/** The raw catalogue, for the completeness test. */
export const CATALOGUE_FOR_TESTS = RESOURCES;
