import type { QueuedEvent, Session } from './sessions';

// Event queues and long polls. The gateway hands out one event per poll and keeps at
// most one poll open per agent: a newer poll answers the older one empty.

export type PollOutcome =
  | { kind: 'event'; event: QueuedEvent }
  | { kind: 'empty'; superseded: boolean }
  | { kind: 'ended' } // the session ended while the poll was open
  | { kind: 'gone' }; // the client went away; nothing is sent

interface PendingPoll {
  session: Session;
  timer: NodeJS.Timeout;
  settle: (outcome: PollOutcome) => void;
}

export class EventHub {
  private readonly pending = new Map<string, PendingPoll>();
  private readonly waiters = new Map<string, Set<() => void>>();

  hasPending(agentId: string): boolean {
    return this.pending.has(agentId);
  }

  deliver(session: Session, eventType: string, content: unknown): void {
    session.queue.push({ eventType, workNo: session.agentId, content, eventGenTime: Date.now() });
    const poll = this.pending.get(session.agentId);
    if (poll && poll.session === session) {
      const event = session.queue.shift();
      if (event) this.settle(session.agentId, { kind: 'event', event });
    }
  }

  poll(session: Session, waitMs: number, signal: AbortSignal): Promise<PollOutcome> {
    const agentId = session.agentId;
    this.settle(agentId, { kind: 'empty', superseded: true });
    const event = session.queue.shift();
    if (event) return Promise.resolve({ kind: 'event', event });
    if (signal.aborted) return Promise.resolve({ kind: 'gone' });
    return new Promise<PollOutcome>((resolve) => {
      const onAbort = (): void => {
        if (this.pending.get(agentId) === entry) this.settle(agentId, { kind: 'gone' });
      };
      const entry: PendingPoll = {
        session,
        timer: setTimeout(() => this.settle(agentId, { kind: 'empty', superseded: false }), waitMs),
        settle: (outcome) => {
          signal.removeEventListener('abort', onAbort);
          session.lastSeen = Date.now();
          resolve(outcome);
        },
      };
      this.pending.set(agentId, entry);
      signal.addEventListener('abort', onAbort, { once: true });
      this.notifyWaiters(agentId);
    });
  }

  /** Answers the agent's open poll, if any, with the given outcome. */
  settle(agentId: string, outcome: PollOutcome): void {
    const poll = this.pending.get(agentId);
    if (!poll) return;
    this.pending.delete(agentId);
    clearTimeout(poll.timer);
    poll.settle(outcome);
  }

  settleAll(outcome: PollOutcome): void {
    for (const agentId of [...this.pending.keys()]) this.settle(agentId, outcome);
  }

  waitForPending(agentId: string, timeoutMs: number): Promise<void> {
    if (this.pending.has(agentId)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const set = this.waiters.get(agentId) ?? new Set<() => void>();
      this.waiters.set(agentId, set);
      const done = (): void => {
        clearTimeout(timer);
        set.delete(done);
        resolve();
      };
      const timer = setTimeout(() => {
        set.delete(done);
        reject(new Error(`no poll from agent ${agentId} within ${timeoutMs} ms`));
      }, timeoutMs);
      set.add(done);
    });
  }

  private notifyWaiters(agentId: string): void {
    for (const done of [...(this.waiters.get(agentId) ?? [])]) done();
  }
}
