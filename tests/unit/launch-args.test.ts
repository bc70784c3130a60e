// The launch-flag parser: argv exactly as Electron hands it over (executable first, Chromium
// switches anywhere, the app path in development) → commands, ignored words and refusals.
import { describe, expect, it } from 'vitest';
import { MAX_POSITION } from '../../shared/commands';
import {
  describeLaunchArgs,
  launchHandoff,
  MAX_LAUNCH_COMMANDS,
  parseLaunchArgs,
  readLaunchHandoff,
  secondInstanceArgs,
} from '../../electron/app/launch-args';

const EXE = 'C:\\Program Files\\Held Calls\\Held Calls.exe';

describe('parseLaunchArgs: each flag', () => {
  it('--resume-top resumes position 1', () => {
    expect(parseLaunchArgs([EXE, '--resume-top'])).toEqual({ commands: [{ type: 'resume-position', position: 1 }], ignored: [], refused: [] });
  });

  it('--resume N (separate word) and --resume=N (one word) resume position N', () => {
    expect(parseLaunchArgs([EXE, '--resume', '2']).commands).toEqual([{ type: 'resume-position', position: 2 }]);
    expect(parseLaunchArgs([EXE, '--resume=3']).commands).toEqual([{ type: 'resume-position', position: 3 }]);
    expect(parseLaunchArgs([EXE, '--resume', String(MAX_POSITION)]).commands).toEqual([{ type: 'resume-position', position: MAX_POSITION }]);
  });

  it('--connect-top connects position 1, --toggle-panel and --refresh map to their commands', () => {
    expect(parseLaunchArgs([EXE, '--connect-top']).commands).toEqual([{ type: 'connect-position', position: 1 }]);
    expect(parseLaunchArgs([EXE, '--toggle-panel']).commands).toEqual([{ type: 'toggle-panel' }]);
    expect(parseLaunchArgs([EXE, '--refresh']).commands).toEqual([{ type: 'refresh' }]);
  });

  it('no flags: no commands, nothing ignored (the executable is not an argument)', () => {
    expect(parseLaunchArgs([EXE])).toEqual({ commands: [], ignored: [], refused: [] });
    expect(parseLaunchArgs([])).toEqual({ commands: [], ignored: [], refused: [] });
  });

  it('flag names are case-insensitive (Chromium lower-cases switches on Windows)', () => {
    expect(parseLaunchArgs([EXE, '--Resume-Top', '--RESUME=2']).commands).toEqual([
      { type: 'resume-position', position: 1 },
      { type: 'resume-position', position: 2 },
    ]);
  });

  it('several flags run in the order given', () => {
    expect(parseLaunchArgs([EXE, '--refresh', '--resume', '2', '--toggle-panel']).commands).toEqual([
      { type: 'refresh' },
      { type: 'resume-position', position: 2 },
      { type: 'toggle-panel' },
    ]);
  });
});

