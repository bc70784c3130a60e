// The panel's view of main: held calls, session and settings, kept current by pushes, plus the
// actions the panel can ask for. Every outcome is announced; refusals carry main's own message.
import type { ActionOutcome, CecApi, PanelView, SessionView, SignInRequest } from '../../../shared/ipc-contract';
import type { ActionResult, HeldCall } from '../../../shared/model';
import type { SettingsPatch, SettingsView } from '../../../shared/settings';
import type { Announcer } from './announcer.svelte';

/** The message an IPC rejection carries (main already put it in the agent's words). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}

function plural(n: number): string {
  return n === 1 ? '1 call on hold' : `${n} calls on hold`;
}

/** Same call, same details: the row showing it need not change. */
function sameCall(a: HeldCall, b: HeldCall): boolean {
  return (
    a.heldSince === b.heldSince &&
    a.caller === b.caller &&
    a.called === b.called &&
    a.callskill === b.callskill &&
    a.callfeature === b.callfeature &&
    a.callfeatureLabel === b.callfeatureLabel
  );
}

export class PanelStore {
  /**
   * Replaced whole on every push, never mutated (raw: no deep proxies over 1,000 calls). Calls
   * that did not change keep their previous object, so their keyed rows are not touched at all.
   */
  calls = $state.raw<HeldCall[]>([]);
  session = $state<SessionView | undefined>();
  settings = $state<SettingsView | undefined>();
  /** The call an action is running for, so its buttons can show progress and not double-fire. */
  pending = $state<string | undefined>();
  /** The latest refusal or failure, shown until the next successful action or dismissal. */
  error = $state('');
  loaded = $state(false);
  /** A view main asked for (the tray's "Settings…"); the panel switches to it and clears this. */
  requestedView = $state<PanelView | undefined>();

  #signingOut = false;
  readonly #api: CecApi;
  readonly #announcer: Announcer;

  constructor(api: CecApi, announcer: Announcer) {
    this.#api = api;
    this.#announcer = announcer;
  }

  /** Subscribes to main's pushes and loads the first state; returns the cleanup for onDestroy. */
  start(): () => void {
    const offs = [
      this.#api.on('held-calls-changed', (calls) => this.#setCalls(calls)),
      this.#api.on('session-changed', (session) => this.#setSession(session)),
      this.#api.on('settings-changed', (view) => (this.settings = view)),
      this.#api.on('action-outcome', (outcome) => this.#report(outcome)),
      this.#api.on('show-view', (view) => (this.requestedView = view)),
    ];
    void this.#load();
    return () => offs.forEach((off) => off());
  }

  async #load(): Promise<void> {
    try {
      const [session, settings, calls] = await Promise.all([this.#api.getSession(), this.#api.getSettings(), this.#api.listCalls()]);
      this.session = session;
      this.settings = settings;
      this.calls = calls;
    } catch (error) {
      this.#fail(errorMessage(error));
    } finally {
      this.loaded = true;
    }
  }

  #setCalls(incoming: HeldCall[]): void {
    const before = new Map(this.calls.map((c) => [c.callid, c]));
    const added: HeldCall[] = [];
    const next = incoming.map((call) => {
      const old = before.get(call.callid);
      if (!old) added.push(call);
      return old && sameCall(old, call) ? old : call;
    });
    const removed = this.calls.length + added.length - next.length;
    this.calls = next;
    if (added.length === 1) this.#announcer.say(`New call on hold from ${added[0]!.caller}. ${plural(next.length)}.`);
    else if (added.length > 1) this.#announcer.say(`${added.length} new calls on hold. ${plural(next.length)}.`);
    else if (removed > 0 && this.pending === undefined) this.#announcer.say(next.length ? `${plural(next.length)}.` : 'No calls on hold.');
  }

  #setSession(next: SessionView): void {
    const prev = this.session;
    this.session = next;
    if (prev?.status === next.status) return;
    if (next.status === 'signed-out' && prev && prev.status !== 'signing-in') {
      // The session bar shows the reason; a banner too would say it twice.
      if (this.#signingOut) this.#announcer.say('Signed out.');
      else this.#announcer.alert(next.reason ? `Signed out: ${next.reason}` : 'Signed out.');
    } else if (next.status === 'reconnecting') {
      this.#announcer.say(next.reason ? `Reconnecting: ${next.reason}` : 'Reconnecting to the gateway…');
    } else if (next.status === 'signed-in') {
      this.#announcer.say(`Signed in as agent ${next.agentId ?? ''}.`);
    }
  }

  #report(outcome: ActionOutcome): void {
    const { result } = outcome;
    if (result.ok) {
      this.error = '';
      this.#announcer.say(result.message);
    } else {
      this.#fail(result.message);
    }
  }

  #fail(message: string): void {
    this.error = message;
    this.#announcer.alert(message);
  }

  dismissError(): void {
    this.error = '';
    this.#announcer.clearAlert();
  }

  async #act(callid: string, run: () => Promise<ActionResult>): Promise<ActionResult | undefined> {
    if (this.pending !== undefined) return undefined;
    this.pending = callid;
    try {
      const result = await run();
      this.#report({ source: 'panel', result });
      return result;
    } catch (error) {
      this.#fail(errorMessage(error));
      return undefined;
    } finally {
      this.pending = undefined;
    }
  }

  resume(callid: string): Promise<ActionResult | undefined> {
    return this.#act(callid, () => this.#api.resume(callid));
  }

  connect(callid: string): Promise<ActionResult | undefined> {
    return this.#act(callid, () => this.#api.connect(callid));
  }

  async refresh(): Promise<void> {
    try {
      this.#setCalls(await this.#api.refresh());
      this.#announcer.say(`Refreshed. ${this.calls.length ? plural(this.calls.length) : 'No calls on hold'}.`);
    } catch (error) {
      this.#fail(errorMessage(error));
    }
  }

  /** Throws the refusal so the form can show it next to its fields. */
  async signIn(request: SignInRequest): Promise<void> {
    this.dismissError();
    this.#setSession(await this.#api.signIn(request));
  }

  async signOut(): Promise<void> {
    this.#signingOut = true;
    try {
      this.#setSession(await this.#api.signOut());
    } catch (error) {
      this.#fail(errorMessage(error));
    } finally {
      this.#signingOut = false;
    }
  }

  async startDemo(): Promise<void> {
    this.dismissError();
    this.#setSession(await this.#api.startDemo());
    this.calls = await this.#api.listCalls();
  }

  /** Throws the refusal so the settings form can show it. */
  async saveSettings(patch: SettingsPatch): Promise<void> {
    this.settings = await this.#api.setSettings(patch);
    this.#announcer.say('Settings saved.');
  }

  captureHotkeys(capturing: boolean): void {
    this.#api.captureHotkeys(capturing).catch((error: unknown) => this.#fail(errorMessage(error)));
  }

  hidePanel(): void {
    this.#api.hidePanel().catch((error: unknown) => this.#fail(errorMessage(error)));
  }
}
