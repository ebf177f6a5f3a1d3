// Build of the three Electron targets. The main target also bundles the Node entry points that
// serve the same core without Electron: the HTTP bridge, the CLI, the job worker and the bench.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { type Plugin } from 'vite';

const alias = { '@shared': resolve(__dirname, 'shared') };

/**
 * The first page (the roster) is a chunk of its own (React.lazy). Left alone, the browser would
 * only ask for it, and for AG Grid, after the entry has been downloaded and run; these
 * modulepreload links let it fetch them alongside the entry instead.
 */
function preloadFirstPage(pageModule: string): Plugin {
  return {
    name: 'traindesk-preload-first-page',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).flatMap((item) =>
          item.type === 'chunk' ? [item] : [],
        );
        const page = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(pageModule));
        if (!page) return [];
        const files = new Set<string>();
        const visit = (fileName: string): void => {
          if (files.has(fileName)) return;
          files.add(fileName);
          for (const imported of chunks.find((c) => c.fileName === fileName)?.imports ?? []) {
            visit(imported);
          }
        };
        visit(page.fileName);
        const scripts = [...files].filter((fileName) => !html.includes(`./${fileName}"`));
        // The page's own styles too: Vite resolves a page's dynamic import only once its CSS has
        // loaded, and on a cold start that file queued behind the first rows in the core.
        const styles = [...files]
          .flatMap((fileName) => [
            ...(chunks.find((c) => c.fileName === fileName)?.viteMetadata?.importedCss ?? []),
          ])
          .filter((fileName) => !html.includes(`./${fileName}"`));
        return [
          ...scripts.map((fileName) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${fileName}` },
            injectTo: 'head' as const,
          })),
          ...[...new Set(styles)].map((fileName) => ({
            tag: 'link',
            attrs: { rel: 'stylesheet', crossorigin: true, href: `./${fileName}` },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}

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
    plugins: [react(), preloadFirstPage('renderer/src/features/roster/RosterPage.tsx')],
    // Relative asset paths: the window loads index.html from file:// and the bridge serves it from
    // its root, so the page chunks (React.lazy, one per page) must resolve next to index.html.
    base: './',
    build: {
      // electron-vite leaves the renderer unminified; parsing ~7 MB of plain code was most of a
      // cold start, so it is minified like any web build.
      minify: true,
      // antd with React is the one chunk above 1.5 MB (minified); the shell cannot start without it.
      chunkSizeWarningLimit: 1700,
      rollupOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
        // Libraries in chunks named after them: the first page loads antd and AG Grid, ECharts
        // comes when a chart is shown (the page chunks themselves come from React.lazy in routes).
        output: {
          codeSplitting: {
            // Highest priority first, so React and antd are not pulled into the AG Grid chunk as
            // its dependencies (the shell needs them; the grid only its page).
            groups: [
              {
                name: 'vendor-ui',
                // zod is left to the chunks that need it: the first screen does not (see
                // renderer/src/api/http-transport.ts).
                test: /node_modules[\\/](?!ag-grid-|echarts[\\/]|zrender[\\/]|zod[\\/])/,
                priority: 3,
              },
              { name: 'vendor-ag-grid', test: /node_modules[\\/]ag-grid-/, priority: 2 },
              {
                name: 'vendor-echarts',
                test: /node_modules[\\/](echarts|zrender)[\\/]/,
                priority: 1,
              },
            ],
          },
        },
      },
    },
  },
});
