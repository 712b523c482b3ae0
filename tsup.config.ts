import { defineConfig } from 'tsup';

/** One entry per public subpath (see package.json "exports"). */
export const entries: Record<string, string> = {
  index: 'src/index.ts',
  milenage: 'src/milenage/index.ts',
  tuak: 'src/tuak/index.ts',
  aka: 'src/aka/index.ts',
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
});
