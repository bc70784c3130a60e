// The renderer's one Vite config: used by electron.vite.config.ts (renderer section) and by the
// browser preview (electron/preview/server.ts), so both ship the same bundle.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { UserConfig } from 'vite';

export const rendererRoot = dirname(fileURLToPath(import.meta.url));

export interface RendererConfigOptions {
  /** Where the built index.html and assets go. */
  outDir: string;
  /** Source maps are off by default: the bundle is small and maps would widen what ships. */
  sourcemap?: boolean;
}

export function createRendererConfig(options: RendererConfigOptions): UserConfig {
  return {
    root: rendererRoot,
    // Relative asset URLs, so the same build loads from file:// in Electron and from the preview server.
    base: './',
    plugins: [svelte({ configFile: false })],
    build: {
      outDir: resolve(options.outDir),
      emptyOutDir: true,
      sourcemap: options.sourcemap ?? false,
      // electron-vite leaves minification off unless asked; the panel should load fast either way.
      minify: true,
      // No inline <script>/<style> and no data: module preloads: the CSP allows 'self' only.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      rollupOptions: { input: resolve(rendererRoot, 'index.html') },
    },
  };
}

export default createRendererConfig({ outDir: resolve(rendererRoot, '../out/renderer') });
