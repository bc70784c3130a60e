// HTTPS to one gateway over two long-lived undici dispatchers:
// - `command`: a small keep-alive pool for sign-in, actions and queries, with a warm spare
//   connection (warm-spare.ts) so a press never waits for a handshake;
// - `poll`: one dedicated connection for the event long poll.
// A pending long poll occupies its connection for up to ~10 s; keeping it apart is what lets a
// resume go out at once instead of queueing behind it.
//
// Every request has an overall deadline as well as undici's idle timeouts: the idle timers restart
// with every byte, so a gateway dripping one byte a second would otherwise hold a request forever.
// Requests are dispatched with our own handler (not `request()`), which tells us whether a request
// reached the socket: a deadline or cancellation before that point is reported as not sent, and
// the request is then never written.
import { Client, Pool, errors as undiciErrors } from 'undici';
import type { Dispatcher } from 'undici';
import { MalformedResponseError, TlsError, TransportError } from './errors';
import { buildGatewayConnector, isTlsFailure, type ConnectorHooks, type TlsHandshakeInfo, type TlsTrust } from './tls';
import { WarmSpare } from './warm-spare';

export type Channel = 'command' | 'poll';

export interface TransportOptions {
  /** Overall deadline of a command or query, from dispatch to the last byte. */
  commandTimeoutMs?: number;
  /** Overall deadline of an event poll: the gateway's wait (about 10 s) plus a margin. */
  pollTimeoutMs?: number;
  maxResponseBytes?: number;
  commandConnections?: number;
  /** Keep a spare command connection open (default true; the one-shot CLI turns it off). */
  keepWarm?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RequestSpec {
  channel: Channel;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Path and query, already encoded. */
  path: string;
  /** Shown in errors instead of the real path (which may carry ids). */
  label: string;
  body?: string;
  signal?: AbortSignal;
  /** Overrides the channel's deadline (sign-in may take the gateway longer than an action). */
  deadlineMs?: number;
}

/**
 * Deadlines. A healthy gateway answers an action or a query in tens of milliseconds; after 3 s an
 * agent has given up on the key press anyway. Sign-in and sign-out involve the contact centre's
 * platform and get 10 s. The long poll waits up to ~10 s by design, so it gets 15 s.
 */
export const DEADLINES = { commandMs: 3_000, sessionMs: 10_000, pollMs: 15_000 } as const;

/**
 * A hotkey press is answered, success or a clear failure, within this even when the gateway drips
 * its answers: the resume's deadline; then, to learn whether a resume that may have been sent took
 * effect, a held-list query (no sooner than 1 s after the previous one), which may first have to
 * wait for a query already in flight. 3 deadlines + 1 s = 10 s; about 7 s when no query was out.
 */
export const PRESS_ANSWER_BOUND_MS = 3 * DEADLINES.commandMs + 1_000;

const DEFAULTS = {
  commandTimeoutMs: DEADLINES.commandMs,
  pollTimeoutMs: DEADLINES.pollMs,
  maxResponseBytes: 1024 * 1024,
  commandConnections: 4,
  keepWarm: true,
} satisfies Required<TransportOptions>;

/** undici's own idle timers stay as a backstop just behind the deadline, so our error (which knows what was sent) wins. */
const IDLE_BACKSTOP_MS = 1_000;

/** Errors raised before a byte of the request could have left. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);

export class GatewayTransport {
  private readonly command: Pool;
  private readonly poll: Client;
  private readonly spare?: WarmSpare;
  private readonly options: Required<TransportOptions>;
  private handshake?: TlsHandshakeInfo;
  private handshakes = 0;

  constructor(origin: string, trust: TlsTrust, options: TransportOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
    const hooks: ConnectorHooks = {
      onHandshake: (info) => {
        this.handshake = info;
      },
      onConnect: () => {
        this.handshakes += 1;
      },
    };
    const connect = buildGatewayConnector(trust, hooks);
    if (this.options.keepWarm) this.spare = new WarmSpare(connect);
    const common = {
      keepAliveTimeout: 60_000,
      keepAliveMaxTimeout: 600_000,
      maxResponseSize: this.options.maxResponseBytes,
    };
    this.command = new Pool(origin, {
      ...common,
      connect: this.spare?.connector ?? connect,
      connections: this.options.commandConnections,
      headersTimeout: this.options.commandTimeoutMs + IDLE_BACKSTOP_MS,
      bodyTimeout: this.options.commandTimeoutMs + IDLE_BACKSTOP_MS,
    });
    // The poll never takes the spare: it reconnects on its own schedule, and a press must find it.
    this.poll = new Client(origin, {
      ...common,
      connect,
      headersTimeout: this.options.pollTimeoutMs + IDLE_BACKSTOP_MS,
      bodyTimeout: this.options.pollTimeoutMs + IDLE_BACKSTOP_MS,
    });
  }

  /** Details of the most recent TLS handshake, for diagnostics. */
  get lastHandshake(): TlsHandshakeInfo | undefined {
    return this.handshake;
  }

  get handshakeCount(): number {
    return this.handshakes;
  }

  /** Connections the command pool took from the warm spare. */
  get spareConnectionsUsed(): number {
    return this.spare?.used ?? 0;
  }

  /** A verified connection is waiting for the next command. */
  get spareReady(): boolean {
    return this.spare?.ready ?? false;
  }

