// How failures cross IPC (and the browser preview's bridge): a small {code, kind, message}
// envelope. Electron would otherwise flatten a rejected handler into "Error invoking remote
// method", and a raw Error could carry secrets in its message or cause chain.
import type { ErrorEnvelope, InvokeReply } from '../../shared/ipc-contract';
import type { ErrorKind } from '../../shared/model';
import { GatewayError, redact } from '../core/errors';

/** A refusal raised by the app layer itself (bad arguments, locked setting, missing config). */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function toErrorEnvelope(error: unknown): ErrorEnvelope {
  if (error instanceof AppError || error instanceof GatewayError) {
    return { code: error.code, kind: error.kind, message: redact(error.message) };
  }
  // Anything else is a bug on our side: say so without leaking its text.
  return { code: 'INTERNAL', kind: 'unknown', message: 'Something went wrong inside the app. Details are in the log.' };
}

export async function replyOf<T>(work: Promise<T>): Promise<InvokeReply<T>> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    return { ok: false, error: toErrorEnvelope(error) };
  }
}
