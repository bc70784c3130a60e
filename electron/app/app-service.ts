// Everything the panel, the tray, the hotkeys and second launches can ask of the main process,
// without Electron: typed methods, one `execute(command, source)` for every agent command, and
// the settings service. Electron's IPC and the browser preview both reach it through one
// dispatch (ipc-dispatch.ts), so what the UI tests exercise in Chromium is what ships.
import { assertNever, type Command, type CommandSource } from '../../shared/commands';
import type { PanelView, PushChannelName, PushMap, SessionView, SignInRequest } from '../../shared/ipc-contract';
import { msg } from '../../shared/i18n';
import type { ActionName, ActionResult, CurrentCall, HeldList, SessionState } from '../../shared/model';
import { statusText } from '../../shared/status-text';
import type { HotkeyRegistration, SettingsPatch, SettingsView } from '../../shared/settings';
import { AgentClient, type AgentClientOptions } from '../core/agent-client';
import type { GatewayConfigInput } from '../core/config';
import { fail, type ResumeOptions } from '../core/actions';
import { asGatewayError } from '../core/errors';
import { MemorySightings, type HoldSightings } from '../core/hold-sightings';
import type { HoldTimesFile } from '../core/hold-times-file';
import { AppError } from './ipc-envelope';
import { PushCoalescer } from './push-coalescer';
import { createSettingsService, type SettingsService } from './settings-service';
import type { SettingsBackend } from './settings-store';
import { sameBinding, vaultBindingOf, type PasswordVault, type VaultBinding } from './vault-binding';

export type { SettingsBackend, PasswordVault };

export interface DemoGateway {
  url: string;
  caPem: string;
  agentId: string;
  password: string;
  /** The demo's staged hold starts (epoch ms by callid), so amber and red show at once. */
  heldSince?: Readonly<Record<string, number>>;
  close(): Promise<void>;
}

export interface AppServiceDeps {
  settings: SettingsBackend;
  vault: PasswordVault;
  readCaFile(path: string): Promise<string>;
  startDemoGateway(): Promise<DemoGateway>;
  hotkeyStatus(): HotkeyRegistration[];
  onCaptureHotkeys?(capturing: boolean): void;
  onHidePanel?(): void;
  onTogglePanel?(): void;
  clientOptions?: AgentClientOptions;
  /** Where hold times are kept across restarts (a file in the user-data directory); memory only without it. */
  holdTimes?: HoldTimesFile;
}

type PushListener = (channel: PushChannelName, payload: PushMap[PushChannelName]) => void;

/** The typed face of the main process. Every method's arguments are already validated. */
export interface AppService {
  readonly settings: SettingsService;
  listCalls(): HeldList;
  /** The call the agent is talking on (null when none, or signed out). */
  currentCall(): CurrentCall | null;
  refresh(): Promise<HeldList>;
  /** Runs a command from any source and pushes its outcome ('command-outcome') for all to report alike. */
  execute(command: Command, source: CommandSource): Promise<ActionResult | null>;
  session(): SessionView;
  signIn(request: SignInRequest): Promise<SessionView>;
  signOut(): Promise<SessionView>;
  startDemo(): Promise<SessionView>;
  captureHotkeys(capturing: boolean): void;
  hidePanel(): void;
  onPush(listener: PushListener): () => void;
  /** Ask the panel to show a view (the tray's "Settings…"). */
  showView(view: PanelView): void;
  dispose(): Promise<void>;
}

const SIGN_OUT_GRACE_MS = 3_000;

/**
 * State pushes: only the latest matters, so a burst reaches the panel at most once a frame.
 * Events (an outcome, a hang-up on hold) are each sent.
 */
const COALESCED: ReadonlySet<PushChannelName> = new Set<PushChannelName>(['held-calls-changed', 'current-call-changed', 'session-changed']);
const NO_LIST: HeldList = { calls: [], freshness: 'unknown' };

