import type { FaultSpec, SimulatorFaults } from './types';

// Fault injection. Faults are checked in the order added. Latency faults add up and let
// the request go on to the next matching fault, so "slow and then failing" can be staged;
// the first matching fault of any other kind decides the request.
// `every` and `probability` make a fault intermittent (e.g. a transient 000-003 on 2% of polls);
// the probability comes from a seeded generator so a failing run can be repeated exactly.

export interface FaultPlan {
  delayMs: number;
  /** The fault that replaces normal handling (or, for drop-after, the reply). */
  action?: FaultSpec;
}

interface ActiveFault {
  spec: FaultSpec;
  left: number;
  /** Matching requests seen, for `every`. */
  seen: number;
  random?: () => number;
}

const KINDS = new Set<FaultSpec['kind']>(['latency', 'drop', 'http-error', 'malformed', 'retcode', 'drip']);

/** A cut-off JSON object, as a proxy that died mid-response would leave it. */
export const DEFAULT_MALFORMED_BODY = '{"message":"","retcode":"0","result":{"callid":"17';

export function validateFault(spec: FaultSpec): FaultSpec {
  if (!spec || !KINDS.has(spec.kind)) throw new Error(`unknown fault kind ${String(spec?.kind)}`);
  const times = spec.times ?? 1;
  if (!(times > 0)) throw new Error('fault times must be a positive number or Infinity');
  if (spec.kind === 'retcode' && !spec.retcode) throw new Error('a retcode fault needs a retcode');
  if (spec.every !== undefined && !(Number.isInteger(spec.every) && spec.every >= 1)) {
    throw new Error('fault every must be a whole number of at least 1');
  }
  if (spec.probability !== undefined && !(spec.probability >= 0 && spec.probability <= 1)) {
    throw new Error('fault probability must be between 0 and 1');
  }
  if (spec.seed !== undefined && !Number.isInteger(spec.seed)) throw new Error('fault seed must be an integer');
  return { ...spec, times };
}

/** mulberry32: tiny, fast and good enough to pick which requests fail; deterministic per seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class Faults implements SimulatorFaults {
  private active: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    const valid = validateFault(spec);
    const fault: ActiveFault = { spec: valid, left: valid.times ?? 1, seen: 0 };
    if (valid.probability !== undefined) fault.random = seededRandom(valid.seed ?? 1);
    this.active.push(fault);
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
      if (!matches(fault.spec, method, path) || !fires(fault)) continue;
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

function fires(fault: ActiveFault): boolean {
  fault.seen += 1;
  const { every } = fault.spec;
  if (every !== undefined && fault.seen % every !== 0) return false;
  if (fault.random && fault.random() >= (fault.spec.probability ?? 1)) return false;
  return true;
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  const m = spec.match;
  if (m?.method && m.method.toUpperCase() !== method.toUpperCase()) return false;
  if (m?.path && !path.includes(m.path)) return false;
  return true;
}
