// Builds what the preview serves: the real renderer bundle (with renderer/vite.config.ts, the
// same config Electron's build uses) and the bridge script that stands in for the preload.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { createRendererConfig, rendererRoot } from '../../renderer/vite.config';

export const BRIDGE_FILE = 'cec-bridge.js';

export async function buildPreviewAssets(outDir?: string): Promise<string> {
  const dir = outDir ? resolve(outDir) : await mkdtemp(join(tmpdir(), 'cec-preview-'));
  await build({ ...createRendererConfig({ outDir: dir }), configFile: false, logLevel: 'warn' });
  await build({
    configFile: false,
    logLevel: 'warn',
    root: rendererRoot,
    build: {
      outDir: dir,
      emptyOutDir: false,
      minify: false,
      copyPublicDir: false,
      // A classic script (not a module) so it runs, and defines window.cecBridge, before the app's module.
      lib: { entry: join(rendererRoot, 'preview/cec-bridge.ts'), formats: ['iife'], name: 'cecBridge', fileName: () => BRIDGE_FILE },
    },
  });
  return dir;
}

/** The built index.html with the bridge loaded first, from its own file so the CSP needs no exception. */
export function withBridge(indexHtml: string): string {
  const tag = `<script src="./${BRIDGE_FILE}"></script>\n    `;
  const at = indexHtml.indexOf('<script type="module"');
  if (at < 0) throw new Error('built index.html has no module script to put the bridge before');
  return indexHtml.slice(0, at) + tag + indexHtml.slice(at);
}
