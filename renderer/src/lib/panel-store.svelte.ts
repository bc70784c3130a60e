// The panel's view of main: held calls, session and settings, kept current by pushes, plus the
// commands the panel can ask for. Every outcome is announced once; refusals carry main's own
// message, rendered in the agent's language by the page.
import { CecError } from '../../../shared/cec-api';
import type { Command } from '../../../shared/commands';
import { msg, type Message } from '../../../shared/i18n';
import type { CecApi, CommandOutcome, PanelView, SessionView, SignInRequest } from '../../../shared/ipc-contract';
import { EscalationTracker } from '../../../shared/escalation';
import type { ActionResult, CurrentCall, HeldCall, HeldList, ListFreshness } from '../../../shared/model';
import { DEFAULT_SETTINGS, SETTINGS_SPEC, type SettingsPatch, type SettingsView } from '../../../shared/settings';
import { statusText } from '../../../shared/status-text';
import type { Announcer } from './announcer.svelte';
import { durationMessage } from './hold';
import { playCue } from './sound-cue';

/** What to tell the agent about a failed call to main: its own message, or a generic one. */
export function errorMessage(error: unknown): Message {
  return error instanceof CecError ? error.agentMessage : msg('ui.error.generic');
}

/** How long a list change waits for a session change that would make it moot. */
const LIST_NEWS_DELAY_MS = 150;
/** Calls the agent was on lately: when one appears on hold, that is their own hold, not a new call. */
const TALKED_TO_REMEMBERED = 50;
/** How long a new held row may wait for its number before it is announced without one. */
const NUMBER_WAIT_MS = 3_000;

function countMessage(n: number): Message {
  return n === 0 ? msg('ui.announce.none') : msg('ui.announce.count', { count: n });
}

/** How many calls are held, as far as is known: only a fresh empty list is "No calls on hold". */
function listMessage(list: HeldList): Message {
  if (list.calls.length > 0 || list.freshness === 'fresh') return countMessage(list.calls.length);
  return list.freshness === 'stale' ? statusText('LIST_STALE_EMPTY', { ageMs: list.readAt === undefined ? 0 : Date.now() - list.readAt }) : statusText('LIST_UNKNOWN');
}

/** The agent's own sign-out: the status says it, a reason would say it again. */
export function restatesStatus(reason: Message | undefined): boolean {
  return reason?.id === 'client.SIGNED_OUT';
}

/** The other party's number, or words for none. */
function whoIs(call: { customer: string }): string | Message {
  return call.customer || msg('tray.unknown-number');
}

/** `pending` while the current call's own Hold or End is on its way. */
export const CURRENT_HOLD = '#hold';
export const CURRENT_END = '#end';

