import { defineConfig } from 'vite';

// The app is a static bundle: `npm run build` writes dist/, which `serve.mjs` serves with the
// node and gateway addresses it is configured with (`/config.json`).
export default defineConfig({
  base: './',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // @polkadot/api and its WASM crypto make one large chunk; it loads once and is cached.
    chunkSizeWarningLimit: 2_500,
    sourcemap: true,
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
