import type { FlowControlOptions } from './types';

// Per-agent flow control on the query interfaces (calldata/*). The documentation gives a
// default of 5 queries per 2 s per agent [D] (cec_07_0413, cec_07_0584) but not the code a
// refused query gets; the default here (000-007, "called again before the previous call
// finished") is an inference [I], which is why it can be changed.

export interface FlowLimit {
  limit: number;
  windowMs: number;
  retcode: string;
  httpStatus?: number;
}

export const DEFAULT_FLOW_LIMIT: FlowLimit = { limit: 5, windowMs: 2_000, retcode: '000-007' };

export function resolveFlowLimit(options: FlowControlOptions | false | undefined): FlowLimit | undefined {
  if (options === false) return undefined;
  const limit: FlowLimit = { ...DEFAULT_FLOW_LIMIT, ...options };
  if (!(Number.isInteger(limit.limit) && limit.limit >= 1)) throw new Error('flowControl.limit must be a whole number of at least 1');
  if (!(limit.windowMs > 0)) throw new Error('flowControl.windowMs must be positive');
  if (!/^\d{3}-\d{3}$/.test(limit.retcode)) throw new Error('flowControl.retcode must look like 000-007');
  return limit;
}

export type FlowDecision = { ok: true } | { ok: false; retryAfterMs: number };

/** A sliding window of accepted queries per agent; refused queries do not count. */
export class FlowControl {
  private readonly accepted = new Map<string, number[]>();

  constructor(readonly limit: FlowLimit) {}

  admit(agentId: string, now = Date.now()): FlowDecision {
    const since = now - this.limit.windowMs;
    const times = (this.accepted.get(agentId) ?? []).filter((t) => t > since);
    if (times.length >= this.limit.limit) {
      this.accepted.set(agentId, times);
      return { ok: false, retryAfterMs: (times[0] ?? now) + this.limit.windowMs - now };
    }
    times.push(now);
    this.accepted.set(agentId, times);
    return { ok: true };
  }
}
