/**
 * Reads the function imports of a WebAssembly binary with their types (WebAssembly core spec
 * §5.5.2 type section, §5.5.5 import section), which `WebAssembly.Module.imports` does not give.
 * Enough of the binary format to check that the header's declarations compile to the
 * signatures createPsaImports expects.
 */

const VALTYPES: Record<number, string> = { 127: 'i32', 126: 'i64', 125: 'f32', 124: 'f64' };

/** A function import and its signature. */
export interface FunctionImport {
  module: string;
  name: string;
  params: string[];
  results: string[];
}

/** Every function import of `bytes`. */
export function functionImports(bytes: Uint8Array): FunctionImport[] {
  let p = 8; // magic + version
  const u32 = (): number => {
    let v = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[p++]!;
      v += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return v;
      shift += 7;
    }
  };
  const name = (): string => {
    const n = u32();
    const s = new TextDecoder().decode(bytes.subarray(p, p + n));
    p += n;
    return s;
  };
  const limits = (): void => {
    const flags = bytes[p++]!;
    u32();
    if (flags & 1) u32();
  };
  const types: { params: string[]; results: string[] }[] = [];
  const imports: FunctionImport[] = [];
  while (p < bytes.length) {
    const id = bytes[p++]!;
    const size = u32();
    const end = p + size;
    if (id === 1) {
      for (let n = u32(); n > 0; n--) {
        if (bytes[p++] !== 0x60) throw new Error('unexpected type form');
        const params = Array.from({ length: u32() }, () => VALTYPES[bytes[p++]!] ?? '?');
        const results = Array.from({ length: u32() }, () => VALTYPES[bytes[p++]!] ?? '?');
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = u32(); n > 0; n--) {
        const module = name();
        const field = name();
        const kind = bytes[p++];
        if (kind === 0) imports.push({ module, name: field, ...types[u32()]! });
        else if (kind === 1) {
          p++; // reftype
          limits();
        } else if (kind === 2) limits();
        else if (kind === 3)
          p += 2; // valtype + mutability
        else throw new Error(`unknown import kind ${kind}`);
      }
    }
    p = end;
  }
  return imports;
}
