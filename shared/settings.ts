// The one settings spec. Each setting is declared here once: key, default, type and limits,
// normalisation, label, section, whether an administrator may lock it, and which part of the
// running app must react when it changes. The defaults, the settings file's JSON schema, the
// validation of what the renderer sends, and the settings form are all derived from it.
import { HOTKEY_ACTIONS, type HotkeyAction } from './commands';
import { parseAgentId, parseCaPath, parseGatewayUrl, parsePhone, parsePin } from './config-rules';
import type { Message, MessageId } from './i18n';
import type { ListOrder } from './model';

export { HOTKEY_ACTIONS, type HotkeyAction };

/** Where a setting sits in the form, in the order agents need them (connection last). */
export const SECTIONS = ['hotkeys', 'list', 'calls', 'window', 'language', 'connection'] as const;
export type SectionId = (typeof SECTIONS)[number];

/** What in the running app reacts when a setting changes (see electron/app/settings-service.ts). */
export type Effect = 'hotkeys' | 'list-order' | 'window' | 'login-item' | 'locale' | 'connection' | 'session' | 'none';

interface Common {
  section: SectionId;
  label: MessageId;
  effect: Effect;
  /** An administrator may pre-set and lock it machine-wide (admin.json). */
  lockable?: true;
}
export interface TextSpec extends Common {
  type: 'text';
  default: string;
  maxLength: number;
  placeholder?: MessageId;
  inputmode?: 'url' | 'numeric';
  /** Returns the form to store, or throws InvalidValueError with the reason. '' is always allowed. */
  normalise?: (text: string) => string;
}
export interface IntegerSpec extends Common {
  type: 'integer';
  default: number;
  min: number;
  max: number;
}
export interface BooleanSpec extends Common {
  type: 'boolean';
  default: boolean;
}
export interface ChoiceSpec<T extends string = string> extends Common {
  type: 'choice';
  default: T;
  options: ReadonlyArray<{ value: T; label: MessageId }>;
}
export interface HotkeysSpec extends Common {
  type: 'hotkeys';
  default: Readonly<Record<HotkeyAction, string>>;
  maxLength: number;
}
export type SettingSpec = TextSpec | IntegerSpec | BooleanSpec | ChoiceSpec | HotkeysSpec;

const optional =
  (parse: (text: string) => string | undefined) =>
  (text: string): string =>
    text.trim() === '' ? '' : (parse(text) ?? '');

const choice = <T extends string>(spec: Omit<ChoiceSpec<T>, 'type' | 'options'> & { values: readonly T[] }, labelOf: (value: T) => MessageId): ChoiceSpec<T> => {
  const { values, ...rest } = spec;
  return { type: 'choice', ...rest, options: values.map((value) => ({ value, label: labelOf(value) })) };
};

export const LANGUAGE_SETTINGS = ['system', 'en', 'zh-CN'] as const;
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];

