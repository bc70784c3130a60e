import type { CallSnapshot, SeedCall } from './types';

// The calls on one agent's phone. Calls belong to the phone, not to the gateway session,
// which is why they survive sign-out, forced sign-out and simulator restarts.

export interface Call extends CallSnapshot {
  /** Ordering key for the hold list: the gateway lists held calls in the order they were held. */
  heldSeq: number;
  /** Epoch ms when the call began (reported by callinfo). */
  begintime: number;
}

/** A call-level happening; the gateway turns it into one or more agent events. */
export type PhoneEvent =
  | { kind: 'talking'; call: Call }
  | { kind: 'held'; call: Call }
  | { kind: 'resumed'; call: Call }
  | { kind: 'agent-released'; call: Call }
  | { kind: 'customer-released'; call: Call }
  /** The agent hung up the talking call (release). */
  | { kind: 'hung-up'; call: Call }
  /** connecthold: the held call was joined to the talking one and the agent left both. */
  | { kind: 'connected'; held: Call; current: Call };

export type Outcome =
  | { ok: true; events: PhoneEvent[]; callid?: string }
  | { ok: false; retcode: string; message: string };

export class CallIds {
  private counter = 0;
  private seq = 0;
  // Same shape as the gateway's ("1501127996-2"), and unique within one simulator.
  next(): string {
    return `${Math.floor(Date.now() / 1000)}-${this.counter++}`;
  }
  nextHoldSeq(): number {
    return ++this.seq;
  }
}

export class Phone {
  private readonly calls: Call[] = [];

  constructor(private readonly ids: CallIds) {}

  snapshot(): CallSnapshot[] {
    return this.calls.map(({ callid, caller, called, callskill, callfeature, state }) => ({
      callid,
      caller,
      called,
      callskill,
      callfeature,
      state,
    }));
  }

  talking(): Call | undefined {
    return this.calls.find((c) => c.state === 'talking');
  }

  heldInOrder(): Call[] {
    return this.calls.filter((c) => c.state === 'held').sort((a, b) => a.heldSeq - b.heldSeq);
  }

  find(callid: string): Call | undefined {
    return this.calls.find((c) => c.callid === callid);
  }

  /**
   * A new call becomes the talking one. An agent cannot talk on two calls, so a call
   * already talking is held first (as Genesys/Sinch desktops do when a second call is taken).
   */
  add(spec: SeedCall): Outcome & { ok: true; callid: string } {
    const callid = spec.callid ?? this.ids.next();
    if (this.find(callid)) throw new Error(`call ${callid} already exists`);
    const events: PhoneEvent[] = [];
    const state = spec.state ?? 'talking';
    if (state === 'talking') {
      const current = this.talking();
      if (current) events.push(...this.holdCall(current));
    }
    const call: Call = {
      callid,
      caller: String(spec.caller),
      called: String(spec.called),
      callskill: spec.callskill ?? '',
      callfeature: spec.callfeature ?? 0,
      state,
      heldSeq: state === 'held' ? this.ids.nextHoldSeq() : 0,
      begintime: Date.now(),
    };
    this.calls.push(call);
    events.push({ kind: state === 'held' ? 'held' : 'talking', call });
    return { ok: true, events, callid };
  }

  hold(): Outcome {
    const current = this.talking();
    if (!current) return { ok: false, retcode: '200-013', message: 'no call to hold' };
    return { ok: true, events: this.holdCall(current), callid: current.callid };
  }

  /** gethold: resume a held call. Without a callid, the most recently held one. */
  resume(callid: string | undefined, whileTalking: 'refuse' | 'swap'): Outcome {
    const held = this.heldInOrder();
    const target = callid === undefined ? held.at(-1) : held.find((c) => c.callid === callid);
    if (!target) return { ok: false, retcode: '200-015', message: 'no held call' };
    const events: PhoneEvent[] = [];
    const current = this.talking();
    if (current) {
      if (whileTalking === 'refuse') {
        return { ok: false, retcode: '200-016', message: 'call state does not allow unhold' };
      }
      events.push(...this.holdCall(current));
    }
    target.state = 'talking';
    target.heldSeq = 0;
    events.push({ kind: 'resumed', call: target });
    return { ok: true, events, callid: target.callid };
  }

  /** connecthold: the talking call and a held call are joined and the agent drops out of both. */
  connectHold(callid: string): Outcome {
    const current = this.talking();
    if (!current) return { ok: false, retcode: '200-005', message: 'no call to connect' };
    const held = this.find(callid);
    if (!held || held.state !== 'held') {
      return { ok: false, retcode: '200-006', message: 'no held call' };
    }
    this.remove(held);
    this.remove(current);
    return { ok: true, callid, events: [{ kind: 'connected', held, current }] };
  }

  /** release: the agent hangs up the talking call; a held call cannot be released this way [D]. */
  hangUp(): Outcome {
    const call = this.talking();
    if (!call) return { ok: false, retcode: '200-017', message: 'no call to release' };
    this.remove(call);
    return { ok: true, events: [{ kind: 'hung-up', call }], callid: call.callid };
  }

  /** The agent ends a call (scripted; a real gateway only releases the talking one). */
  release(callid?: string): Outcome {
    const call = callid === undefined ? this.talking() : this.find(callid);
    if (!call) return { ok: false, retcode: '200-017', message: 'no call to release' };
    this.remove(call);
    return { ok: true, events: [{ kind: 'agent-released', call }], callid: call.callid };
  }

  customerHangsUp(callid: string): Outcome {
    const call = this.find(callid);
    if (!call) return { ok: false, retcode: '200-017', message: `no call ${callid}` };
    this.remove(call);
    return { ok: true, events: [{ kind: 'customer-released', call }], callid };
  }

  private holdCall(call: Call): PhoneEvent[] {
    call.state = 'held';
    call.heldSeq = this.ids.nextHoldSeq();
    return [{ kind: 'held', call }];
  }

  private remove(call: Call): void {
    const i = this.calls.indexOf(call);
    if (i >= 0) this.calls.splice(i, 1);
  }
}
