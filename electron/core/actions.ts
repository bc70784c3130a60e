// The agent's call actions: resume (gethold), connect (connecthold), hold, end (release) and
// swap. Resume and connect are different operations and must never be confused: resume brings
// the caller back to the agent; connect joins the agent's current call with the held one and the
// agent leaves. Swap is hold-then-resume, in that order only: a resume sent while talking is
// refused by the gateway, and a hold that failed must not be followed by anything.
import { msg, type Message } from '../../shared/i18n';
import { messageForError } from '../../shared/i18n/error-message';
import type { WhileTalking } from '../../shared/settings';
import { isCallId, type ActionName, type ActionResult, type CurrentCall, type ErrorKind, type HeldCall } from '../../shared/model';
import { statusText } from '../../shared/status-text';
import { systemClock, type Clock } from './clock';
import type { CurrentCallTracker } from './current-call';
import { GatewayRefusedError, TransportError, asGatewayError, type GatewayError } from './errors';
import type { GatewayApi } from './gateway-api';
import type { HeldCallStore } from './held-calls';
import type { Reconciler } from './reconciler';

/** Retcodes meaning the call is not held any more: drop it from the list straight away. */
const GONE_CODES = new Set(['200-015', '200-006']);

/**
 * After a resume-top, presses closer together than this do nothing, each one restarting the
 * window: a hotkey held down (auto-repeat, ~30 presses/s) resumes one call, not every call in turn.
 */
export const REPEAT_WINDOW_MS = 1_000;

export interface ResumeOptions {
  /** With a current call: hold it first ('swap', the default) or refuse without sending anything. */
  whileTalking?: WhileTalking;
}

export class CallActions {
  private readonly inFlight = new Map<string, Promise<ActionResult>>();
  /**
   * A hold, an end or a swap on its way. Each changes which call is current, so while one is out
   * every other press joins it and sends nothing new (a double press gives one hold, one gethold).
   */
  private exclusive?: Promise<ActionResult>;
  private topInFlight = false;
  private quietUntil = -Infinity;

  constructor(
    private readonly api: GatewayApi,
    private readonly store: HeldCallStore,
    private readonly reconciler: Reconciler,
    private readonly signedIn: () => boolean,
    private readonly current: CurrentCallTracker,
    private readonly clock: Clock = systemClock,
  ) {}

  resume(callid: string, options: ResumeOptions = {}): Promise<ActionResult> {
    if (this.exclusive) return this.exclusive;
    if (!isCallId(callid)) return done(fail('resume', undefined, 'BAD_CALLID', 'input'));
    // A double press (hotkey repeat, double click) joins the request already on its way.
    const pending = this.inFlight.get(callid);
    if (pending) return pending;
    if (!this.signedIn()) return done(fail('resume', callid, 'NOT_SIGNED_IN', 'signed-out'));
    const current = this.current.get();
    if (current && current.callid !== callid) {
      if (options.whileTalking === 'refuse') return done(fail('resume', callid, 'ON_A_CALL', 'call-state', msg('client.ON_A_CALL', { current: who(current) })));
      return this.exclusively(() => this.swap(current, callid));
    }
    return this.track(callid, () => this.execute('resume', callid));
  }

  /**
   * Resume the call at the top of the list (the one held longest, unless the order is reversed).
   * On a list that is not fresh the gateway's list is read first: the top of a stale list is a guess.
   */
  resumeTop(options: ResumeOptions = {}): Promise<ActionResult> {
    // A press during a swap joins it (one hold, one gethold), before the repeat window is asked.
    if (this.exclusive) return this.exclusive;
    const now = this.clock.now();
    if (this.topInFlight || now < this.quietUntil) {
      this.quietUntil = now + REPEAT_WINDOW_MS;
      return done(fail('resume', undefined, 'REPEAT_IGNORED', 'conflict', statusText('REPEAT_IGNORED')));
    }
    this.topInFlight = true;
    return this.resumeTopOnce(options).finally(() => {
      this.topInFlight = false;
      this.quietUntil = this.clock.now() + REPEAT_WINDOW_MS;
    });
  }

  private async resumeTopOnce(options: ResumeOptions): Promise<ActionResult> {
    if (!this.signedIn()) return fail('resume', undefined, 'NOT_SIGNED_IN', 'signed-out');
    if (this.store.freshness !== 'fresh') {
      try {
        await this.reconciler.now();
      } catch (error) {
        const failure = asGatewayError(error);
        return fail('resume', undefined, 'LIST_NOT_READ', failure.kind, statusText('LIST_UNREADABLE_FOR_RESUME', { detail: failure.agentMessage }));
      }
    }
    const top = this.store.top();
    if (!top) return fail('resume', undefined, 'NOTHING_HELD', 'nothing-held');
    return this.resume(top.callid, options);
  }

