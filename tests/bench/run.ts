// `npm run bench`: the performance figures, measured on the simulator over loopback HTTPS (and
// the panel in Chromium through the browser preview). Not a test: it prints numbers. Its last
// line is one JSON object for scripts to read.
//   BENCH_RESUMES    resumes measured (default 100)
//   BENCH_IDLE_SEC   real seconds of idle measured with the real 10 s long poll (default 60)
//   BENCH_PRESS_IDLE seconds of idle before the "first press after idle" (default 70)
//   BENCH_CLI_RUNS   CLI start-ups measured per variant (default 11)
//   BENCH_SWAPS      swaps measured (default 100; issue 8)
//   BENCH_ONLY       comma-separated sections: resume,swap,idle,press,cli,panel,drip (default all)
import { PRESS_ANSWER_BOUND_MS } from '../../electron/core/transport';
import { cliStart } from './cli-start';
import { dripPress } from './drip';
import { idleHoldlistPerHour, idleRequestsPerMinute } from './idle';
import { panelFigures } from './panel';
import { pressFigures } from './press';
import { resumeLatency } from './resume';
import { swapLatency } from './swap';
import { median, pct, round } from './util';

const RESUMES = Number(process.env.BENCH_RESUMES ?? 100);
const IDLE_SEC = Number(process.env.BENCH_IDLE_SEC ?? 60);
const PRESS_IDLE_SEC = Number(process.env.BENCH_PRESS_IDLE ?? 70);
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 11);
const SWAPS = Number(process.env.BENCH_SWAPS ?? 100);
const only = new Set((process.env.BENCH_ONLY ?? 'resume,swap,idle,press,cli,panel,drip').split(','));

const summary: Record<string, number | string> = {};
const line = (text: string): void => console.log(text);

line(`Benchmark: ${[...only].join(', ')}.`);

if (only.has('resume')) {
  const latency = await resumeLatency(RESUMES);
  Object.assign(summary, {
    resume_p50_ms: round(pct(latency.resume, 50)),
    resume_p99_ms: round(pct(latency.resume, 99)),
    bare_p50_ms: round(pct(latency.bare, 50)),
    bare_p99_ms: round(pct(latency.bare, 99)),
    resume_ratio: round(pct(latency.resume, 50) / pct(latency.bare, 50)),
    tls_handshakes_per_100_resumes: latency.handshakesPer100,
  });
  line(`resume with a poll pending (called -> gethold received): p50 ${summary.resume_p50_ms} ms, p99 ${summary.resume_p99_ms} ms`);
  line(`bare undici request, same path:                        p50 ${summary.bare_p50_ms} ms, p99 ${summary.bare_p99_ms} ms`);
  line(`ratio (p50): ${summary.resume_ratio}   (target <= 1.15)`);
  line(`TLS handshakes per 100 resumes: ${summary.tls_handshakes_per_100_resumes}   (target <= 2)`);
}

if (only.has('swap')) {
  // A swap is two round trips (hold, its answer, then gethold), so it is measured beside a bare
  // request (sent -> received, and its round trip) and beside a bare swap: the floor.
  const swaps = await swapLatency(SWAPS);
  Object.assign(summary, {
    swap_p50_ms: round(pct(swaps.swap, 50)),
    swap_p99_ms: round(pct(swaps.swap, 99)),
    swap_bare_p50_ms: round(pct(swaps.bare, 50)),
    swap_bare_round_trip_p50_ms: round(pct(swaps.bareRoundTrip, 50)),
    swap_bare_floor_p50_ms: round(pct(swaps.bareSwap, 50)),
    swap_bare_floor_p99_ms: round(pct(swaps.bareSwap, 99)),
    swap_ratio: round(pct(swaps.swap, 50) / pct(swaps.bare, 50)),
    swap_ratio_round_trip: round(pct(swaps.swap, 50) / pct(swaps.bareRoundTrip, 50)),
    swap_ratio_floor: round(pct(swaps.swap, 50) / pct(swaps.bareSwap, 50)),
    bare_floor_ratio: round(pct(swaps.bareSwap, 50) / pct(swaps.bare, 50)),
  });
  line(`swap (action called -> gethold received, ${swaps.swap.length} swaps, poll pending): p50 ${summary.swap_p50_ms} ms, p99 ${summary.swap_p99_ms} ms`);
  line(`bare request beside it: sent -> received p50 ${summary.swap_bare_p50_ms} ms; sent -> answer read p50 ${summary.swap_bare_round_trip_p50_ms} ms`);
  line(`bare swap (hold, its answer, gethold; a bare poll pending): p50 ${summary.swap_bare_floor_p50_ms} ms, p99 ${summary.swap_bare_floor_p99_ms} ms`);
  line(`swap ratio (p50) to the bare request: ${summary.swap_ratio} sent->received, ${summary.swap_ratio_round_trip} round trip   (target <= 2.3)`);
  line(`swap ratio (p50) to the bare swap: ${summary.swap_ratio_floor}; the bare swap itself is ${summary.bare_floor_ratio} x a bare sent->received`);
}

