/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import AutoImport from 'unplugin-auto-import/vite';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

// The C++ server serves web/dist and answers /api; `npm run dev` proxies /api to it.
const apiTarget = process.env.IIFUND_API_TARGET ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    // Element Plus on demand: only the components (and their CSS) a chunk uses end up in it.
    AutoImport({
      resolvers: [ElementPlusResolver()],
      dts: 'auto-imports.d.ts',
    }),
    Components({
      resolvers: [ElementPlusResolver()],
      dts: 'components.d.ts',
      // Our own components are imported explicitly.
      dirs: [],
    }),
  ],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  define: {
    // vue-i18n feature flags: Composition API only, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  optimizeDeps: {
    // Pre-bundle Element Plus up front so the dev server does not reload on each new component.
    include: ['element-plus/es', 'element-plus/es/components/*/style/css'],
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The server's CSP forbids inline scripts; keep every module a file.
    modulePreload: { polyfill: false },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    // Element Plus components import their CSS; let Vite (not Node) load them.
    server: { deps: { inline: ['element-plus'] } },
  },
});
