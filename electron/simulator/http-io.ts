import type { IncomingMessage, ServerResponse } from 'node:http';

// Reading requests and writing replies. Handlers build a Reply instead of writing to the
// response, so fault injection can decide afterwards whether it is sent at all.
// Header names go on the wire exactly as spelled in the Reply (`Set-GUID`, `Set-Cookie`, as the
// documentation writes them): Huawei's own Java client and others look for `Set-GUID`
// case-sensitively, although HTTP header names are case-insensitive.

export const JSON_TYPE = 'application/json; charset=UTF-8';
export const MAX_BODY_BYTES = 64 * 1024;

export interface Reply {
  status: number;
  headers?: Record<string, string | string[]>;
  body: string;
}

export class BodyTooLarge extends Error {}

export function envelope(
  retcode: string,
  message: string,
  fields: Record<string, unknown> = {},
  options: { numericRetcode?: boolean; status?: number; headers?: Record<string, string | string[]> } = {},
): Reply {
  // Some gateway builds send a numeric 0; clients must accept both.
  const code: string | number = options.numericRetcode && retcode === '0' ? 0 : retcode;
  return {
    status: options.status ?? 200,
    headers: { 'Content-Type': JSON_TYPE, ...options.headers },
    body: JSON.stringify({ message, retcode: code, ...fields }),
  };
}

export function jsonReply(status: number, value: unknown): Reply {
  return { status, headers: { 'Content-Type': JSON_TYPE }, body: JSON.stringify(value) };
}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
    });
  });
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, rawHeaders(reply.headers, body.length));
  res.end(body);
}

/** A gateway behind a broken proxy: headers at once, then one body byte every `everyMs`. */
export function dripReply(res: ServerResponse, reply: Reply, everyMs = 1_000): void {
  if (res.destroyed || res.writableEnded) return;
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, rawHeaders(reply.headers, body.length));
  res.flushHeaders();
  let sent = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    res.write(body.subarray(sent, sent + 1));
    sent += 1;
    if (sent >= body.length) {
      clearInterval(timer);
      res.end();
    }
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}

/** A flat [name, value, name, value, ...] list: names keep their spelling, a list value repeats its header. */
function rawHeaders(headers: Reply['headers'], length: number): string[] {
  const raw: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-length') continue;
    for (const v of Array.isArray(value) ? value : [value]) raw.push(name, v);
  }
  raw.push('Content-Length', String(length));
  return raw;
}

/** Answers 413 and closes: the rest of an oversized body is not worth reading. */
export function writeTooLarge(res: ServerResponse): void {
  const reply = envelope('000-002', 'request body too large', {}, { status: 413 });
  reply.headers = { ...reply.headers, Connection: 'close' };
  writeReply(res, reply);
}
