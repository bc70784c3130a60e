// Sums the JSON reports of vitest, the package check and Playwright into the one closing line CI reads:
// "N passed, N failed, N skipped". A report that is missing counts as a failure, never as zero.
import { existsSync, readFileSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
let missing = false;

function read(file) {
  if (!existsSync(file)) {
    console.error(`summary: ${file} is missing (that suite did not run to the end)`);
    missing = true;
    return undefined;
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

const vitest = read('test-results/vitest.json');
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
  console.log(`vitest:     ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed, ${vitest.numPendingTests + vitest.numTodoTests} skipped`);
}

// scripts/package-check.ts: one entry per assertion on the packed app.
const packageCheck = read('test-results/package-check.json');
if (packageCheck) {
  totals.passed += packageCheck.passed;
  totals.failed += packageCheck.failed;
  totals.skipped += packageCheck.skipped;
  console.log(`package:    ${packageCheck.passed} passed, ${packageCheck.failed} failed, ${packageCheck.skipped} skipped${packageCheck.standIn ? ' (stand-in Electron distribution)' : ''}`);
}

const playwright = read('test-results/playwright.json');
if (playwright) {
  const s = playwright.stats;
  // A flaky test passed only on retry: count it as passed but say so.
  totals.passed += s.expected + s.flaky;
  totals.failed += s.unexpected;
  totals.skipped += s.skipped;
  console.log(`playwright: ${s.expected + s.flaky} passed${s.flaky ? ` (${s.flaky} flaky)` : ''}, ${s.unexpected} failed, ${s.skipped} skipped`);
  const reasons = new Set();
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        for (const a of test.annotations ?? []) if (a.type === 'skip' && a.description) reasons.add(a.description);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of playwright.suites ?? []) walk(suite);
  for (const reason of reasons) console.log(`  skipped because: ${reason}`);
}

if (missing) totals.failed += 1;
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
