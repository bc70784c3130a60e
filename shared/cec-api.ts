// The page's side of the bridge: turns the raw replies of `window.cecBridge` into CecApi, whose
// methods resolve with the value or reject with a CecError carrying the envelope's code and kind.
// One implementation for Electron (preload) and the browser preview alike.
import { API_METHODS, type CecApi, type CecBridge, type ErrorEnvelope, type InvokeReply } from './ipc-contract';
import { english, type Message } from './i18n';
import type { ErrorKind } from './model';

export class CecError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  /** What to tell the agent, rendered by the page in the agent's language. */
  readonly agentMessage: Message;
  /** A refused setting: the field the message belongs beside. */
  readonly field?: ErrorEnvelope['field'];

  constructor(envelope: ErrorEnvelope) {
    super(english.t(envelope.message));
    this.name = 'CecError';
    this.code = envelope.code;
    this.kind = envelope.kind;
    this.agentMessage = envelope.message;
    if (envelope.field) this.field = envelope.field;
  }
}

function unwrap<T>(reply: InvokeReply<T>): T {
  if (reply.ok) return reply.value;
  throw new CecError(reply.error);
}

export function createCecApi(bridge: CecBridge): CecApi {
  const api: Record<string, unknown> = { on: bridge.on };
  for (const method of Object.keys(API_METHODS) as Array<keyof typeof API_METHODS>) {
    const call = bridge[method] as (...args: unknown[]) => Promise<InvokeReply<unknown>>;
    api[method] = async (...args: unknown[]) => unwrap(await call(...args));
  }
  return Object.freeze(api) as unknown as CecApi;
}
