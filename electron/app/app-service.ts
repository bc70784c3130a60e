// Everything the panel, the tray and the hotkeys can ask of the main process, without Electron.
// The Electron IPC glue and the browser preview's HTTP bridge both adapt these same handlers,
// so what the UI tests exercise in Chromium is what ships.
import type {
  ActionSource,
  InvokeChannelName,
  InvokeResult,
  PanelView,
  PushChannelName,
  PushMap,
  SessionView,
  SignInRequest,
} from '../../shared/ipc-contract';
import type { ActionResult, HeldCall, SessionState } from '../../shared/model';
import type { HotkeyRegistration, Settings, SettingsKey, SettingsPatch, SettingsView } from '../../shared/settings';
import { AgentClient, type AgentClientOptions } from '../core/agent-client';
import type { GatewayConfigInput } from '../core/config';
import { AppError } from './ipc-envelope';
import { validateArgs } from './ipc-validate';
import { PushCoalescer } from './push-coalescer';

export interface SettingsBackend {
  get(): Settings;
  /** Validates; throws AppError (kind 'input') on a bad or locked value. */
  set(patch: SettingsPatch): Settings;
  locked(): SettingsKey[];
  readonly adminFile: string;
  readonly adminProblem?: string;
}

export interface PasswordVault {
  readonly available: boolean;
  load(): string | undefined;
  save(password: string): void;
  clear(): void;
}

export interface DemoGateway {
  url: string;
  caPem: string;
  agentId: string;
  password: string;
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
  clientOptions?: AgentClientOptions;
}

export type TriggerAction = 'resumeTop' | 'resume2' | 'resume3' | 'connectTop' | 'refresh';

export type Handlers = { [C in InvokeChannelName]: (...args: unknown[]) => Promise<InvokeResult<C>> };

type PushListener = (channel: PushChannelName, payload: PushMap[PushChannelName]) => void;

export interface AppService {
  readonly handlers: Handlers;
  onPush(listener: PushListener): () => void;
  trigger(action: TriggerAction, source: ActionSource): Promise<ActionResult | undefined>;
  heldCalls(): HeldCall[];
  session(): SessionView;
  publishSettings(): void;
  /** Ask the panel to show a view (the tray's "Settings…"). */
  showView(view: PanelView): void;
  dispose(): Promise<void>;
}

const SIGN_OUT_GRACE_MS = 3_000;

/** State pushes: only the latest matters, so a burst reaches the panel at most once a frame. */
const COALESCED: ReadonlySet<PushChannelName> = new Set<PushChannelName>(['held-calls-changed', 'session-changed']);

const NOT_SIGNED_IN = (action: ActionResult['action']): ActionResult => ({
  ok: false,
  action,
  code: 'NOT_SIGNED_IN',
  kind: 'signed-out',
  message: 'You are not signed in to the gateway.',
});

