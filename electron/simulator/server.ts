import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { SimulatorTls } from './certs';
import type { Stats } from './stats';

// The HTTPS listener. Keeps track of every socket so close() and restart() can cut
// connections the way a crashed or redeployed gateway would, instead of waiting for
// keep-alive connections and long polls to drain.

export interface ListenerConfig {
  host: string;
  tls: SimulatorTls;
  keepAliveTimeoutMs: number;
  stats: Stats;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export class Listener {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly config: ListenerConfig) {}

  async listen(port: number): Promise<number> {
    const { tls, stats, keepAliveTimeoutMs } = this.config;
    const server = createServer({ key: tls.key, cert: tls.cert, minVersion: 'TLSv1.2' }, this.config.handler);
    server.keepAliveTimeout = keepAliveTimeoutMs;
    server.on('connection', (socket: Socket) => {
      stats.connections += 1;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('secureConnection', () => {
      stats.tlsHandshakes += 1;
    });
    // Clients that reject our certificate end the handshake; that is expected, not a server fault.
    server.on('tlsClientError', () => {});
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      server.once('error', onError);
      server.listen(port, this.config.host, () => {
        server.off('error', onError);
        resolve();
      });
    });
    server.on('error', () => {});
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
    this.server = server;
    return this.port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    server.closeAllConnections();
    await closed;
  }
}
