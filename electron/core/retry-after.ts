// Retry-After on 429 and 503: the gateway (or its load balancer) says when to come back.
// Honoured only within a bound: a request is retried no sooner than asked, and not at all (within
// the same call) when the wait asked for is longer than an agent would wait for an answer.

export const RETRY_AFTER_MAX_MS = 5_000;

/** Milliseconds to wait, from delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!raw) return undefined;
  if (/^\d{1,9}$/.test(raw)) return Number(raw) * 1000;
  if (raw.length > 64) return undefined;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
