import { describe, expect, it } from 'vitest';
import { COOKIE_LIMITS, CookieJar } from '../../electron/core/cookie-jar';

describe('cookie jar', () => {
  it('keeps name=value pairs and sends them back in one header', () => {
    const jar = new CookieJar();
    expect(jar.store(['JSESSIONID=abc; Path=/; HttpOnly', 'AGWROUTE=r1'])).toBe(true);
    expect(jar.header()).toBe('JSESSIONID=abc; AGWROUTE=r1');
    expect(jar.store('AGWROUTE=r1')).toBe(false);
    expect(jar.store('AGWROUTE=r2')).toBe(true);
    expect(jar.header()).toBe('JSESSIONID=abc; AGWROUTE=r2');
  });

  it('never keeps anything that could break or inject a header', () => {
    const jar = new CookieJar();
    for (const line of ['a=b\r\nX-Evil: 1', 'a=b\nc', 'bad name=1', 'a="quoted"', 'a=back\\slash', 'a=comma,', `big=${'x'.repeat(COOKIE_LIMITS.valueBytes + 1)}`, '=novalue', 'x'.repeat(9000)]) {
      jar.store(line);
    }
    expect(jar.header()).toBeUndefined();
    // Attributes after the first semicolon are not part of the value.
    jar.store('a=b; Path=/\r\nX-Evil: 1');
    expect(jar.header()).toBe('a=b');
  });

  it('bounds the number of cookies and the header size, keeping the first ones', () => {
    const jar = new CookieJar();
    // A flood like the one measured: 15,001 Set-Cookie lines, over several responses.
    for (let r = 0; r < 300; r += 1) jar.store(Array.from({ length: 50 }, (_, i) => `c${r}_${i}=${'v'.repeat(20)}`));
    expect(jar.size).toBe(COOKIE_LIMITS.count);
    expect(jar.header()!.startsWith('c0_0=')).toBe(true);
    const big = new CookieJar();
    for (let i = 0; i < 16; i += 1) big.store(`k${i}=${'v'.repeat(500)}`);
    expect(big.header()!.length).toBeLessThanOrEqual(COOKIE_LIMITS.headerBytes);
    expect(big.size).toBeLessThan(16);
    // An existing cookie can still be updated when the new value fits.
    expect(big.store(`k0=short`)).toBe(true);
    expect(big.header()!.startsWith('k0=short; ')).toBe(true);
  });

  it('forgets everything on clear', () => {
    const jar = new CookieJar();
    jar.store('a=1');
    jar.clear();
    expect(jar.header()).toBeUndefined();
  });
});
