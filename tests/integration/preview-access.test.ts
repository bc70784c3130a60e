import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCommand, writeLauncher } from '../../electron/dev/open-browser';
import { ACCESS_TEXT } from '../../electron/preview/access';
import { startPreview, type Preview } from '../../electron/preview/server';

// The preview is for the user who started it (issue 7, item 9): a per-run key in the printed URL,
// exchanged for an HttpOnly SameSite=Strict cookie; without that cookie every request gets 403,
// and the test-only routes exist only when asked for. Plain HTTP requests from this process play
// "another local process".

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function http(preview: Preview, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  const { port } = new URL(preview.origin);
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        // An event stream never ends by itself: its first bytes are enough.
        if (res.headers['content-type'] === 'text/event-stream') res.destroy();
      });
      res.on('close', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

const root = resolve(import.meta.dirname, '../..');
const assetsDir = mkdtempSync(join(tmpdir(), 'cec-preview-assets-'));
mkdirSync(join(assetsDir, 'assets'));
writeFileSync(join(assetsDir, 'index.html'), '<!doctype html><title>panel</title><script type="module" src="./assets/app.js"></script>');
writeFileSync(join(assetsDir, 'assets/app.js'), 'export {};');
writeFileSync(join(assetsDir, 'cec-bridge.js'), 'void 0;');

let plain: Preview;
let withTestRoutes: Preview;
beforeAll(async () => {
  plain = await startPreview({ assetsDir, signIn: false, configured: false });
  withTestRoutes = await startPreview({ assetsDir, testRoutes: true });
});
afterAll(async () => {
  await Promise.allSettled([plain?.close(), withTestRoutes?.close()]);
  rmSync(assetsDir, { recursive: true, force: true });
});

const token = (p: Preview): string => new URL(p.url).searchParams.get('token') ?? '';
const INVOKE = ['POST', '/api/invoke/session:get', {}, '{"args":[]}'] as const;

describe('without the key', () => {
  it.each([
    ['GET', '/'],
    ['GET', '/index.html'],
    ['GET', '/assets/app.js'],
    ['GET', '/cec-bridge.js'],
    ['GET', '/favicon.ico'],
    ['GET', '/api/events'],
    ['POST', '/api/invoke/session:get'],
    ['POST', '/_test/trigger'],
    ['POST', '/_sim/script'],
    ['GET', '/_sim/calls?agentId=1001'],
    ['GET', '/nope'],
  ])('%s %s is refused with 403', async (method, path) => {
    for (const p of [plain, withTestRoutes]) {
      const r = await http(p, method, path, {}, method === 'POST' ? '{}' : undefined);
      expect(r.status).toBe(403);
      expect(r.body).toBe(`${ACCESS_TEXT.forbidden}\n`);
      expect(r.body).not.toContain(token(p));
    }
  });

  it('a wrong key, a wrong cookie or another preview\'s cookie is refused too', async () => {
    expect((await http(plain, 'GET', '/?token=guess')).status).toBe(403);
    expect((await http(plain, 'GET', `/?token=${token(plain)}x`)).status).toBe(403);
    expect((await http(plain, 'GET', '/', { cookie: `${plain.cookie}x` })).status).toBe(403);
    expect((await http(plain, 'GET', '/', { cookie: withTestRoutes.cookie })).status).toBe(403);
    expect((await http(plain, 'GET', '/', { cookie: `cec_preview=${token(plain)}` })).status).toBe(403);
  });
});

describe('the key', () => {
  it('is printed in the URL and exchanged for an HttpOnly SameSite=Strict cookie, leaving the address bar', async () => {
    expect(plain.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
    expect(token(plain)).not.toBe(token(withTestRoutes));
    const r = await http(plain, 'GET', `/?token=${token(plain)}`);
    expect(r.status).toBe(200);
    expect(r.headers['set-cookie']).toEqual([`${plain.cookie}; HttpOnly; SameSite=Strict; Path=/`]);
    expect(plain.cookie).not.toContain(token(plain));
    expect(r.body).toContain('<meta http-equiv="refresh" content="0;url=/">');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('with the cookie, the page, assets, bridge and events are served', async () => {
    const cookie = { cookie: plain.cookie };
    const page = await http(plain, 'GET', '/', cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="./cec-bridge.js"></script>');
    expect((await http(plain, 'GET', '/assets/app.js', cookie)).status).toBe(200);
    expect((await http(plain, 'GET', '/cec-bridge.js', cookie)).status).toBe(200);
    const invoke = await http(plain, INVOKE[0], INVOKE[1], cookie, INVOKE[3]);
    expect(invoke.status).toBe(200);
    expect(JSON.parse(invoke.body)).toMatchObject({ ok: true });
    const events = await http(plain, 'GET', '/api/events', cookie);
    expect(events.status).toBe(200);
    expect(events.body).toContain(': connected');
  });

  it('does not lift the Host, Origin and content-type checks', async () => {
    const cookie = plain.cookie;
    expect((await http(plain, 'GET', '/', { cookie, host: 'evil.example' })).status).toBe(403);
    expect((await http(plain, INVOKE[0], INVOKE[1], { cookie, origin: 'http://evil.example' }, INVOKE[3])).status).toBe(403);
    expect((await http(plain, INVOKE[0], INVOKE[1], { cookie, 'content-type': 'text/plain' }, INVOKE[3])).status).toBe(415);
  });
});

describe('the test-only routes', () => {
  it('do not exist unless asked for, even with the cookie', async () => {
    const cookie = { cookie: plain.cookie };
    expect((await http(plain, 'POST', '/_test/trigger', cookie, '{"action":"refresh"}')).status).toBe(404);
    expect((await http(plain, 'POST', '/_sim/script', cookie, '{"op":"calls","agentId":"1001"}')).status).toBe(404);
    expect((await http(plain, 'GET', '/_sim/calls?agentId=1001', cookie)).status).toBe(404);
  });

  it('work when asked for, with the cookie', async () => {
    const cookie = { cookie: withTestRoutes.cookie };
    const calls = await http(withTestRoutes, 'GET', '/_sim/calls?agentId=1001', cookie);
    expect(calls.status).toBe(200);
    expect(JSON.parse(calls.body).result).toHaveLength(3);
    const trigger = await http(withTestRoutes, 'POST', '/_test/trigger', cookie, '{"action":"refresh"}');
    expect(trigger.status).toBe(200);
  });
});

describe('npm start without Electron', () => {
  it('prints the keyed address of a preview that refuses requests without it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/dev/start.ts'], {
      cwd: root,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(tmpdir(), 'no-electron-here'), CEC_PREVIEW_NO_OPEN: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const url = await new Promise<string>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no URL printed:\n${out}`)), 50_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+) in a browser/.exec(out);
          if (match) {
            clearTimeout(timer);
            done(match[1]!);
          }
        });
        child.on('exit', () => fail(new Error(`start.ts exited:\n${out}`)));
      });
      const { origin, searchParams } = new URL(url);
      const get = (path: string, headers: Record<string, string> = {}): Promise<Reply> =>
        http({ origin } as Preview, 'GET', path, headers);
      expect((await get('/')).status).toBe(403);
      const exchanged = await get(`/?token=${searchParams.get('token')}`);
      expect(exchanged.status).toBe(200);
      const cookie = String(exchanged.headers['set-cookie']).split(';')[0]!;
      expect((await get('/', { cookie })).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    }
  }, 60_000);

  it('opens the browser through a private file, so the key is never on a command line', () => {
    const url = 'http://127.0.0.1:5180/?token=abc_DEF-123';
    const launcher = writeLauncher(url);
    try {
      expect(launcher.file).not.toContain('abc_DEF');
      expect(statSync(launcher.file).mode & 0o777).toBe(0o600);
      expect(statSync(resolve(launcher.file, '..')).mode & 0o777).toBe(0o700);
      expect(readFileSync(launcher.file, 'utf8')).toContain(`content="0;url=${url}"`);
      for (const platform of ['linux', 'darwin', 'win32'] as const) {
        expect(openCommand(platform, launcher.file)[1].join(' ')).not.toContain('token');
      }
      expect(() => writeLauncher('http://127.0.0.1:5180/"><script>')).toThrow();
    } finally {
      launcher.remove();
    }
  });
});
