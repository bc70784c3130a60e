import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

// Gateway sessions: who is signed in, with which Guid and load-balancer cookie.
// Time-based rules (Guid rotation, Guid expiry, heartbeat timeout) are evaluated lazily
// when a session is looked at, so no timers keep the process alive.

export interface AuthConfig {
  authMode: 'static' | 'dynamic';
  guidIntervalMs: number;
  guidExpiryMs: number;
  sessionTimeoutMs: number;
  requireCookie: boolean;
}

export interface QueuedEvent {
  eventType: string;
  workNo: string;
  content: unknown;
  eventGenTime: number;
}

export interface Session {
  agentId: string;
  guid: string;
  cookie: string;
  /** Guids replaced by rotation → epoch ms after which they are refused. */
  replaced: Map<string, number>;
  rotatedAt: number;
  rotateRequested: boolean;
  /** Status requested at sign-in: 3 busy, 4 idle, 5 wrap-up. */
  status: number;
  lastSeen: number;
  queue: QueuedEvent[];
}

export type AuthResult = { ok: true; session: Session } | { ok: false; retcode: string; message: string };

export const COOKIE_NAME = 'AGWROUTE';

function newGuid(): string {
  return `${randomUUID()}.AgentGateway0`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export class Sessions {
  private readonly byAgent = new Map<string, Session>();

  constructor(
    private readonly config: AuthConfig,
    /** A poll held open counts as a live heartbeat even if it started long ago. */
    private readonly hasPendingPoll: (agentId: string) => boolean,
    /** Told whenever a session ends, whatever the reason, so a held-open poll can be answered. */
    private readonly onEnded: (session: Session) => void,
  ) {}

  live(agentId: string): Session | undefined {
    const session = this.byAgent.get(agentId);
    if (!session) return undefined;
    const idle = Date.now() - session.lastSeen;
    if (idle > this.config.sessionTimeoutMs && !this.hasPendingPoll(agentId)) {
      this.end(agentId);
      return undefined;
    }
    return session;
  }

  start(agentId: string, status: number): Session {
    this.end(agentId);
    const now = Date.now();
    const session: Session = {
      agentId,
      guid: newGuid(),
      cookie: randomBytes(12).toString('hex'),
      replaced: new Map(),
      rotatedAt: now,
      rotateRequested: false,
      status,
      lastSeen: now,
      queue: [],
    };
    this.byAgent.set(agentId, session);
    return session;
  }

  end(agentId: string): boolean {
    const session = this.byAgent.get(agentId);
    if (!session) return false;
    this.byAgent.delete(agentId);
    this.onEnded(session);
    return true;
  }

  endAll(): void {
    for (const agentId of [...this.byAgent.keys()]) this.end(agentId);
  }

  authenticate(agentId: string, headers: IncomingHttpHeaders): AuthResult {
    const session = this.live(agentId);
    if (!session) return { ok: false, retcode: '100-006', message: 'agent not signed in' };
    const presented = headers['guid'];
    const guid = Array.isArray(presented) ? presented[0] : presented;
    if (!guid || !this.acceptsGuid(session, guid)) {
      return this.config.authMode === 'static'
        ? { ok: false, retcode: '100-006', message: 'agent not signed in' }
        : { ok: false, retcode: '000-003', message: 'no permission: guid invalid or expired' };
    }
    if (this.config.requireCookie && cookieValue(headers.cookie, COOKIE_NAME) !== session.cookie) {
      return { ok: false, retcode: '000-003', message: 'no permission: session cookie missing' };
    }
    session.lastSeen = Date.now();
    return { ok: true, session };
  }

  /** On a poll response in dynamic mode: the new Guid when one is due, else undefined. */
  rotateIfDue(session: Session): string | undefined {
    if (this.config.authMode !== 'dynamic') return undefined;
    const now = Date.now();
    if (!session.rotateRequested && now - session.rotatedAt < this.config.guidIntervalMs) return undefined;
    for (const [old, expiresAt] of session.replaced) if (expiresAt <= now) session.replaced.delete(old);
    session.replaced.set(session.guid, now + this.config.guidExpiryMs);
    session.guid = newGuid();
    session.rotatedAt = now;
    session.rotateRequested = false;
    return session.guid;
  }

  private acceptsGuid(session: Session, guid: string): boolean {
    if (guid === session.guid) return true;
    if (this.config.authMode !== 'dynamic') return false;
    const expiresAt = session.replaced.get(guid);
    if (expiresAt === undefined) return false;
    if (Date.now() < expiresAt) return true;
    session.replaced.delete(guid);
    return false;
  }
}
