// The panel under load, in Chromium through the browser preview (the real renderer bundle, the real
// app service, the simulator over HTTPS):
// - burst: 250 holds as fast as the simulator can send them; how long after the core store has
//   them all the panel shows exactly the store's list, and the longest main-thread task meanwhile;
// - event→row with 1,000 calls held: from the gateway emitting Hold to the row being in the page
//   (newest first, so the new row is at the top, in view).
import { chromium, type Browser, type Page } from '@playwright/test';
import { buildPreviewAssets } from '../../electron/preview/build';
import { startPreview, type Preview } from '../../electron/preview/server';
import { median, pct, sleep, until, wallNow } from './util';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// Runs in the page (source text: this file is typed for Node). Long tasks (>= 50 ms, the browser's
// own threshold) and the time of the last change to the list, the count or the fold, ignoring
// the ticking timers and the live-region announcements.
const PAGE_PROBE = `
  window.__bench = { longtasks: [], lastChange: 0, rowSeen: {} };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longtasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((records) => {
    const at = performance.timeOrigin + performance.now();
    for (const r of records) {
      const el = r.target instanceof Element ? r.target : r.target.parentElement;
      if (el && (el.closest('.timer') || el.closest('footer') || el.closest('.sr-only'))) continue;
      window.__bench.lastChange = at;
      for (const node of r.addedNodes) {
        if (node instanceof HTMLElement && node.matches('li.row[data-callid]')) window.__bench.rowSeen[node.dataset.callid] ??= at;
      }
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
`;

interface PanelState {
  count: number;
  ids: string[];
  hidden: number;
  lastChange: number;
}

const readPanel = (page: Page): Promise<PanelState> =>
  page.evaluate(() => {
    const b = (window as unknown as { __bench: { lastChange: number } }).__bench;
    return {
      count: Number(document.querySelector('.titlebar .count')?.textContent?.replace(/\D/g, '') ?? 0),
      ids: [...document.querySelectorAll<HTMLElement>('li.row[data-callid]')].map((el) => el.dataset.callid!),
      hidden: Number(document.querySelector<HTMLElement>('button.more')?.dataset.hidden ?? 0),
      lastChange: b.lastChange,
    };
  });

/** The panel shows exactly the store's list: the count, the rows in order, and the rest folded. */
function matches(state: PanelState, expected: string[]): boolean {
  return state.count === expected.length && state.ids.length + state.hidden === expected.length && state.ids.every((id, i) => id === expected[i]);
}

async function open(browser: Browser, preview: Preview): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 360, height: 480 } });
  await page.goto(preview.url);
  await page.waitForFunction(() => document.querySelector('.held-list, .empty') !== null);
  await page.evaluate(PAGE_PROBE);
  return page;
}

export interface BurstFigures {
  holds: number;
  storeDoneMs: number;
  panelAfterStoreMs: number;
  longestTaskMs: number;
  longTasks: number;
  heldListPushes: number;
  domNodes: number;
}

async function burst(browser: Browser, assetsDir: string, holds: number): Promise<BurstFigures> {
  const preview = await startPreview({ assetsDir, seed: [] });
  const page = await open(browser, preview);
  let pushes = 0;
  const off = preview.app.onPush((channel) => channel === 'held-calls-changed' && (pushes += 1));
  const started = wallNow();
  for (let i = 0; i < holds; i += 1) preview.sim.script.holdNew(preview.agentId, { caller: `0500${String(i).padStart(4, '0')}`, called: '4001', callskill: 'Burst' });
  const storeDone = await until(() => preview.app.listCalls().calls.length === holds, 60_000, 'the store to have every hold');
  const expected = preview.app.listCalls().calls.map((c) => c.callid);
  let state = await readPanel(page);
  const deadline = Date.now() + 60_000;
  while (!matches(state, expected)) {
    if (Date.now() > deadline) throw new Error('the panel never matched the store');
    await sleep(10);
    state = await readPanel(page);
  }
  await sleep(500); // long tasks are reported after they end
  const tasks = await page.evaluate(() => (window as unknown as { __bench: { longtasks: Array<{ start: number; duration: number }> } }).__bench.longtasks);
  const during = tasks.filter((t) => t.start >= started);
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  off();
  await page.close();
  await preview.close();
  return {
    holds,
    storeDoneMs: storeDone - started,
    panelAfterStoreMs: Math.max(0, state.lastChange - storeDone),
    longestTaskMs: Math.max(0, ...during.map((t) => t.duration)),
    longTasks: during.length,
    heldListPushes: pushes,
    domNodes,
  };
}

