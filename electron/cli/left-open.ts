// A session this tool could not sign out. The real gateway refuses sign-out while the agent is
// talking or has calls on hold (reference §4), and then keeps the session until about 2 minutes
// pass without a request. A second run in that window is refused with 100-002, "signed in
// somewhere else", which reads like someone else's session; remembering that it was our own lets
// the next run say so. Only the gateway, the agent id and the time are kept: nothing secret.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileSync } from 'atomically';

/** The gateway's usual no-request timeout (MAXTIME 120 000 ms), plus a margin. */
export const LEFT_OPEN_FOR_MS = 150_000;
const SESSION_TIMEOUT_MS = 120_000;

type Marks = Record<string, number>;

export class LeftOpenSessions {
  constructor(private readonly path: string) {}

  /** When this tool last left the session of `scope` open, if that was recent enough to matter. */
  since(scope: string, now = Date.now()): { at: number; endsBy: number } | undefined {
    const at = this.read()[scope];
    if (at === undefined || now - at > LEFT_OPEN_FOR_MS || at > now) return undefined;
    return { at, endsBy: at + SESSION_TIMEOUT_MS };
  }

  mark(scope: string, now = Date.now()): void {
    const marks = this.fresh(now);
    marks[scope] = now;
    this.write(marks);
  }

  clear(scope: string, now = Date.now()): void {
    const marks = this.fresh(now);
    if (!(scope in marks) && Object.keys(marks).length === Object.keys(this.read()).length) return;
    delete marks[scope];
    this.write(marks);
  }

  /** The marks still worth keeping. */
  private fresh(now: number): Marks {
    return Object.fromEntries(Object.entries(this.read()).filter(([, at]) => now - at <= LEFT_OPEN_FOR_MS && at <= now));
  }

  private read(): Marks {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.path, 'utf8'));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
      return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, number] => Number.isFinite(entry[1])).slice(0, 50));
    } catch {
      return {};
    }
  }

  private write(marks: Marks): void {
    // Best effort, like the hold-time file: a state directory that cannot be written costs only the hint.
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      writeFileSync(this.path, JSON.stringify(marks), { mode: 0o600 });
    } catch {
      // ignored
    }
  }
}