describe('parseLaunchArgs: invalid positions are refused, never guessed', () => {
  it.each([
    ['0', '0'],
    ['100 (above MAX_POSITION)', String(MAX_POSITION + 1)],
    ['a decimal', '1.5'],
    ['a word', 'two'],
    ['a leading zero', '02'],
    ['hex', '0x2'],
    ['an exponent', '1e1'],
    ['spaces', ' 2'],
    ['a huge number', '99999999999999999999'],
  ])('--resume with %s', (_label, value) => {
    for (const argv of [
      [EXE, '--resume', value],
      [EXE, `--resume=${value}`],
    ]) {
      const parsed = parseLaunchArgs(argv);
      expect(parsed.commands).toEqual([]);
      expect(parsed.refused).toEqual([{ code: 'POSITION_INVALID', flag: '--resume', value }]);
    }
  });

  it('a negative number is taken as the value and refused', () => {
    expect(parseLaunchArgs([EXE, '--resume', '-1'])).toEqual({ commands: [], ignored: [], refused: [{ code: 'POSITION_INVALID', flag: '--resume', value: '-1' }] });
  });

  it('--resume with no value, or followed by another switch, is refused and the switch still counts', () => {
    expect(parseLaunchArgs([EXE, '--resume']).refused).toEqual([{ code: 'POSITION_MISSING', flag: '--resume' }]);
    const parsed = parseLaunchArgs([EXE, '--resume', '--refresh']);
    expect(parsed.refused).toEqual([{ code: 'POSITION_MISSING', flag: '--resume' }]);
    expect(parsed.commands).toEqual([{ type: 'refresh' }]);
    expect(parseLaunchArgs([EXE, '--resume=']).refused).toEqual([{ code: 'POSITION_INVALID', flag: '--resume', value: '' }]);
  });

  it('a value on a flag that takes none is refused, not silently dropped', () => {
    expect(parseLaunchArgs([EXE, '--resume-top=2'])).toEqual({ commands: [], ignored: [], refused: [{ code: 'UNEXPECTED_VALUE', flag: '--resume-top', value: '2' }] });
  });

  it('a valid flag next to an invalid one still runs', () => {
    const parsed = parseLaunchArgs([EXE, '--resume', 'x', '--resume-top']);
    expect(parsed.commands).toEqual([{ type: 'resume-position', position: 1 }]);
    expect(parsed.refused).toHaveLength(1);
  });
});

describe('parseLaunchArgs: what Electron and Chromium add', () => {
  it('Chromium/Electron switches anywhere are ignored and reported, and do not disturb our flags', () => {
    const parsed = parseLaunchArgs([EXE, '--allow-file-access-from-files', '--resume', '2', '--original-process-start-time=13350000000000000', '--no-sandbox']);
    expect(parsed.commands).toEqual([{ type: 'resume-position', position: 2 }]);
    expect(parsed.ignored).toEqual(['--allow-file-access-from-files', '--original-process-start-time=13350000000000000', '--no-sandbox']);
    expect(parsed.refused).toEqual([]);
  });

  it('development: `electron [switches] <app dir> --flag` skips the app path', () => {
    const parsed = parseLaunchArgs(['/repo/node_modules/electron/dist/electron', '--no-sandbox', '/repo', '--resume-top'], { appPathFirst: true });
    expect(parsed).toEqual({ commands: [{ type: 'resume-position', position: 1 }], ignored: ['--no-sandbox'], refused: [] });
  });

  it('packaged: a stray word is reported as ignored, not taken for the app path', () => {
    expect(parseLaunchArgs([EXE, 'resume-top', '--refresh'])).toEqual({ commands: [{ type: 'refresh' }], ignored: ['resume-top'], refused: [] });
  });

  it("macOS Finder's -psn_ argument and unknown single-dash switches are ignored", () => {
    expect(parseLaunchArgs(['/Applications/Held Calls.app/Contents/MacOS/Held Calls', '-psn_0_123456', '--toggle-panel'])).toEqual({
      commands: [{ type: 'toggle-panel' }],
      ignored: ['-psn_0_123456'],
      refused: [],
    });
  });

  it('after Chromium\'s "--" marker everything is positional: a flag there is not acted on', () => {
    const parsed = parseLaunchArgs([EXE, '--refresh', '--', '--resume-top']);
    expect(parsed.commands).toEqual([{ type: 'refresh' }]);
    expect(parsed.ignored).toEqual(['--resume-top']);
  });

  it('unknown flags of ours-like shape are ignored, not guessed (--resume-2, --resumetop)', () => {
    const parsed = parseLaunchArgs([EXE, '--resume-2', '--resumetop', '--toggle']);
    expect(parsed.commands).toEqual([]);
    expect(parsed.ignored).toEqual(['--resume-2', '--resumetop', '--toggle']);
  });
});

