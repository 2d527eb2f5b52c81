import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { electronBinary, electronOverride } from './scripts/electron-binary.ts';

// electron-vite runs node_modules/electron/dist/<path.txt> and knows nothing of Electron's
// ELECTRON_OVERRIDE_DIST_PATH (which scripts/ensure-electron.ts offers when the download
// fails): hand it the same executable through electron-vite's own ELECTRON_EXEC_PATH.
if (electronOverride() && !process.env['ELECTRON_EXEC_PATH']) {
  const binary = electronBinary();
  if (binary) process.env['ELECTRON_EXEC_PATH'] = binary;
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          // The desk's own process (utilityProcess.fork).
          core: resolve(import.meta.dirname, 'src/main/core-process.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        // A sandboxed preload cannot load ES modules: one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
  },
});
