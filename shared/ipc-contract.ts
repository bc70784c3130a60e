// The one IPC contract between main, preload and renderer (and the browser preview's bridge).
// Types only, plus channel names: the preload imports this, so it must stay free of runtime deps.
import type { ActionResult, CurrentCall, ErrorKind, HeldCall, HeldList, SessionState } from './model';
import type { Command, CommandSource } from './commands';
import type { Message } from './i18n';
import type { SettingProblem, SettingsPatch, SettingsView } from './settings';

export const InvokeChannel = {
  listCalls: 'calls:list',
  /** The call the agent is talking on (issue 8). */
  currentCall: 'calls:current',
  refresh: 'calls:refresh',
  /** Every agent command (resume, connect, refresh...) from the panel: one path, one outcome. */
  execute: 'command:execute',
  getSession: 'session:get',
  signIn: 'session:sign-in',
  signOut: 'session:sign-out',
  startDemo: 'demo:start',
  getSettings: 'settings:get',
  setSettings: 'settings:set',
  /** Suspend global hotkeys while the settings view captures a new accelerator. */
  captureHotkeys: 'hotkeys:capture',
  hidePanel: 'panel:hide',
} as const;
export type InvokeChannelName = (typeof InvokeChannel)[keyof typeof InvokeChannel];

export const PushChannel = {
  heldCalls: 'held-calls-changed',
  currentCall: 'current-call-changed',
  /** A customer hung up while on hold: said with the number, not just as a new count. */
  heldCallHungUp: 'held-call-hung-up',
  session: 'session-changed',
  settings: 'settings-changed',
  commandOutcome: 'command-outcome',
  /** Main asks the panel to show a view (e.g. the tray's "Settings…"). */
  showView: 'show-view',
} as const;
export type PushChannelName = (typeof PushChannel)[keyof typeof PushChannel];

export interface SignInRequest {
  /** Omitted when a remembered password should be used. */
  password?: string;
  /** Remember it through the OS keychain. */
  remember?: boolean;
  /** Take over a session this agent has open elsewhere (gateway code 100-002). */
  force?: boolean;
}

/** Session state plus what the panel needs to offer the right next step. */
export interface SessionView extends SessionState {
  /** Gateway and agent are configured, so a sign-in can be attempted. */
  configured: boolean;
  /** A remembered password exists, so sign-in needs no typing. */
  passwordRemembered: boolean;
  /** Signed in to the embedded simulator rather than a real gateway. */
  demo: boolean;
  /** The OS keychain is available, so "remember password" can be offered. */
  canRememberPassword: boolean;
  /** Present when the gateway listed more held calls than the app reads: the list is its start. */
  truncatedList?: { shown: number; total: number };
}

/** What came of a command, pushed to every listener whatever its source, so all report alike. */
export interface CommandOutcome {
  command: Command;
  source: CommandSource;
  result: ActionResult;
}

/** Channel → handler signature. Arguments are validated in main before any handler runs. */
export interface InvokeMap {
  'calls:list': () => HeldList;
  'calls:current': () => CurrentCall | null;
  'calls:refresh': () => HeldList;
  /** The result of a call action; null for commands that have none (refresh, toggle panel). */
  'command:execute': (command: Command) => ActionResult | null;
  'session:get': () => SessionView;
  'session:sign-in': (request: SignInRequest) => SessionView;
  'session:sign-out': () => SessionView;
  'demo:start': () => SessionView;
  'settings:get': () => SettingsView;
  'settings:set': (patch: SettingsPatch) => SettingsView;
  'hotkeys:capture': (capturing: boolean) => void;
  'panel:hide': () => void;
}

/** Push channel → payload. */
export interface PushMap {
  'held-calls-changed': HeldList;
  'current-call-changed': CurrentCall | null;
  'held-call-hung-up': HeldCall;
  'session-changed': SessionView;
  'settings-changed': SettingsView;
  'command-outcome': CommandOutcome;
  'show-view': PanelView;
}

/** 'confirm-sign-out': the tray's "Sign out" with calls held asks in the panel first. */
export type PanelView = 'list' | 'settings' | 'confirm-sign-out';

/** How an error crosses IPC: small, serialisable, and free of secrets. */
export interface ErrorEnvelope {
  code: string;
  kind: ErrorKind;
  /** Rendered in the agent's language by the page. */
  message: Message;
  /** A refused setting: which field the message belongs beside. */
  field?: Omit<SettingProblem, 'reason'>;
}

export type InvokeReply<T> = { ok: true; value: T } | { ok: false; error: ErrorEnvelope };

export type InvokeArgs<C extends InvokeChannelName> = Parameters<InvokeMap[C]>;
export type InvokeResult<C extends InvokeChannelName> = ReturnType<InvokeMap[C]>;

/** What the preload exposes as `window.cec`. Every call rejects with an Error carrying `code` and `kind`. */
export interface CecApi {
  listCalls(): Promise<HeldList>;
  currentCall(): Promise<CurrentCall | null>;
  refresh(): Promise<HeldList>;
  execute(command: Command): Promise<ActionResult | null>;
  getSession(): Promise<SessionView>;
  signIn(request: SignInRequest): Promise<SessionView>;
  signOut(): Promise<SessionView>;
  startDemo(): Promise<SessionView>;
  getSettings(): Promise<SettingsView>;
  setSettings(patch: SettingsPatch): Promise<SettingsView>;
  captureHotkeys(capturing: boolean): Promise<void>;
  hidePanel(): Promise<void>;
  /** Subscribe to a push; returns the unsubscribe function. */
  on<C extends PushChannelName>(channel: C, listener: (payload: PushMap[C]) => void): () => void;
}

type CecMethods = Omit<CecApi, 'on'>;

/**
 * What the preload exposes as `window.cecBridge` (and the browser preview's bridge imitates):
 * each method resolves to the raw reply. Electron's contextBridge keeps only the message of a
 * rejected Error, so `code` and `kind` would be lost; `createCecApi` (shared/cec-api.ts) turns the
 * replies back into CecApi's resolve-or-throw on the page's side of the bridge.
 */
export type CecBridge = {
  [K in keyof CecMethods]: (...args: Parameters<CecMethods[K]>) => Promise<InvokeReply<Awaited<ReturnType<CecMethods[K]>>>>;
} & Pick<CecApi, 'on'>;

/** Maps each CecApi method to its channel: the preload and the browser bridge are both built from this. */
export const API_METHODS = {
  listCalls: InvokeChannel.listCalls,
  currentCall: InvokeChannel.currentCall,
  refresh: InvokeChannel.refresh,
  execute: InvokeChannel.execute,
  getSession: InvokeChannel.getSession,
  signIn: InvokeChannel.signIn,
  signOut: InvokeChannel.signOut,
  startDemo: InvokeChannel.startDemo,
  getSettings: InvokeChannel.getSettings,
  setSettings: InvokeChannel.setSettings,
  captureHotkeys: InvokeChannel.captureHotkeys,
  hidePanel: InvokeChannel.hidePanel,
} as const satisfies Record<Exclude<keyof CecApi, 'on'>, InvokeChannelName>;