describe('parseLaunchArgs: bounds', () => {
  it(`at most ${MAX_LAUNCH_COMMANDS} commands per launch; the rest are refused`, () => {
    const parsed = parseLaunchArgs([EXE, ...Array.from({ length: MAX_LAUNCH_COMMANDS + 2 }, () => '--refresh')]);
    expect(parsed.commands).toHaveLength(MAX_LAUNCH_COMMANDS);
    expect(parsed.refused.map((r) => r.code)).toEqual(['TOO_MANY_COMMANDS', 'TOO_MANY_COMMANDS']);
  });

  it('reports are shortened and bounded, so a hostile argv cannot flood the log', () => {
    const long = `--${'x'.repeat(10_000)}`;
    const parsed = parseLaunchArgs([EXE, ...Array.from({ length: 500 }, () => long), '--resume', 'y'.repeat(10_000)]);
    expect(parsed.ignored.length).toBeLessThanOrEqual(20);
    expect(parsed.ignored.every((w) => w.length <= 61)).toBe(true);
    expect(parsed.refused[0]!.value!.length).toBeLessThanOrEqual(61);
  });

  it('non-string entries are skipped', () => {
    expect(parseLaunchArgs([EXE, undefined as unknown as string, '--refresh']).commands).toEqual([{ type: 'refresh' }]);
  });
});

describe('describeLaunchArgs', () => {
  it('one line per refusal with its reason, and one line for ignored words', () => {
    const lines = describeLaunchArgs(parseLaunchArgs([EXE, '--resume', '0', '--frobnicate']));
    expect(lines).toEqual([`Launch flag refused: --resume 0: the position must be a whole number from 1 to ${MAX_POSITION}.`, 'Launch arguments ignored (not ours): --frobnicate']);
    expect(describeLaunchArgs(parseLaunchArgs([EXE, '--refresh']))).toEqual([]);
  });
});

describe('the second-instance handoff', () => {
  it('round-trips the second instance\'s own argv exactly, and is preferred over the event argv', () => {
    const data = launchHandoff([EXE, '--resume', '3'], false);
    // The event argv as Chromium may reorder it: the value no longer follows its flag.
    const reordered = [EXE, '--resume', '--allow-file-access-from-files', '3'];
    expect(secondInstanceArgs(reordered, data, false).commands).toEqual([{ type: 'resume-position', position: 3 }]);
    // Without the handoff the reordered argv is refused, not misread.
    expect(secondInstanceArgs(reordered, undefined, false).commands).toEqual([]);
    expect(secondInstanceArgs(reordered, undefined, false).refused[0]!.code).toBe('POSITION_MISSING');
  });

  it('survives structured cloning (what Electron does to additionalData)', () => {
    const data = structuredClone(launchHandoff(['/opt/electron', '/repo', '--toggle-panel'], true));
    expect(secondInstanceArgs([], data, false).commands).toEqual([{ type: 'toggle-panel' }]);
  });

  it.each([
    ['null', null],
    ['a string', '--resume-top'],
    ['another app\'s data', { argv: ['x', '--resume-top'] }],
    ['a non-array argv', { cecLaunch: 1, argv: '--resume-top' }],
    ['non-string words', { cecLaunch: 1, argv: ['x', 5] }],
    ['too many words', { cecLaunch: 1, argv: Array.from({ length: 65 }, () => '--refresh') }],
  ])('malformed additionalData (%s) is not trusted; the event argv is used', (_label, data) => {
    expect(readLaunchHandoff(data)).toBeUndefined();
    expect(secondInstanceArgs([EXE, '--refresh'], data, false).commands).toEqual([{ type: 'refresh' }]);
  });

  it('the handoff is bounded in size', () => {
    const data = launchHandoff([EXE, ...Array.from({ length: 200 }, () => 'w'.repeat(10_000))], false);
    expect(data.argv.length).toBeLessThanOrEqual(64);
    expect(data.argv.every((w) => w.length <= 4096)).toBe(true);
    expect(readLaunchHandoff(data)).toBeDefined();
  });
});
