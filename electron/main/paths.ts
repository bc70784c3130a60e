// Where the built pieces are, relative to the bundled main (out/main/index.js).
import { join } from 'node:path';

const here = import.meta.dirname;

export const PRELOAD_FILE = join(here, '../preload/index.cjs');
/** The built renderer, served as app://panel/ (see ../app/app-protocol.ts); nothing else is. */
export const RENDERER_DIR = join(here, '../renderer');

/** Set by electron-vite in `dev`; never in a packaged or built run. */
export function devServerUrl(isPackaged: boolean): string | undefined {
  const url = process.env.ELECTRON_RENDERER_URL;
  return !isPackaged && url ? url : undefined;
}
