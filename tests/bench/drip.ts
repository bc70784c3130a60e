// A hotkey press through the app service while the gateway drips every answer one byte a second:
// how long until the press is answered (success or a clear failure).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppService } from '../../electron/app/app-service';
import { startDemoSimulator } from '../../electron/app/demo-gateway';
import { createMemorySettings, memoryVault } from '../../electron/app/memory-settings';
import { startSimulator } from '../../electron/simulator/index';
import { AGENT } from './util';

export async function dripPress(capMs: number): Promise<{ ms: number; ok: boolean; code: string }> {
  const sim = await startSimulator({ seed: { [AGENT]: [{ caller: '0701', called: '1' }, { caller: '0702', called: '2' }] } });
  const caFile = join(mkdtempSync(join(tmpdir(), 'cec-bench-')), 'ca.pem');
  writeFileSync(caFile, sim.caPem);
  const app = createAppService({
    settings: createMemorySettings({ gatewayUrl: sim.url, agentId: AGENT, caFile }),
    vault: memoryVault(),
    readCaFile: (path) => readFile(path, 'utf8'),
    startDemoGateway: () => startDemoSimulator(),
    hotkeyStatus: () => [],
  });
  await app.signIn({ password: 'bench' });
  sim.faults.add({ kind: 'drip', ms: 1_000, times: Infinity });
  const started = performance.now();
  const cap = new Promise<'cap'>((resolve) => setTimeout(() => resolve('cap'), capMs).unref());
  const outcome = await Promise.race([app.execute({ type: 'resume-position', position: 1 }, 'hotkey'), cap]);
  const ms = performance.now() - started;
  await Promise.race([app.dispose(), new Promise((r) => setTimeout(r, 5_000))]);
  await sim.close();
  if (outcome === 'cap') return { ms, ok: false, code: `not answered within ${capMs} ms` };
  return { ms, ok: outcome?.ok ?? false, code: outcome && !outcome.ok ? outcome.code : 'ok' };
}
