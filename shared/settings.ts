// Settings as main stores them and the renderer edits them. Types and defaults only: validation
// and storage live in the main process (electron/app/settings-*.ts).
import type { ListOrder } from './model';

/** Actions a global hotkey can trigger. */
export const HOTKEY_ACTIONS = ['resumeTop', 'togglePanel', 'resume2', 'resume3', 'connectTop', 'refresh'] as const;
export type HotkeyAction = (typeof HOTKEY_ACTIONS)[number];

export const HOTKEY_LABELS: Readonly<Record<HotkeyAction, string>> = {
  resumeTop: 'Resume the top held call',
  togglePanel: 'Show or hide the panel',
  resume2: 'Resume the 2nd held call',
  resume3: 'Resume the 3rd held call',
  connectTop: 'Connect the top held call to the current call',
  refresh: 'Refresh the held list',
};

export type Hotkeys = Record<HotkeyAction, string>;

export interface Settings {
  /** https origin (plus optional path prefix) of the CC-Gateway. */
  gatewayUrl: string;
  agentId: string;
  phone: string;
  /** Path of a PEM file with the CA that signed the gateway's certificate. */
  caFile: string;
  /** SHA-256 fingerprint of the gateway certificate (alternative to caFile). */
  pin: string;
  listOrder: ListOrder;
  /** Hold timer turns amber after this many seconds... */
  warnAfterSec: number;
  /** ...and red after this many. */
  alertAfterSec: number;
  /** Electron accelerators; '' = not bound. */
  hotkeys: Hotkeys;
  launchAtLogin: boolean;
  alwaysOnTop: boolean;
  /** Keep the panel open when it loses focus. */
  pinned: boolean;
  /** Remember the password through the OS keychain (Electron safeStorage); never in plain text. */
  rememberPassword: boolean;
  /** State after sign-in: 'busy' keeps new calls away until the agent is ready. */
  availability: 'idle' | 'busy';
  /** Sign in again by itself when the gateway drops the session (never forced; stops on credential errors). */
  autoSignIn: boolean;
}

export type SettingsKey = keyof Settings;

export const DEFAULT_HOTKEYS: Hotkeys = {
  resumeTop: 'CommandOrControl+Alt+R',
  togglePanel: 'CommandOrControl+Alt+H',
  resume2: '',
  resume3: '',
  connectTop: '',
  refresh: '',
};

export const DEFAULT_SETTINGS: Settings = {
  gatewayUrl: '',
  agentId: '',
  phone: '',
  caFile: '',
  pin: '',
  listOrder: 'longest-first',
  warnAfterSec: 60,
  alertAfterSec: 180,
  hotkeys: DEFAULT_HOTKEYS,
  launchAtLogin: false,
  alwaysOnTop: true,
  pinned: false,
  rememberPassword: false,
  availability: 'idle',
  autoSignIn: true,
};

/** Settings an administrator can pre-set and lock machine-wide. */
export const ADMIN_LOCKABLE: ReadonlyArray<SettingsKey> = ['gatewayUrl', 'caFile', 'pin', 'agentId', 'phone'];

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
  adminProblem?: string;
}

export type SettingsPatch = Partial<Omit<Settings, 'hotkeys'>> & { hotkeys?: Partial<Hotkeys> };
