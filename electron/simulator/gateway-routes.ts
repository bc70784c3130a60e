import type { IncomingHttpHeaders } from 'node:http';
import { agentStatus, forceLogout, logout, ok, signIn } from './agent-routes';
import { callInfo, holdListItem } from './call-views';
import type { GatewayState } from './gateway';
import { envelope, type Reply } from './http-io';
import type { Session } from './sessions';

// The AgentGateway REST routes (paths relative to /agentgateway/resource/).

export interface GatewayRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** Aborted when the client goes away before the reply is written. */
  signal: AbortSignal;
}

export interface Call {
  state: GatewayState;
  req: GatewayRequest;
  agentId: string;
  params: string[];
  session: Session;
}

interface Route {
  method: string;
  pattern: RegExp;
  /** Sign-in routes run without a session; everything else needs the Guid (and the cookie if required). */
  open?: (state: GatewayState, req: GatewayRequest, agentId: string) => Reply;
  run?: (call: Call) => Reply | Promise<Reply | null>;
  /** A query interface under the gateway's per-agent flow control. */
  query?: boolean;
}

/** Agent ids run from 101 to 999999 (docs updated 2025-11; older pages say 59999) [D]. */
export function isAgentId(value: string): boolean {
  return /^[1-9]\d{2,5}$/.test(value) && Number(value) >= 101;
}

const ROUTES: Route[] = [
  { method: 'PUT', pattern: /^onlineagent\/([^/]+)$/, open: (s, r, a) => signIn(s, r, a, false) },
  { method: 'PUT', pattern: /^onlineagent\/([^/]+)\/forcelogin$/, open: (s, r, a) => signIn(s, r, a, true) },
  { method: 'DELETE', pattern: /^onlineagent\/([^/]+)\/logout$/, run: logout },
  { method: 'DELETE', pattern: /^onlineagent\/([^/]+)\/forcelogout$/, run: forceLogout },
  { method: 'GET', pattern: /^onlineagent\/([^/]+)\/agentstatus$/, run: agentStatus },
  { method: 'GET', pattern: /^agentevent\/([^/]+)$/, run: poll },
  { method: 'GET', pattern: /^calldata\/([^/]+)\/holdlist$/, run: holdList, query: true },
  { method: 'GET', pattern: /^calldata\/([^/]+)\/callinfo$/, run: currentCall, query: true },
  { method: 'POST', pattern: /^voicecall\/([^/]+)\/hold$/, run: hold },
  { method: 'POST', pattern: /^voicecall\/([^/]+)\/gethold$/, run: getHold },
  { method: 'POST', pattern: /^voicecall\/([^/]+)\/connecthold\/([^/]+)$/, run: connectHold },
  { method: 'DELETE', pattern: /^voicecall\/([^/]+)\/release$/, run: release },
  // The legacy spelling of release [D] (cec_05_4035).
  { method: 'DELETE', pattern: /^voicecall\/([^/]+)$/, run: release },
];

/** Resolves to null when nothing should be written (the client left a long poll). */
export async function handleGateway(state: GatewayState, req: GatewayRequest): Promise<Reply | null> {
  const matching = ROUTES.filter((r) => r.pattern.test(req.path));
  const route = matching.find((r) => r.method === req.method);
  if (!route) {
    if (matching.length === 0) return envelope('000-002', 'no such interface', {}, { status: 404 });
    const allow = [...new Set(matching.map((r) => r.method))].join(', ');
    return envelope('000-002', 'method not allowed', {}, { status: 405, headers: { Allow: allow } });
  }
  const params = (route.pattern.exec(req.path) ?? []).slice(1).map(safeDecode);
  const agentId = params[0] ?? '';
  if (!isAgentId(agentId)) return envelope('000-002', 'invalid agentid');
  if (route.open) return route.open(state, req, agentId);
  const auth = state.sessions.authenticate(agentId, req.headers);
  if (!auth.ok) return envelope(auth.retcode, auth.message);
  if (route.query && state.flow) {
    const decision = state.flow.admit(agentId);
    if (!decision.ok) return flowRefusal(state, decision.retryAfterMs);
  }
  return (await route.run?.({ state, req, agentId, params, session: auth.session })) ?? null;
}

function flowRefusal(state: GatewayState, retryAfterMs: number): Reply {
  const limit = state.flow!.limit;
  const message = `flow control: more than ${limit.limit} queries in ${limit.windowMs} ms`;
  if (limit.httpStatus === undefined) return envelope(limit.retcode, message);
  const headers = { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) };
  return envelope(limit.retcode, message, {}, { status: limit.httpStatus, headers });
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

async function poll({ state, req, session }: Call): Promise<Reply | null> {
  const outcome = await state.hub.poll(session, state.options.pollWaitMs, req.signal);
  if (outcome.kind === 'gone') return null;
  if (outcome.kind === 'ended') return envelope('100-006', 'agent not signed in');
  // A superseded poll's client has usually given up on it; a new Guid there would be lost.
  const rotated = outcome.kind === 'empty' && outcome.superseded ? undefined : state.sessions.rotateIfDue(session);
  const headers = rotated ? { 'Set-GUID': `JSESSIONID=${rotated}` } : undefined;
  const fields = outcome.kind === 'event' ? { event: outcome.event } : {};
  return envelope('0', '', fields, { numericRetcode: state.options.numericRetcode, headers });
}

function holdList({ state, agentId }: Call): Reply {
  const held = state.phone(agentId).heldInOrder();
  if (held.length === 0) return envelope('400-003', 'no held call information');
  return ok(state, { result: held.map((c) => holdListItem(c, state.options.style)) });
}

function currentCall({ state, agentId }: Call): Reply {
  const call = state.phone(agentId).talking();
  if (!call) return envelope('200-002', 'no call');
  return ok(state, { result: callInfo(call, state.options.style) });
}

function hold({ state, agentId }: Call): Reply {
  const outcome = state.phone(agentId).hold();
  if (!outcome.ok) return envelope(outcome.retcode, outcome.message);
  state.publish(agentId, outcome.events);
  return ok(state, { result: {} });
}

function getHold({ state, req, agentId }: Call): Reply {
  const callid = req.query.get('callid') || undefined;
  const outcome = state.phone(agentId).resume(callid, state.options.getholdWhileTalking);
  if (!outcome.ok) return envelope(outcome.retcode, outcome.message);
  state.publish(agentId, outcome.events);
  return ok(state, { result: {} });
}

function connectHold({ state, agentId, params }: Call): Reply {
  const outcome = state.phone(agentId).connectHold(params[1] ?? '');
  if (!outcome.ok) return envelope(outcome.retcode, outcome.message);
  state.publish(agentId, outcome.events);
  return ok(state, { result: {} });
}

function release({ state, agentId }: Call): Reply {
  const outcome = state.phone(agentId).hangUp();
  if (!outcome.ok) return envelope(outcome.retcode, outcome.message);
  state.publish(agentId, outcome.events);
  return ok(state, { result: {} });
}
