// Build of the three Electron targets. The main target also bundles the Node entry points that
// serve the same core without Electron: the HTTP bridge, the CLI, the job worker and the bench.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const alias = { '@shared': resolve(__dirname, 'shared') };

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          serve: resolve(__dirname, 'electron/bridge/serve.ts'),
          cli: resolve(__dirname, 'electron/cli/index.ts'),
          'core-host': resolve(__dirname, 'electron/main/core-host.ts'),
          'job-worker': resolve(__dirname, 'electron/core/job-worker.ts'),
          'roster-check-worker': resolve(
            __dirname,
            'electron/services/roster/roster-check-worker.ts',
          ),
          bench: resolve(__dirname, 'scripts/bench.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    resolve: { alias },
    plugins: [react()],
    build: {
      chunkSizeWarningLimit: 4000,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
