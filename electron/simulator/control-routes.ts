import { jsonReply, type Reply } from './http-io';
import { validateFault, type Faults } from './faults';
import type { Stats } from './stats';
import type { FaultSpec, SeedCall, SimulatorScript } from './types';

// /_sim/*: the script and fault API over HTTP, for end-to-end tests that drive the app
// from another process (browser, Electron). Never fault-injected, never logged in stats.

export interface ControlDeps {
  script: SimulatorScript;
  faults: Faults;
  stats: Stats;
}

type Body = Record<string, unknown>;

function str(body: Body, key: string): string {
  const v = body[key];
  if (typeof v !== 'string' && typeof v !== 'number') throw new Error(`${key} is required`);
  return String(v);
}

function callFrom(body: Body): Omit<SeedCall, 'state'> {
  const src = (typeof body.call === 'object' && body.call !== null ? body.call : body) as Body;
  const call: Omit<SeedCall, 'state'> = { caller: str(src, 'caller'), called: str(src, 'called') };
  if (src.callid !== undefined) call.callid = str(src, 'callid');
  if (src.callskill !== undefined) call.callskill = str(src, 'callskill');
  if (src.callfeature !== undefined) call.callfeature = Number(src.callfeature);
  return call;
}

function runScript(script: SimulatorScript, body: Body): unknown {
  const agentId = str(body, 'agentId');
  const op = body.op;
  switch (op) {
    case 'talk':
      return script.talk(agentId, callFrom(body));
    case 'holdNew':
      return script.holdNew(agentId, callFrom(body));
    case 'addHeld':
      return script.addHeld(agentId, callFrom(body));
    case 'hold':
      return script.hold(agentId);
    case 'customerHangsUp':
      return script.customerHangsUp(agentId, str(body, 'callid'));
    case 'release':
      return script.release(agentId, body.callid === undefined ? undefined : str(body, 'callid'));
    case 'forceSignOut':
      return script.forceSignOut(agentId);
    case 'rotateGuid':
      return script.rotateGuid(agentId);
    case 'emit':
      return script.emit(agentId, str(body, 'eventType'), body.content ?? '');
    case 'calls':
      return script.calls(agentId);
    default:
      throw new Error(`unknown op ${String(op)}`);
  }
}

function parseFault(body: Body): FaultSpec {
  const times = body.times === 'all' ? Infinity : body.times;
  return validateFault({ ...(body as unknown as FaultSpec), times: times as number | undefined });
}

function parseBody(raw: string): Body {
  if (!raw.trim()) return {};
  const value: unknown = JSON.parse(raw);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('body must be an object');
  return value as Body;
}

export function handleControl(
  deps: ControlDeps,
  method: string,
  route: string,
  query: URLSearchParams,
  raw: string,
): Reply {
  try {
    const key = `${method} ${route}`;
    switch (key) {
      case 'POST script':
        return jsonReply(200, { ok: true, result: runScript(deps.script, parseBody(raw)) ?? null });
      case 'POST fault':
        deps.faults.add(parseFault(parseBody(raw)));
        return jsonReply(200, { ok: true, result: { remaining: deps.faults.remaining() } });
      case 'POST faults/clear':
        deps.faults.clear();
        return jsonReply(200, { ok: true, result: null });
      case 'GET stats': {
        const { tlsHandshakes, connections } = deps.stats;
        return jsonReply(200, { tlsHandshakes, connections, counts: deps.stats.countsByPath() });
      }
      case 'POST stats/reset':
        deps.stats.reset();
        return jsonReply(200, { ok: true, result: null });
      case 'GET calls':
        return jsonReply(200, { ok: true, result: deps.script.calls(query.get('agentId') ?? '') });
      default:
        return jsonReply(404, { ok: false, error: `no simulator route ${key}` });
    }
  } catch (err) {
    return jsonReply(400, { ok: false, error: err instanceof Error ? err.message : String(err) });
  }
}
