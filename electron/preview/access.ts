// Who may use the preview. It serves the real handlers on 127.0.0.1, and loopback is shared by
// every local process (and, on a terminal server, every user), so the page is handed out only to
// whoever holds this run's random key: it travels in the URL the preview prints, is exchanged
// once per browser for an HttpOnly SameSite=Strict cookie, and every other request without that
// cookie is refused. The Origin/Host/content-type checks in http-util.ts still apply on top.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { send } from './http-util';

/** Agent-facing text of this module, in one place for the message catalogue. */
export const ACCESS_TEXT = {
  forbidden:
    'This preview belongs to the person who started it. Open the address that `npm start` (or `npm run preview:web`) printed: it carries the key.',
  signedIn: 'Opening the panel…',
} as const;

export interface PreviewAccess {
  /** The per-run key, for the printed URL. */
  readonly token: string;
  /** Cookies are not port-specific: the name is, so two previews on one machine do not collide. */
  readonly cookieName: string;
  /** The cookie value a browser holds once it has exchanged the key. */
  readonly cookieValue: string;
  /** Answers `GET /?token=…` (true) by setting the cookie and moving on to `/` without the key. */
  exchange(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  /** Whether the request carries the cookie. */
  allowed(req: IncomingMessage): boolean;
  /** The 403 every request without the cookie gets. */
  refuse(res: ServerResponse): void;
}

export function createAccess(port: number): PreviewAccess {
  const token = randomBytes(32).toString('base64url');
  // A different secret in the cookie than in the URL: the URL may linger in a history list.
  const cookieValue = randomBytes(32).toString('base64url');
  const cookieName = `cec_preview_${port}`;

  return {
    token,
    cookieName,
    cookieValue,
    exchange(req, res, url) {
      const offered = url.searchParams.get('token');
      if (req.method !== 'GET' || url.pathname !== '/' || offered === null) return false;
      if (!sameSecret(offered, token)) {
        this.refuse(res);
        return true;
      }
      // A page, not an HTTP redirect: a cookie set on a redirect that began cross-site (a link in
      // a mail, a file the launcher opened) is withheld by SameSite=Strict on the next hop, while
      // this same-origin refresh carries it. It also drops the key from the address bar.
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'set-cookie': `${cookieName}=${cookieValue}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      });
      res.end(`<!doctype html><meta http-equiv="refresh" content="0;url=/"><title>Held Calls</title><p>${ACCESS_TEXT.signedIn}</p>\n`);
      return true;
    },
    allowed(req) {
      const presented = cookieFrom(req.headers.cookie, cookieName);
      return presented !== undefined && sameSecret(presented, cookieValue);
    },
    refuse(res) {
      send(res, 403, `${ACCESS_TEXT.forbidden}\n`);
    },
  };
}

function cookieFrom(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Constant-time comparison, so the key cannot be guessed a character at a time from response times. */
function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
