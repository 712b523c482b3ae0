/**
 * `psa-emu vectors --k … --opc … --count N [--out file.csv|.jsonl] [--workers n]`: bulk
 * authentication vectors (TS 33.102 §6.3.2) for HSS/AuC load tests, streamed with constant
 * memory, a progress bar on a TTY, and a valid file (whole lines only) after Ctrl-C.
 * @module
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { type AuthVectorBatch, authVectorSqn } from '../../aka/batch.js';
import { AUTH_VECTOR_CSV_HEADER } from '../../aka/vector-format.js';
import { generateAuthVectorsParallel } from '../../aka/workers/parallel.js';
import type { Command } from '../command.js';
import { bigintArg, CliError, EXIT, hexArg, intArg } from '../util.js';
import { KEY_HELP, KEY_OPTIONS, keyArgs } from './keys.js';

class Stopped extends Error {}

export const vectorsCommand: Command = {
  name: 'vectors',
  summary: 'bulk authentication vectors, streamed to CSV or JSON lines',
  help: `Usage: psa-emu vectors --k <hex> (--op|--opc) <hex> --count <n> [--sqn <start>] [--amf <hex>]
                       [--ind <bits>] [--out file.csv|file.jsonl] [--format csv|jsonl] [--workers <n>]

Generates <n> vectors (RAND, XRES, CK, IK, AK, AUTN) with consecutive SQNs for one subscriber,
streaming them with constant memory. CSV columns: sqn,rand,xres,ck,ik,ak,autn (hex).
A progress bar is shown on a TTY; Ctrl-C stops after the current batch and leaves a valid file.

Options:
${KEY_HELP}
  --count <n>      number of vectors
  --sqn <start>    SQN of the first vector (default 1; decimal or 0x hex)
  --amf <hex>      AMF (default 8000)
  --ind <bits>     IND length of the SQN (SEQ‖IND, TS 33.102 Annex C.1.2; default 0 = plain counter)
  --out <file>     output file (.csv or .jsonl); default stdout
  --format <f>     csv or jsonl (default from the file extension, else csv)
  --workers <n>    worker threads (0 = this thread; default 0; use 2 to use both cores of this machine)
Prints the rate (vectors/s) on stderr when done.`,
  options: {
    ...KEY_OPTIONS,
    count: { type: 'string' },
    sqn: { type: 'string' },
    amf: { type: 'string' },
    ind: { type: 'string' },
    out: { type: 'string' },
    format: { type: 'string' },
    workers: { type: 'string' },
  },
  async run(values, _p, io) {
    const { k, opc } = keyArgs(values);
    if (values.count === undefined) throw new CliError('--count is required');
    const count = intArg('count', values.count as string, 0, 0, 2 ** 40);
    const sqnStart = bigintArg('sqn', values.sqn as string | undefined, 1n);
    const amf = values.amf === undefined ? Uint8Array.of(0x80, 0) : hexArg('amf', values.amf as string, 2);
    const indLength = intArg('ind', values.ind as string | undefined, 0, 0, 16);
    const workers = intArg('workers', values.workers as string | undefined, 0, 0, 64);
    const outPath = values.out as string | undefined;
    const format = ((values.format as string | undefined) ??
      (outPath?.endsWith('.jsonl') ? 'jsonl' : 'csv')) as 'csv' | 'jsonl';
    if (format !== 'csv' && format !== 'jsonl') throw new CliError('--format must be csv or jsonl');
    // Before anything is written: the last vector's SQN must exist (SEQ steps by 1, IND cycles).
    try {
      authVectorSqn(sqnStart, Math.max(0, count - 1), indLength);
    } catch (e) {
      throw new CliError(
        `--sqn ${sqnStart} with --count ${count} and --ind ${indLength}: ${(e as Error).message}`,
      );
    }

    const sink: WriteStream | NodeJS.WriteStream = outPath ? createWriteStream(outPath) : process.stdout;
    if (outPath)
      await new Promise<void>((resolve, reject) =>
        (sink as WriteStream)
          .once('open', () => resolve())
          .once('error', (e) => reject(new CliError(`cannot write ${outPath}: ${e.message}`))),
      );
    const write = async (chunk: string | Uint8Array) => {
      if (!sink.write(chunk)) await new Promise<void>((resolve) => sink.once('drain', () => resolve()));
    };
    if (format === 'csv') await write(AUTH_VECTOR_CSV_HEADER);

    const bar =
      process.stderr.isTTY && outPath
        ? new SingleBar({
            format: 'vectors [{bar}] {percentage}% {value}/{total} {rate}/s eta {eta}s',
            hideCursor: true,
          })
        : undefined;
    bar?.start(count, 0, { rate: 0 });
    let stopping = false;
    const onSigint = () => {
      stopping = true;
    };
    process.once('SIGINT', onSigint);
    const t0 = performance.now();
    let done = 0;
    const onBatch = async (b: AuthVectorBatch) => {
      if (stopping) throw new Stopped();
      await write(b.text!);
      done += b.count;
      bar?.update(done, { rate: Math.round(done / ((performance.now() - t0) / 1000)) });
    };
    try {
      await generateAuthVectorsParallel({
        k,
        opc,
        amf,
        sqnStart,
        indLength,
        count,
        workers,
        onBatch,
        format,
      });
    } catch (e) {
      if (!(e instanceof Stopped)) throw e;
    } finally {
      process.removeListener('SIGINT', onSigint);
      bar?.stop();
      k.fill(0);
      opc.fill(0);
      if (outPath) await new Promise<void>((resolve) => (sink as WriteStream).end(resolve));
    }
    const seconds = (performance.now() - t0) / 1000;
    io.err(
      `${done} vectors in ${seconds.toFixed(2)} s (${Math.round(done / Math.max(seconds, 1e-9))} vectors/s, ${workers || 'no'} worker threads)${stopping ? ', interrupted' : ''}\n`,
    );
    return stopping ? 130 : EXIT.ok;
  },
};
