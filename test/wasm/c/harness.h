/*
 * The line protocol of the C tests (the tests in test/wasm parse it; see harness.ts):
 *   call <fn> <status>    a PSA call expected to reach psa-emu (the host records it too)
 *   bad <fn> <status>     a call the import must refuse before psa-emu (bad pointer/length)
 *   host <fn> <status>    a call the import answers itself (an unknown operation handle)
 *   void <fn>             a void PSA call expected to reach psa-emu
 *   out <field> <u32>     a result field of the last call (key, handle, hashLength, attributes.type, ...)
 *   buf <arg> <hex>       output argument <arg> (its index in psa.cSync) of the last call
 *   num <label> <u32>     a number the test checks
 *   data <label> <hex>    bytes the test checks
 * The function name is the text of the call up to its '('.
 */
#ifndef PSA_EMU_TEST_HARNESS_H
#define PSA_EMU_TEST_HARNESS_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static inline psa_status_t report(const char *kind, const char *expr, psa_status_t status) {
  int n = 0;
  while (expr[n] != '\0' && expr[n] != '(') n++;
  printf("%s %.*s %d\n", kind, n, expr, (int)status);
  return status;
}

#define CALL(expr) report("call", #expr, (expr))
#define BAD(expr) report("bad", #expr, (expr))
#define HOST(expr) report("host", #expr, (expr))
#define VOID_CALL(fn) (fn(), printf("void %s\n", #fn))

static inline void out(const char *field, unsigned long value) {
  printf("out %s %lu\n", field, value);
}

static inline void num(const char *label, unsigned long value) {
  printf("num %s %lu\n", label, value);
}

static inline void buf(int arg, const void *p, size_t n) {
  const uint8_t *b = (const uint8_t *)p;
  printf("buf %d ", arg);
  for (size_t i = 0; i < n; i++) printf("%02x", b[i]);
  printf("\n");
}

static inline void data(const char *label, const void *p, size_t n) {
  const uint8_t *b = (const uint8_t *)p;
  printf("data %s ", label);
  for (size_t i = 0; i < n; i++) printf("%02x", b[i]);
  printf("\n");
}

/* Parses hex into out (at most max bytes); returns the byte count. */
static inline size_t unhex(const char *s, uint8_t *out_bytes, size_t max) {
  size_t n = 0;
  while (s[0] != '\0' && s[1] != '\0' && n < max) {
    unsigned v = 0;
    for (int i = 0; i < 2; i++) {
      char c = s[i];
      v = v * 16 + (unsigned)(c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0');
    }
    out_bytes[n++] = (uint8_t)v;
    s += 2;
  }
  return n;
}

/* A pointer far outside linear memory. */
#define OOB ((void *)0xfffff000u)
/* A size that runs past the end of memory from any real buffer. */
#define HUGE ((size_t)0xfffffff0u)

/*
 * One past the last byte of linear memory. The first call grows memory by a page that no
 * allocator knows about, so the tests may write right up to the end (malloc's sbrk would
 * simply continue after it).
 */
static inline uint8_t *memory_end(void) {
  static uint8_t *end;
  if (!end) {
    __builtin_wasm_memory_grow(0, 1);
    end = (uint8_t *)(uintptr_t)(__builtin_wasm_memory_size(0) * 65536u);
  }
  return end;
}

#endif
