// The panel's own origin, app://panel, instead of file:// (security checklist #18): a file://
// page shares its origin with every file on disk, a privileged custom scheme is an origin of its
// own that serves only the built renderer. This is the pure part: URL → file, traversal refusal,
// MIME types and headers. electron/main/app-protocol.ts registers it with Electron.
import { readFile as fsReadFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'panel';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The one page the app loads, and the only frame trusted to call IPC. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges for protocol.registerSchemesAsPrivileged. standard: relative URLs and the origin
 * work like http's ('self' in the CSP means app://panel). secure: a secure context, like https.
 * supportFetchAPI + corsEnabled: Vite's bundle is a module script, which Chromium fetches in CORS
 * mode even from its own origin; no Access-Control-* header is ever sent, so no other origin can
 * read from it. No bypassCSP, no service workers, no streaming.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true,
  bypassCSP: false,
  allowServiceWorkers: false,
  stream: false,
} as const;

/** Only what the renderer build emits. Anything else is refused rather than sniffed. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export function mimeFor(path: string): string | undefined {
  const ext = extname(path).toLowerCase();
  return Object.hasOwn(MIME_TYPES, ext) ? MIME_TYPES[ext] : undefined;
}

/**
 * Headers on every response. The page's policy is the CSP meta in renderer/index.html (declared
 * once, there); the header adds what a meta tag cannot express: the panel is never framed.
 * Policies from header and meta both apply, so this only narrows.
 */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

export type AppRequestRefusal = 'BAD_URL' | 'WRONG_ORIGIN' | 'BAD_METHOD' | 'TRAVERSAL' | 'UNKNOWN_TYPE' | 'NOT_FOUND';

export type AppFileResolution = { ok: true; file: string; mime: string } | { ok: false; status: 400 | 403 | 404 | 405; code: AppRequestRefusal };

/** True for our own page: the entry document, with any hash (the panel's views), and no query. */
export function isAppPageUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '' && parsed.pathname === '/index.html' && parsed.search === '';
}

/**
 * app://panel/<path> → an absolute file inside root, or a refusal. Lexical and strict: every
 * decoded segment must be a plain name (no '..', '.', backslash, colon or NUL), so neither
 * `/../`, `%2e%2e`, `%2f`, `..\` nor a Windows drive or stream name can leave root.
 */
export function resolveAppUrl(url: string, root: string, method = 'GET'): AppFileResolution {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405, code: 'BAD_METHOD' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, code: 'BAD_URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username !== '' || parsed.password !== '') {
    return { ok: false, status: 403, code: 'WRONG_ORIGIN' };
  }
  if (!isAbsolute(root)) return { ok: false, status: 404, code: 'NOT_FOUND' };
  const raw = parsed.pathname === '/' ? '/index.html' : parsed.pathname;
  const segments: string[] = [];
  for (const encoded of raw.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return { ok: false, status: 400, code: 'BAD_URL' };
    }
    if (segment === '' || segment === '.' || segment === '..' || /[\\/:\0]/.test(segment)) {
      return { ok: false, status: 403, code: 'TRAVERSAL' };
    }
    segments.push(segment);
  }
  const base = resolve(root);
  const file = resolve(base, ...segments);
  const inside = relative(base, file);
  // Belt and braces: the segment rules above already guarantee this.
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || !file.startsWith(base + sep)) {
    return { ok: false, status: 403, code: 'TRAVERSAL' };
  }
  const mime = mimeFor(file);
  if (!mime) return { ok: false, status: 404, code: 'UNKNOWN_TYPE' };
  return { ok: true, file, mime };
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  /** undefined for HEAD and for refusals (no body tells an attacker which rule fired). */
  body: Buffer | undefined;
  /** Why a request was refused, for the log. */
  refusal?: AppRequestRefusal;
}

/** The whole request → response step, with the file read injected (Electron reads inside app.asar). */
export async function serveAppRequest(
  request: { url: string; method: string },
  root: string,
  readFile: (file: string) => Promise<Buffer> = (file) => fsReadFile(file),
): Promise<AppResponse> {
  const resolved = resolveAppUrl(request.url, root, request.method);
  if (!resolved.ok) return { status: resolved.status, headers: { ...APP_RESPONSE_HEADERS }, body: undefined, refusal: resolved.code };
  let body: Buffer;
  try {
    body = await readFile(resolved.file);
  } catch {
    // Missing file, or a directory with a known extension in its name.
    return { status: 404, headers: { ...APP_RESPONSE_HEADERS }, body: undefined, refusal: 'NOT_FOUND' };
  }
  return {
    status: 200,
    headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': resolved.mime, 'Content-Length': String(body.length) },
    body: request.method === 'HEAD' ? undefined : body,
  };
}
