// Shared set-up for tests/integration/hostile-*.test.ts: a simulator with two held calls, the
// hostile server in front of it, and a signed-in client that only knows the hostile server.
import { performance } from 'node:perf_hooks';
import { expect } from 'vitest';
import type { AgentClient } from '../../electron/core/agent-client';
import { GatewayError } from '../../electron/core/errors';
import type { Simulator } from '../../electron/simulator/index';
import type { ErrorKind } from '../../shared/model';
import { AGENT, client, heldIds, sim, simHeld, waitFor } from './helpers';
import { startHostileServer, type HostileServer } from './hostile-server';

export interface Rig {
  sim: Simulator;
  hostile: HostileServer;
  client: AgentClient;
}

const open: HostileServer[] = [];

export async function closeHostile(): Promise<void> {
  await Promise.allSettled(open.splice(0).map((h) => h.close()));
}

/** Quick timers so a failing case costs seconds, not minutes; deadlines are the transport's own. */
export async function rig(commandTimeoutMs = 3_000): Promise<Rig> {
  // Flow control is the subject of other tests; here it would only add noise to rapid re-reads.
  const s = await sim({ flowControl: false, seed: { [AGENT]: [{ caller: '07700900123', called: '4001' }, { caller: '0161496000', called: '4001' }] } });
  const hostile = await startHostileServer(s);
  open.push(hostile);
  const c = client(s, {
    gateway: hostile.url,
    transport: { commandTimeoutMs, pollTimeoutMs: commandTimeoutMs + 1_000 },
    reconciler: { debounceMs: 10, minIntervalMs: 50 },
  });
  await c.signIn({ password: 'pw' });
  await waitFor(() => heldIds(c).length === 2, 5_000, 'the seeded list');
  return { sim: s, hostile, client: c };
}

/**
 * A refresh against the hostile answer fails with a clear typed error, within `boundMs`, and the
 * last known list stays as it was.
 */
export async function expectTypedFailure(r: Rig, kinds: ErrorKind[], boundMs = 12_000): Promise<GatewayError> {
  const before = heldIds(r.client);
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const error: unknown = await r.client.refresh().then(
    () => undefined,
    (e: unknown) => e,
  );
  const ms = performance.now() - t0;
  expect(error, 'the refresh fails').toBeInstanceOf(GatewayError);
  const failure = error as GatewayError;
  expect(kinds).toContain(failure.kind);
  expectPlainMessage(failure.message, r);
  expect(ms).toBeLessThan(boundMs);
  expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  expect(heldIds(r.client), 'the last known list is kept').toEqual(before);
  return failure;
}

/** One line for a person: no stack frames, no Guid, not a wall of text. */
export function expectPlainMessage(message: string, r: Rig): void {
  expect(message).not.toMatch(/\n|\bat .+:\d+:\d+/);
  expect(message.length).toBeLessThan(300);
  const guid = r.sim.currentGuid(AGENT);
  if (guid) expect(message).not.toContain(guid);
}

/** The gateway behaves again: the list is read again and events flow, with nobody signing in by hand. */
export async function expectRecovery(r: Rig): Promise<void> {
  r.hostile.clear();
  await waitFor(() => r.client.state.status === 'signed-in', 10_000, 'the session to be signed in');
  expect((await r.client.refresh()).map((c) => c.callid)).toEqual(simHeld(r.sim));
  const callid = r.sim.script.holdNew(AGENT, { caller: '02079460999', called: '4001' });
  await waitFor(() => heldIds(r.client).includes(callid), 10_000, 'a new hold to arrive by event');
}