export function createAppService(deps: AppServiceDeps): AppService {
  const listeners = new Set<PushListener>();
  let client: AgentClient | undefined;
  let clientKey = '';
  let unsubscribe: Array<() => void> = [];
  let demo: DemoGateway | undefined;
  let demoActive = false;
  let idleState: SessionState = { status: 'signed-out', since: Date.now() };

  const pushes = new PushCoalescer<PushChannelName, PushMap[PushChannelName]>((channel, payload) => {
    for (const listener of listeners) listener(channel, payload);
  });
  const push = <C extends PushChannelName>(channel: C, payload: PushMap[C]): void => {
    if (COALESCED.has(channel)) pushes.push(channel, payload);
    else pushes.pushNow(channel, payload);
  };

  const session = (): SessionView => {
    const settings = deps.settings.get();
    const cut = client?.heldListTruncation;
    return {
      ...(client?.state ?? idleState),
      configured: demoActive || (settings.gatewayUrl !== '' && settings.agentId !== ''),
      passwordRemembered: deps.vault.available && deps.vault.load() !== undefined,
      demo: demoActive,
      canRememberPassword: deps.vault.available,
      ...(cut ? { truncatedList: { shown: cut.shown, total: cut.total } } : {}),
    };
  };

  const settingsView = (): SettingsView => ({
    settings: deps.settings.get(),
    locked: deps.settings.locked(),
    hotkeys: deps.hotkeyStatus(),
    passwordRemembered: deps.vault.available && deps.vault.load() !== undefined,
    adminFile: deps.settings.adminFile,
    ...(deps.settings.adminProblem ? { adminProblem: deps.settings.adminProblem } : {}),
  });

  /** Reuse the client while the gateway identity is unchanged; otherwise start a fresh one. */
  async function clientFor(config: GatewayConfigInput): Promise<AgentClient> {
    const key = JSON.stringify([config.gateway, config.agentId, config.phone, config.caPem, config.pin]);
    if (client && key === clientKey) return client;
    await dropClient();
    const next = new AgentClient(config, { ...deps.clientOptions, order: deps.settings.get().listOrder });
    let cut = 'null';
    unsubscribe = [
      next.onHeldCallsChange((calls) => {
        push('held-calls-changed', calls);
        // A cut list is rare; the session view carries it, so the panel can say so.
        const now = JSON.stringify(next.heldListTruncation ?? null);
        if (now !== cut) {
          cut = now;
          push('session-changed', session());
        }
      }),
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
    if (!s.gatewayUrl || !s.agentId) {
      throw new AppError('NOT_CONFIGURED', 'config', 'Set the gateway address and your agent id in Settings first (or try the demo).');
    }
    let caPem: string | undefined;
    if (s.caFile) {
      try {
        caPem = await deps.readCaFile(s.caFile);
      } catch {
        throw new AppError('CA_FILE', 'config', `The CA file ${s.caFile} could not be read.`);
      }
    }
    return { gateway: s.gatewayUrl, agentId: s.agentId, phone: s.phone, caPem, pin: s.pin };
  }

  async function signIn(request: SignInRequest): Promise<SessionView> {
    const password = request.password ?? deps.vault.load();
    if (password === undefined) throw new AppError('PASSWORD_REQUIRED', 'credentials', 'Enter your password to sign in.');
    demoActive = false;
    const agent = await clientFor(await configuredGateway());
    push('session-changed', session());
    await agent.signIn({ password, force: request.force === true, availability: deps.settings.get().availability });
    if (request.remember === true && deps.vault.available) deps.vault.save(password);
    if (request.remember === false) deps.vault.clear();
    return session();
  }

  async function startDemo(): Promise<SessionView> {
    demo ??= await deps.startDemoGateway();
    demoActive = true;
    const agent = await clientFor({ gateway: demo.url, agentId: demo.agentId, caPem: demo.caPem });
    await agent.signIn({ password: demo.password, force: true, availability: 'idle' });
    return session();
  }

  function signedInClient(): AgentClient | undefined {
    return client && client.state.status !== 'signed-out' ? client : undefined;
  }

  async function runAction(action: TriggerAction): Promise<ActionResult | undefined> {
    const agent = signedInClient();
    if (action === 'refresh') {
      if (agent) await agent.refresh();
      return undefined;
    }
    if (!agent) return NOT_SIGNED_IN(action === 'connectTop' ? 'connect' : 'resume');
    const calls = agent.heldCalls();
    switch (action) {
      case 'resumeTop':
        return agent.resumeTop();
      case 'connectTop':
        return calls[0] ? agent.connect(calls[0].callid) : nothingHeld('connect');
      case 'resume2':
      case 'resume3': {
        const call = calls[action === 'resume2' ? 1 : 2];
        return call ? agent.resume(call.callid) : nothingHeld('resume', action === 'resume2' ? 2 : 3);
      }
    }
  }

  const handlers: Handlers = {
    'calls:list': async () => client?.heldCalls() ?? [],
    'calls:refresh': async () => {
      const agent = signedInClient();
      if (!agent) throw new AppError('NOT_SIGNED_IN', 'signed-out', 'Sign in to see your held calls.');
      return agent.refresh();
    },
    'calls:resume': async (...args) => {
      const [callid] = validateArgs('calls:resume', args) as [string];
      return signedInClient()?.resume(callid) ?? NOT_SIGNED_IN('resume');
    },
    'calls:resume-top': async (...args) => {
      validateArgs('calls:resume-top', args);
      return (await runAction('resumeTop'))!;
    },
    'calls:connect': async (...args) => {
      const [callid] = validateArgs('calls:connect', args) as [string];
      return signedInClient()?.connect(callid) ?? NOT_SIGNED_IN('connect');
    },
    'session:get': async () => session(),
    'session:sign-in': async (...args) => {
      const [request] = validateArgs('session:sign-in', args) as [SignInRequest];
      return signIn(request);
    },
    'session:sign-out': async (...args) => {
      validateArgs('session:sign-out', args);
      if (client) await client.signOut();
      return session();
    },
    'demo:start': async (...args) => {
      validateArgs('demo:start', args);
      return startDemo();
    },
    'settings:get': async () => settingsView(),
    'settings:set': async (...args) => {
      const [patch] = validateArgs('settings:set', args) as [SettingsPatch];
      const before = deps.settings.get();
      const after = deps.settings.set(patch);
      if (before.listOrder !== after.listOrder) client?.setOrder(after.listOrder);
      const view = settingsView();
      push('settings-changed', view);
      return view;
    },
    'hotkeys:capture': async (...args) => {
      const [capturing] = validateArgs('hotkeys:capture', args) as [boolean];
      deps.onCaptureHotkeys?.(capturing);
    },
    'panel:hide': async (...args) => {
      validateArgs('panel:hide', args);
      deps.onHidePanel?.();
    },
  };

  return {
    handlers,
    onPush(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async trigger(action, source) {
      const result = await runAction(action);
      if (result) push('action-outcome', { source, result });
      return result;
    },
    heldCalls: () => client?.heldCalls() ?? [],
    session,
    publishSettings: () => push('settings-changed', settingsView()),
    showView: (view) => push('show-view', view),
    async dispose() {
      await dropClient();
      await demo?.close();
      demo = undefined;
      pushes.dispose();
      listeners.clear();
    },
  };
}

function nothingHeld(action: ActionResult['action'], position?: number): ActionResult {
  return {
    ok: false,
    action,
    code: 'NOTHING_HELD',
    kind: 'nothing-held',
    message: position ? `There is no call in position ${position} on hold.` : 'No call is on hold.',
  };
}