  request(spec: RequestSpec, headers: Readonly<Record<string, string>>): Promise<HttpResponse> {
    this.spare?.noteUse();
    const dispatcher: Dispatcher = spec.channel === 'poll' ? this.poll : this.command;
    const deadlineMs = spec.deadlineMs ?? (spec.channel === 'poll' ? this.options.pollTimeoutMs : this.options.commandTimeoutMs);
    return new Promise<HttpResponse>((resolve, reject) => {
      const exchange = new Exchange(spec.label, deadlineMs, this.options.maxResponseBytes, spec.signal, resolve, reject);
      try {
        dispatcher.dispatch({ method: spec.method, path: spec.path, headers, body: spec.body }, exchange);
      } catch (error) {
        exchange.onResponseError(undefined, error as Error);
      }
    });
  }

  async close(): Promise<void> {
    this.spare?.close();
    await Promise.allSettled([this.command.close(), this.poll.close()]);
  }

  /** Abort everything at once (app quitting, session torn down). */
  async destroy(): Promise<void> {
    this.spare?.close();
    await Promise.allSettled([this.command.destroy(), this.poll.destroy()]);
  }
}

/** One request and its response, as undici's dispatch handler; settles its promise exactly once. */
class Exchange implements Dispatcher.DispatchHandler {
  private started = false;
  private settled = false;
  private controller?: Dispatcher.DispatchController;
  private reason?: Error;
  private status = 0;
  private headers: HttpResponse['headers'] = {};
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly onAbort?: () => void;

  constructor(
    private readonly label: string,
    deadlineMs: number,
    private readonly maxBytes: number,
    private readonly signal: AbortSignal | undefined,
    private readonly resolve: (response: HttpResponse) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.timer = setTimeout(() => {
      const seconds = Math.round(deadlineMs / 100) / 10;
      this.fail(
        new TransportError('DEADLINE', `The gateway did not answer within ${seconds} s (${label}).`, { sent: this.started, kind: 'timeout', params: { seconds } }),
      );
    }, deadlineMs);
    if (signal) {
      if (signal.aborted) queueMicrotask(() => this.cancelled());
      else {
        this.onAbort = () => this.cancelled();
        signal.addEventListener('abort', this.onAbort, { once: true });
      }
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    // Settled while still queued (deadline, cancellation): it must never be written now.
    if (this.settled) {
      controller.abort(this.reason ?? new Error('request settled'));
      return;
    }
    this.started = true;
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    if (statusCode < 200) return; // 1xx: the real answer follows
    this.status = statusCode;
    this.headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return;
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      this.fail(new MalformedResponseError(`The gateway sent a response larger than ${Math.round(this.maxBytes / 1024)} KiB.`));
      return;
    }
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.settled) return;
    this.finish();
    this.resolve({ status: this.status, headers: this.headers, body: Buffer.concat(this.chunks, this.size).toString('utf8') });
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.settled) return;
    this.finish();
    this.reject(mapError(error, this.label, this.started));
  }

  private cancelled(): void {
    const cause = this.signal?.reason;
    this.fail(new TransportError('ABORTED', `The request was cancelled (${this.label}).`, { sent: this.started, cause }));
  }

  private fail(error: Error): void {
    if (this.settled) return;
    this.reason = error;
    this.finish();
    this.controller?.abort(error);
    this.reject(error);
  }

  private finish(): void {
    this.settled = true;
    clearTimeout(this.timer);
    if (this.onAbort) this.signal?.removeEventListener('abort', this.onAbort);
  }
}

/** The one place undici's failures become ours. */
export function mapError(error: unknown, label: string, started = true): TransportError | TlsError | MalformedResponseError {
  if (error instanceof TlsError || error instanceof TransportError || error instanceof MalformedResponseError) return error;
  const code = errorCode(error);
  if (isTlsFailure(code)) {
    return new TlsError(code!, `The gateway's certificate is not trusted (${code}). Nothing was sent. Ask IT for the gateway's CA file or certificate pin.`, error);
  }
  if (error instanceof undiciErrors.ResponseExceededMaxSizeError) {
    return new MalformedResponseError('The gateway sent a response that is too large.', error);
  }
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
    return new TransportError(code ?? 'TIMEOUT', `The gateway did not answer in time (${label}).`, { sent: started, kind: 'timeout', cause: error });
  }
  if (error instanceof undiciErrors.ConnectTimeoutError) {
    return new TransportError('UND_ERR_CONNECT_TIMEOUT', 'Could not connect to the gateway in time.', { sent: false, kind: 'timeout', cause: error });
  }
  if (error instanceof undiciErrors.RequestAbortedError || (error as Error)?.name === 'AbortError') {
    return new TransportError('ABORTED', `The request was cancelled (${label}).`, { sent: started, cause: error });
  }
  // Only a request that reached the socket may have reached the gateway.
  const sent = started && !NOT_SENT_CODES.has(code ?? '');
  const what = code === 'ECONNREFUSED' ? 'The gateway refused the connection' : code === 'ENOTFOUND' ? 'The gateway host name could not be found' : 'The connection to the gateway failed';
  return new TransportError(code ?? 'NETWORK', `${what} (${label}).`, { sent, cause: error });
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  // undici wraps socket errors; the useful code can be one or two causes deep.
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    if (typeof code === 'string' && !(current as { cause?: unknown }).cause) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
