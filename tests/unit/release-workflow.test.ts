// The release workflow (.github/workflows/release.yml) cannot run here; what can be checked here
// is that GitHub would accept it (@action-validator/cli against the workflow schema) and that it
// does what the release needs on each OS.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const WORKFLOW = join(ROOT, '.github/workflows/release.yml');
const CLI = join(ROOT, 'node_modules/@action-validator/cli/cli.mjs');
const text = readFileSync(WORKFLOW, 'utf8');

async function validate(file: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, file], { timeout: 30_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('release workflow', () => {
  it('validates against the GitHub Actions workflow schema (@action-validator/cli)', async () => {
    const result = await validate(WORKFLOW);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('the validator rejects a broken copy (so the check above can fail)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cec-workflow-'));
    const broken = join(dir, 'release.yml');
    writeFileSync(broken, text.replace('runs-on: ${{ matrix.os }}', 'runs-onn: ${{ matrix.os }}'));
    const result = await validate(broken);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('runs-onn');
  });

  it('builds on Linux, Windows and macOS runners, each its own installers', () => {
    expect(text).toMatch(/os: ubuntu-[\d.]+\n\s+targets: --linux deb AppImage/);
    expect(text).toMatch(/os: windows-[\d]+\n\s+targets: --win nsis/);
    expect(text).toMatch(/os: macos-[\d]+\n\s+targets: --mac dmg zip/);
    expect(text).toContain('npx electron-builder ${{ matrix.targets }} --publish never');
    expect(text).toMatch(/uses: actions\/upload-artifact@v4\n\s+with:\n\s+name: installers-\$\{\{ runner.os \}\}\n\s+path: \$\{\{ matrix.installers \}\}\n\s+if-no-files-found: error/);
  });

  it('runs npm ci with the Electron binary, then the whole npm test, under xvfb-run on Linux, and requires the _electron suite to have run', () => {
    const order = ['npm ci', 'npm run electron:install', 'xvfb-run --auto-servernum', 'npx tsx scripts/require-real-electron.ts', 'npx electron-builder'].map((s) => text.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/if: runner.os == 'Linux'\n\s+run: xvfb-run [^\n]*-- npm test/);
    expect(text).toMatch(/if: runner.os != 'Linux'\n\s+run: npm test/);
  });

  it('holds no secret values, only references to repository secrets', () => {
    for (const line of text.split('\n').filter((l) => /^\s+(CSC_|APPLE_)/.test(l))) {
      expect(line).toMatch(/\$\{\{ secrets\.[A-Z_]+ \}\}|\$\{\{ secrets\.CSC_LINK != '' \}\}/);
    }
    expect(text).toMatch(/permissions:\n\s+contents: read/);
  });
});
