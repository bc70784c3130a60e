// The endpoints the app uses, with the session's credentials (Guid and sign-in cookies).
// Credentials live only in this object: they are attached to requests here and never returned.
import { NO_CURRENT_CALL_CODES, parseCallInfo, type CallInfoItem } from './call-info';
import type { GatewayConfig } from './config';
import { endpointBase } from './config';
import { backoffMs, sleep, systemClock, type Clock } from './clock';
import { CookieJar } from './cookie-jar';
import { GatewayRefusedError, TransportError } from './errors';
import { parseEnvelope, parseHoldList, parseSetGuid, type Envelope, type GatewayEvent, type HoldListItem } from './envelope';
import { SlidingWindowLimiter } from './flow-control';
import { parseRetryAfter, RETRY_AFTER_MAX_MS } from './retry-after';
import { DEADLINES, type GatewayTransport, type RequestSpec } from './transport';

export type Availability = 'idle' | 'busy';

export interface SignInOptions {
  password: string;
  force?: boolean;
  /** State after sign-in: 'busy' keeps the agent from being offered new calls (diagnostics, scripting). */
  availability?: Availability;
}

/** One read of the held list: the calls, and how many entries were left out for an invalid call id. */
export interface HoldListRead {
  items: HoldListItem[];
  /** How many the gateway listed; more than items.length when the list was cut. */
  total: number;
  /** Entries left out for an invalid call id. */
  ignored: number;
}

export interface SignInResult {
  workno: string;
  mediatype: string;
  serverName: string;
}

const BASE_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'content-type': 'application/json; charset=UTF-8' });

/** Bounded retries: only for requests that are safe to repeat. */
type RetryPolicy = 'idempotent' | 'unsent-only';

const MAX_ATTEMPTS = 3;

/** Before repeating a command refused for its Guid, give the event poll a moment to bring a newer one. */
const GUID_RETRY_PAUSE_MS = 300;

export class GatewayApi {
  private guid?: string;
  private readonly cookies = new CookieJar();
  /** Rebuilt only when the Guid or cookies change, so the resume path does no header work. */
  private headers: Readonly<Record<string, string>> = BASE_HEADERS;
  private readonly root: string;
  private guidRotations = 0;
  private readonly agentSegment: string;
  private readonly voicecall: string;
  /** Shared by every calldata/* query of this agent. */
  private readonly calldata: SlidingWindowLimiter;
  private guidRefusalCount = 0;

  constructor(
    private readonly transport: GatewayTransport,
    private readonly config: GatewayConfig,
    private readonly clock: Clock = systemClock,
  ) {
    this.root = endpointBase(config).root;
    this.agentSegment = encodeURIComponent(config.agentId);
    this.voicecall = this.agentPath('voicecall');
    this.calldata = new SlidingWindowLimiter(clock);
  }

  /** How many answers were 000-003 (Guid refused: expired, or not yet the newest). */
  get guidRefusals(): number {
    return this.guidRefusalCount;
  }

  get hasSession(): boolean {
    return this.guid !== undefined;
  }

  /** How many times the gateway has handed us a new Guid (dynamic authentication). */
  get rotations(): number {
    return this.guidRotations;
  }

  forgetSession(): void {
    this.guid = undefined;
    this.cookies.clear();
    this.headers = BASE_HEADERS;
  }

  async signIn(options: SignInOptions): Promise<SignInResult> {
    this.forgetSession();
    const body: Record<string, unknown> = {
      password: options.password,
      status: options.availability === 'busy' ? 3 : 4,
      agenttype: 4,
    };
    if (this.config.phone) body.phonenum = this.config.phone;
    const path = `${this.agentPath('onlineagent')}${options.force ? '/forcelogin' : ''}`;
    const envelope = await this.call(
      {
        channel: 'command',
        method: 'PUT',
        path,
        label: options.force ? 'force sign-in' : 'sign-in',
        body: JSON.stringify(body),
        deadlineMs: DEADLINES.sessionMs,
      },
      'unsent-only',
    );
    if (!this.guid) {
      this.forgetSession();
      throw new TransportError('NO_GUID', 'The gateway accepted the sign-in but sent no session id (Set-GUID).', { sent: true, kind: 'malformed' });
    }
    const result = (envelope.result ?? {}) as Record<string, unknown>;
    return {
      workno: String(result.workno ?? this.config.agentId),
      mediatype: String(result.mediatype ?? ''),
      serverName: String(result.serverName ?? ''),
    };
  }

  /** Sign out. A refusal (e.g. calls still held) keeps the session; "already signed out" counts as done. */
  async signOut(): Promise<void> {
    try {
      await this.call(
        { channel: 'command', method: 'DELETE', path: `${this.agentPath('onlineagent')}/logout`, label: 'sign-out', deadlineMs: DEADLINES.sessionMs },
        'unsent-only',
      );
    } catch (error) {
      if (!(error instanceof GatewayRefusedError && error.kind === 'signed-out')) throw error;
    }
    this.forgetSession();
  }

  /** One long poll; undefined when the gateway had nothing to report. */
  async pollEvent(signal?: AbortSignal): Promise<GatewayEvent | undefined> {
    const envelope = await this.call({ channel: 'poll', method: 'GET', path: this.agentPath('agentevent'), label: 'event poll', signal });
    return envelope.event;
  }

  /** The held list; `total` exceeds `items.length` when the gateway's list was longer than we read. */
  async holdList(): Promise<HoldListRead> {
    try {
      const envelope = await this.call(
        { channel: 'command', method: 'GET', path: `${this.agentPath('calldata')}/holdlist`, label: 'held-call list' },
        'idempotent',
        this.calldata,
      );
      let ignored = 0;
      const { items, total } = parseHoldList(envelope.result, () => (ignored += 1));
      return { items, total, ignored };
    } catch (error) {
      // 400-003 is how the gateway says the list is empty.
      if (error instanceof GatewayRefusedError && error.retcode === '400-003') return { items: [], total: 0, ignored: 0 };
      throw error;
    }
  }

