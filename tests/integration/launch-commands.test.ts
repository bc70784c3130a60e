// Launch flags end to end below Electron: argv → launch-args → launch-commands → the real app
// service → the simulator over HTTPS. Only the feedback sink and the panel are recorded fakes
// (the real ones are Electron's Notification and BrowserWindow).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandOutcome } from '../../shared/ipc-contract';
import { english, type Message } from '../../shared/i18n';
import { createAppService, type AppService } from '../../electron/app/app-service';
import { startDemoSimulator } from '../../electron/app/demo-gateway';
import { launchHandoff } from '../../electron/app/launch-args';
import { createMemorySettings, memoryVault } from '../../electron/app/memory-settings';
import type { Feedback } from '../../electron/main/feedback';
import { createLaunchCommands } from '../../electron/main/launch-commands';
import type { Simulator } from '../../electron/simulator/index';
import { AGENT, closeAll, sim, waitFor } from './helpers';

const EXE = '/opt/Held Calls/cec-held-calls';
const SEED = { [AGENT]: [{ caller: '0701', called: '1' }, { caller: '0702', called: '2' }, { caller: '0703', called: '3' }, { caller: '0704', called: '4' }] };

const services: AppService[] = [];
afterEach(async () => {
  await Promise.allSettled(services.splice(0).map((s) => s.dispose()));
  await closeAll();
});

async function setup(s: Simulator, signIn = true) {
  const caFile = join(mkdtempSync(join(tmpdir(), 'cec-launch-')), 'ca.pem');
  writeFileSync(caFile, s.caPem);
  const service = createAppService({
    settings: createMemorySettings({ gatewayUrl: s.url, agentId: AGENT, caFile }),
    vault: memoryVault(),
    readCaFile: async (path) => (await import('node:fs/promises')).readFile(path, 'utf8'),
    startDemoGateway: () => startDemoSimulator({ newHoldEveryMs: 60_000 }),
    hotkeyStatus: () => [],
  });
  services.push(service);
  const outcomes: Array<{ source: string; result: CommandOutcome['result'] }> = [];
  const errors: string[] = [];
  const logs: string[] = [];
  const panel = { toggles: 0, shows: 0 };
  // What main wires: 'command-outcome' pushes go to feedback.outcome (electron/main/index.ts).
  const feedback = { error: (m: Message) => errors.push(english.t(m)) } as unknown as Feedback;
  service.onPush((channel, payload) => {
    if (channel === 'command-outcome') {
      const { source, result } = payload as CommandOutcome;
      outcomes.push({ source, result: { ...result, message: english.t(result.message) } as never });
    }
  });
  const launch = createLaunchCommands({
    // What electron/main/actions.ts run() does, with the panel recorded.
    run: async (command, source) => {
      if (command.type === 'toggle-panel') panel.toggles += 1;
      else await service.execute(command, source);
    },
    feedback,
    showPanel: () => (panel.shows += 1),
    log: (m) => logs.push(m),
  });
  if (signIn) {
    await service.signIn({ password: 'pw' });
    await waitFor(() => service.listCalls().calls.length === 4, 5_000, 'four held calls');
  }
  return { service, launch, outcomes, errors, logs, panel };
}

const state = (s: Simulator, callid: string) => s.script.calls(AGENT).find((c) => c.callid === callid)?.state;