// The idle measurements and the press after idle all sit mostly idle: run them side by side.
const idleWork: Array<Promise<void>> = [];
if (only.has('idle')) {
  idleWork.push(
    Promise.all([idleRequestsPerMinute(IDLE_SEC), idleHoldlistPerHour(IDLE_SEC)]).then(([perMin, hour]) => {
      Object.assign(summary, {
        idle_requests_per_min: round(perMin, 2),
        idle_holdlist_per_hour: hour.holdlist,
        idle_requests_per_min_accelerated: round(hour.requestsPerMin, 2),
      });
    }),
  );
}
if (only.has('press')) {
  idleWork.push(
    pressFigures(PRESS_IDLE_SEC, 5).then((p) => {
      Object.assign(summary, {
        press_after_idle_p50_ms: round(median(p.idle)),
        press_after_idle_max_ms: round(Math.max(...p.idle)),
        press_after_idle_handshakes: p.idleHandshakes,
        press_after_idle_samples: p.idle.length,
        press_warm_p50_ms: round(median(p.warm)),
        press_overlapping_query_p50_ms: round(median(p.overlapping)),
        press_overlapping_query_max_ms: round(Math.max(...p.overlapping)),
      });
    }),
  );
}
await Promise.all(idleWork);
if (only.has('idle')) {
  line(`idle requests per agent-minute: ${summary.idle_requests_per_min}   (target <= 7)`);
  line(`holdlist queries per idle hour: ${summary.idle_holdlist_per_hour}   (target <= 60)`);
}
if (only.has('press')) {
  line(`hotkey press after ${PRESS_IDLE_SEC} s idle: p50 ${summary.press_after_idle_p50_ms} ms, max ${summary.press_after_idle_max_ms} ms over ${summary.press_after_idle_samples} agents, ${summary.press_after_idle_handshakes} handshakes on the way   (target p50 <= 2 ms)`);
  line(`warm press, same run:                 p50 ${summary.press_warm_p50_ms} ms`);
  line(`press overlapping a holdlist query:   p50 ${summary.press_overlapping_query_p50_ms} ms, max ${summary.press_overlapping_query_max_ms} ms`);
}

if (only.has('cli')) {
  const cli = await cliStart(CLI_RUNS);
  Object.assign(summary, {
    cli_runs: cli.runs,
    node_bare_ms: round(cli.nodeBare, 1),
    cli_help_ms: round(cli.help, 1),
    cli_list_json_ms: round(cli.list, 1),
    cli_list_gateway_phase_ms: round(cli.listGatewayPhase, 1),
    cli_list_minus_gateway_ms: round(cli.listMinusGateway, 1),
    npm_run_cli_help_ms: round(cli.npmHelp, 1),
  });
  line(`CLI cold start (median of ${cli.runs}): node -e 0 ${summary.node_bare_ms} ms; --help ${summary.cli_help_ms} ms (target <= 250)`);
  line(`  list --json ${summary.cli_list_json_ms} ms, of which gateway phase ${summary.cli_list_gateway_phase_ms} ms: ${summary.cli_list_minus_gateway_ms} ms without (target <= 350)`);
  line(`  npm run cli -- --help ${summary.npm_run_cli_help_ms} ms (npm itself included)`);
}

if (only.has('panel')) {
  const panel = await panelFigures({ burstHolds: 250, held: 1_000, samples: 25 });
  Object.assign(summary, {
    burst_holds: panel.burst.holds,
    burst_store_done_ms: round(panel.burst.storeDoneMs, 1),
    burst_panel_after_store_ms: round(panel.burst.panelAfterStoreMs, 1),
    burst_longest_task_ms: round(panel.burst.longestTaskMs, 1),
    burst_long_tasks: panel.burst.longTasks,
    burst_held_list_pushes: panel.burst.heldListPushes,
    burst_dom_nodes: panel.burst.domNodes,
    event_to_row_1000_p50_ms: round(panel.eventToRow.p50Ms, 1),
    event_to_row_1000_p95_ms: round(panel.eventToRow.p95Ms, 1),
    answered_and_held_to_row_1000_p50_ms: round(panel.eventToRow.answeredAndHeldP50Ms, 1),
    event_to_row_1000_dom_nodes: panel.eventToRow.domNodes,
  });
  line(`burst of ${panel.burst.holds} holds: store done after ${summary.burst_store_done_ms} ms; panel matched ${summary.burst_panel_after_store_ms} ms later (target <= 300)`);
  line(`  longest main-thread task ${summary.burst_longest_task_ms} ms (0 = none >= 50 ms; target <= 50), ${summary.burst_held_list_pushes} held-list pushes, ${summary.burst_dom_nodes} DOM nodes`);
  line(`event -> row with 1,000 held (a Hold event): p50 ${summary.event_to_row_1000_p50_ms} ms, p95 ${summary.event_to_row_1000_p95_ms} ms, ${summary.event_to_row_1000_dom_nodes} DOM nodes (target p50 <= 16)`);
  line(`  a call answered and held at once (Talking, then Hold): p50 ${summary.answered_and_held_to_row_1000_p50_ms} ms`);
}

if (only.has('drip')) {
  const drip = await dripPress(120_000);
  Object.assign(summary, { drip_press_answered_ms: round(drip.ms, 0), drip_press_result: drip.code, drip_press_bound_ms: PRESS_ANSWER_BOUND_MS });
  line(`hotkey press, gateway dripping 1 byte/s: answered in ${summary.drip_press_answered_ms} ms (${drip.code}; bound ${PRESS_ANSWER_BOUND_MS} ms)`);
}

console.log(JSON.stringify(summary));
process.exit(0);
