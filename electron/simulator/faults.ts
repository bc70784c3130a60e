import type { FaultSpec, SimulatorFaults } from './types';

// Fault injection. Faults are checked in the order added. Latency faults add up and let
// the request go on to the next matching fault, so "slow and then failing" can be staged;
// the first matching fault of any other kind decides the request.

export interface FaultPlan {
  delayMs: number;
  /** The fault that replaces normal handling (or, for drop-after, the reply). */
  action?: FaultSpec;
}

interface ActiveFault {
  spec: FaultSpec;
  left: number;
}

const KINDS = new Set<FaultSpec['kind']>(['latency', 'drop', 'http-error', 'malformed', 'retcode', 'drip']);

/** A cut-off JSON object, as a proxy that died mid-response would leave it. */
export const DEFAULT_MALFORMED_BODY = '{"message":"","retcode":"0","result":{"callid":"17';

export function validateFault(spec: FaultSpec): FaultSpec {
  if (!spec || !KINDS.has(spec.kind)) throw new Error(`unknown fault kind ${String(spec?.kind)}`);
  const times = spec.times ?? 1;
  if (!(times > 0)) throw new Error('fault times must be a positive number or Infinity');
  if (spec.kind === 'retcode' && !spec.retcode) throw new Error('a retcode fault needs a retcode');
  return { ...spec, times };
}

export class Faults implements SimulatorFaults {
  private active: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    const valid = validateFault(spec);
    this.active.push({ spec: valid, left: valid.times ?? 1 });
  }

  clear(): void {
    this.active = [];
  }

  remaining(): number {
    return this.active.length;
  }

  take(method: string, path: string): FaultPlan {
    const plan: FaultPlan = { delayMs: 0 };
    for (const fault of this.active) {
      if (!matches(fault.spec, method, path)) continue;
      fault.left -= 1;
      if (fault.spec.kind === 'latency') {
        plan.delayMs += fault.spec.ms ?? 0;
        continue;
      }
      plan.action = fault.spec;
      break;
    }
    this.active = this.active.filter((f) => f.left > 0);
    return plan;
  }
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  const m = spec.match;
  if (m?.method && m.method.toUpperCase() !== method.toUpperCase()) return false;
  if (m?.path && !path.includes(m.path)) return false;
  return true;
}
