import type { IncomingHttpHeaders } from 'node:http';
import { callInfo, holdListItem } from './call-views';
import type { GatewayState } from './gateway';
import { envelope, type Reply } from './http-io';
import { COOKIE_NAME, type Session } from './sessions';
import { parseSignIn } from './sign-in-body';

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

interface Call {
  state: GatewayState;
  req: GatewayRequest;
  agentId: string;
  params: string[];
  session: Session;
}

interface Route {
  method: string;
  pattern: RegExp;
  /** Sign-in routes run without a session; everything else needs Guid (and cookie). */
  open?: (state: GatewayState, req: GatewayRequest, agentId: string) => Reply;
  run?: (call: Call) => Reply | Promise<Reply | null>;
}

const AGENT_ID = /^\d{1,9}$/;

const ROUTES: Route[] = [
  { method: 'PUT', pattern: /^onlineagent\/([^/]+)$/, open: (s, r, a) => signIn(s, r, a, false) },
  { method: 'PUT', pattern: /^onlineagent\/([^/]+)\/forcelogin$/, open: (s, r, a) => signIn(s, r, a, true) },
  { method: 'DELETE', pattern: /^onlineagent\/([^/]+)\/logout$/, run: logout },
  { method: 'GET', pattern: /^agentevent\/([^/]+)$/, run: poll },
  { method: 'GET', pattern: /^calldata\/([^/]+)\/holdlist$/, run: holdList },
  { method: 'GET', pattern: /^calldata\/([^/]+)\/callinfo$/, run: currentCall },
  { method: 'POST', pattern: /^voicecall\/([^/]+)\/hold$/, run: hold },
  { method: 'DELETE', pattern: /^voicecall\/([^/]+)\/release$/, run: release },
  { method: 'POST', pattern: /^voicecall\/([^/]+)\/gethold$/, run: getHold },
  { method: 'POST', pattern: /^voicecall\/([^/]+)\/connecthold\/([^/]+)$/, run: connectHold },
];

/** Resolves to null when nothing should be written (the client left a long poll). */
export async function handleGateway(state: GatewayState, req: GatewayRequest): Promise<Reply | null> {
  const matching = ROUTES.filter((r) => r.pattern.test(req.path));
  const route = matching.find((r) => r.method === req.method);
  if (!route) {
    if (matching.length === 0) return envelope('000-002', 'no such interface', {}, { status: 404 });
    const allow = matching.map((r) => r.method).join(', ');
    return envelope('000-002', 'method not allowed', {}, { status: 405, headers: { allow } });
  }
  const params = (route.pattern.exec(req.path) ?? []).slice(1).map(safeDecode);
  const agentId = params[0] ?? '';
  if (!AGENT_ID.test(agentId)) return envelope('000-002', 'invalid agentid');
  if (route.open) return route.open(state, req, agentId);
  const auth = state.sessions.authenticate(agentId, req.headers);
  if (!auth.ok) return envelope(auth.retcode, auth.message);
  return (await route.run?.({ state, req, agentId, params, session: auth.session })) ?? null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function ok(state: GatewayState, fields: Record<string, unknown> = {}, headers?: Record<string, string | string[]>): Reply {
  return envelope('0', 'success', fields, { numericRetcode: state.options.numericRetcode, headers });
}

function signIn(state: GatewayState, req: GatewayRequest, agentId: string, force: boolean): Reply {
  const parsed = parseSignIn(req.body);
  if (!parsed.ok) return envelope('100-001', parsed.message);
  const expected = state.options.passwords?.[agentId];
  if (state.options.passwords && expected !== parsed.value.password) {
    return envelope('100-004', 'wrong username or password');
  }
  if (!force && state.sessions.live(agentId)) {
    return envelope('100-002', 'agent already signed in; use forcelogin');
  }
  const session = state.signIn(agentId, parsed.value.status);
  const result = {
    vdnid: 1,
    workno: agentId,
    mediatype: 'TFF',
    loginTime: Date.now(),
    isForceChange: false,
    serverName: 'AgentGateway0',
    timeRemaining: 0,
  };
  return ok(state, { result }, {
    'set-guid': `JSESSIONID=${session.guid}`,
    'set-cookie': `${COOKIE_NAME}=${session.cookie}; Path=/; Secure; HttpOnly`,
  });
}

function logout({ state, agentId }: Call): Reply {
  state.sessions.end(agentId);
  return ok(state, { result: {} });
}

async function poll({ state, req, session }: Call): Promise<Reply | null> {
  const outcome = await state.hub.poll(session, state.options.pollWaitMs, req.signal);
  if (outcome.kind === 'gone') return null;
  if (outcome.kind === 'ended') return envelope('100-006', 'agent not signed in');
  // A superseded poll's client has usually given up on it; a new Guid there would be lost.
  const rotated = outcome.kind === 'empty' && outcome.superseded ? undefined : state.sessions.rotateIfDue(session);
  const headers = rotated ? { 'set-guid': `JSESSIONID=${rotated}` } : undefined;
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
  if (state.options.callinfoList) return ok(state, { result: call ? [callInfo(call, state.options.style)] : [] });
  if (!call) return envelope('200-002', 'no call');
  return ok(state, { result: callInfo(call, state.options.style) });
}

function hold({ state, agentId }: Call): Reply {
  const outcome = state.phone(agentId).hold();
  if (!outcome.ok) return envelope(outcome.retcode, outcome.message);
  state.publish(agentId, outcome.events);
  return ok(state, { result: {} });
}

/** Release ends the talking call only (a held call cannot be released: reference §7). */
function release({ state, agentId }: Call): Reply {
  const phone = state.phone(agentId);
  const call = phone.talking();
  if (!call) return envelope('200-017', 'no call to release');
  const outcome = phone.release(call.callid);
  if (!outcome.ok) return envelope(outcome.retcode, outcome.message);
  // The events the reference lists for release (§6): Call_Release, Customer_Release, PhoneRelease, Ready.
  state.publish(agentId, [...outcome.events, { kind: 'customer-released', call }, { kind: 'phone-released' }]);
  state.emit(agentId, 'AgentState_Ready', '');
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
