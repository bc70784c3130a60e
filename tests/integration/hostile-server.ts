// A hostile gateway for the integration tests: a TLS server on 127.0.0.1 that speaks HTTP/1.1 by
// hand, so it can send what no well-behaved server library would (truncated and oversized bodies,
// drips, resets mid-body, odd or repeated headers, non-UTF-8 bytes). It sits in front of a real
// simulator with the simulator's own certificate: every request no rule claims is forwarded and
// answered by the simulator byte for byte, so "the gateway behaves again" is `clear()`.
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Simulator } from '../../electron/simulator/index';

export interface RawRequest {
  method: string;
  /** Path and query as sent, including the /agentgateway/resource prefix. */
  target: string;
  /** Header names lower-cased; repeated headers joined by ', '. */
  headers: Record<string, string>;
  /** Header lines exactly as received, for assertions on what the client really sent. */
  headerLines: string[];
  body: Buffer;
}

export interface Reply {
  readonly socket: TLSSocket;
  /** Let the simulator answer, relayed verbatim, or with its header lines edited first. */
  forward(edit?: (headerLines: string[]) => string[]): Promise<void>;
  /** Write these bytes as they are (status line, headers and all). */
  raw(bytes: string | Buffer): void;
  /** A complete response; the headers are written exactly as given (repeats and odd values included). */
  send(status: number, headers: Array<[string, string]>, body: string | Buffer): void;
  /** Sends `body` a few bytes at a time, `everyMs` apart, until done or the client goes away. */
  drip(head: string, body: Buffer, everyMs: number, bytesPerTick?: number): Promise<void>;
  /** Streams `chunk` over and over (with backpressure) until `total` bytes or the client goes away. */
  flood(head: string, chunk: Buffer, total: number): Promise<void>;
  /** TCP reset: the connection is torn down without a clean close. */
  reset(): void;
  /** Clean close (FIN) without answering. */
  end(): void;
}

export type Behaviour = (request: RawRequest, reply: Reply) => void | Promise<void>;

interface Rule {
  match: string;
  behaviour: Behaviour;
  left: number;
}

export interface HostileServer {
  readonly url: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: RawRequest[];
  /** Bytes the hostile behaviours managed to write before the client stopped reading or left. */
  readonly bytesOffered: number;
  /** Requests whose target contains `match` get `behaviour` (`times` times; default: until clear()). */
  on(match: string, behaviour: Behaviour, times?: number): void;
  /** The gateway behaves again: everything goes to the simulator. */
  clear(): void;
  close(): Promise<void>;
}

const MAX_HEAD = 64 * 1024;

