// Resume (gethold) and connect (connecthold) on held calls.
// They are different operations and must never be confused: resume brings the caller back to
// the agent; connect joins the agent's current call with the held one and the agent leaves.
import { msg, type Message } from '../../shared/i18n';
import { messageForError } from '../../shared/i18n/error-message';
import { isCallId, type ActionName, type ActionResult, type ErrorKind, type HeldCall } from '../../shared/model';
import { statusText } from '../../shared/status-text';
import { systemClock, type Clock } from './clock';
import { GatewayRefusedError, TransportError, asGatewayError } from './errors';
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

export class CallActions {
  private readonly inFlight = new Map<string, Promise<ActionResult>>();
  private topInFlight = false;
  private quietUntil = -Infinity;

  constructor(
    private readonly api: GatewayApi,
    private readonly store: HeldCallStore,
    private readonly reconciler: Reconciler,
    private readonly signedIn: () => boolean,
    private readonly clock: Clock = systemClock,
  ) {}

  resume(callid: string): Promise<ActionResult> {
    return this.run('resume', callid);
  }

  /**
   * Resume the call at the top of the list (the one held longest, unless the order is reversed).
   * On a list that is not fresh the gateway's list is read first: the top of a stale list is a guess.
   */
  resumeTop(): Promise<ActionResult> {
    const now = this.clock.now();
    if (this.topInFlight || now < this.quietUntil) {
      this.quietUntil = now + REPEAT_WINDOW_MS;
      return Promise.resolve(fail('resume', undefined, 'REPEAT_IGNORED', 'conflict', statusText('REPEAT_IGNORED')));
    }
    this.topInFlight = true;
    return this.resumeTopOnce().finally(() => {
      this.topInFlight = false;
      this.quietUntil = this.clock.now() + REPEAT_WINDOW_MS;
    });
  }

  private async resumeTopOnce(): Promise<ActionResult> {
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
    return this.run('resume', top.callid);
  }

  connect(callid: string): Promise<ActionResult> {
    return this.run('connect', callid);
  }

  private run(action: ActionName, callid: string): Promise<ActionResult> {
    if (!isCallId(callid)) {
      return Promise.resolve(fail(action, undefined, 'BAD_CALLID', 'input'));
    }
    // A double press (hotkey repeat, double click) joins the request already on its way.
    const pending = this.inFlight.get(callid);
    if (pending) return pending;
    if (!this.signedIn()) {
      return Promise.resolve(fail(action, callid, 'NOT_SIGNED_IN', 'signed-out'));
    }
    const promise = this.execute(action, callid).finally(() => this.inFlight.delete(callid));
    this.inFlight.set(callid, promise);
    return promise;
  }

  private async execute(action: ActionName, callid: string): Promise<ActionResult> {
    // The request goes out first; everything else (the caller's number for the message) after.
    const send = (): Promise<void> => (action === 'resume' ? this.api.getHold(callid) : this.api.connectHold(callid));
    const sent = send();
    const call = this.store.list().find((c) => c.callid === callid);
    try {
      await sent;
    } catch (error) {
      const failure = asGatewayError(error);
      if (!(failure instanceof TransportError && failure.sent && failure.transient)) return this.refused(action, callid, error);
      // The request may or may not have reached the gateway. Ask before repeating it, so a
      // lost response never turns into two resumes.
      const stillHeld = await this.stillHeld(callid);
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
    this.reconciler.request();
    return { ok: true, action, callid, message: successMessage(action, call) };
  }

  private async stillHeld(callid: string): Promise<boolean | undefined> {
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

function who(call: HeldCall | undefined): string | Message {
  return call?.caller ? call.caller : msg('result.the-caller');
}

function successMessage(action: ActionName, call: HeldCall | undefined): Message {
  return msg(action === 'resume' ? 'result.resumed' : 'result.connected', { who: who(call) });
}

export function fail(action: ActionName, callid: string | undefined, code: string, kind: ErrorKind, message: Message = messageForError(code, kind)): ActionResult {
  return callid === undefined ? { ok: false, action, code, kind, message } : { ok: false, action, callid, code, kind, message };
}
