// Every icon the packages need, from build/icon.svg alone:
//   build/icon.png (1024), build/icons/NxN.png (Linux), build/icon.ico (Windows),
//   build/icon.icns (macOS), build/tray/trayTemplate.png + @2x (macOS menu bar).
// `npm run icons` writes them; `npm run icons -- --check` fails when a committed icon differs from
// what the SVG gives (run by `npm test`), so the SVG stays the one source.
//
// Libraries: @resvg/resvg-js renders the SVG (resvg: a complete, spec-following SVG renderer; the
// npm package ships prebuilt binaries per OS, no system libraries, unlike sharp's libvips), and
// png2icons packs PNG into .ico and .icns in pure JavaScript (no ImageMagick, no iconutil, so it
// runs on Linux and Windows too). icon-gen would do both but pulls in sharp for the SVG step.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

const ROOT = resolve(import.meta.dirname, '..');
const BUILD = join(ROOT, 'build');
export const ICON_SOURCE = join(BUILD, 'icon.svg');

/** Linux icon theme sizes (electron-builder reads build/icons/NxN.png). */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
/** The tray is 16 pt; @2x for Retina (the same sizes the runtime tray icon uses). */
export const TRAY_SIZE = 16;

function render(svg: string, size: number): Buffer {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng());
}

/** The menu-bar variant: no plate, a black glyph (macOS tints template images), cropped to the glyph. */
export function templateSvg(svg: string): string {
  const viewBox = /<!-- glyph-viewBox: ([\d. ]+) -->/.exec(svg)?.[1];
  const plate = /<rect id="plate"[^>]*\/>/;
  const glyphFill = /(<g id="glyph" fill=")[^"]*(")/;
  if (!viewBox || !plate.test(svg) || !glyphFill.test(svg)) throw new Error(`${ICON_SOURCE} lost its "plate"/"glyph" ids or the glyph-viewBox note`);
  return svg
    .replace(plate, '')
    .replace(glyphFill, '$1#000000$2')
    .replace(/viewBox="[^"]*"/, `viewBox="${viewBox}"`);
}

/** Path (relative to the repo) → bytes, for every generated icon. */
export function generateIcons(svg = readFileSync(ICON_SOURCE, 'utf8')): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const master = render(svg, 1024);
  out.set('build/icon.png', master);
  for (const size of LINUX_SIZES) out.set(`build/icons/${size}x${size}.png`, size === 1024 ? master : render(svg, size));
  png2icons.setLogger(() => undefined);
  // PNG-compressed entries (Vista and later); forWinExe keeps the 256 px entry NSIS and Explorer use.
  const ico = png2icons.createICO(master, png2icons.BICUBIC2, 0, true, true);
  const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0);
  if (!ico || !icns) throw new Error('png2icons could not pack the icons');
  out.set('build/icon.ico', ico);
  out.set('build/icon.icns', icns);
  const template = templateSvg(svg);
  out.set('build/tray/trayTemplate.png', render(template, TRAY_SIZE));
  out.set('build/tray/trayTemplate@2x.png', render(template, TRAY_SIZE * 2));
  return out;
}

function main(): void {
  const check = process.argv.includes('--check');
  const icons = generateIcons();
  const stale: string[] = [];
  for (const [path, bytes] of icons) {
    const file = join(ROOT, path);
    if (check) {
      if (!existsSync(file) || !readFileSync(file).equals(bytes)) stale.push(path);
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  if (check) {
    if (stale.length > 0) {
      console.error(`Icons out of date with ${relative(ROOT, ICON_SOURCE)}: ${stale.join(', ')}. Run: npm run icons`);
      process.exit(1);
    }
    console.log(`${icons.size} icons match ${relative(ROOT, ICON_SOURCE)}`);
  } else {
    console.log(`Wrote ${icons.size} icons from ${relative(ROOT, ICON_SOURCE)}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
