import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleControl, type ControlDeps } from './control-routes';
import { DEFAULT_MALFORMED_BODY, type Faults } from './faults';
import type { GatewayState } from './gateway';
import { handleGateway } from './gateway-routes';
import { BodyTooLarge, dripReply, envelope, JSON_TYPE, readBody, writeReply, writeTooLarge, type Reply } from './http-io';
import type { Stats } from './stats';
import type { FaultSpec, RequestRecord } from './types';

// Routes one HTTPS request: /_sim control calls, AgentGateway calls (with logging and
// fault injection), and everything else as the gateway's "no such interface".

export interface DispatchDeps extends ControlDeps {
  state: GatewayState;
  faults: Faults;
  stats: Stats;
}

const RESOURCE = '/agentgateway/resource/';

export function createDispatcher(deps: DispatchDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const prefix = deps.state.options.pathPrefix;
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'https://simulator.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const pathname = url.pathname;
    const control = controlRoute(pathname, prefix);
    const work =
      control !== undefined
        ? serveControl(deps, req, res, method, control, url.searchParams)
        : serveGateway(deps, req, res, method, pathname, url);
    work.catch((err: unknown) => {
      writeReply(res, envelope('100-007', `simulator error: ${err instanceof Error ? err.message : String(err)}`, {}, { status: 500 }));
    });
  };
}

function controlRoute(pathname: string, prefix: string): string | undefined {
  for (const base of prefix ? ['/_sim/', `${prefix}/_sim/`] : ['/_sim/']) {
    if (pathname.startsWith(base)) return pathname.slice(base.length);
  }
  return undefined;
}

async function serveControl(
  deps: DispatchDeps,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  route: string,
  query: URLSearchParams,
): Promise<void> {
  const body = await readBodyOr413(req, res);
  if (body === undefined) return;
  writeReply(res, handleControl(deps, method, route, query, body));
}

async function serveGateway(
  deps: DispatchDeps,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  pathname: string,
  url: URL,
): Promise<void> {
  const base = `${deps.state.options.pathPrefix}${RESOURCE}`;
  const inGateway = pathname.startsWith(base);
  const path = inGateway ? pathname.slice(base.length) : pathname;
  const record: RequestRecord = {
    method,
    path,
    query: url.search.replace(/^\?/, ''),
    receivedAt: performance.timeOrigin + performance.now(),
  };
  const agentId = inGateway ? /^[^/]+\/(\d{1,9})(?:\/|$)/.exec(path)?.[1] : undefined;
  if (agentId) record.agentId = agentId;
  const guid = req.headers['guid'];
  if (typeof guid === 'string') record.guidPresented = guid;
  deps.stats.record(record);

  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });

  const body = await readBodyOr413(req, res);
  if (body === undefined) return;
  if (!inGateway) {
    writeReply(res, envelope('000-002', 'no such interface', {}, { status: 404 }));
    return;
  }
  const plan = deps.faults.take(method, path);
  if (plan.delayMs > 0) await sleep(plan.delayMs);
  const fault = plan.action;
  const afterHandling = fault?.afterHandling === true && (fault.kind === 'drop' || fault.kind === 'drip');
  if (fault && !afterHandling) {
    answerWithFault(req, res, fault);
    return;
  }
  const reply = await handleGateway(deps.state, {
    method,
    path,
    query: url.searchParams,
    headers: req.headers,
    body,
    signal: abort.signal,
  });
  if (fault?.kind === 'drip') {
    if (reply) dripReply(res, reply, fault.ms);
    return;
  }
  if (fault) {
    req.socket.destroy();
    return;
  }
  if (reply) writeReply(res, reply);
}

function answerWithFault(req: IncomingMessage, res: ServerResponse, fault: FaultSpec): void {
  switch (fault.kind) {
    case 'drop':
      req.socket.destroy();
      return;
    case 'http-error': {
      const status = fault.status ?? 503;
      // Shaped like a load balancer's error page: not JSON, which clients must survive.
      const page: Reply = {
        status,
        headers: { ...fault.headers, 'Content-Type': 'text/html; charset=UTF-8' },
        body: `<html><body><h1>${status} simulated error</h1></body></html>`,
      };
      writeReply(res, page);
      return;
    }
    case 'malformed':
      writeReply(res, {
        status: 200,
        headers: { 'Content-Type': JSON_TYPE },
        body: fault.body ?? DEFAULT_MALFORMED_BODY,
      });
      return;
    case 'retcode':
      writeReply(res, envelope(fault.retcode ?? '100-007', fault.message ?? 'simulated failure', { result: null }));
      return;
    case 'drip':
      // Not handled: the request takes no effect, and its answer never quite arrives.
      dripReply(res, envelope('0', 'success', { result: null }), fault.ms);
      return;
    case 'latency':
      return;
  }
}

async function readBodyOr413(req: IncomingMessage, res: ServerResponse): Promise<string | undefined> {
  try {
    return await readBody(req);
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      writeTooLarge(res);
      return undefined;
    }
    throw err;
  }
}
