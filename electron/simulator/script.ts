import type { GatewayState } from './gateway';
import type { Outcome } from './phone';
import type { SeedCall, SimulatorScript } from './types';

// What happens on the telephony side without the agent's client asking: customers
// calling and hanging up, supervisors forcing agents out. Used by tests and /_sim/script.

function applied(state: GatewayState, agentId: string, outcome: Outcome, what: string): string {
  if (!outcome.ok) throw new Error(`${what} for agent ${agentId}: ${outcome.message}`);
  state.publish(agentId, outcome.events);
  return outcome.callid ?? '';
}

export function createScript(state: GatewayState): SimulatorScript {
  const talk = (agentId: string, call: Omit<SeedCall, 'state'>): string =>
    applied(state, agentId, state.phone(agentId).add({ ...call, state: 'talking' }), 'talk');
  const hold = (agentId: string): string => applied(state, agentId, state.phone(agentId).hold(), 'hold');
  return {
    talk,
    hold,
    holdNew(agentId, call) {
      const callid = talk(agentId, call);
      hold(agentId);
      return callid;
    },
    addHeld(agentId, call) {
      return applied(state, agentId, state.phone(agentId).add({ ...call, state: 'held' }), 'addHeld');
    },
    customerHangsUp(agentId, callid) {
      applied(state, agentId, state.phone(agentId).customerHangsUp(callid), 'customerHangsUp');
    },
    release(agentId, callid) {
      applied(state, agentId, state.phone(agentId).release(callid), 'release');
    },
    forceSignOut(agentId) {
      state.sessions.end(agentId);
    },
    rotateGuid(agentId) {
      const session = state.sessions.live(agentId);
      if (!session) throw new Error(`agent ${agentId} is not signed in`);
      session.rotateRequested = true;
    },
    emit(agentId, eventType, content) {
      if (!state.emit(agentId, eventType, content)) throw new Error(`agent ${agentId} is not signed in`);
    },
    calls(agentId) {
      return state.phone(agentId).snapshot();
    },
  };
}

/** Seeds go straight onto the phones: nobody is signed in yet to be told about them. */
export function seedCalls(state: GatewayState, seed: Record<string, SeedCall[]> | undefined): void {
  for (const [agentId, calls] of Object.entries(seed ?? {})) {
    if (calls.filter((c) => c.state === 'talking').length > 1) {
      throw new Error(`seed for agent ${agentId} has more than one talking call`);
    }
    const phone = state.phone(agentId);
    for (const call of calls) phone.add({ ...call, state: call.state ?? 'held' });
  }
}
