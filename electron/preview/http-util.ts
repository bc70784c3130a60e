// Small HTTP helpers for the preview server: JSON bodies, static files, a same-origin guard.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const MAX_BODY = 64 * 1024;

// Sent as a header too: a meta CSP cannot carry frame-ancestors, and the header covers every response.
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': CSP,
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json');
}

/**
 * Any page the browser has open could send requests to 127.0.0.1. Only a same-origin JSON POST
 * with our Host is accepted: cross-site pages cannot send application/json without a preflight
 * we never answer, and the Host check defeats DNS rebinding.
 */
export function assertSameOrigin(req: IncomingMessage, origin: string): void {
  const host = req.headers.host ?? '';
  if (`http://${host}` !== origin && `http://${host}` !== origin.replace('127.0.0.1', 'localhost')) {
    throw new HttpError(403, 'wrong host');
  }
  const from = req.headers.origin;
  if (from !== undefined && from !== `http://${host}`) throw new HttpError(403, 'cross-origin request refused');
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpError(415, 'expected application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, 'body too large');
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  let value: unknown;
  try {
    value = raw ? JSON.parse(raw) : {};
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'body must be an object');
  return value as Record<string, unknown>;
}

/** Serves a file from root, refusing anything that resolves outside it. */
export async function sendStatic(res: ServerResponse, root: string, urlPath: string): Promise<void> {
  const file = resolve(root, `.${decodeURIComponent(urlPath)}`);
  if (!file.startsWith(root + sep)) throw new HttpError(404, 'not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    throw new HttpError(404, 'not found');
  }
  send(res, 200, body, TYPES[extname(file)] ?? 'application/octet-stream');
}