  /** Resume the call held most recently, swapping with the current call whatever the setting: that is what "swap back" asks for. */
  swapBack(): Promise<ActionResult> {
    if (this.exclusive) return this.exclusive;
    const latest = this.store.mostRecent();
    if (!latest) return done(fail('resume', undefined, 'NOTHING_HELD', 'nothing-held'));
    return this.resume(latest.callid, { whileTalking: 'swap' });
  }

  connect(callid: string): Promise<ActionResult> {
    if (this.exclusive) return this.exclusive;
    if (!isCallId(callid)) return done(fail('connect', undefined, 'BAD_CALLID', 'input'));
    const pending = this.inFlight.get(callid);
    if (pending) return pending;
    if (!this.signedIn()) return done(fail('connect', callid, 'NOT_SIGNED_IN', 'signed-out'));
    return this.track(callid, () => this.execute('connect', callid));
  }

  /**
   * Hold the current call. Sent even when no current call is known here: the gateway holds
   * whatever is current, and says 200-013 when nothing is.
   */
  hold(): Promise<ActionResult> {
    if (this.exclusive) return this.exclusive;
    if (!this.signedIn()) return done(fail('hold', undefined, 'NOT_SIGNED_IN', 'signed-out'));
    const current = this.current.get();
    return this.exclusively(async () => {
      const error = await this.holdCurrent(current);
      if (!error) this.afterHold(current);
      const callid = current?.callid;
      if (!error) return { ok: true, action: 'hold', ...(callid ? { callid } : {}), message: msg('result.held', { who: who(current) }) };
      return fail('hold', callid, error.code, error.kind, error.agentMessage);
    });
  }

  /**
   * End (release) the current call. Only a call the agent can see is ended: release ends whatever
   * is current on the gateway, and ending a call nobody saw would be a guess.
   */
  end(): Promise<ActionResult> {
    if (this.exclusive) return this.exclusive;
    if (!this.signedIn()) return done(fail('end', undefined, 'NOT_SIGNED_IN', 'signed-out'));
    const current = this.current.get();
    if (!current) return done(fail('end', undefined, 'NO_CURRENT_CALL', 'no-call'));
    return this.exclusively(() => this.release(current));
  }