export const SETTINGS_SPEC = {
  hotkeys: {
    type: 'hotkeys',
    section: 'hotkeys',
    label: 'setting.hotkeys',
    effect: 'hotkeys',
    maxLength: 64,
    default: { resumeTop: 'CommandOrControl+Alt+R', togglePanel: 'CommandOrControl+Alt+H', resume2: '', resume3: '', connectTop: '', refresh: '' },
  },
  listOrder: choice<ListOrder>(
    { section: 'list', label: 'setting.listOrder', effect: 'list-order', default: 'longest-first', values: ['longest-first', 'newest-first'] },
    (v) => `setting.listOrder.${v}`,
  ),
  warnAfterSec: { type: 'integer', section: 'list', label: 'setting.warnAfterSec', effect: 'none', default: 60, min: 5, max: 3600 },
  alertAfterSec: { type: 'integer', section: 'list', label: 'setting.alertAfterSec', effect: 'none', default: 180, min: 5, max: 3600 },
  autoSignIn: { type: 'boolean', section: 'calls', label: 'setting.autoSignIn', effect: 'session', default: true },
  availability: choice<'idle' | 'busy'>(
    { section: 'calls', label: 'setting.availability', effect: 'none', default: 'idle', values: ['idle', 'busy'] },
    (v) => `setting.availability.${v}`,
  ),
  launchAtLogin: { type: 'boolean', section: 'window', label: 'setting.launchAtLogin', effect: 'login-item', default: false },
  alwaysOnTop: { type: 'boolean', section: 'window', label: 'setting.alwaysOnTop', effect: 'window', default: true },
  pinned: { type: 'boolean', section: 'window', label: 'setting.pinned', effect: 'window', default: false },
  language: choice<LanguageSetting>(
    { section: 'language', label: 'setting.language', effect: 'locale', default: 'system', values: LANGUAGE_SETTINGS },
    (v) => `setting.language.${v}`,
  ),
  gatewayUrl: {
    type: 'text',
    section: 'connection',
    label: 'setting.gatewayUrl',
    effect: 'connection',
    lockable: true,
    default: '',
    maxLength: 2048,
    placeholder: 'setting.gatewayUrl.placeholder',
    inputmode: 'url',
    normalise: optional(parseGatewayUrl),
  },
  agentId: {
    type: 'text',
    section: 'connection',
    label: 'setting.agentId',
    effect: 'connection',
    lockable: true,
    default: '',
    maxLength: 16,
    placeholder: 'setting.agentId.placeholder',
    inputmode: 'numeric',
    normalise: optional(parseAgentId),
  },
  phone: {
    type: 'text',
    section: 'connection',
    label: 'setting.phone',
    effect: 'connection',
    lockable: true,
    default: '',
    maxLength: 32,
    placeholder: 'setting.phone.placeholder',
    inputmode: 'numeric',
    normalise: optional(parsePhone),
  },
  caFile: {
    type: 'text',
    section: 'connection',
    label: 'setting.caFile',
    effect: 'connection',
    lockable: true,
    default: '',
    maxLength: 1024,
    placeholder: 'setting.caFile.placeholder',
    normalise: parseCaPath,
  },
  pin: {
    type: 'text',
    section: 'connection',
    label: 'setting.pin',
    effect: 'connection',
    lockable: true,
    default: '',
    maxLength: 128,
    placeholder: 'setting.pin.placeholder',
    normalise: optional(parsePin),
  },
} as const satisfies Record<string, SettingSpec>;

type Spec = typeof SETTINGS_SPEC;
export type SettingsKey = keyof Spec;
type ValueOf<S> = S extends ChoiceSpec<infer T> ? T : S extends HotkeysSpec ? Hotkeys : S extends { default: infer D } ? (D extends string ? string : D extends number ? number : D extends boolean ? boolean : never) : never;
export type Hotkeys = Record<HotkeyAction, string>;
export type Settings = { -readonly [K in SettingsKey]: ValueOf<Spec[K]> };

export const SETTINGS_KEYS = Object.keys(SETTINGS_SPEC) as SettingsKey[];

export function settingSpec(key: SettingsKey): SettingSpec {
  return SETTINGS_SPEC[key] as SettingSpec;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze(
  Object.fromEntries(SETTINGS_KEYS.map((key) => [key, structuredClone(SETTINGS_SPEC[key].default)])) as unknown as Settings,
);
export const DEFAULT_HOTKEYS: Readonly<Hotkeys> = DEFAULT_SETTINGS.hotkeys;

/** Settings an administrator can pre-set and lock machine-wide. */
export const ADMIN_LOCKABLE: readonly SettingsKey[] = SETTINGS_KEYS.filter((key) => 'lockable' in SETTINGS_SPEC[key]);

/** Rules across settings, checked after every change (each stated once, here). */
export const CROSS_RULES: ReadonlyArray<{ keys: readonly SettingsKey[]; problem(settings: Settings): Message | undefined }> = [
  {
    keys: ['warnAfterSec', 'alertAfterSec'],
    problem: (s) => (s.warnAfterSec >= s.alertAfterSec ? { id: 'settings.warn-before-alert', params: { warn: s.warnAfterSec, alert: s.alertAfterSec } } : undefined),
  },
];

export type HotkeyRegistration = { action: HotkeyAction; accelerator: string; status: 'registered' | 'unbound' | 'taken' | 'invalid' };

export interface SettingsView {
  settings: Settings;
  /** Keys an administrator locked through the machine-wide file. */
  locked: SettingsKey[];
  /** What happened to each hotkey when it was last registered. */
  hotkeys: HotkeyRegistration[];
  /** A password is remembered (its value never leaves main). */
  passwordRemembered: boolean;
  /** Where the machine-wide admin file is looked for on this OS. */
  adminFile: string;
  /** Why the admin file was ignored (malformed), for whoever diagnoses the workstation. */
  adminProblem?: Message;
}

export type SettingsPatch = Partial<Omit<Settings, 'hotkeys'>> & { hotkeys?: Partial<Hotkeys> };

/** A refused save: which setting (for the error beside its field) and why. */
export interface SettingProblem {
  key?: SettingsKey;
  /** For hotkeys: which action's field. */
  action?: HotkeyAction;
  reason: Message;
}
