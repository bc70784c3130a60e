import { envelope, type Reply } from './http-io';
import type { GatewayState } from './gateway';
import type { Call, GatewayRequest } from './gateway-routes';
import { COOKIE_NAME } from './sessions';
import { parseSignIn } from './sign-in-body';

// The onlineagent/* routes: sign-in, sign-out, forced sign-out and the agent's status.

export function ok(state: GatewayState, fields: Record<string, unknown> = {}, headers?: Record<string, string | string[]>): Reply {
  return envelope('0', 'success', fields, { numericRetcode: state.options.numericRetcode, headers });
}

/** Documented agent states (reference section 10) the simulator can be in. */
const TALKING = 7;

export function signIn(state: GatewayState, req: GatewayRequest, agentId: string, force: boolean): Reply {
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
  // Spelled as the documentation spells them; clients that look them up case-sensitively exist.
  return ok(state, { result }, {
    'Set-GUID': `JSESSIONID=${session.guid}`,
    'Set-Cookie': `${COOKIE_NAME}=${session.cookie}; Path=/; Secure; HttpOnly`,
  });
}

/** Sign-out is refused while talking [D] and while holding [D: workbench; for the API, inferred [I]]. */
export function logout({ state, agentId }: Call): Reply {
  const phone = state.phone(agentId);
  const rule = state.options.refuseSignOut;
  const talking = phone.talking() !== undefined;
  const holding = phone.heldInOrder().length > 0;
  if ((rule !== 'never' && talking) || (rule === 'talking-or-holding' && holding)) {
    // 100-010 is the table's "state error on sign-out"; that the gateway uses it here is inferred [I].
    return envelope('100-010', talking ? 'agent is talking; sign-out refused' : 'agent is holding calls; sign-out refused');
  }
  state.sessions.end(agentId);
  return ok(state, { result: {} });
}

/**
 * forcelogout signs out and releases the active call [D] (cec_07_1220). Held calls stay on the
 * phone, as they do across any sign-out here; what a real gateway does with them is not documented [I].
 */
export function forceLogout({ state, agentId }: Call): Reply {
  state.phone(agentId).hangUp();
  state.sessions.end(agentId);
  return ok(state, { result: {} });
}

/** agentstatus: `{agentState, isWorking}` [D] (cec_07_1222); the page calls result an array, its table an object. */
export function agentStatus({ state, agentId, session }: Call): Reply {
  const talking = state.phone(agentId).talking() !== undefined;
  return ok(state, { result: { agentState: talking ? TALKING : session.status, isWorking: talking } });
}