export function createAppService(deps: AppServiceDeps): AppService {
  const listeners = new Set<PushListener>();
  let client: AgentClient | undefined;
  let clientKey = '';
  let unsubscribe: Array<() => void> = [];
  let demo: DemoGateway | undefined;
  /** The demo's hold times: staged once, then kept like the agent's own across demo sign-outs. */
  let demoSightings: HoldSightings | undefined;
  let demoActive = false;
  let idleState: SessionState = { status: 'signed-out', since: Date.now() };
  /**
   * The password typed for this run's sign-in, so the client can sign in again by itself without a
   * keychain. Main-process memory only, bound like the vault's, and forgotten on sign-out, on a
   * change of gateway or agent, and on quit.
   */
  let typed: { password: string; binding: VaultBinding } | undefined;
  let demoPassword: string | undefined;

  const pushes = new PushCoalescer<PushChannelName, PushMap[PushChannelName]>((channel, payload) => {
    for (const listener of listeners) listener(channel, payload);
  });
  const push = <C extends PushChannelName>(channel: C, payload: PushMap[C]): void => {
    if (COALESCED.has(channel)) pushes.push(channel, payload);
    else pushes.pushNow(channel, payload);
  };

  const settingsBinding = (): VaultBinding | undefined => {
    const s = deps.settings.get();
    return vaultBindingOf(s.gatewayUrl, s.agentId);
  };
  const passwordRemembered = (): boolean => deps.vault.available && deps.vault.load(settingsBinding()) !== undefined;

  /** The password signing in again may use for this client: never one remembered or typed for another gateway or agent. */
  function passwordFor(agent: AgentClient): string | undefined {
    if (demoActive) return demoPassword;
    const binding = vaultBindingOf(agent.config.gateway, agent.config.agentId);
    if (typed && sameBinding(typed.binding, binding)) return typed.password;
    return deps.vault.load(binding);
  }

  const session = (): SessionView => {
    const s = deps.settings.get();
    const cut = client?.heldListTruncation;
    // Signed out, the panel says who the next sign-in is for, and where: the settings' gateway and
    // agent (already normalised: origin and path, never credentials), not the last session's.
    const configuredAs = !client && s.agentId && s.gatewayUrl ? { agentId: s.agentId, gateway: s.gatewayUrl } : {};
    return {
      ...(client?.state ?? idleState),
      ...configuredAs,
      configured: demoActive || (s.gatewayUrl !== '' && s.agentId !== ''),
      passwordRemembered: passwordRemembered(),
      demo: demoActive,
      canRememberPassword: deps.vault.available,
      ...(cut ? { truncatedList: { shown: cut.shown, total: cut.total } } : {}),
    };
  };

  const settings = createSettingsService(
    deps.settings,
    () => ({
      settings: deps.settings.get(),
      locked: deps.settings.locked(),
      hotkeys: deps.hotkeyStatus(),
      passwordRemembered: passwordRemembered(),
      adminFile: deps.settings.adminFile,
      ...(deps.settings.adminProblem ? { adminProblem: deps.settings.adminProblem } : {}),
    }),
    (view) => push('settings-changed', view),
  );
  settings.react('list-order', (s) => client?.setOrder(s.listOrder));
  let binding = settingsBinding();
  // A changed gateway or agent makes (or unmakes) a configured session: the panel moves on to
  // sign-in at once. The session of the old gateway is left alone until the next sign-in, but
  // the password belongs to the old gateway and agent: it is never sent anywhere else.
  settings.react('connection', () => {
    const next = settingsBinding();
    if (!sameBinding(binding, next)) {
      deps.vault.clear();
      typed = undefined;
    }
    binding = next;
    push('session-changed', session());
  });
  settings.react('session', () => client?.autoSignInChanged());

  /** Reuse the client while the gateway identity is unchanged; otherwise start a fresh one. */
  async function clientFor(config: GatewayConfigInput, staged?: HoldSightings): Promise<AgentClient> {
    const key = JSON.stringify([config.gateway, config.agentId, config.phone, config.caPem, config.pin]);
    if (client && key === clientKey) return client;
    await dropClient();
    const sightings = staged ?? deps.holdTimes?.scope(`${config.gateway} ${config.agentId}`);
    const next = new AgentClient(config, { ...deps.clientOptions, order: deps.settings.get().listOrder, ...(sightings ? { sightings } : {}) });
    next.setAutoSignIn({ enabled: () => deps.settings.get().autoSignIn, password: () => passwordFor(next) });
    let cut = 'null';
    unsubscribe = [
      next.onHeldListChange((list) => {
        push('held-calls-changed', list);
        // A cut list is rare; the session view carries it, so the panel can say so.
        const now = JSON.stringify(next.heldListTruncation ?? null);
        if (now !== cut) {
          cut = now;
          push('session-changed', session());
        }
      }),
      next.onCurrentCallChange((call) => push('current-call-changed', call)),
      next.onHeldCallHungUp((call) => push('held-call-hung-up', call)),
      next.onSessionChange(() => push('session-changed', session())),
    ];
    client = next;
    clientKey = key;
    return next;
  }

  async function dropClient(): Promise<void> {
    if (!client) return;
    unsubscribe.forEach((fn) => fn());
    unsubscribe = [];
    idleState = { status: 'signed-out', agentId: client.config.agentId, gateway: client.config.gateway, since: Date.now() };
    const old = client;
    client = undefined;
    // Leave the gateway tidy (it would otherwise keep the agent signed in for two minutes), but
    // never let an unreachable gateway hold up a quit or a switch of gateway for long.
    if (old.state.status !== 'signed-out') {
      await Promise.race([old.signOut().catch(() => undefined), new Promise((done) => setTimeout(done, SIGN_OUT_GRACE_MS).unref())]);
    }
    await old.close();
  }

  async function configuredGateway(): Promise<GatewayConfigInput> {
    const s = deps.settings.get();
    if (!s.gatewayUrl || !s.agentId) throw new AppError('NOT_CONFIGURED', 'config');
    let caPem: string | undefined;
    if (s.caFile) {
      try {
        caPem = await deps.readCaFile(s.caFile);
      } catch {
        throw new AppError('CA_FILE', 'config', msg('client.CA_FILE', { path: s.caFile }));
      }
    }
    return { gateway: s.gatewayUrl, agentId: s.agentId, phone: s.phone, caPem, pin: s.pin };
  }

  function signedInClient(): AgentClient | undefined {
    return client && client.state.status !== 'signed-out' ? client : undefined;
  }

  const notSignedIn = (action: ActionName): ActionResult => fail(action, undefined, 'NOT_SIGNED_IN', 'signed-out');
  const whileTalking = (): ResumeOptions => ({ whileTalking: deps.settings.get().resumeWhileTalking });

  /** The call at a list position as the panel shows it (1 = top), or a result saying there is none. */
  async function atPosition(agent: AgentClient, position: number, action: ActionName): Promise<string | ActionResult> {
    if (agent.heldList().freshness !== 'fresh') {
      // A position in a list that is not current is a guess: read the gateway's list first.
      // (Resume-top does the same, in the core, with its auto-repeat guard.)
      await agent.refresh().catch(() => undefined);
      if (agent.heldList().freshness !== 'fresh') return listNotRead(action, agent.listReadError);
    }
    const call = agent.heldCalls()[position - 1];
    if (call) return call.callid;
    return position === 1
      ? fail(action, undefined, 'NOTHING_HELD', 'nothing-held')
      : fail(action, undefined, 'NOTHING_AT_POSITION', 'nothing-held', msg('client.NOTHING_AT_POSITION', { position }));
  }

  async function run(command: Command): Promise<ActionResult | null> {
    if (command.type === 'toggle-panel') {
      deps.onTogglePanel?.();
      return null;
    }
    const agent = signedInClient();
    switch (command.type) {
      case 'refresh': {
        if (!agent) return notSignedIn('refresh');
        try {
          await agent.refresh();
          return null;
        } catch (error) {
          const failure = asGatewayError(error);
          return fail('refresh', undefined, failure.code, failure.kind, failure.agentMessage);
        }
      }
      case 'resume':
        return agent ? agent.resume(command.callid, whileTalking()) : notSignedIn('resume');
      case 'connect':
        return agent ? agent.connect(command.callid) : notSignedIn('connect');
      case 'resume-position': {
        if (!agent) return notSignedIn('resume');
        // The top call is resolved in core, at the moment the request goes out.
        if (command.position === 1) return agent.resumeTop(whileTalking());
        const target = await atPosition(agent, command.position, 'resume');
        return typeof target === 'string' ? agent.resume(target, whileTalking()) : target;
      }
      case 'connect-position': {
        if (!agent) return notSignedIn('connect');
        const target = await atPosition(agent, command.position, 'connect');
        return typeof target === 'string' ? agent.connect(target) : target;
      }
      case 'hold':
        return agent ? agent.hold() : notSignedIn('hold');
      case 'end':
        return agent ? agent.end() : notSignedIn('end');
      case 'swap-back':
        return agent ? agent.swapBack() : notSignedIn('resume');
      default:
        return assertNever(command);
    }
  }

  return {
    settings,
    listCalls: () => client?.heldList() ?? NO_LIST,
    currentCall: () => client?.currentCall() ?? null,
    async refresh() {
      const agent = signedInClient();
      if (!agent) throw new AppError('NOT_SIGNED_IN', 'signed-out');
      await agent.refresh();
      return agent.heldList();
    },
    async execute(command, source) {
      const result = await run(command);
      // A repeat of the hotkey (held down) did nothing, so there is nothing to report.
      if (result && !(!result.ok && result.code === 'REPEAT_IGNORED')) push('command-outcome', { command, source, result });
      return result;
    },
    session,
    async signIn(request) {
      const config = await configuredGateway();
      const bound = vaultBindingOf(config.gateway, config.agentId);
      const password = request.password ?? deps.vault.load(bound);
      if (password === undefined || !bound) throw new AppError('PASSWORD_REQUIRED', 'credentials');
      demoActive = false;
      const agent = await clientFor(config);
      push('session-changed', session());
      await agent.signIn({ password, force: request.force === true, availability: deps.settings.get().availability });
      typed = { password, binding: bound };
      if (request.remember === true && deps.vault.available) deps.vault.save(password, bound);
      if (request.remember === false) deps.vault.clear();
      // The settings view says whether (and for which gateway) a password is remembered.
      if (request.remember !== undefined) settings.publish();
      return session();
    },
    async signOut() {
      // A refusal (calls held, talking) throws the catalogue's message and keeps the session going.
      if (client) await client.signOut();
      typed = undefined;
      if (demoActive) {
        // The demo ends with its session: the panel is back where it started (first run, or
        // sign-in to the configured gateway), with "Try the demo" on offer again.
        demoActive = false;
        await dropClient();
        idleState = { status: 'signed-out', since: Date.now(), reason: msg('client.SIGNED_OUT') };
      }
      const view = session();
      push('session-changed', view);
      return view;
    },
    async startDemo() {
      demo ??= await deps.startDemoGateway();
      demoPassword = demo.password;
      demoActive = true;
      // The demo's hold times are staged, never written to the agent's own hold-time file. They are
      // staged once: a second "Try the demo" must show what happened in the first (a call resumed
      // and held again counts from its new hold), not the opening stagger again.
      demoSightings ??= new MemorySightings(new Map(Object.entries(demo.heldSince ?? {}).map(([callid, heldSince]) => [callid, { heldSince, exact: true }])));
      const agent = await clientFor({ gateway: demo.url, agentId: demo.agentId, caPem: demo.caPem }, demoSightings);
      await agent.signIn({ password: demo.password, force: true, availability: 'idle' });
      return session();
    },
    captureHotkeys: (capturing) => deps.onCaptureHotkeys?.(capturing),
    hidePanel: () => deps.onHidePanel?.(),
    onPush(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    showView: (view) => push('show-view', view),
    async dispose() {
      typed = undefined;
      await dropClient();
      await demo?.close();
      demo = undefined;
      demoSightings = undefined;
      pushes.dispose();
      listeners.clear();
    },
  };
}

function listNotRead(action: ActionName, error: unknown): ActionResult {
  const failure = error === undefined ? undefined : asGatewayError(error);
  return fail(action, undefined, 'LIST_NOT_READ', failure?.kind ?? 'unknown', statusText('LIST_UNREADABLE_FOR_RESUME', failure ? { detail: failure.agentMessage } : {}));
}
