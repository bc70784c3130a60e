// electron-vite: main (ESM, deps external), preload (one CommonJS file for the sandbox) and the
// renderer (the same Vite config the browser preview uses). Building needs no Electron binary.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { createRendererConfig } from './renderer/vite.config';

const root = import.meta.dirname;
const renderer = createRendererConfig({ outDir: resolve(root, 'out/renderer') });

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // electron-store, undici and selfsigned stay in node_modules and load at run time.
      externalizeDeps: true,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/main/index.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // Bundle everything it imports (only shared constants): a sandboxed preload cannot require.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        // Sandboxed preloads run as classic scripts: CommonJS, one file, no chunks.
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    ...renderer,
    build: {
      ...renderer.build,
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(renderer.root ?? resolve(root, 'renderer'), 'index.html') },
    },
  },
});
