/**
 * `checkPsaImports(module, imports)`: the link step of the firmware, before instantiation.
 * Every `"psa"` import of the module must be a function this build links; otherwise the error
 * says why (a `TfmLinkError` for a partition that is not built, a `WebAssembly.LinkError` for a
 * function psa-emu does not implement), instead of WebAssembly's bare "function import requires
 * a callable". Spec: WebAssembly JS API §"read the imports" (a missing import is a LinkError).
 * @module
 */
import { describeType } from '../utils/bytes.js';
import type { PsaImports } from './imports.js';

/** The import module name the shipped header uses (`__attribute__((import_module("psa")))`). */
export const PSA_IMPORT_MODULE = 'psa';

/** Throws when `module` imports a `"psa"` function that `imports` does not provide. */
export function checkPsaImports(module: WebAssembly.Module, imports: PsaImports): void {
  if (!(module instanceof WebAssembly.Module))
    throw new TypeError(`module must be a WebAssembly.Module, got ${describeType(module)}`);
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.module !== PSA_IMPORT_MODULE) continue;
    if (imp.kind === 'function' && Object.hasOwn(imports.psa, imp.name)) continue;
    const why = imports.unavailable.get(imp.name);
    if (why && imp.kind === 'function') throw why;
    throw new WebAssembly.LinkError(
      `import ${PSA_IMPORT_MODULE}.${imp.name} (${imp.kind}): psa-emu does not provide it; ` +
        `it provides the functions of include/psa/crypto.h and include/psa/internal_trusted_storage.h`,
    );
  }
}
