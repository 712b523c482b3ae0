#!/usr/bin/env node
/**
 * The `psa-emu` executable: runs the CLI and sets the exit code.
 * @module
 */
import { main } from './main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
