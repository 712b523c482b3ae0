import { defineConfig } from 'tsup';

/** One entry per public subpath (see package.json "exports"). */
export const entries: Record<string, string> = {
  index: 'src/index.ts',
  milenage: 'src/milenage/index.ts',
  tuak: 'src/tuak/index.ts',
  aka: 'src/aka/index.ts',
  its: 'src/entries/its.ts',
  tfm: 'src/tfm/index.ts',
  kmu: 'src/kmu/index.ts',
  softsim: 'src/softsim/index.ts',
  wasm: 'src/wasm/index.ts',
  // The worker_threads script of generateAuthVectorsParallel (found next to the bundle at run time).
  'workers/vector-worker': 'src/aka/workers/vector-worker.ts',
  cli: 'src/cli/bin.ts',
  node: 'src/entries/node.ts',
  browser: 'src/entries/browser.ts',
};

export default defineConfig({
  entry: entries,
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  splitting: true,
  treeshake: true,
  // Node built-ins stay imports (only psa-emu/node uses them); everything else is platform-neutral.
  external: [/^node:/],
});
