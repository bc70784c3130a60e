// Demo mode: the embedded simulator, seeded so a newcomer sees the product working at once.
// It is the same HTTPS simulator the tests use, with its own throwaway CA; nothing is trusted
// beyond that CA, so the demo exercises the real TLS path too.
import { startSimulator } from '../simulator/index';
import type { DemoGateway } from './app-service';

export const DEMO_AGENT = '1001';
const DEMO_PASSWORD = 'demo';

/**
 * The agent starts on a call with three calls on hold, held for staggered times so the amber and
 * red levels show at once with the default thresholds (60 s, 180 s). Ages are seconds before the
 * demo starts.
 */
const DEMO_START = [
  { callid: 'demo-1', caller: '07700900123', called: '4001', callskill: 'Billing', callfeature: 0, heldForSec: 200 },
  { callid: 'demo-2', caller: '+442079460958', called: '4002', callskill: 'Support', callfeature: 0, heldForSec: 95 },
  // Outbound: the agent called the customer (the demo agent has no phone number of its own).
  { callid: 'demo-3', caller: '40038', called: '0161496000', callskill: 'Sales', callfeature: 7, heldForSec: 20 },
] as const;
const DEMO_TALKING = { callid: 'demo-talk', caller: '02079460321', called: '4003', callskill: 'Support', callfeature: 0, state: 'talking' as const };

/** The steady supply: a new call on hold now and then, so resume, swap and connect can be tried again and again. */
const DEMO_CALLERS = [
  { caller: '07700900456', called: '4001', callskill: 'Billing', callfeature: 0 },
  { caller: '40038', called: '01134960777', callskill: 'Sales', callfeature: 7 },
  { caller: '+353209170123', called: '4002', callskill: 'Support', callfeature: 0 },
  { caller: '02079460999', called: '4003', callskill: 'Retention', callfeature: 0 },
];

export async function startDemoSimulator(options: { newHoldEveryMs?: number } = {}): Promise<DemoGateway> {
  const startedAt = Date.now();
  const sim = await startSimulator({
    passwords: { [DEMO_AGENT]: DEMO_PASSWORD },
    seed: { [DEMO_AGENT]: [...DEMO_START.map(({ heldForSec: _age, ...call }) => call), DEMO_TALKING] },
    // A real gateway refuses sign-out while calls are held; the demo has no caller who will ever
    // hang up, so that rule would leave no way out of the demo.
    refuseSignOut: 'never',
  });
  let next = 0;
  const timer = setInterval(() => {
    const held = sim.script.calls(DEMO_AGENT).filter((c) => c.state === 'held').length;
    if (held >= 5) return;
    try {
      // Straight onto hold: the call the agent is talking on, if any, is left alone.
      sim.script.addHeld(DEMO_AGENT, DEMO_CALLERS[next % DEMO_CALLERS.length]!);
      next += 1;
    } catch {
      // The demo agent may be signed out; try again next time.
    }
  }, options.newHoldEveryMs ?? 40_000);
  timer.unref();
  return {
    url: sim.url,
    caPem: sim.caPem,
    agentId: DEMO_AGENT,
    password: DEMO_PASSWORD,
    heldSince: Object.fromEntries(DEMO_START.map((c) => [c.callid, startedAt - c.heldForSec * 1000])),
    async close() {
      clearInterval(timer);
      await sim.close();
    },
  };
}
