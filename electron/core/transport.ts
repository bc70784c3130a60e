// HTTPS to one gateway over two long-lived undici dispatchers:
// - `command`: a small keep-alive pool for sign-in, actions and queries;
// - `poll`: one dedicated connection for the event long poll.
// A pending long poll occupies its connection for up to ~10 s; keeping it apart is what lets a
// resume go out at once instead of queueing behind it.
import { Client, Pool, errors as undiciErrors } from 'undici';
import type { Dispatcher } from 'undici';
import { MalformedResponseError, TlsError, TransportError } from './errors';
import { buildGatewayConnector, isTlsFailure, type TlsHandshakeInfo, type TlsTrust } from './tls';

export type Channel = 'command' | 'poll';

export interface TransportOptions {
  /** Per-request timeout for commands and queries. */
  commandTimeoutMs?: number;
  /** Must exceed the gateway's poll wait (about 10 s). */
  pollTimeoutMs?: number;
  maxResponseBytes?: number;
  commandConnections?: number;
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
}

const DEFAULTS = {
  commandTimeoutMs: 10_000,
  pollTimeoutMs: 15_000,
  maxResponseBytes: 1024 * 1024,
  commandConnections: 4,
} satisfies Required<TransportOptions>;

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
  private readonly options: Required<TransportOptions>;
  private handshake?: TlsHandshakeInfo;
  private handshakes = 0;

  constructor(origin: string, trust: TlsTrust, options: TransportOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
    const connect = buildGatewayConnector(trust, {
      onHandshake: (info) => {
        this.handshake = info;
      },
      onConnect: () => {
        this.handshakes += 1;
      },
    });
    const common = {
      connect,
      keepAliveTimeout: 60_000,
      keepAliveMaxTimeout: 600_000,
      maxResponseSize: this.options.maxResponseBytes,
    };
    this.command = new Pool(origin, {
      ...common,
      connections: this.options.commandConnections,
      headersTimeout: this.options.commandTimeoutMs,
      bodyTimeout: this.options.commandTimeoutMs,
    });
    this.poll = new Client(origin, {
      ...common,
      headersTimeout: this.options.pollTimeoutMs,
      bodyTimeout: this.options.pollTimeoutMs,
    });
  }

  /** Details of the most recent TLS handshake, for diagnostics. */
  get lastHandshake(): TlsHandshakeInfo | undefined {
    return this.handshake;
  }

  get handshakeCount(): number {
    return this.handshakes;
  }

  async request(spec: RequestSpec, headers: Readonly<Record<string, string>>): Promise<HttpResponse> {
    const dispatcher: Dispatcher = spec.channel === 'poll' ? this.poll : this.command;
    let response: Dispatcher.ResponseData;
    try {
      response = await dispatcher.request({
        method: spec.method,
        path: spec.path,
        headers,
        body: spec.body,
        signal: spec.signal,
      });
    } catch (error) {
      throw mapError(error, spec.label);
    }
    let body: string;
    try {
      body = await readCapped(response.body, this.options.maxResponseBytes);
    } catch (error) {
      throw error instanceof MalformedResponseError ? error : mapError(error, spec.label);
    }
    return { status: response.statusCode, headers: response.headers, body };
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.command.close(), this.poll.close()]);
  }

  /** Abort everything at once (app quitting, session torn down). */
  async destroy(): Promise<void> {
    await Promise.allSettled([this.command.destroy(), this.poll.destroy()]);
  }
}

async function readCapped(body: Dispatcher.ResponseData['body'], max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > max) {
      body.destroy();
      throw new MalformedResponseError(`The gateway sent a response larger than ${Math.round(max / 1024)} KiB.`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The one place undici's failures become ours. */
export function mapError(error: unknown, label: string): TransportError | TlsError | MalformedResponseError {
  if (error instanceof TlsError || error instanceof TransportError || error instanceof MalformedResponseError) return error;
  const code = errorCode(error);
  if (isTlsFailure(code)) {
    return new TlsError(code!, `The gateway's certificate is not trusted (${code}). Nothing was sent. Ask IT for the gateway's CA file or certificate pin.`, error);
  }
  if (error instanceof undiciErrors.ResponseExceededMaxSizeError) {
    return new MalformedResponseError('The gateway sent a response that is too large.', error);
  }
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
    return new TransportError(code ?? 'TIMEOUT', `The gateway did not answer in time (${label}).`, { sent: true, kind: 'timeout', cause: error });
  }
  if (error instanceof undiciErrors.ConnectTimeoutError) {
    return new TransportError('UND_ERR_CONNECT_TIMEOUT', 'Could not connect to the gateway in time.', { sent: false, kind: 'timeout', cause: error });
  }
  if (error instanceof undiciErrors.RequestAbortedError || (error as Error)?.name === 'AbortError') {
    return new TransportError('ABORTED', `The request was cancelled (${label}).`, { sent: true, cause: error });
  }
  const sent = !NOT_SENT_CODES.has(code ?? '');
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
