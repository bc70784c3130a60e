// One error hierarchy for everything the gateway client can fail with.
// Messages are written for agents and never contain the Guid, cookies or password:
// URLs in messages are reduced to their path template (see `describeEndpoint`).
import type { ErrorKind } from '../../shared/model';
import { describeRetcode } from './catalogue';

export class GatewayError extends Error {
  readonly kind: ErrorKind;
  /** Gateway retcode ('100-006'), transport code ('ECONNREFUSED') or client code ('config'). */
  readonly code: string;

  constructor(kind: ErrorKind, code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.kind = kind;
    this.code = code;
  }
}

/** The gateway answered with a non-zero retcode. */
export class GatewayRefusedError extends GatewayError {
  readonly retcode: string;
  /** The gateway's own message text, for logs; agents see the catalogue's message. */
  readonly gatewayMessage: string;

  constructor(retcode: string, gatewayMessage = '') {
    const entry = describeRetcode(retcode);
    super(entry.kind, retcode, entry.message);
    this.retcode = retcode;
    this.gatewayMessage = gatewayMessage.slice(0, 200);
  }
}

/**
 * The request did not complete: refused, reset, timed out, HTTP error status.
 * `sent` says whether the request may have reached the gateway; a non-idempotent action whose
 * request may have been sent must not be blindly repeated.
 */
export class TransportError extends GatewayError {
  readonly sent: boolean;
  readonly status?: number;
  /** How long the gateway asked us to wait (Retry-After on 429/503), ms. */
  readonly retryAfterMs?: number;

  constructor(
    code: string,
    message: string,
    opts: { sent: boolean; status?: number; kind?: ErrorKind; cause?: unknown; retryAfterMs?: number },
  ) {
    super(opts.kind ?? 'transport', code, message, { cause: opts.cause });
    this.sent = opts.sent;
    this.status = opts.status;
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
  }

  /** Worth trying again after a pause (the gateway may be restarting or briefly overloaded). */
  get transient(): boolean {
    return this.kind === 'transport' || this.kind === 'timeout';
  }
}

/** The gateway's certificate was not trusted (or did not match the pin): nothing was sent. */
export class TlsError extends GatewayError {
  constructor(code: string, message: string, cause?: unknown) {
    super('tls', code, message, { cause });
  }
}

/** The gateway answered something we cannot read (not JSON, wrong shape, too large). */
export class MalformedResponseError extends GatewayError {
  constructor(message: string, cause?: unknown) {
    super('malformed', 'malformed', message, { cause });
  }
}

/** Our own configuration is incomplete or invalid. */
export class ConfigurationError extends GatewayError {
  constructor(message: string) {
    super('config', 'config', message);
  }
}

/** Turn anything thrown into a GatewayError without losing what kind it was. */
export function asGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new GatewayError('unknown', 'unknown', `Unexpected error: ${redact(message)}`, { cause: error });
}

const SECRET_PATTERNS: ReadonlyArray<RegExp> = [
  /(JSESSIONID=)[^;\s,]+/gi,
  /(guid["']?\s*[:=]\s*["']?)[^"'\s,;}]+/gi,
  /(cookie["']?\s*[:=]\s*["']?)[^"'\n]+/gi,
  /(password["']?\s*[:=]\s*["']?)[^"'\s,;}]*/gi,
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\.AgentGateway\d*)?/gi,
];

/** Last line of defence before text reaches a log, an error message or the renderer. */
export function redact(text: string): string {
  return SECRET_PATTERNS.reduce((acc, re) => acc.replace(re, (_m, p1: string | undefined) => `${typeof p1 === 'string' ? p1 : ''}[redacted]`), text);
}