  /**
   * The agent's current call (calldata, like holdList: counted in the same per-agent flow-control
   * budget). Null when the gateway says there is none; its answers are read in call-info.ts.
   */
  async callInfo(): Promise<CallInfoItem | null> {
    try {
      const envelope = await this.call(
        { channel: 'command', method: 'GET', path: `${this.agentPath('calldata')}/callinfo?isNoContainLastCall=true`, label: 'current-call info' },
        'idempotent',
        this.calldata,
      );
      return parseCallInfo(envelope.result);
    } catch (error) {
      if (error instanceof GatewayRefusedError && NO_CURRENT_CALL_CODES.has(error.retcode)) return null;
      throw error;
    }
  }

  /** Hold the agent's current call (the gateway holds whichever call is current). */
  async hold(): Promise<void> {
    await this.call({ channel: 'command', method: 'POST', path: `${this.voicecall}/hold`, label: 'hold' }, 'unsent-only');
  }

  /** Release (hang up) the agent's current call. 200-017 "no call" counts as done, as in Huawei's C# demo. */
  async release(): Promise<void> {
    try {
      await this.call({ channel: 'command', method: 'DELETE', path: `${this.voicecall}/release`, label: 'release' }, 'unsent-only');
    } catch (error) {
      if (!(error instanceof GatewayRefusedError && error.retcode === '200-017')) throw error;
    }
  }

  /** Unhold: the agent talks to this caller again. */
  async getHold(callid: string): Promise<void> {
    await this.call(
      { channel: 'command', method: 'POST', path: `${this.voicecall}/gethold?callid=${encodeURIComponent(callid)}`, label: 'resume' },
      'unsent-only',
    );
  }

  /** Join the agent's current call with this held call; the agent leaves both. */
  async connectHold(callid: string): Promise<void> {
    await this.call(
      { channel: 'command', method: 'POST', path: `${this.voicecall}/connecthold/${encodeURIComponent(callid)}`, label: 'connect' },
      'unsent-only',
    );
  }

  private agentPath(area: string): string {
    return `${this.root}/${area}/${this.agentSegment}`;
  }

  /** `limiter`: the flow-control budget every attempt of this request counts against. */
  private async call(spec: RequestSpec, retry?: RetryPolicy, limiter?: SlidingWindowLimiter): Promise<Envelope> {
    let guidRetried = false;
    for (let attempt = 0; ; attempt += 1) {
      const sentWith = this.headers;
      try {
        if (limiter) await limiter.acquire(spec.signal);
        return await this.once(spec);
      } catch (error) {
        // A command refused with 000-003 was not executed (its Guid had just been replaced, e.g.
        // around a rotation): repeat it once with the newest Guid. Polls have their own tolerance.
        if (!guidRetried && spec.channel === 'command' && error instanceof GatewayRefusedError && error.retcode === '000-003' && this.guid) {
          guidRetried = true;
          attempt -= 1;
          if (this.headers === sentWith) await sleep(this.clock, GUID_RETRY_PAUSE_MS, spec.signal);
          continue;
        }
        const again =
          retry !== undefined &&
          attempt + 1 < MAX_ATTEMPTS &&
          error instanceof TransportError &&
          error.transient &&
          // A request that used up its deadline has used up the caller's patience too.
          error.code !== 'DEADLINE' &&
          (retry === 'idempotent' || !error.sent) &&
          (error.retryAfterMs ?? 0) <= RETRY_AFTER_MAX_MS &&
          !spec.signal?.aborted;
        if (!again) throw error;
        await sleep(this.clock, Math.max(backoffMs(attempt, 200, 2_000), error.retryAfterMs ?? 0), spec.signal);
      }
    }
  }

  private async once(spec: RequestSpec): Promise<Envelope> {
    const response = await this.transport.request(spec, this.headers);
    // Dynamic authentication rotates the Guid on any response that carries one, error or not.
    const guid = parseSetGuid(response.headers['set-guid']);
    let changed = false;
    if (guid && guid !== this.guid) {
      if (this.guid) this.guidRotations += 1;
      this.guid = guid;
      changed = true;
    }
    const setCookie = response.headers['set-cookie'];
    if (setCookie) changed = this.cookies.store(setCookie) || changed;
    if (changed) this.rebuildHeaders();
    if (response.status !== 200) {
      const overloaded = response.status >= 500 || response.status === 429;
      const askedToWait = response.status === 429 || response.status === 503;
      throw new TransportError(`HTTP_${response.status}`, `The gateway answered HTTP ${response.status} to the ${spec.label}.`, {
        sent: true,
        status: response.status,
        kind: overloaded ? 'transport' : 'server',
        retryAfterMs: askedToWait ? parseRetryAfter(response.headers['retry-after'], Date.now()) : undefined,
      });
    }
    const envelope = parseEnvelope(response.body);
    if (envelope.retcode === '000-003') this.guidRefusalCount += 1;
    if (envelope.retcode !== '0') throw new GatewayRefusedError(envelope.retcode, envelope.message);
    return envelope;
  }

  private rebuildHeaders(): void {
    const headers: Record<string, string> = { ...BASE_HEADERS };
    if (this.guid) headers.guid = this.guid;
    const cookie = this.cookies.header();
    if (cookie) headers.cookie = cookie;
    this.headers = Object.freeze(headers);
  }
}
