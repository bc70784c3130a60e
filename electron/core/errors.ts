// One error hierarchy for everything the gateway client can fail with.
// Messages are written for agents and never contain the Guid, cookies or password:
// URLs in messages are reduced to their path template (see `describeEndpoint`).
import { english, type Message, type MessageParams } from '../../shared/i18n';
import { messageForError } from '../../shared/i18n/error-message';
import type { ErrorKind } from '../../shared/model';
import { kindOfRetcode } from './catalogue';

/**
 * `message` (Error's own) is English detail for logs; what an agent reads is `agentMessage`,
 * chosen by code from the catalogue and rendered in the agent's language at the edge.
 */
export class GatewayError extends Error {
  readonly kind: ErrorKind;
  /** Gateway retcode ('100-006'), transport code ('ECONNREFUSED') or client code ('config'). */
  readonly code: string;
  /** Parameters of the agent-facing message ({{path}}, {{status}}...). */
  readonly params?: MessageParams;
  private readonly explicit?: Message;

  constructor(kind: ErrorKind, code: string, message: string | Message, options?: { cause?: unknown; params?: MessageParams }) {
    super(typeof message === 'string' ? message : '', options);
    this.name = new.target.name;
    this.kind = kind;
    this.code = code;
    if (options?.params) this.params = options.params;
    if (typeof message !== 'string') {
      this.explicit = message;
      this.message = english.t(message);
    }
  }

  /** The message for the agent: given explicitly, or the catalogue's for this code. */
  get agentMessage(): Message {
    return this.explicit ?? messageForError(this.code, this.kind, this.params);
  }
}

/** The gateway answered with a non-zero retcode. */
export class GatewayRefusedError extends GatewayError {
  readonly retcode: string;
  /** The gateway's own message text, for logs; agents see the catalogue's message. */
  readonly gatewayMessage: string;

  constructor(retcode: string, gatewayMessage = '') {
    const kind = kindOfRetcode(retcode);
    super(kind, retcode, english.t(messageForError(retcode, kind)));
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
    opts: { sent: boolean; status?: number; kind?: ErrorKind; cause?: unknown; retryAfterMs?: number; params?: MessageParams },
  ) {
    super(opts.kind ?? 'transport', code, message, { cause: opts.cause, ...(opts.params ? { params: opts.params } : {}) });
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
  constructor(message: string, cause?: unknown, code = 'malformed') {
    super('malformed', code, message, { cause });
  }
}

/** Our own configuration is incomplete or invalid: says which setting and why. */
export class ConfigurationError extends GatewayError {
  constructor(message: Message) {
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
