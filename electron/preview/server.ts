// The browser preview: the real renderer bundle, served from 127.0.0.1 with a bridge that speaks
// to the REAL app service over HTTP, against the gateway simulator. Plain Node, no Electron, so
// UI work and the web end-to-end tests need no Electron binary. Only the person who started it
// can use it: see access.ts.
//   npm run preview:web            (then open the printed URL, which carries this run's key)
//   npm run preview:web -- --port 5180 --signed-out --unconfigured --test-routes
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isInvokeChannel } from '../app/ipc-validate';
import { HOTKEY_BINDINGS, type HotkeyAction } from '../../shared/commands';
import { createAppService, type AppService } from '../app/app-service';
import { startDemoSimulator } from '../app/demo-gateway';
import { dispatch } from '../app/ipc-dispatch';
import { createMemorySettings, memoryVault } from '../app/memory-settings';
import type { AgentClientOptions } from '../core/agent-client';
import { startSimulator, type SeedCall, type Simulator, type SimulatorOptions } from '../simulator/index';
import { HOTKEY_ACTIONS, type HotkeyRegistration, type Settings, type SettingsKey } from '../../shared/settings';
import { createAccess, type PreviewAccess } from './access';
import { buildPreviewAssets, withBridge } from './build';
import { assertSameOrigin, HttpError, readJson, send, sendJson, sendStatic } from './http-util';

export const PREVIEW_AGENT = '1001';

export const PREVIEW_SEED: SeedCall[] = [
  { caller: '07700900123', called: '4001', callskill: 'Billing', callfeature: 0 },
  { caller: '+442079460958', called: '4002', callskill: 'Support', callfeature: 0 },
  { caller: '0161496000', called: '4001', callskill: 'Sales', callfeature: 7 },
];

export interface PreviewOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Sign agent 1001 in at start (default true); otherwise the panel opens on its sign-in form. */
  signIn?: boolean;
  /** false: no gateway in settings, so the panel offers "Try the demo". */
  configured?: boolean;
  settings?: Partial<Settings>;
  seed?: SeedCall[];
  /** The only password the simulator accepts (default: any), also used for the sign-in at start. */
  password?: string;
  /** Simulator long-poll length; short values make pushes arrive sooner in tests. */
  pollWaitMs?: number;
  /** Serve an existing build (from buildPreviewAssets) instead of building again. */
  assetsDir?: string;
  /** Settings to show as locked by an administrator. */
  locked?: SettingsKey[];
  /** Passed to the gateway client, e.g. a clock (tests use one to stage calls held minutes ago). */
  clientOptions?: AgentClientOptions;
  /** Hotkeys to report as taken by another program, to see that state. */
  takenHotkeys?: string[];
  /**
   * When the simulated gateway refuses sign-out. Default 'never': in the preview nobody can hang up
   * a held call, so the gateway's real rule (refused while talking or holding) would leave no way
   * out. Tests of the refused path set 'talking-or-holding'.
   */
  refuseSignOut?: SimulatorOptions['refuseSignOut'];
  /**
   * Serve the routes only tests and scripts use: /_test/trigger (what a hotkey does) and /_sim/*
   * (the simulator's scripting). Off unless asked for; even then they need the access cookie.
   */
  testRoutes?: boolean;
}

export interface Preview {
  /** The address to open: it carries this run's key (`?token=`), exchanged for a cookie on first visit. */
  readonly url: string;
  /** http://127.0.0.1:PORT, without the key. */
  readonly origin: string;
  /** The Cookie header value a client that has exchanged the key sends (for tests and scripts). */
  readonly cookie: string;
  readonly sim: Simulator;
  readonly app: AppService;
  readonly agentId: string;
  close(): Promise<void>;
}

