// Tray icons drawn at runtime: a disc in the state's colour with the held count in it, encoded as
// PNG with zlib. No image assets to ship, and the count is readable on Windows and Linux, whose
// trays have no title text (macOS also gets tray.setTitle).
import { deflateSync } from 'node:zlib';
import type { TrayIconSpec } from '../app/tray-state';

// 3x5 glyphs, one string per row.
const GLYPHS: Record<string, string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '.##', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '.#.', '.#.', '.#.'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '+': ['...', '.#.', '###', '.#.', '...'],
  '!': ['.#.', '.#.', '.#.', '...', '.#.'],
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA pixels (row-major, size*size*4) → PNG bytes. */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Draws the icon at one pixel size (16 for 1x, 32 for 2x). */
export function drawTrayIcon(spec: TrayIconSpec, size: number): Buffer {
  const pixels = new Uint8Array(size * size * 4);
  const set = (x: number, y: number, rgb: readonly number[], alpha: number): void => {
    const i = (y * size + x) * 4;
    pixels[i] = rgb[0]!;
    pixels[i + 1] = rgb[1]!;
    pixels[i + 2] = rgb[2]!;
    pixels[i + 3] = alpha;
  };
  const r = size / 2;
  const ring = Math.max(1.5, size / 8);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - r, y + 0.5 - r);
      // One pixel of soft edge so the disc is not jagged.
      const coverage = Math.max(0, Math.min(1, r - d));
      const inner = spec.hollow ? Math.max(0, Math.min(1, d - (r - ring))) : 1;
      const alpha = Math.round(255 * coverage * inner);
      if (alpha > 0) set(x, y, spec.color, alpha);
    }
  }
  const text = [...spec.text].filter((ch) => GLYPHS[ch]);
  if (text.length > 0) {
    const unitsWide = text.length * 4 - 1;
    const room = Math.floor(size * 0.7);
    const scale = Math.max(1, Math.min(Math.floor(room / unitsWide), Math.floor(room / 5)));
    const left = Math.floor((size - unitsWide * scale) / 2);
    const top = Math.floor((size - 5 * scale) / 2);
    text.forEach((ch, index) => {
      GLYPHS[ch]!.forEach((row, gy) => {
        [...row].forEach((cell, gx) => {
          if (cell !== '#') return;
          for (let dy = 0; dy < scale; dy++) {
            for (let dx = 0; dx < scale; dx++) set(left + (index * 4 + gx) * scale + dx, top + gy * scale + dy, [255, 255, 255], 255);
          }
        });
      });
    });
  }
  return encodePng(size, pixels);
}
