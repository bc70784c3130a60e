// The transport against the simulator over real HTTPS: overall deadlines (a dripping gateway),
// whether a request was sent, the warm spare connection, and Retry-After.
import { afterEach, describe, expect, it } from 'vitest';
import { TransportError } from '../../electron/core/errors';
import { createServer as createTlsServer } from 'node:tls';
import { buildGatewayConnector, secureContextFor } from '../../electron/core/tls';
import { WarmSpare } from '../../electron/core/warm-spare';
import { GatewayTransport, type RequestSpec, type TransportOptions } from '../../electron/core/transport';
import type { Simulator } from '../../electron/simulator/index';
import { AGENT, client, closeAll, sim, waitFor } from './helpers';

const open: GatewayTransport[] = [];
afterEach(async () => {
  await Promise.allSettled(open.splice(0).map((t) => t.destroy()));
  await closeAll();
});

function transport(s: Simulator, options: TransportOptions = {}): GatewayTransport {
  const t = new GatewayTransport(new URL(s.url).origin, { caPem: s.caPem }, options);
  open.push(t);
  return t;
}

const RESOURCE = '/agentgateway/resource';
const holdlist = (): RequestSpec => ({ channel: 'command', method: 'GET', path: `${RESOURCE}/calldata/${AGENT}/holdlist`, label: 'held-call list' });
const callinfo = (): RequestSpec => ({ channel: 'command', method: 'GET', path: `${RESOURCE}/calldata/${AGENT}/callinfo`, label: 'call info' });
const failure = (promise: Promise<unknown>): Promise<TransportError> => promise.then(
  () => {
    throw new Error('expected a failure');
  },
  (error: unknown) => error as TransportError,
);