export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  const assetsDir = options.assetsDir ?? (await buildPreviewAssets());
  const indexHtml = withBridge(await readFile(join(assetsDir, 'index.html'), 'utf8'));
  const sim = await startSimulator({ seed: { [PREVIEW_AGENT]: options.seed ?? PREVIEW_SEED }, pollWaitMs: options.pollWaitMs,
    ...(options.password !== undefined ? { passwords: { [PREVIEW_AGENT]: options.password } } : {}),
    refuseSignOut: options.refuseSignOut ?? 'never',
  });
  // The simulator's CA goes through the same file path a real deployment uses, so TLS is verified.
  const caDir = await mkdtemp(join(tmpdir(), 'cec-preview-ca-'));
  const caFile = join(caDir, 'simulator-ca.pem');
  await writeFile(caFile, sim.caPem);

  const configured = options.configured ?? true;
  const settings = createMemorySettings({
    ...(configured ? { gatewayUrl: sim.url, agentId: PREVIEW_AGENT, phone: '88001', caFile } : {}),
    ...options.settings,
  }, options.locked);
  const taken = new Set(options.takenHotkeys ?? []);
  const hotkeyStatus = (): HotkeyRegistration[] =>
    HOTKEY_ACTIONS.map((action) => {
      const accelerator = settings.get().hotkeys[action];
      const status = !accelerator ? 'unbound' : taken.has(accelerator) ? 'taken' : 'registered';
      return { action, accelerator, status };
    });
  const app = createAppService({
    settings,
    vault: memoryVault(),
    readCaFile: (path) => readFile(path, 'utf8'),
    startDemoGateway: () => startDemoSimulator(),
    hotkeyStatus,
    onTogglePanel: () => undefined,
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
  });

  const streams = new Set<ServerResponse>();
  const offPush = app.onPush((channel, payload) => {
    const frame = `data: ${JSON.stringify({ channel, payload })}\n\n`;
    for (const res of streams) res.write(frame);
  });

  let origin = '';
  let access: PreviewAccess | undefined;
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (!res.headersSent) send(res, status, error instanceof HttpError ? error.message : 'internal error');
      else res.end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    assertSameOrigin(req, origin);
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    if (!access) throw new HttpError(503, 'starting');
    if (access.exchange(req, res, url)) return;
    if (!access.allowed(req)) return access.refuse(res);
    if (req.method === 'GET' && (path === '/' || path === '/index.html')) return send(res, 200, indexHtml, 'text/html; charset=utf-8');
    if (req.method === 'GET' && path === '/api/events') return openStream(res);
    if (req.method === 'GET' && path === '/favicon.ico') return send(res, 204, '');
    if (req.method === 'POST' && path.startsWith('/api/invoke/')) {
      const channel = decodeURIComponent(path.slice('/api/invoke/'.length));
      if (!isInvokeChannel(channel)) throw new HttpError(404, 'unknown channel');
      const { args = [] } = await readJson(req);
      if (!Array.isArray(args)) throw new HttpError(400, 'args must be an array');
      // The same dispatch as Electron's IPC: validation, typed handler, envelope.
      return sendJson(res, 200, await dispatch(app, channel, args));
    }
    if (options.testRoutes && req.method === 'POST' && path === '/_test/trigger') {
      const { action } = await readJson(req);
      if (typeof action !== 'string' || !Object.hasOwn(HOTKEY_BINDINGS, action)) throw new HttpError(400, 'unknown action');
      // Exactly what a global hotkey does in Electron.
      return sendJson(res, 200, { result: await app.execute(HOTKEY_BINDINGS[action as HotkeyAction], 'hotkey') });
    }
    if (options.testRoutes && path.startsWith('/_sim/')) return proxyToSimulator(req, res, path);
    if (req.method === 'GET' && (path.startsWith('/assets/') || path === '/cec-bridge.js')) return sendStatic(res, assetsDir, path);
    throw new HttpError(404, 'not found');
  }

  function openStream(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    res.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(res);
    });
  }

  /** Scripting for out-of-process drivers: forwards /_sim/* to the simulator, trusting only its CA. */
  async function proxyToSimulator(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const body = req.method === 'POST' ? JSON.stringify(await readJson(req)) : undefined;
    const target = new URL(path + (new URL(req.url ?? '/', origin).search || ''), new URL(sim.url).origin);
    await new Promise<void>((resolve, reject) => {
      const upstream = httpsRequest(target, { method: req.method, ca: sim.caPem, headers: body ? { 'content-type': 'application/json' } : {} }, (reply) => {
        res.writeHead(reply.statusCode ?? 502, { 'content-type': reply.headers['content-type'] ?? 'application/json', 'cache-control': 'no-store' });
        reply.pipe(res);
        reply.on('end', resolve);
      });
      upstream.on('error', reject);
      upstream.end(body);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('preview server has no port');
  origin = `http://127.0.0.1:${address.port}`;
  const granted = createAccess(address.port);
  access = granted;

  if (options.signIn ?? configured) await app.signIn({ password: options.password ?? 'preview' });

  return {
    url: `${origin}/?token=${granted.token}`,
    origin,
    cookie: `${granted.cookieName}=${granted.cookieValue}`,
    sim,
    app,
    agentId: PREVIEW_AGENT,
    async close() {
      offPush();
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.dispose();
      await sim.close();
      await rm(caDir, { recursive: true, force: true });
      // Only a build this preview made itself; a caller's assetsDir is the caller's.
      if (!options.assetsDir) await rm(assetsDir, { recursive: true, force: true });
    },
  };
}

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

async function main(): Promise<void> {
  const portArg = process.argv[process.argv.indexOf('--port') + 1];
  const port = process.argv.includes('--port') ? Number(portArg) : Number(process.env.PREVIEW_PORT ?? 5180);
  const testRoutes = flag('test-routes');
  const preview = await startPreview({ port, signIn: !flag('signed-out'), configured: !flag('unconfigured'), testRoutes });
  console.log(`Preview: ${preview.url}`);
  console.log('  (for you only: the address carries this run\'s key; keep it to yourself)');
  console.log(`Simulator: ${preview.sim.url} (agent ${preview.agentId}, any password signs in)`);
  if (testRoutes) {
    const auth = `-H 'cookie: ${preview.cookie}' -H 'content-type: application/json'`;
    console.log(`Hotkey path: curl -X POST ${auth} -d '{"action":"resumeTop"}' ${preview.origin}/_test/trigger`);
    console.log(`Script the gateway: curl -X POST ${auth} -d '{"op":"holdNew","agentId":"${preview.agentId}","caller":"0123","called":"4001"}' ${preview.origin}/_sim/script`);
  }
  const stop = (): void => {
    void preview.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