/** Same call, same details: the row showing it need not change. */
function sameCall(a: HeldCall, b: HeldCall): boolean {
  return (
    a.heldSince === b.heldSince &&
    a.heldSinceExact === b.heldSinceExact &&
    a.caller === b.caller &&
    a.called === b.called &&
    a.customer === b.customer &&
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
  /** The call the agent is talking on (issue 8). */
  current = $state<CurrentCall | null>(null);
  /** How far `calls` can be trusted: only a fresh empty list means nothing is on hold. */
  freshness = $state<ListFreshness>('unknown');
  /** Epoch ms of the last successful read of the list. */
  readAt = $state<number | undefined>();
  /** Held calls left out for an invalid call id from the gateway. */
  ignored = $state(0);
  /** The panel is asking whether to sign out with calls held. */
  confirmingSignOut = $state(false);
  session = $state<SessionView | undefined>();
  settings = $state<SettingsView | undefined>();
  /** The call a command is running for, so its buttons can show progress and not double-fire. */
  pending = $state<string | undefined>();
  /** The latest refusal or failure, shown until the next successful action or dismissal. */
  error = $state<Message | undefined>();
  loaded = $state(false);
  /** A view main asked for (the tray's "Settings…"); the panel switches to it and clears this. */
  requestedView = $state<PanelView | undefined>();
  /** The last session was the demo: the sign-in form offers it again. */
  demoSeen = $state(false);

  #signingOut = false;
  readonly #talkedTo = new Set<string>();
  /** Calls that went on hold before their number was known (see #setCalls). */
  readonly #awaitingNumber = new Set<string>();
  /** Commands from this panel awaiting their outcome, by key: reported by reply or push, once. */
  readonly #inflight = new Map<string, { reported: boolean }>();
  readonly #api: CecApi;
  readonly #announcer: Announcer;
  readonly #escalation = new EscalationTracker();

  constructor(api: CecApi, announcer: Announcer) {
    this.#api = api;
    this.#announcer = announcer;
  }

  /** Subscribes to main's pushes and loads the first state; returns the cleanup for onDestroy. */
  start(): () => void {
    const offs = [
      this.#api.on('held-calls-changed', (calls) => this.#setCalls(calls)),
      this.#api.on('current-call-changed', (call) => this.#setCurrent(call)),
      // Said with the number: otherwise it would only be heard as a smaller count.
      this.#api.on('held-call-hung-up', (call) => this.#announcer.say(msg('ui.announce.hung-up-on-hold', { who: whoIs(call) }))),
      this.#api.on('session-changed', (session) => this.#setSession(session)),
      this.#api.on('settings-changed', (view) => (this.settings = view)),
      this.#api.on('command-outcome', (outcome) => this.#onOutcome(outcome)),
      // The tray's "Sign out" with calls held asks here, in the panel.
      this.#api.on('show-view', (view) => {
        if (view === 'confirm-sign-out') this.askSignOut();
        else this.requestedView = view;
      }),
    ];
    void this.#load();
    return () => offs.forEach((off) => off());
  }

  async #load(): Promise<void> {
    try {
      const [session, settings, calls, current] = await Promise.all([this.#api.getSession(), this.#api.getSettings(), this.#api.listCalls(), this.#api.currentCall()]);
      this.session = session;
      this.demoSeen = session.demo;
      this.settings = settings;
      this.#setList(calls);
      this.#setCurrent(current);
    } catch (error) {
      this.#fail(errorMessage(error));
    } finally {
      this.loaded = true;
    }
  }

  /** The list as pushed, with unchanged calls keeping their previous object (their rows stay untouched). */
  #setList(list: HeldList): void {
    const before = new Map(this.calls.map((c) => [c.callid, c]));
    this.calls = list.calls.map((call) => {
      const old = before.get(call.callid);
      return old && sameCall(old, call) ? old : call;
    });
    this.freshness = list.freshness;
    this.readAt = list.readAt;
    this.ignored = list.ignored ?? 0;
  }

  #setCurrent(call: CurrentCall | null): void {
    this.current = call;
    if (call) this.#talkedTo.add(call.callid);
    if (this.#talkedTo.size > TALKED_TO_REMEMBERED) this.#talkedTo.delete(this.#talkedTo.values().next().value!);
  }

  #setCalls(list: HeldList): void {
    const next = list.calls;
    const before = new Set(this.calls.map((c) => c.callid));
    // The first read after a sign-in finds calls that were there already: a count, not news.
    const firstRead = this.freshness === 'unknown';
    const fresh = firstRead ? [] : next.filter((c) => !before.has(c.callid));
    // A Hold event carries only the callid; the number follows with the next list read. The call
    // is said with its number then, rather than as "unknown number" now.
    const named = next.filter((c) => c.customer && this.#awaitingNumber.delete(c.callid));
    for (const call of fresh) if (!call.customer && !this.#talkedTo.has(call.callid)) this.#awaitingNumber.add(call.callid);
    const listed = new Set(next.map((c) => c.callid));
    for (const callid of this.#awaitingNumber) if (!listed.has(callid)) this.#awaitingNumber.delete(callid);
    // A call the agent was talking on is on hold because they held it (here, by hotkey, or on the
    // phone): not a new call. What they did is said by its outcome; the list only gives the count.
    const added = [...fresh.filter((c) => c.customer), ...named].filter((c) => !this.#talkedTo.has(c.callid));
    const removed = this.calls.length - next.filter((c) => before.has(c.callid)).length;
    const grew = next.some((c) => !before.has(c.callid) && !this.#awaitingNumber.has(c.callid));
    this.#setList(list);
    const count = listMessage(list);
    if (added.length > 0) this.#sayListChange(this.#addedMessage(added, count));
    else if (removed > 0 || grew) this.#sayListChange(count);
    if (fresh.some((c) => this.#awaitingNumber.has(c.callid))) setTimeout(() => this.#sayStillUnnamed(), NUMBER_WAIT_MS);
  }

  #addedMessage(added: HeldCall[], count: Message): Message {
    if (added.length > 1) return msg('ui.announce.new-calls', { added: added.length, count });
    return msg('ui.announce.new-call', { who: whoIs(added[0]!), count });
  }

  /** The number never came (the list could not be read): say the call anyway. */
  #sayStillUnnamed(): void {
    const unnamed = this.calls.filter((c) => this.#awaitingNumber.has(c.callid));
    if (unnamed.length === 0) return;
    unnamed.forEach((c) => this.#awaitingNumber.delete(c.callid));
    this.#sayListChange(this.#addedMessage(unnamed, listMessage({ calls: this.calls, freshness: this.freshness, readAt: this.readAt })));
  }

  /**
   * A change of the list is news only in a live session: the list emptied by a sign-out is not
   * "No calls on hold". The session push may come just after the list's, so wait a moment.
   */
  #sayListChange(message: Message): void {
    setTimeout(() => {
      if (this.session?.status === 'signed-in') this.#announcer.say(message, 'count');
    }, LIST_NEWS_DELAY_MS);
  }

  #setSession(next: SessionView): void {
    const prev = this.session;
    this.session = next;
    if (next.status === 'signed-out') this.confirmingSignOut = false;
    if (next.demo) this.demoSeen = true;
    else if (next.status === 'signed-in') this.demoSeen = false;
    if (prev?.status === next.status) return;
    // A refusal about a call of the session that just ended (or began) is no longer about anything.
    if ((next.status === 'signed-out' && prev?.status !== 'signing-in') || next.status === 'signed-in') this.error = undefined;
    if (next.status === 'signed-out' && prev && prev.status !== 'signing-in') {
      if (this.#signingOut || !next.reason || restatesStatus(next.reason)) this.#announcer.say(msg('ui.announce.signed-out'));
      else this.#announcer.alert(msg('ui.announce.signed-out-because', { reason: next.reason }));
    } else if (next.status === 'reconnecting') {
      this.#announcer.say(next.reason ? msg('ui.announce.reconnecting-because', { reason: next.reason }) : msg('ui.announce.reconnecting'));
    } else if (next.status === 'signed-in') {
      this.#announcer.say(msg('ui.announce.signed-in', { agent: next.agentId ?? '' }));
    }
  }

  /** Outcomes of the panel's own commands are reported by whichever comes first, reply or push. */
  #onOutcome(outcome: CommandOutcome): void {
    if (outcome.source === 'panel') {
      const entry = this.#inflight.get(JSON.stringify(outcome.command));
      if (!entry || entry.reported) return;
      entry.reported = true;
    }
    this.#report(outcome.result);
  }

  #report(result: ActionResult): void {
    if (result.ok) {
      this.error = undefined;
      this.#announcer.say(result.message);
    } else {
      this.#fail(result.message);
    }
  }

  #fail(message: Message): void {
    this.error = message;
    this.#announcer.alert(message);
  }

  dismissError(): void {
    this.error = undefined;
    this.#announcer.clearAlert();
  }

  async #execute(callid: string, command: Command): Promise<ActionResult | undefined> {
    if (this.pending !== undefined) return undefined;
    this.pending = callid;
    const key = JSON.stringify(command);
    const entry = { reported: false };
    this.#inflight.set(key, entry);
    try {
      const result = await this.#api.execute(command);
      if (result && !entry.reported) {
        entry.reported = true;
        this.#report(result);
      }
      return result ?? undefined;
    } catch (error) {
      this.#fail(errorMessage(error));
      return undefined;
    } finally {
      this.#inflight.delete(key);
      this.pending = undefined;
    }
  }

  resume(callid: string): Promise<ActionResult | undefined> {
    return this.#execute(callid, { type: 'resume', callid });
  }

  connect(callid: string): Promise<ActionResult | undefined> {
    return this.#execute(callid, { type: 'connect', callid });
  }

  hold(): Promise<ActionResult | undefined> {
    return this.#execute(CURRENT_HOLD, { type: 'hold' });
  }

  /** The panel asks first (CurrentCall.svelte); this is the confirmed end. */
  end(): Promise<ActionResult | undefined> {
    return this.#execute(CURRENT_END, { type: 'end' });
  }

  /**
   * Called every second with the time: a held call crossing the warning is said politely, the
   * alert assertively, each once per call (shared/escalation.ts), with the optional sound cue.
   */
  checkEscalation(now: number): void {
    if (this.session?.status !== 'signed-in') {
      this.#escalation.reset();
      return;
    }
    const s = this.settings?.settings ?? DEFAULT_SETTINGS;
    for (const crossing of this.#escalation.check(this.calls, now, s.warnAfterSec, s.alertAfterSec)) {
      const alert = crossing.stage === 'alert';
      const params = { who: whoIs(crossing), duration: durationMessage(alert ? s.alertAfterSec : s.warnAfterSec) };
      if (alert) this.#announcer.alert(msg('ui.announce.alert', params));
      else this.#announcer.say(msg('ui.announce.warn', params));
      if (s.soundCue) playCue(crossing.stage);
    }
  }

  async refresh(): Promise<void> {
    try {
      const list = await this.#api.refresh();
      this.#setCalls(list);
      this.#announcer.say(msg('ui.announce.refreshed', { count: listMessage(list) }), 'count');
    } catch (error) {
      this.#fail(errorMessage(error));
    }
  }

  /** Throws the refusal so the form can show it next to its fields. */
  async signIn(request: SignInRequest): Promise<void> {
    this.dismissError();
    this.#setSession(await this.#api.signIn(request));
  }

  /** Sign-out asks first while calls are held (they stay held, and the gateway may refuse it). */
  askSignOut(): void {
    if (this.calls.length > 0) this.confirmingSignOut = true;
    else void this.signOut();
  }

  cancelSignOut(): void {
    this.confirmingSignOut = false;
  }

  /** A refusal (calls held, talking) shows main's message; the session goes on. */
  async signOut(): Promise<void> {
    this.confirmingSignOut = false;
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
    this.#setCalls(await this.#api.listCalls());
  }

  /** Throws the refusal (a CecError naming the field) so the settings form can show it beside it. */
  async saveSettings(patch: SettingsPatch): Promise<SettingsView> {
    const view = await this.#api.setSettings(patch);
    this.settings = view;
    // A changed gateway or agent decides whether sign-in is possible: read it now rather than
    // wait for the push, so the panel can move straight on to signing in.
    if (Object.keys(patch).some((key) => SETTINGS_SPEC[key as keyof typeof SETTINGS_SPEC]?.effect === 'connection')) {
      try {
        this.#setSession(await this.#api.getSession());
      } catch {
        // The push will bring it.
      }
    }
    return view;
  }

  /** A status line message from a component (e.g. "Settings saved." when the form is gone). */
  say(message: Message): void {
    this.#announcer.say(message);
  }

  alert(message: Message): void {
    this.#announcer.alert(message);
  }

  captureHotkeys(capturing: boolean): void {
    this.#api.captureHotkeys(capturing).catch((error: unknown) => this.#fail(errorMessage(error)));
  }

  hidePanel(): void {
    this.#api.hidePanel().catch((error: unknown) => this.#fail(errorMessage(error)));
  }
}
