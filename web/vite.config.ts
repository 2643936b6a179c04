// Builds the web app (web/) into dist/web, which `collegium start` serves. The app imports the
// browser-safe shared code (src/acts envelope and encodings, src/record) by relative paths.
// releasePlugin writes Subresource Integrity into index.html and the build's hashes into
// release.json (docs/OPERATIONS.md, "Checking the web app").
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { releasePlugin } from './release-plugin.js';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  plugins: [releasePlugin()],
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    // The secret-ballot chunk (libsodium's WebAssembly inlined, ~550 KB, ~190 KB gzipped) is
    // loaded lazily, only when a secret vote is shown; the main script stays far smaller.
    chunkSizeWarningLimit: 600,
    // zod and the line that tells it not to probe for eval (web/src/zod-config.ts) share one
    // chunk, so the configuration runs before any chunk that defines a schema: a chunk is
    // evaluated before the chunks that import it, whatever the order of main.tsx's imports.
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes('/node_modules/zod/') || id.endsWith('/web/src/zod-config.ts')) return 'zod';
          return undefined;
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
