// Which message explains a failure, from its code and kind alone, so every layer (core errors,
// IPC envelopes, the CLI) renders the same words for the same code. Most specific first:
// the gateway retcode, its family, the client code, then the kind.
import type { ErrorKind } from '../model';
import { isMessageId, msg, type Message, type MessageParams } from './index';

const RETCODE = /^(\d{3})-\d{3}$/;

export function messageForError(code: string, kind: ErrorKind, params?: MessageParams): Message {
  const retcode = RETCODE.exec(code);
  if (retcode) {
    const exact = `gateway.${code}`;
    if (isMessageId(exact)) return msg(exact, params);
    const family = `gateway.family.${retcode[1]}`;
    if (isMessageId(family)) return msg(family, params);
    return msg('gateway.unknown', { ...params, code });
  }
  const http = /^HTTP_(\d{3})$/.exec(code);
  if (http) return msg('client.HTTP', { ...params, status: http[1]! });
  const client = `client.${code}`;
  if (isMessageId(client)) return msg(client, params);
  return msg(`kind.${kind}`, params);
}