export interface EventToRowFigures {
  held: number;
  samples: number;
  p50Ms: number;
  p95Ms: number;
  /** The same, for a call answered and held at once (Talking, then Hold: the current call changes first). */
  answeredAndHeldP50Ms: number;
  domNodes: number;
}

async function eventToRow(browser: Browser, assetsDir: string, held: number, samples: number): Promise<EventToRowFigures> {
  // Newest first, so the new row lands at the top, in view. The calls are held through events
  // (the way a burst arrives), then the panel must show them all before measuring.
  const preview = await startPreview({ assetsDir, seed: [], settings: { listOrder: 'newest-first' } });
  const page = await open(browser, preview);
  for (let i = 0; i < held; i += 1) preview.sim.script.holdNew(preview.agentId, { caller: `0600${String(i).padStart(4, '0')}`, called: '4001', callskill: 'Load' });
  await until(() => preview.app.listCalls().calls.length === held, 120_000, 'the store to hold them all', 10);
  // The badge groups digits as the language does ("1,000"): compare the digits.
  await page.waitForFunction((n) => document.querySelector('.titlebar .count')?.textContent?.replace(/\D/g, '') === String(n), held, { timeout: 60_000 });
  await sleep(2_000); // the reconciliation that follows the holds
  // One Hold event (a call put on hold, as the gateway reports it), and beside it a call answered
  // and held at once (Talking, then Hold), where the current call's own push and row come first.
  const probe = async (i: number, put: 'held' | 'answered-and-held'): Promise<number> => {
    await preview.sim.waitForPendingPoll(preview.agentId, 15_000);
    const call = { caller: `0610${String(i).padStart(4, '0')}`, called: '4001', callskill: 'Probe' };
    const sentAt = wallNow();
    const callid = put === 'held' ? preview.sim.script.addHeld(preview.agentId, call) : preview.sim.script.holdNew(preview.agentId, call);
    const seen = await page.waitForFunction((id) => (window as unknown as { __bench: { rowSeen: Record<string, number> } }).__bench.rowSeen[id], callid, { timeout: 15_000 });
    const ms = Number(await seen.jsonValue()) - sentAt;
    preview.sim.script.customerHangsUp(preview.agentId, callid);
    await page.waitForFunction((id) => !document.querySelector(`li.row[data-callid="${id}"]`), callid, { timeout: 15_000 });
    await sleep(300);
    return ms;
  };
  const times: number[] = [];
  const answered: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    times.push(await probe(2 * i, 'held'));
    answered.push(await probe(2 * i + 1, 'answered-and-held'));
  }
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  await page.close();
  await preview.close();
  return { held, samples, p50Ms: median(times), p95Ms: pct(times, 95), answeredAndHeldP50Ms: median(answered), domNodes };
}

export async function panelFigures(options: { burstHolds: number; held: number; samples: number }): Promise<{ burst: BurstFigures; eventToRow: EventToRowFigures }> {
  const assetsDir = await buildPreviewAssets();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    const b = await burst(browser, assetsDir, options.burstHolds);
    const e = await eventToRow(browser, assetsDir, options.held, options.samples);
    return { burst: b, eventToRow: e };
  } finally {
    await browser.close();
  }
}