describe('launch commands against the simulator', () => {
  it('--resume-top at start resumes the top call, reported with source "launch"', async () => {
    const s = await sim({ seed: SEED });
    const { service, launch, outcomes, errors } = await setup(s);
    const top = service.listCalls().calls[0]!;
    await launch.atStart([EXE, '--resume-top'], false);
    expect(state(s, top.callid)).toBe('talking');
    expect(outcomes).toEqual([{ source: 'launch', result: expect.objectContaining({ ok: true, action: 'resume', callid: top.callid }) }]);
    expect(errors).toEqual([]);
  });

  it('a second instance with --resume 2 (exact argv through the handoff) resumes the 2nd call', async () => {
    const s = await sim({ seed: SEED });
    const { service, launch, outcomes, panel } = await setup(s);
    const second = service.listCalls().calls[1]!;
    // The event argv as Chromium may reorder it; the handoff carries the real order.
    await launch.secondInstance([EXE, '--resume', '--allow-file-access-from-files', '2'], launchHandoff([EXE, '--resume', '2'], false), false);
    expect(state(s, second.callid)).toBe('talking');
    expect(outcomes[0]).toMatchObject({ source: 'launch', result: { ok: true, callid: second.callid } });
    expect(panel.shows).toBe(0);
  });

  it('--resume 4 (beyond the hotkeys\' three) resumes the 4th call in the order shown', async () => {
    const s = await sim({ seed: SEED });
    const { service, launch, outcomes } = await setup(s);
    const fourth = service.listCalls().calls[3]!;
    await launch.secondInstance([EXE, '--resume=4'], undefined, false);
    expect(state(s, fourth.callid)).toBe('talking');
    expect(outcomes[0]).toMatchObject({ source: 'launch', result: { ok: true, action: 'resume', callid: fourth.callid } });
  });

  it('--resume 9 with four held: a failure that names the position, nothing sent', async () => {
    const s = await sim({ seed: SEED });
    const { launch, outcomes } = await setup(s);
    const before = s.stats.count({ path: 'gethold' });
    await launch.secondInstance([EXE, '--resume', '9'], undefined, false);
    expect(outcomes).toEqual([{ source: 'launch', result: expect.objectContaining({ ok: false, code: 'NOTHING_AT_POSITION', message: 'There is no call in position 9 on hold.' }) }]);
    expect(s.stats.count({ path: 'gethold' })).toBe(before);
  });

  it('--connect-top connects the top call', async () => {
    const s = await sim({ seed: SEED });
    const { service, launch, outcomes } = await setup(s);
    const top = service.listCalls().calls[0]!;
    const before = s.stats.count({ path: 'connecthold' });
    await launch.secondInstance([EXE, '--connect-top'], undefined, false);
    expect(outcomes[0]).toMatchObject({ source: 'launch', result: { action: 'connect', callid: top.callid } });
    expect(s.stats.count({ path: 'connecthold' })).toBe(before + 1);
  });

  it('--refresh re-reads the held list from the gateway', async () => {
    const s = await sim({ seed: SEED });
    const { launch } = await setup(s);
    const before = s.stats.count({ path: 'holdlist' });
    await launch.secondInstance([EXE, '--refresh'], undefined, false);
    await waitFor(() => s.stats.count({ path: 'holdlist' }) > before, 5_000, 'a holdlist query');
  });

  it('--toggle-panel toggles; a plain second launch shows the panel as before', async () => {
    const s = await sim({ seed: SEED });
    const { launch, panel, logs } = await setup(s);
    await launch.secondInstance([EXE, '--toggle-panel'], undefined, false);
    expect(panel).toEqual({ toggles: 1, shows: 0 });
    await launch.secondInstance([EXE, '--no-sandbox'], undefined, false);
    expect(panel).toEqual({ toggles: 1, shows: 1 });
    expect(logs).toEqual(['Launch arguments ignored (not ours): --no-sandbox']);
  });

  it('signed out: --resume-top and --resume 5 report "not signed in" and send nothing', async () => {
    const s = await sim({ seed: SEED });
    const { launch, outcomes } = await setup(s, false);
    await launch.atStart([EXE, '--resume-top', '--resume', '5'], false);
    expect(outcomes.map((o) => [o.source, o.result.ok, o.result.ok ? '' : o.result.code])).toEqual([
      ['launch', false, 'NOT_SIGNED_IN'],
      ['launch', false, 'NOT_SIGNED_IN'],
    ]);
    expect(s.stats.count({ path: 'gethold' })).toBe(0);
  });

  it('an invalid position is refused, logged and reported; valid flags beside it still run', async () => {
    const s = await sim({ seed: SEED });
    const { service, launch, errors, logs } = await setup(s);
    const top = service.listCalls().calls[0]!;
    await launch.secondInstance([EXE, '--resume', '0', '--frobnicate', '--resume-top'], undefined, false);
    expect(errors).toEqual(['--resume 0: the position must be a whole number from 1 to 99.']);
    expect(logs).toEqual(['Launch flag refused: --resume 0: the position must be a whole number from 1 to 99.', 'Launch arguments ignored (not ours): --frobnicate']);
    expect(state(s, top.callid)).toBe('talking');
  });
});
