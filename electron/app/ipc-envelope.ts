// How failures cross IPC (and the browser preview's bridge): a small {code, kind, message}
// envelope whose message is a catalogue id plus parameters, rendered in the agent's language by
// the page. Electron would otherwise flatten a rejected handler into "Error invoking remote
// method", and a raw Error could carry secrets in its message or cause chain.
import type { ErrorEnvelope, InvokeReply } from '../../shared/ipc-contract';
import { english, msg, type Message, type MessageParams } from '../../shared/i18n';
import { messageForError } from '../../shared/i18n/error-message';
import type { ErrorKind } from '../../shared/model';
import type { SettingProblem } from '../../shared/settings';
import { GatewayError } from '../core/errors';

/** A refusal raised by the app layer itself (bad arguments, locked setting, missing config). */
export class AppError extends Error {
  readonly agentMessage: Message;

  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message?: Message,
    /** For a refused setting: which field, so the form can show the reason beside it. */
    readonly field?: Omit<SettingProblem, 'reason'>,
  ) {
    const agentMessage = message ?? messageForError(code, kind);
    super(english.t(agentMessage));
    this.name = 'AppError';
    this.agentMessage = agentMessage;
  }
}

/** A malformed request from the page: English detail for the log, a neutral message for the page. */
export function refuseArgument(detail: string, params?: MessageParams): never {
  const error = new AppError('INVALID_ARGUMENT', 'input', msg('client.INVALID_ARGUMENT', params));
  error.message = detail;
  throw error;
}

export function toErrorEnvelope(error: unknown): ErrorEnvelope {
  if (error instanceof AppError) {
    return { code: error.code, kind: error.kind, message: error.agentMessage, ...(error.field ? { field: error.field } : {}) };
  }
  // Catalogue messages carry only what we put in their parameters: no Guid, cookie or password.
  if (error instanceof GatewayError) return { code: error.code, kind: error.kind, message: error.agentMessage };
  // Anything else is a bug on our side: say so without leaking its text.
  return { code: 'INTERNAL', kind: 'unknown', message: msg('client.INTERNAL') };
}

export async function replyOf<T>(work: Promise<T>): Promise<InvokeReply<T>> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    return { ok: false, error: toErrorEnvelope(error) };
  }
}
