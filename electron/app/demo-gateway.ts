// Demo mode: the embedded simulator, seeded so a newcomer sees the product working at once.
// It is the same HTTPS simulator the tests use, with its own throwaway CA; nothing is trusted
// beyond that CA, so the demo exercises the real TLS path too.
import { startSimulator } from '../simulator/index';
import type { DemoGateway } from './app-service';

export const DEMO_AGENT = '1001';
const DEMO_PASSWORD = 'demo';

const DEMO_CALLERS = [
  { caller: '07700900123', called: '4001', callskill: 'Billing', callfeature: 0 },
  { caller: '+442079460958', called: '4002', callskill: 'Support', callfeature: 0 },
  { caller: '0161496000', called: '4001', callskill: 'Sales', callfeature: 7 },
  { caller: '02079460321', called: '4003', callskill: 'Support', callfeature: 0 },
];

/** Start the simulator with three held calls, and keep a little life in it: a new hold now and then. */
export async function startDemoSimulator(options: { newHoldEveryMs?: number } = {}): Promise<DemoGateway> {
  const sim = await startSimulator({
    passwords: { [DEMO_AGENT]: DEMO_PASSWORD },
    seed: { [DEMO_AGENT]: DEMO_CALLERS.slice(0, 3) },
    // A real gateway refuses sign-out while calls are held; the demo has no caller who will ever
    // hang up, so that rule would leave no way out of the demo.
    refuseSignOut: 'never',
  });
  let next = 3;
  const timer = setInterval(() => {
    const held = sim.script.calls(DEMO_AGENT).filter((c) => c.state === 'held').length;
    if (held >= 5) return;
    try {
      const caller = DEMO_CALLERS[next % DEMO_CALLERS.length]!;
      next += 1;
      // A call the agent is not already talking on: the simulator holds the current call.
      if (!sim.script.calls(DEMO_AGENT).some((c) => c.state === 'talking')) sim.script.holdNew(DEMO_AGENT, caller);
    } catch {
      // The demo agent may be signed out; try again next time.
    }
  }, options.newHoldEveryMs ?? 45_000);
  timer.unref();
  return {
    url: sim.url,
    caPem: sim.caPem,
    agentId: DEMO_AGENT,
    password: DEMO_PASSWORD,
    async close() {
      clearInterval(timer);
      await sim.close();
    },
  };
}
