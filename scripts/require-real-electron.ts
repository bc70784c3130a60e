// For the release workflow, where Electron is installed: a skipped _electron suite or a package
// check on the stand-in distribution would mean the real binary was never exercised, which
// `npm test` alone reports as "skipped", not as a failure. Here it is a failure.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const RESULTS = join(resolve(import.meta.dirname, '..'), 'test-results');

interface PwTest {
  projectName: string;
  status?: string;
  results?: Array<{ status: string }>;
}
interface PwSuite {
  specs?: Array<{ title: string; tests?: PwTest[] }>;
  suites?: PwSuite[];
}

const problems: string[] = [];
const report = JSON.parse(readFileSync(join(RESULTS, 'playwright.json'), 'utf8')) as { suites?: PwSuite[] };
const electron: Array<{ title: string; status: string }> = [];
const walk = (suite: PwSuite): void => {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) if (test.projectName === 'electron') electron.push({ title: spec.title, status: test.results?.at(-1)?.status ?? 'skipped' });
  }
  for (const child of suite.suites ?? []) walk(child);
};
for (const suite of report.suites ?? []) walk(suite);
const notRun = electron.filter((t) => t.status !== 'passed');
if (electron.length === 0) problems.push('the _electron suite has no tests in test-results/playwright.json');
for (const t of notRun) problems.push(`_electron test "${t.title}" ${t.status}`);

const pkg = JSON.parse(readFileSync(join(RESULTS, 'package-check.json'), 'utf8')) as { standIn: boolean; failed: number };
if (pkg.standIn) problems.push('package:check ran on the stand-in Electron distribution, not the real one');
if (pkg.failed > 0) problems.push(`package:check had ${pkg.failed} failure(s)`);

if (problems.length > 0) {
  for (const p of problems) console.error(`✗ ${p}`);
  process.exit(1);
}
console.log(`✓ ${electron.length} _electron tests passed against the real binary; package:check used the real Electron distribution`);