export async function startHostileServer(sim: Simulator): Promise<HostileServer> {
  const rules: Rule[] = [];
  const requests: RawRequest[] = [];
  const sockets = new Set<TLSSocket>();
  const upstream = new HttpsAgent({ keepAlive: true, ca: sim.caPem });
  const simUrl = new URL(sim.url);
  let bytesOffered = 0;

  const server: Server = createServer({ key: sim.keyPem, cert: sim.certPem, minVersion: 'TLSv1.2' }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    void serveConnection(socket);
  });
  server.on('tlsClientError', () => undefined);

  async function serveConnection(socket: TLSSocket): Promise<void> {
    let buffered = Buffer.alloc(0);
    let wake: (() => void) | undefined;
    let closed = false;
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      wake?.();
    });
    socket.on('close', () => {
      closed = true;
      wake?.();
    });
    const waitForData = (): Promise<void> => new Promise((resolve) => (wake = resolve));
    while (!closed && !socket.destroyed) {
      const headEnd = buffered.indexOf('\r\n\r\n');
      if (headEnd < 0) {
        if (buffered.length > MAX_HEAD) return void socket.destroy();
        await waitForData();
        continue;
      }
      const [requestLine = '', ...headerLines] = buffered.subarray(0, headEnd).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
      }
      const length = Number(headers['content-length'] ?? 0);
      while (buffered.length < headEnd + 4 + length && !closed) await waitForData();
      const body = buffered.subarray(headEnd + 4, headEnd + 4 + length);
      buffered = buffered.subarray(headEnd + 4 + length);
      const [method = 'GET', target = '/'] = requestLine.split(' ');
      const request: RawRequest = { method, target, headers, headerLines, body: Buffer.from(body) };
      requests.push(request);
      const rule = rules.find((r) => r.left > 0 && target.includes(r.match));
      if (rule) rule.left -= 1;
      try {
        await (rule?.behaviour ?? ((_req, reply) => reply.forward()))(request, replier(socket, request));
      } catch {
        socket.destroy();
      }
    }
  }

  function replier(socket: TLSSocket, request: RawRequest): Reply {
    const write = (bytes: string | Buffer): boolean => {
      if (socket.destroyed) return false;
      const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
      bytesOffered += buf.length;
      return socket.write(buf);
    };
    const gone = (): boolean => socket.destroyed || !socket.writable;
    return {
      socket,
      forward: (edit) => forward(socket, request, edit),
      raw: (bytes) => void write(bytes),
      send(status, headers, body) {
        const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
        const lines = headers.map(([name, value]) => `${name}: ${value}\r\n`).join('');
        write(`HTTP/1.1 ${status} ${status < 400 ? 'OK' : 'Error'}\r\n${lines}\r\n`);
        write(payload);
      },
      async drip(head, body, everyMs, bytesPerTick = 1) {
        write(head);
        for (let i = 0; i < body.length && !gone(); i += bytesPerTick) {
          await sleep(everyMs);
          write(body.subarray(i, i + bytesPerTick));
        }
      },
      async flood(head, chunk, total) {
        write(head);
        let sent = 0;
        while (sent < total && !gone()) {
          sent += chunk.length;
          if (!write(chunk)) {
            await new Promise<void>((resolve) => {
              const done = (): void => {
                socket.off('drain', done);
                socket.off('close', done);
                resolve();
              };
              socket.on('drain', done);
              socket.on('close', done);
            });
          }
        }
      },
      reset: () => socket.resetAndDestroy(),
      end: () => void socket.end(),
    };
  }

  /** Relays one request to the simulator and its answer back, headers spelled as the simulator spelled them. */
  function forward(socket: TLSSocket, request: RawRequest, edit: ((headerLines: string[]) => string[]) | undefined): Promise<void> {
    return new Promise((resolve) => {
      const headers = { ...request.headers, host: simUrl.host };
      const out = httpsRequest(
        { host: simUrl.hostname, port: simUrl.port, method: request.method, path: request.target, headers, agent: upstream },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            let lines: string[] = [];
            for (let i = 0; i < res.rawHeaders.length; i += 2) {
              const name = res.rawHeaders[i]!;
              if (!/^(content-length|transfer-encoding|connection|keep-alive)$/i.test(name)) lines.push(`${name}: ${res.rawHeaders[i + 1]}`);
            }
            if (edit) lines = edit(lines);
            // Relayed bytes are not counted in bytesOffered: that figure is for hostile behaviours.
            const headBytes = Buffer.from(`HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n${lines.map((l) => `${l}\r\n`).join('')}Content-Length: ${body.length}\r\n\r\n`, 'latin1');
            if (!socket.destroyed) socket.write(headBytes);
            if (!socket.destroyed) socket.write(body);
            resolve();
          });
          res.on('error', () => resolve());
        },
      );
      // The client gave up (an abandoned long poll): let the simulator know, as a direct client would.
      const onClose = (): void => void out.destroy();
      socket.once('close', onClose);
      out.on('close', () => socket.off('close', onClose));
      out.on('error', () => {
        socket.destroy();
        resolve();
      });
      out.end(request.body);
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    requests,
    get bytesOffered() {
      return bytesOffered;
    },
    on(match, behaviour, times = Infinity) {
      rules.unshift({ match, behaviour, left: times });
    },
    clear() {
      rules.length = 0;
    },
    async close() {
      rules.length = 0;
      for (const socket of sockets) socket.destroy();
      upstream.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A status line and headers for a hand-written response head. */
export function head(status: number, headers: Array<[string, string | number]>): string {
  return `HTTP/1.1 ${status} ${status < 400 ? 'OK' : 'Error'}\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
}

export const JSON_TYPE = 'application/json; charset=UTF-8';
