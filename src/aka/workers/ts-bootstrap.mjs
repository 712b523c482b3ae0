// Development only: when psa-emu runs from its TypeScript sources (vitest, `npm run bench`), Node
// cannot start `vector-worker.ts` by itself; this plain ES module registers tsx's loader in the
// worker thread and then loads it. The built package starts dist/workers/vector-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./vector-worker.ts');
