/**
 * A `worker_threads` worker that fills rows of MILENAGE authentication vectors (the fast path of
 * `../batch.ts`) for `generateAuthVectorsParallel`. Started by `parallel.ts`; not an API.
 * In the built package this is the tsup entry `workers/vector-worker` (dist/workers/vector-worker.js).
 * @module
 */

import { parentPort, workerData } from 'node:worker_threads';
import { wipe } from '../../utils/bytes.js';
import { authVectorSqn, createAuthVectorGenerator } from '../batch.js';
import { formatAuthVectorRows } from '../vector-format.js';
import type { FromVectorWorker, ToVectorWorker, VectorWorkerInit } from './protocol.js';

const port = parentPort;
if (port === null) throw new Error('vector-worker must run as a worker thread');
const init = workerData as VectorWorkerInit;
const keys = init.opc !== undefined ? { k: init.k, opc: init.opc } : { k: init.k, op: init.op! };
const generator = createAuthVectorGenerator(keys, { amf: init.amf, indLength: init.indLength });
wipe(init.k, init.opc, init.op);
const rowLength = generator.layout.length;
const encoder = new TextEncoder();

port.on('message', (msg: ToVectorWorker) => {
  if (msg.type === 'stop') {
    generator.dispose();
    port.close();
    return;
  }
  const rows = new Uint8Array(msg.buffer, 0, msg.count * rowLength);
  generator.generateInto(authVectorSqn(init.sqnStart, msg.index, init.indLength), msg.count, rows);
  const reply: FromVectorWorker = { type: 'done', batch: msg.batch, buffer: msg.buffer };
  const transfer: ArrayBuffer[] = [msg.buffer];
  if (init.format) {
    const text = encoder.encode(formatAuthVectorRows(rows, msg.count, generator.layout, init.format));
    reply.text = text.buffer as ArrayBuffer;
    transfer.push(reply.text);
  }
  port.postMessage(reply, transfer);
});
