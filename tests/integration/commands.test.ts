// The command mapping is exhaustive (issue 6): every Command type, from every source, runs
// through the real app service's one execute(), signed in to the simulator over real HTTPS and
// signed out, and none falls through to "Unhandled case". Every outcome is reported the same way:
// a result for call actions (pushed as 'command-outcome'), null for refresh and the panel toggle.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMAND_SOURCES, HOTKEY_ACTIONS, HOTKEY_BINDINGS, type Command, type CommandSource } from '../../shared/commands';
import { english } from '../../shared/i18n';
import type { CommandOutcome, PushChannelName } from '../../shared/ipc-contract';
import type { ActionResult } from '../../shared/model';
import { createAppService, type AppService } from '../../electron/app/app-service';
import { dispatch } from '../../electron/app/ipc-dispatch';
import { createMemorySettings, memoryVault } from '../../electron/app/memory-settings';
import type { Simulator } from '../../electron/simulator/index';
import { EVERY_COMMAND } from '../unit/command-examples';
import { AGENT, closeAll, sim } from './helpers';

const services: AppService[] = [];
afterEach(async () => {
  await Promise.allSettled(services.splice(0).map((s) => s.dispose()));
  await closeAll();
});

function service(s: Simulator) {
  const caFile = join(mkdtempSync(join(tmpdir(), 'cec-cmd-')), 'ca.pem');
  writeFileSync(caFile, s.caPem);
  const pushes: Array<[PushChannelName, unknown]> = [];
  let toggles = 0;
  const app = createAppService({
    settings: createMemorySettings({ gatewayUrl: s.url, agentId: AGENT, caFile }),
    vault: memoryVault(),
    readCaFile: async (path) => (await import('node:fs/promises')).readFile(path, 'utf8'),
    startDemoGateway: () => Promise.reject(new Error('no demo here')),
    hotkeyStatus: () => [],
    onTogglePanel: () => void (toggles += 1),
  });
  app.onPush((channel, payload) => pushes.push([channel, payload]));
  services.push(app);
  return { app, pushes, toggles: () => toggles };
}

/** Seeded held calls whose ids the examples name, so resume/connect by id reach the gateway. */
function seeded(s: Simulator): Record<string, Command> {
  const ids = s.script.calls(AGENT).filter((c) => c.state === 'held').map((c) => c.callid);
  return {
    ...EVERY_COMMAND,
    resume: { type: 'resume', callid: ids[0]! },
    connect: { type: 'connect', callid: ids[1]! },
  };
}

const hasResult = (command: Command): boolean => command.type !== 'refresh' && command.type !== 'toggle-panel';

describe('execute(command, source) handles every command type', () => {
  it.each(COMMAND_SOURCES)('signed out, from the %s: a clear result for call actions, nothing thrown', async (source) => {
    const s = await sim();
    const { app, pushes, toggles } = service(s);
    for (const command of Object.values(EVERY_COMMAND)) {
      const result = await app.execute(command, source as CommandSource);
      if (hasResult(command)) {
        expect(result, command.type).toMatchObject({ ok: false, kind: 'signed-out', message: { id: 'client.NOT_SIGNED_IN' } });
        const outcome: CommandOutcome = { command, source, result: result! };
        expect(pushes.at(-1), command.type).toEqual(['command-outcome', outcome]);
      } else if (command.type === 'refresh') {
        // Refresh while signed out says so too (it is an agent command like the others).
        expect(result === null || result.ok === false, command.type).toBe(true);
      } else {
        expect(result, command.type).toBeNull();
      }
    }
    expect(toggles()).toBe(1);
    expect(s.stats.requests().filter((r) => /gethold|connecthold/.test(r.path))).toEqual([]);
  });

  it('signed in to the simulator: every type runs against the gateway, through execute and through command:execute', async () => {
    const s = await sim({ seed: { [AGENT]: Array.from({ length: 6 }, (_, i) => ({ caller: `070${i}`, called: '4001' })) } });
    const { app, pushes, toggles } = service(s);
    await app.signIn({ password: 'pw' });
    // A current call, so connect has something to join the held call to.
    s.script.talk(AGENT, { caller: '0999', called: '4001' });
    const commands = seeded(s);
    for (const command of Object.values(commands)) {
      let result: ActionResult | null;
      try {
        result = await app.execute(command, 'tray');
      } catch (error) {
        throw new Error(`${command.type} threw: ${(error as Error).message}`);
      }
      if (hasResult(command)) {
        expect(result, command.type).not.toBeNull();
        expect(result!.action, command.type).toBe(command.type.startsWith('resume') ? 'resume' : 'connect');
        expect(english.t(result!.message).length, command.type).toBeGreaterThan(5);
        expect(pushes.filter(([ch]) => ch === 'command-outcome').at(-1)?.[1], command.type).toEqual({ command, source: 'tray', result });
      } else {
        expect(result, command.type).toBeNull();
      }
    }
    expect(toggles()).toBe(1);
    expect(s.stats.count({ path: 'gethold' })).toBeGreaterThan(0);
    expect(s.stats.count({ path: 'connecthold' })).toBeGreaterThan(0);
    // And from the panel, through the one dispatch: every type answers with an envelope.
    for (const command of Object.values(EVERY_COMMAND)) {
      const reply = await dispatch(app, 'command:execute', [command]);
      expect(reply.ok, `${command.type}: ${JSON.stringify(reply)}`).toBe(true);
    }
    expect(toggles()).toBe(2);
  });

  it('every hotkey binding runs from a hotkey and resolves positions against the list as shown', async () => {
    const s = await sim({ seed: { [AGENT]: [{ caller: 'first', called: '1' }, { caller: 'second', called: '1' }, { caller: 'third', called: '1' }, { caller: 'fourth', called: '1' }] } });
    const { app } = service(s);
    await app.signIn({ password: 'pw' });
    const shown = app.listCalls().calls.map((c) => c.callid);
    expect(await app.execute(HOTKEY_BINDINGS.resume2, 'hotkey')).toMatchObject({ ok: true, callid: shown[1] });
    // The agent ends that call; the list as shown now lacks it: 3rd is what was 4th.
    s.script.release(AGENT, shown[1]!);
    const now = app.listCalls().calls.map((c) => c.callid);
    expect(now).toEqual([shown[0], shown[2], shown[3]]);
    expect(await app.execute(HOTKEY_BINDINGS.resume3, 'hotkey')).toMatchObject({ ok: true, callid: now[2] });
    for (const action of HOTKEY_ACTIONS) {
      const result = await app.execute(HOTKEY_BINDINGS[action], 'hotkey');
      expect(result === null || typeof result.ok === 'boolean', action).toBe(true);
    }
  });
});
