/**
 * `psa-emu/wasm`: run C against psa-emu. C compiled for wasm32 with the headers in
 * `include/psa/` (`clang --target=wasm32-wasi --sysroot=/usr -I node_modules/psa-emu/include`)
 * imports the PSA Crypto and ITS functions from module `"psa"`; `createPsaImports(psa)`
 * provides them over `psa.cSync`, and `runWasm` runs a WASI command with them on Node.
 * Spec: PSA Certified Crypto API 1.2; PSA Certified Secure Storage API 1.0; WASI preview1.
 * @packageDocumentation
 */
export {
  type CArgKind,
  type COutParam,
  PSA_WASM_FUNCTIONS,
  type PsaWasmFunction,
  WASM_KEY_ATTRIBUTES_SIZE,
  WASM_STORAGE_INFO_SIZE,
  type WasmValueType,
} from './abi.js';
export {
  type CreatePsaImportsOptions,
  createPsaImports,
  type PsaImportFunction,
  type PsaImports,
  type PsaImportsSource,
} from './imports.js';
export { checkPsaImports, PSA_IMPORT_MODULE } from './link.js';
export { type RunWasmOptions, type RunWasmResult, runWasm } from './run-wasi.js';
