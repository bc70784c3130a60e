import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isOlder, minimumFromRange, requiredNodeRange, tooOldMessage } from '../../electron/dev/require-node.mjs';

// The runtime check (issue 7, item 11), run for real on an old Node: /usr/bin/node is Node 20 on
// the build machines. Each npm script is run the way npm runs it (`sh -c "<script>"`) with that
// old node first on PATH, so the test sees exactly what an agent on Node 20 would see.

const root = resolve(import.meta.dirname, '../..');
const CHECK = join(root, 'electron/dev/require-node.mjs');
const OLD_NODE = '/usr/bin/node';
const range = requiredNodeRange();
const oldVersion = existsSync(OLD_NODE) ? spawnSync(OLD_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim() : '';
const haveOldNode = oldVersion !== '' && isOlder(oldVersion, range);
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

const tmp = mkdtempSync(join(tmpdir(), 'cec-old-node-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('engines.node', () => {
  it('is read from package.json and compared part by part', () => {
    expect(range).toBe('>=22.19.0');
    expect(minimumFromRange(range)).toEqual([22, 19, 0]);
    expect(isOlder('20.20.2', range)).toBe(true);
    expect(isOlder('22.18.9', range)).toBe(true);
    expect(isOlder('22.19.0', range)).toBe(false);
    expect(isOlder('v22.23.3', range)).toBe(false);
    expect(isOlder('23.0.0', range)).toBe(false);
    expect(isOlder('20.0.0', '^20 || >=22')).toBe(false); // a range it cannot read never blocks
    expect(tooOldMessage('20.20.2', range)).toMatch(/^Node\.js 22\.19\.0 or later is needed \(this is Node\.js 20\.20\.2\): .*https:\/\/nodejs\.org\//);
    expect(tooOldMessage('20.20.2', range)).not.toMatch(/\n/);
  });

  it('lets the current Node through silently', () => {
    const run = spawnSync(process.execPath, [CHECK], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout + run.stderr).toBe('');
  });
});

describe.skipIf(!haveOldNode)(`on an old Node (${OLD_NODE} ${oldVersion || 'missing'})`, () => {
  const bin = join(tmp, 'bin');
  if (haveOldNode) {
    mkdirSync(bin, { recursive: true });
    symlinkSync(OLD_NODE, join(bin, 'node'));
  }
  const env = { ...process.env, PATH: [bin, join(root, 'node_modules/.bin'), '/usr/bin', '/bin'].join(delimiter) };

  it('the check alone prints one line and exits 1', () => {
    const run = spawnSync(OLD_NODE, [CHECK], { encoding: 'utf8', cwd: tmp });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${tooOldMessage(oldVersion, range)}\n`);
  });

  it.each(['start', 'simulator', 'preview:web'])('`npm run %s` refuses with that one line and no stack trace', (name) => {
    const script = scripts[name];
    expect(script, `package.json has a "${name}" script`).toBeDefined();
    expect(script!.startsWith('node electron/dev/require-node.mjs && ')).toBe(true);
    const run = spawnSync('sh', ['-c', script!], { encoding: 'utf8', cwd: root, env, timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([tooOldMessage(oldVersion, range)]);
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+|TypeError|undici/);
  });
});
