// The gateway's cookies (load-balancer stickiness, the session cookie), sent back on every request.
// Bounded, because a broken or hostile gateway can send any number of Set-Cookie lines: a flood
// once made every request carry 15,001 cookies in a 437,828-byte header. Cookies beyond the
// bounds are ignored (the ones already kept stay), and nothing that could break or inject a
// header (CR, LF, separators, oversized values) is ever kept.

/** More than any gateway or load balancer in front of it needs. */
export const COOKIE_LIMITS = { count: 16, headerBytes: 4096, valueBytes: 512, linesPerResponse: 64 } as const;

const NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/;
// RFC 6265 cookie-octet: visible ASCII without space, DQUOTE, comma, semicolon and backslash.
const VALUE = new RegExp(`^[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]{0,${COOKIE_LIMITS.valueBytes}}$`);

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  get size(): number {
    return this.cookies.size;
  }

  clear(): void {
    this.cookies.clear();
  }

  /** The Cookie header value, or undefined when there is none. */
  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Take the Set-Cookie lines of one response; returns whether any cookie changed. */
  store(setCookie: string | string[]): boolean {
    const lines = Array.isArray(setCookie) ? setCookie.slice(0, COOKIE_LIMITS.linesPerResponse) : [setCookie];
    let changed = false;
    for (const line of lines) {
      if (typeof line !== 'string' || line.length > 8192) continue;
      const pair = line.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!NAME.test(name) || !VALUE.test(value)) continue;
      const previous = this.cookies.get(name);
      if (previous === value) continue;
      if (previous === undefined && this.cookies.size >= COOKIE_LIMITS.count) continue;
      if (this.headerBytesWith(name, value, previous) > COOKIE_LIMITS.headerBytes) continue;
      this.cookies.set(name, value);
      changed = true;
    }
    return changed;
  }

  /** Size of the Cookie header if `name` were set to `value`. */
  private headerBytesWith(name: string, value: string, previous: string | undefined): number {
    let bytes = 0;
    for (const [k, v] of this.cookies) bytes += k.length + 1 + v.length + 2;
    if (previous === undefined) return bytes + name.length + 1 + value.length;
    return bytes - previous.length + value.length - 2;
  }
}