  private track(key: string, work: () => Promise<ActionResult>): Promise<ActionResult> {
    const promise = work().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  private exclusively(work: () => Promise<ActionResult>): Promise<ActionResult> {
    const promise: Promise<ActionResult> = work().finally(() => {
      if (this.exclusive === promise) this.exclusive = undefined;
    });
    this.exclusive = promise;
    return promise;
  }

  /** Hold first; gethold only once the hold succeeded (or the gateway said no call is current). */
  private async swap(current: CurrentCall, target: string): Promise<ActionResult> {
    const holding = this.holdCurrent(current);
    const call = this.heldCall(target);
    const holdError = await holding;
    if (holdError instanceof GatewayRefusedError && holdError.retcode === '200-013') {
      // "No call to hold": the call we took for current had already ended or been held (its
      // events were still on their way). Nothing is current, so the gethold is safe: resume plainly.
      return this.track(target, () => this.execute('resume', target));
    }
    if (holdError) {
      const message = msg('result.swap-hold-refused', { current: who(current), who: who(call), reason: holdError.agentMessage });
      return fail('resume', target, holdError.code, holdError.kind, message);
    }
    // The gethold goes out first; the bookkeeping of the hold after it.
    const resuming = this.track(target, () => this.execute('resume', target));
    this.afterHold(current);
    const resumed = await resuming;
    if (resumed.ok) return { ok: true, action: 'resume', callid: target, message: msg('result.swapped', { current: who(current), who: who(call) }) };
    // Both calls are on hold now: say so plainly, with a code of its own.
    return {
      ok: false,
      action: 'resume',
      callid: target,
      code: 'SWAP_BOTH_HELD',
      kind: resumed.kind,
      cause: resumed.code,
      message: msg('result.swap-both-held', { current: who(current), who: who(call), reason: resumed.message }),
    };
  }

  /** Sends the hold; resolves to the failure, or undefined once the call is on hold (then call afterHold). */
  private async holdCurrent(current: CurrentCall | null): Promise<GatewayError | undefined> {
    const sent = this.api.hold();
    try {
      await sent;
    } catch (error) {
      const failure = asGatewayError(error);
      if (failure instanceof GatewayRefusedError && failure.retcode === '200-013') {
        // "No call to hold": whatever we thought was current is not.
        this.current.drop();
        this.current.request();
      }
      if (!(failure instanceof TransportError && failure.sent && failure.transient && current)) return failure;
      // The answer was lost: look before holding again, as a second hold could catch another call.
      const held = await this.isHeldNow(current.callid);
      if (held === undefined) return failure;
      if (!held) {
        try {
          await this.api.hold();
        } catch (retryError) {
          return asGatewayError(retryError);
        }
      }
    }
    return undefined;
  }

  /** Our hold succeeded: the call moves from current to held at once; the events and reads confirm it. */
  private afterHold(current: CurrentCall | null): void {
    if (current) this.store.held(current.callid, current);
    this.current.drop(current?.callid);
    this.reconciler.request();
    this.current.request();
  }

  private async release(current: CurrentCall): Promise<ActionResult> {
    try {
      await this.api.release();
    } catch (error) {
      const failure = asGatewayError(error);
      if (!(failure instanceof TransportError && failure.sent && failure.transient)) return fail('end', current.callid, failure.code, failure.kind, failure.agentMessage);
      // The answer was lost. Never release again blindly: it would end whatever call is current by now.
      const now = await this.current.now().then(
        (call) => call?.callid ?? null,
        () => undefined,
      );
      if (now === undefined || now === current.callid) return fail('end', current.callid, failure.code, failure.kind, failure.agentMessage);
    }
    this.current.drop(current.callid);
    this.current.request();
    this.reconciler.request();
    return { ok: true, action: 'end', callid: current.callid, message: msg('result.ended', { who: who(current) }) };
  }

  private async execute(action: 'resume' | 'connect', callid: string): Promise<ActionResult> {
    // The request goes out first; everything else (the caller's number for the message) after.
    const send = (): Promise<void> => (action === 'resume' ? this.api.getHold(callid) : this.api.connectHold(callid));
    const sent = send();
    const call = this.heldCall(callid);
    try {
      await sent;
    } catch (error) {
      const failure = asGatewayError(error);
      if (!(failure instanceof TransportError && failure.sent && failure.transient)) return this.refused(action, callid, error);
      // The request may or may not have reached the gateway. Ask before repeating it, so a
      // lost response never turns into two resumes.
      const stillHeld = await this.isHeldNow(callid);
      if (stillHeld === undefined) return this.refused(action, callid, error);
      if (stillHeld) {
        try {
          await send();
        } catch (retryError) {
          return this.refused(action, callid, retryError);
        }
      }
    }
    this.store.remove(callid);
    // Resume makes the held call current; connect leaves the agent with neither call.
    if (action === 'resume' && call) this.current.resumed(call);
    if (action === 'connect') this.current.drop();
    this.current.request();
    this.reconciler.request();
    return { ok: true, action, callid, message: successMessage(action, call) };
  }

  private heldCall(callid: string): HeldCall | undefined {
    return this.store.list().find((c) => c.callid === callid);
  }

  private async isHeldNow(callid: string): Promise<boolean | undefined> {
    try {
      const list = await this.reconciler.now();
      return list.some((c) => c.callid === callid);
    } catch {
      return undefined;
    }
  }

  private refused(action: ActionName, callid: string, error: unknown): ActionResult {
    const failure = asGatewayError(error);
    if (failure instanceof GatewayRefusedError && GONE_CODES.has(failure.retcode)) {
      this.store.remove(callid);
      this.reconciler.request();
    }
    return fail(action, callid, failure.code, failure.kind, failure.agentMessage);
  }
}

const done = (result: ActionResult): Promise<ActionResult> => Promise.resolve(result);

/** The other party's number, as every message names a call. */
function who(call: { customer: string } | null | undefined): string | Message {
  return call?.customer ? call.customer : msg('result.the-caller');
}

function successMessage(action: 'resume' | 'connect', call: HeldCall | undefined): Message {
  return msg(action === 'resume' ? 'result.resumed' : 'result.connected', { who: who(call) });
}

export function fail(action: ActionName, callid: string | undefined, code: string, kind: ErrorKind, message: Message = messageForError(code, kind)): ActionResult {
  return callid === undefined ? { ok: false, action, code, kind, message } : { ok: false, action, callid, code, kind, message };
}
