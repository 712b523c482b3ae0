/*
 * psa/emu_wasm.h - how psa-emu's PSA headers reach the emulator from wasm32.
 *
 * These headers (include/psa/ of the psa-emu npm package) are for C compiled to
 * WebAssembly, e.g.  clang --target=wasm32-wasi --sysroot=/usr -I node_modules/psa-emu/include
 * Every PSA function is an import of module "psa" that psa-emu's createPsaImports()
 * provides (psa-emu/wasm). Types, struct layouts and constant values are those of
 * PSA Certified Crypto API 1.2 and of TF-M / Mbed TLS on a 32-bit device.
 *
 * Part of psa-emu. SPDX-License-Identifier: Apache-2.0
 */
#ifndef PSA_EMU_WASM_H
#define PSA_EMU_WASM_H

#if !defined(__wasm32__)
#error "psa-emu's include/psa headers are for wasm32 (clang --target=wasm32-wasi); use your device's PSA headers elsewhere"
#endif

/* Marks a declaration as the import "psa"."name" (WebAssembly tool-conventions, clang attributes). */
#define PSA_EMU_IMPORT(name) __attribute__((import_module("psa"), import_name(#name)))

#endif /* PSA_EMU_WASM_H */
