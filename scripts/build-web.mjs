// Builds the front-ends into dist/web: the agent console (/app), the widget's panel (ES modules,
// content-hashed) and its loader (/widget.js, a classic script that knows the panel's hashed name).
// `--watch` rebuilds on change (npm run dev); the loader follows each panel rebuild.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'dist/web');
const watch = process.argv.includes('--watch');

const common = {
  configFile: false,
  logLevel: watch ? 'info' : 'warn',
  clearScreen: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { '@shared': resolve(root, 'web/shared') } },
};
const watching = watch ? { watch: {} } : {};

function consoleBuild() {
  return build({
    ...common,
    root: resolve(root, 'web/console'),
    base: '/app/',
    build: { outDir: resolve(out, 'console'), emptyOutDir: true, target: 'es2022', ...watching },
  });
}

function panelBuild() {
  return build({
    ...common,
    // Chunks are imported relative to the panel module, wherever the server is.
    base: './',
    build: {
      outDir: resolve(out, 'widget'),
      emptyOutDir: true,
      target: 'es2020',
      manifest: true,
      modulePreload: false,
      rollupOptions: {
        input: { panel: resolve(root, 'web/widget/panel.tsx') },
        preserveEntrySignatures: 'exports-only',
        output: { format: 'es', entryFileNames: '[name]-[hash].js', chunkFileNames: '[name]-[hash].js' },
      },
      ...watching,
    },
  });
}

function panelFile() {
  const manifest = JSON.parse(readFileSync(resolve(out, 'widget/.vite/manifest.json'), 'utf8'));
  return Object.values(manifest).find((entry) => entry.isEntry).file;
}

function loaderBuild() {
  return build({
    ...common,
    logLevel: 'warn',
    define: { __SPECTRE_PANEL__: JSON.stringify(`widget/${panelFile()}`) },
    build: {
      outDir: out,
      emptyOutDir: false,
      target: 'es2018',
      lib: {
        entry: resolve(root, 'web/widget/loader.ts'),
        formats: ['iife'],
        name: 'SpectreWidget',
        fileName: () => 'widget.js',
      },
    },
  });
}

const panel = await panelBuild();
await loaderBuild();
const app = await consoleBuild();
if (watch) {
  panel.on('event', (event) => {
    if (event.code === 'END') loaderBuild().catch((err) => console.error(err));
  });
  console.log('web: watching web/ (console, widget)');
  void app;
}
