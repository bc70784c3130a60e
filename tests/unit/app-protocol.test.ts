// app://panel serves the built renderer and nothing else: real files in a temp dir, the same
// function Electron's protocol handler calls, every traversal trick we know of refused.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_RESPONSE_HEADERS,
  APP_SCHEME_PRIVILEGES,
  isAppPageUrl,
  mimeFor,
  resolveAppUrl,
  serveAppRequest,
} from '../../electron/app/app-protocol';

let dir: string;
let root: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cec-app-protocol-'));
  // root is out/renderer; beside it, files that must never be served.
  root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>panel</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(root, 'assets', 'notes.txt'), 'not a renderer type');
  mkdirSync(join(root, 'assets', 'dir.js'));
  writeFileSync(join(dir, 'secret.js'), 'SECRET');
  mkdirSync(join(dir, 'renderer-evil'));
  writeFileSync(join(dir, 'renderer-evil', 'x.js'), 'SECRET');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveAppUrl', () => {
  it('maps the entry page and assets to files inside root with their MIME type', () => {
    expect(resolveAppUrl(APP_ENTRY_URL, root)).toEqual({ ok: true, file: join(root, 'index.html'), mime: 'text/html; charset=utf-8' });
    expect(resolveAppUrl('app://panel/', root)).toMatchObject({ ok: true, file: join(root, 'index.html') });
    expect(resolveAppUrl('app://panel/assets/index-abc.js', root)).toEqual({ ok: true, file: join(root, 'assets', 'index-abc.js'), mime: 'text/javascript; charset=utf-8' });
    expect(resolveAppUrl('app://panel/assets/index-abc.css?v=1#x', root)).toMatchObject({ ok: true, mime: 'text/css; charset=utf-8' });
    expect(resolveAppUrl('app://panel/assets/a%20b.js', root)).toMatchObject({ ok: true, file: join(root, 'assets', 'a b.js') });
  });

  it.each([
    ['dot-dot is folded by the URL parser: it names a file inside root', 'app://panel/../secret.js', 'secret.js'],
    ['encoded dot-dot is folded the same way', 'app://panel/%2e%2e/secret.js', 'secret.js'],
    ['an encoded single dot', 'app://panel/%2e/index.html', 'index.html'],
  ])('%s', (_label, url, inside) => {
    expect(resolveAppUrl(url, root)).toMatchObject({ ok: true, file: join(root, inside) });
  });

  it.each([
    ['encoded slash', 'app://panel/assets/..%2f..%2fsecret.js'],
    ['encoded backslash', 'app://panel/..%5c..%5csecret.js'],
    ['raw backslash', 'app://panel/assets\\..\\..\\secret.js'],
    ['NUL byte', 'app://panel/assets/index-abc.js%00.html'],
    ['empty segment (absolute path)', 'app://panel//etc/passwd.js'],
    ['Windows drive', 'app://panel/C:%5cWindows%5cevil.js'],
    ['NTFS stream', 'app://panel/index.html:secret.js'],
    ['sibling dir with the same prefix', 'app://panel/..%2frenderer-evil%2fx.js'],
  ])('%s is refused as a traversal', (_label, url) => {
    expect(resolveAppUrl(url, root)).toEqual({ ok: false, status: 403, code: 'TRAVERSAL' });
  });

  it('refuses other hosts, other schemes, credentials, bad encodings, methods and unknown types', () => {
    expect(resolveAppUrl('app://other/index.html', root)).toMatchObject({ ok: false, status: 403, code: 'WRONG_ORIGIN' });
    expect(resolveAppUrl('app://panel:8080/index.html', root)).toMatchObject({ ok: false, code: 'WRONG_ORIGIN' });
    expect(resolveAppUrl('app://u:p@panel/index.html', root)).toMatchObject({ ok: false, code: 'WRONG_ORIGIN' });
    expect(resolveAppUrl('file:///etc/passwd', root)).toMatchObject({ ok: false, code: 'WRONG_ORIGIN' });
    expect(resolveAppUrl('https://panel/index.html', root)).toMatchObject({ ok: false, code: 'WRONG_ORIGIN' });
    expect(resolveAppUrl('not a url', root)).toMatchObject({ ok: false, status: 400, code: 'BAD_URL' });
    expect(resolveAppUrl('app://panel/%E0%A4%A.js', root)).toMatchObject({ ok: false, status: 400, code: 'BAD_URL' });
    expect(resolveAppUrl(APP_ENTRY_URL, root, 'POST')).toMatchObject({ ok: false, status: 405, code: 'BAD_METHOD' });
    expect(resolveAppUrl('app://panel/assets/notes.txt', root)).toMatchObject({ ok: false, status: 404, code: 'UNKNOWN_TYPE' });
    expect(resolveAppUrl('app://panel/assets', root)).toMatchObject({ ok: false, code: 'UNKNOWN_TYPE' });
    expect(resolveAppUrl(APP_ENTRY_URL, 'relative/root')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('serveAppRequest (real files)', () => {
  it('serves the page and assets with Content-Type, nosniff and frame-ancestors', async () => {
    const page = await serveAppRequest({ url: APP_ENTRY_URL, method: 'GET' }, root);
    expect(page.status).toBe(200);
    expect(page.body?.toString()).toContain('<title>panel</title>');
    expect(page.headers).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "frame-ancestors 'none'",
    });
    expect(page.headers['Content-Length']).toBe(String(page.body!.length));
    const script = await serveAppRequest({ url: 'app://panel/assets/index-abc.js', method: 'GET' }, root);
    expect(script).toMatchObject({ status: 200, headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
    expect(script.body?.toString()).toBe('console.log(1)');
    const svg = await serveAppRequest({ url: 'app://panel/assets/logo.svg', method: 'GET' }, root);
    expect(svg.headers['Content-Type']).toBe('image/svg+xml');
  });

  it('HEAD answers without a body', async () => {
    const head = await serveAppRequest({ url: APP_ENTRY_URL, method: 'HEAD' }, root);
    expect(head.status).toBe(200);
    expect(head.body).toBeUndefined();
  });

  it('a missing file or a directory is 404 with no body; a traversal is 403 and never reads', async () => {
    expect(await serveAppRequest({ url: 'app://panel/assets/missing.js', method: 'GET' }, root)).toMatchObject({ status: 404, body: undefined, refusal: 'NOT_FOUND' });
    expect(await serveAppRequest({ url: 'app://panel/assets/dir.js', method: 'GET' }, root)).toMatchObject({ status: 404, refusal: 'NOT_FOUND' });
    const reads: string[] = [];
    const readFile = async (file: string): Promise<Buffer> => {
      reads.push(file);
      return readFileSync(file);
    };
    const refused = await serveAppRequest({ url: 'app://panel/..%2fsecret.js', method: 'GET' }, root, readFile);
    expect(refused).toMatchObject({ status: 403, body: undefined, refusal: 'TRAVERSAL' });
    expect(reads).toEqual([]);
  });
});

describe('the page URL and the scheme', () => {
  it('isAppPageUrl accepts only the entry page', () => {
    expect(isAppPageUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppPageUrl(`${APP_ENTRY_URL}#/settings`)).toBe(true);
    expect(isAppPageUrl('app://panel/')).toBe(false);
    expect(isAppPageUrl('app://panel/assets/index-abc.js')).toBe(false);
    expect(isAppPageUrl('file:///index.html')).toBe(false);
  });

  it('the scheme is standard and secure, and never bypasses the CSP or allows service workers', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, bypassCSP: false, allowServiceWorkers: false });
  });

  it('MIME types: the renderer build types, case-insensitive, nothing else', () => {
    expect(mimeFor('a/B.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeFor('x.woff2')).toBe('font/woff2');
    expect(mimeFor('x.exe')).toBeUndefined();
    expect(mimeFor('x.constructor')).toBeUndefined();
    expect(mimeFor('noext')).toBeUndefined();
  });

  it("the panel's CSP (the meta in renderer/index.html) allows only 'self' and names no file: source", () => {
    const html = readFileSync(resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/file:|unsafe-inline|unsafe-eval|\*/);
    // The header adds frame-ancestors, which a meta tag cannot carry.
    expect(csp).not.toContain('frame-ancestors');
    expect(APP_RESPONSE_HEADERS['Content-Security-Policy']).toBe("frame-ancestors 'none'");
  });
});
