// Shared set-up for tests that run the core against the simulator over real HTTPS.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppService, type AppService, type AppServiceDeps } from '../../electron/app/app-service';
import { startDemoSimulator } from '../../electron/app/demo-gateway';
import { createMemorySettings, memoryVault } from '../../electron/app/memory-settings';
import { AgentClient, type AgentClientOptions } from '../../electron/core/agent-client';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../electron/simulator/index';

export const AGENT = '1001';

const open: Array<{ close(): Promise<unknown> }> = [];

export async function sim(options: SimulatorOptions = {}): Promise<Simulator> {
  const s = await startSimulator({ pollWaitMs: 300, ...options });
  open.push(s);
  return s;
}

/** A client for the simulator, trusting its CA, with quick timers unless told otherwise. */
export function client(s: Simulator, options: AgentClientOptions & { pin?: string; noCa?: boolean; gateway?: string } = {}): AgentClient {
  const c = new AgentClient(
    { gateway: options.gateway ?? s.url, agentId: AGENT, caPem: options.noCa || options.pin ? undefined : s.caPem, pin: options.pin },
    { ...options, session: { emptyPollDelayMs: [20, 40], retryBaseMs: 50, retryCapMs: 200, ...options.session } },
  );
  open.push(c);
  return c;
}

export async function closeAll(): Promise<void> {
  const all = open.splice(0).reverse();
  await Promise.allSettled(all.map((o) => o.close()));
}

export async function waitFor(check: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const heldIds = (c: AgentClient): string[] => c.heldCalls().map((h) => h.callid);
export const simHeld = (s: Simulator): string[] => s.script.calls(AGENT).filter((c) => c.state === 'held').map((c) => c.callid);

/**
 * The real app service with this simulator as its configured gateway: its CA written to a file, as
 * IT would, and read back through the same path as in the app. The caller disposes of it.
 */
export function appOn(s: Simulator, extra: Partial<AppServiceDeps> = {}): AppService {
  const caFile = join(mkdtempSync(join(tmpdir(), 'cec-app-')), 'ca.pem');
  writeFileSync(caFile, s.caPem);
  return createAppService({
    settings: createMemorySettings({ gatewayUrl: s.url, agentId: AGENT, caFile }),
    vault: memoryVault(),
    readCaFile: (path) => readFile(path, 'utf8'),
    startDemoGateway: () => startDemoSimulator(),
    hotkeyStatus: () => [],
    ...extra,
  });
}