describe('overall deadlines', () => {
  it('ends a command whose answer drips one byte at a time, as a sent timeout, at its deadline', async () => {
    const s = await sim();
    const t = transport(s, { commandTimeoutMs: 600 });
    s.faults.add({ match: { path: 'holdlist' }, kind: 'drip', ms: 100 });
    const started = performance.now();
    const error = await failure(t.request(holdlist(), {}));
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: 'DEADLINE', kind: 'timeout', sent: true, transient: true });
    expect(error.message).toMatch(/did not answer within 0\.6 s \(held-call list\)/);
    // The idle timer alone would never fire: a byte arrives every 100 ms.
    expect(elapsed).toBeGreaterThanOrEqual(590);
    expect(elapsed).toBeLessThan(1_500);
  });

  it('ends a dripping event poll at the poll deadline', async () => {
    const s = await sim();
    const t = transport(s, { pollTimeoutMs: 800 });
    s.faults.add({ match: { path: 'agentevent' }, kind: 'drip', ms: 50 });
    const started = performance.now();
    const error = await failure(t.request({ channel: 'poll', method: 'GET', path: `${RESOURCE}/agentevent/${AGENT}`, label: 'event poll' }, {}));
    expect(error).toMatchObject({ code: 'DEADLINE', kind: 'timeout', sent: true });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('reports a request that timed out in the queue as not sent, and never sends it afterwards', async () => {
    const s = await sim();
    // One connection and no spare: the second request must wait behind the first.
    const t = transport(s, { commandTimeoutMs: 500, commandConnections: 1, keepWarm: false });
    s.faults.add({ match: { path: 'holdlist' }, kind: 'drip', ms: 100 });
    const first = failure(t.request({ ...holdlist(), deadlineMs: 1_500 }, {}));
    await waitFor(() => s.stats.count({ path: 'holdlist' }) === 1, 2_000, 'the first request');
    const second = await failure(t.request(callinfo(), {}));
    expect(second).toMatchObject({ code: 'DEADLINE', kind: 'timeout', sent: false });
    expect(await first).toMatchObject({ code: 'DEADLINE', sent: true });
    // The connection is free again: a later request goes out, the timed-out one never does.
    const later = await t.request(holdlist(), {});
    expect(later.status).toBe(200);
    expect(s.stats.count({ path: 'callinfo' })).toBe(0);
  });

  it('reports a request cancelled before it reached the socket as not sent', async () => {
    const s = await sim();
    const t = transport(s, { commandConnections: 1, keepWarm: false, commandTimeoutMs: 2_000 });
    s.faults.add({ match: { path: 'holdlist' }, kind: 'latency', ms: 300 });
    const first = t.request(holdlist(), {});
    await waitFor(() => s.stats.count({ path: 'holdlist' }) === 1, 2_000, 'the first request');
    const controller = new AbortController();
    const second = failure(t.request({ ...callinfo(), signal: controller.signal }, {}));
    controller.abort();
    expect(await second).toMatchObject({ code: 'ABORTED', sent: false });
    expect((await first).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(s.stats.count({ path: 'callinfo' })).toBe(0);
  });
});

describe('warm spare connection', () => {
  it('builds one TLS context per trust setting and reuses it', async () => {
    const s = await sim();
    const withCa = secureContextFor({ caPem: s.caPem });
    expect(secureContextFor({ caPem: s.caPem })).toBe(withCa);
    expect(secureContextFor({})).toBe(secureContextFor({}));
    expect(secureContextFor({})).not.toBe(withCa);
    expect(secureContextFor({ pin: 'AA' })).toBe(secureContextFor({ pin: 'BB' }));
    expect(secureContextFor({ pin: 'AA' })).not.toBe(withCa);
  });

  it('answers a command after the idle connection closed without a new handshake', async () => {
    // The server closes idle keep-alive connections after 300 ms, as gateways do (after longer).
    const s = await sim({ keepAliveTimeoutMs: 300 });
    const t = transport(s);
    expect((await t.request(holdlist(), {})).status).toBe(200);
    await waitFor(() => t.spareReady, 2_000, 'the spare');
    await new Promise((r) => setTimeout(r, 800)); // the used connection is gone by now
    const handshakes = s.stats.tlsHandshakes;
    let handshakesAtReceipt = -1;
    const stop = s.onRequest(() => (handshakesAtReceipt = s.stats.tlsHandshakes));
    expect((await t.request(holdlist(), {})).status).toBe(200);
    stop();
    expect(handshakesAtReceipt).toBe(handshakes);
    expect(t.spareConnectionsUsed).toBe(1);
    // And a new spare replaces it, ready for the next press.
    await waitFor(() => t.spareReady, 2_000, 'the next spare');
  });

  it('re-opens the spare when the server closes it', async () => {
    const s = await sim();
    const t = transport(s);
    await t.request(holdlist(), {});
    await waitFor(() => t.spareReady, 2_000, 'the spare');
    const connections = s.stats.connections;
    await s.restart(); // cuts every connection, the spare included
    await waitFor(() => t.spareReady && s.stats.connections > connections, 10_000, 'a new spare');
    expect((await t.request(holdlist(), {})).status).toBe(200);
  });

  it('a resume that overlaps a holdlist query goes out at once, on a connection already open', async () => {
    const s = await sim({ seed: { [AGENT]: [{ caller: '0701', called: '1' }, { caller: '0702', called: '2' }] } });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    await waitFor(() => c.stats.tlsHandshakes >= 3, 2_000, 'command, poll and spare connections');
    s.faults.add({ match: { path: 'holdlist' }, kind: 'latency', ms: 400 });
    const query = c.refresh();
    await waitFor(() => s.stats.count({ path: 'holdlist' }) >= 2, 2_000, 'the query to be out');
    const handshakes = s.stats.tlsHandshakes;
    const received = new Promise<number>((resolve) => {
      const stop = s.onRequest((r) => {
        if (r.path.includes('gethold')) {
          stop();
          resolve(s.stats.tlsHandshakes);
        }
      });
    });
    const started = performance.now();
    const result = await c.resume(c.heldCalls()[0]!.callid);
    expect(result.ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(300); // not behind the 400 ms query
    expect(await received).toBe(handshakes);
    await query;
  });

  it('checks the pin on the spare too: a gateway with another certificate gets no request', async () => {
    const first = await sim();
    const t = new GatewayTransport(new URL(first.url).origin, { pin: first.fingerprint256 });
    open.push(t);
    expect((await t.request(holdlist(), {})).status).toBe(200);
    await waitFor(() => t.spareReady, 2_000, 'the spare');
    // Another gateway (another certificate) takes over the same address.
    const port = first.port;
    await first.close();
    const second = await sim({ port });
    await new Promise((r) => setTimeout(r, 100)); // the client has seen its connections close
    const error = await failure(t.request(holdlist(), {}));
    expect(error).toMatchObject({ kind: 'tls', code: 'PIN_MISMATCH' });
    await new Promise((r) => setTimeout(r, 300)); // any spare re-open has run by now
    expect(second.stats.requests()).toHaveLength(0);
    expect(t.spareReady).toBe(false);
  });

  it('re-opens a spare the server keeps closing no more often than minReopenMs', async () => {
    const s = await sim();
    // A TLS server (the simulator's certificate) that drops every connection after 50 ms idle.
    let connections = 0;
    const server = createTlsServer({ key: s.keyPem, cert: s.certPem }, (socket) => {
      connections += 1;
      setTimeout(() => socket.destroy(), 50);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const spare = new WarmSpare(buildGatewayConnector({ caPem: s.caPem }), { minReopenMs: 400 });
    try {
      // The first connection, as the pool would ask for it, teaches the spare where to connect.
      await new Promise<void>((resolve, reject) =>
        spare.connector({ hostname: '127.0.0.1', host: `127.0.0.1:${port}`, protocol: 'https:', port: String(port), servername: 'localhost' }, (error, socket) => {
          if (error) return reject(error);
          socket!.destroy();
          resolve();
        }),
      );
      await new Promise((r) => setTimeout(r, 1_300));
      // 1 for the pool, then spares at about 0, 400, 800 and 1,200 ms: never one per 50 ms.
      expect(connections).toBeGreaterThanOrEqual(3);
      expect(connections).toBeLessThanOrEqual(6);
    } finally {
      spare.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('keeps no spare for a one-shot client', async () => {
    const s = await sim();
    const t = transport(s, { keepWarm: false });
    await t.request(holdlist(), {});
    await new Promise((r) => setTimeout(r, 200));
    expect(t.spareReady).toBe(false);
    expect(s.stats.tlsHandshakes).toBe(1);
  });
});

describe('Retry-After', () => {
  it('retries a held-list query after a 503 no sooner than the gateway asked', async () => {
    const s = await sim({ seed: { [AGENT]: [{ caller: '0701', called: '1' }] } });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const times: number[] = [];
    s.onRequest((r) => r.path.includes('holdlist') && times.push(r.receivedAt));
    s.faults.add({ match: { path: 'holdlist' }, kind: 'http-error', status: 503, headers: { 'retry-after': '1' } });
    expect(await c.refresh()).toHaveLength(1);
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(990);
  });

  it('honours an HTTP date and a 429 the same way', async () => {
    const s = await sim();
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const times: number[] = [];
    s.onRequest((r) => r.path.includes('holdlist') && times.push(r.receivedAt));
    const at = new Date(Date.now() + 3_000).toUTCString(); // whole seconds: 2-3 s from now
    s.faults.add({ match: { path: 'holdlist' }, kind: 'http-error', status: 429, headers: { 'retry-after': at } });
    await c.refresh();
    expect(times).toHaveLength(2);
    // Not before the date (both clocks are this machine's wall clock).
    expect(times[1]!).toBeGreaterThanOrEqual(Date.parse(at) - 20);
  });

  it('does not retry within the call when asked to wait longer than the bound, and says how long', async () => {
    const s = await sim();
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const before = s.stats.count({ path: 'holdlist' });
    s.faults.add({ match: { path: 'holdlist' }, kind: 'http-error', status: 503, headers: { 'retry-after': '120' } });
    const error = await failure(c.refresh());
    expect(error).toMatchObject({ code: 'HTTP_503', retryAfterMs: 120_000 });
    expect(s.stats.count({ path: 'holdlist' }) - before).toBe(1);
  });

  it('never repeats a resume on its own because of Retry-After', async () => {
    const s = await sim({ seed: { [AGENT]: [{ caller: '0701', called: '1' }] } });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const callid = c.heldCalls()[0]!.callid;
    // The action layer checks the list before any resend; the API itself sends it once.
    s.faults.add({ match: { path: 'gethold' }, kind: 'http-error', status: 503, headers: { 'retry-after': '0' }, times: 5 });
    const result = await c.resume(callid);
    expect(result).toMatchObject({ ok: false, code: 'HTTP_503' });
    // Once, then once more after the held list showed the call still held: never a third time.
    expect(s.stats.count({ path: 'gethold' })).toBe(2);
  });
});
