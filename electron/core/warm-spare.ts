// One verified, idle connection kept ready for the command pool, so a hotkey press never waits
// for a TLS handshake (~20 ms), not after minutes of idle and not while a holdlist query holds
// the pool's other connection.
//
// Why a spare rather than keeping the last connection alive: the gateway (or a load balancer in
// front of it) decides how long an idle keep-alive connection lives, typically 5-60 s, and agents
// press the hotkey minutes apart. A spare that was never used for a request is re-opened as soon
// as the server closes it, and replaced at once when the pool takes it. Pinging the gateway with
// requests to keep a connection alive would instead cost gateway requests (flow-controlled) for
// every idle agent.
//
// Bounds: at most one spare and one opening at a time; re-opens after a server close are at least
// `minReopenMs` apart; failed opens back off to a minute; no spare is kept once the transport has
// been unused for `idleStopMs` (signed out), so an idle app does not handshake forever.
// The spare comes from the same connector as every other connection, so it has passed the same
// certificate (or pin) check before it can carry a request.
import type { TLSSocket } from 'node:tls';
import type { buildConnector } from 'undici';

type Connector = buildConnector.connector;
type ConnectOptions = buildConnector.Options;

export interface WarmSpareOptions {
  /** Least time between two opens caused by the server closing the spare (default 5 s). */
  minReopenMs?: number;
  /** Stop keeping a spare after this long without a request (default 10 min). */
  idleStopMs?: number;
}

const DEFAULTS = { minReopenMs: 5_000, idleStopMs: 10 * 60_000 };
const MAX_BACKOFF_MS = 60_000;

export class WarmSpare {
  readonly connector: Connector;
  private readonly opts: Required<WarmSpareOptions>;
  private target?: ConnectOptions;
  private spare?: TLSSocket;
  private detach?: () => void;
  private opening = false;
  private closed = false;
  private timer?: ReturnType<typeof setTimeout>;
  private lastOpen = -Infinity;
  private lastUse = Date.now();
  private failures = 0;
  private taken = 0;

  constructor(
    private readonly connect: Connector,
    options: WarmSpareOptions = {},
  ) {
    this.opts = { ...DEFAULTS, ...options };
    this.connector = (options, callback) => this.provide(options, callback);
  }

  /** How many connections the pool got from the spare (for tests and diagnostics). */
  get used(): number {
    return this.taken;
  }

  get ready(): boolean {
    return this.spare !== undefined && healthy(this.spare);
  }

  /** Every request through the transport (polls included) says the connection is still wanted. */
  noteUse(): void {
    this.lastUse = Date.now();
    if (this.target && !this.spare && !this.opening && this.timer === undefined) this.schedule(0);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.dropSpare();
  }

  private provide(options: ConnectOptions, callback: Parameters<Connector>[1]): void {
    // The pool always asks for the same origin; the first request teaches us where to connect.
    this.target ??= { ...options };
    const spare = this.spare;
    if (spare && healthy(spare)) {
      this.detach?.();
      this.spare = this.detach = undefined;
      this.taken += 1;
      spare.ref(); // undici decides from here on (it unrefs idle connections itself)
      // Never call back synchronously: undici's client ignores a resume from inside its own
      // connect call, and the request would wait forever on a connected socket.
      queueMicrotask(() => callback(null, spare));
      this.schedule(0);
      return;
    }
    this.dropSpare();
    this.connect(options, (error, socket) => {
      if (error || !socket) {
        callback(error ?? new Error('connect failed'), null);
        return;
      }
      callback(null, socket);
      this.schedule(0);
    });
  }

  private schedule(delayMs: number): void {
    if (this.closed || this.timer !== undefined) return;
    // After the request that took the spare has been written, not before.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.open();
    }, delayMs);
    this.timer.unref?.();
  }

  private open(): void {
    if (this.closed || this.opening || this.spare || !this.target) return;
    if (Date.now() - this.lastUse > this.opts.idleStopMs) return; // noteUse() starts it again
    this.opening = true;
    this.lastOpen = Date.now();
    this.connect(this.target, (error, socket) => {
      this.opening = false;
      if (error || !socket) {
        this.failures += 1;
        this.schedule(Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** (this.failures - 1)));
        return;
      }
      this.failures = 0;
      if (this.closed) {
        socket.destroy();
        return;
      }
      this.keep(socket as TLSSocket);
    });
  }

  private keep(socket: TLSSocket): void {
    const gone = (): void => {
      if (this.spare !== socket) return;
      this.dropSpare();
      this.schedule(Math.max(0, this.lastOpen + this.opts.minReopenMs - Date.now()));
    };
    // A server that closes idle connections sends FIN (end) or resets (error, close); one that
    // answers on an idle connection (a 408) has made it unusable for a request (data).
    const onData = (): void => gone();
    socket.on('end', gone);
    socket.on('close', gone);
    socket.on('error', gone);
    socket.on('readable', onData);
    // A waiting spare must not keep a process alive that is otherwise done.
    socket.unref();
    this.spare = socket;
    this.detach = () => {
      socket.off('end', gone);
      socket.off('close', gone);
      socket.off('error', gone);
      socket.off('readable', onData);
    };
  }

  private dropSpare(): void {
    const spare = this.spare;
    this.detach?.();
    this.spare = this.detach = undefined;
    spare?.destroy();
  }
}

/** Connected, both ways open, nothing unread. */
function healthy(socket: TLSSocket): boolean {
  return !socket.destroyed && socket.readable && socket.writable && !socket.readableEnded && socket.readableLength === 0;
}
