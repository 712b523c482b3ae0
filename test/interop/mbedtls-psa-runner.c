/*
 * A PSA call runner against Debian's Mbed TLS 2.28 (PSA core + file ITS in the working
 * directory). Reads one command per line on stdin, runs it, prints one result line:
 *   "<status> [key|handle|length] [hex output]".
 * Written for psa-emu's interop and differential tests; the TypeScript side sends the same
 * commands to psa-emu and compares.
 *
 * Commands (numbers in decimal or 0x hex, byte strings in hex, "-" for empty):
 *   init | free
 *   import <lifetime> <id> <type> <bits> <usage> <alg> <keyhex>      -> status key
 *   generate <lifetime> <id> <type> <bits> <usage> <alg>              -> status key
 *   copy <src> <lifetime> <id> <usage> <alg>                          -> status key
 *   open <id> | close <handle> | destroy <id> | purge <id>            -> status [handle]
 *   attrs <id>                         -> status id lifetime type bits usage alg
 *   export <id> <size>                 -> status length hex
 *   encrypt_iv <id> <alg> <ivhex> <inhex> <outsize>  (multipart with a given IV) -> status length hex
 *   decrypt <id> <alg> <inhex> <outsize>             -> status length hex
 *   mac <id> <alg> <inhex> <macsize>                 -> status length hex
 *   macverify <id> <alg> <inhex> <machex>            -> status
 *   hash <alg> <inhex> <size>                        -> status length hex
 */
#include <psa/crypto.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_BUF 4096

static unsigned long num(const char *s) { return s ? strtoul(s, NULL, 0) : 0; }

static size_t unhex(const char *s, uint8_t *out) {
  size_t n = 0;
  if (s == NULL || strcmp(s, "-") == 0) return 0;
  for (; s[0] && s[1] && n < MAX_BUF; s += 2) {
    unsigned v;
    if (sscanf(s, "%2x", &v) != 1) break;
    out[n++] = (uint8_t)v;
  }
  return n;
}

static void hex(const uint8_t *b, size_t n) {
  if (n == 0) printf("-");
  for (size_t i = 0; i < n; i++) printf("%02x", b[i]);
}

static void set_attrs(psa_key_attributes_t *a, char **t, int lifetime_at) {
  psa_set_key_lifetime(a, (psa_key_lifetime_t)num(t[lifetime_at]));
  if (num(t[lifetime_at + 1]) != 0) psa_set_key_id(a, (psa_key_id_t)num(t[lifetime_at + 1]));
}

int main(int argc, char **argv) {
  static char line[4 * MAX_BUF + 256];
  static uint8_t in[MAX_BUF], in2[MAX_BUF], out[MAX_BUF];
  if (argc > 1 && chdir(argv[1]) != 0) {
    perror("chdir");
    return 2;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  while (fgets(line, sizeof line, stdin)) {
    char *t[16] = {0};
    int n = 0;
    for (char *p = strtok(line, " \t\r\n"); p && n < 16; p = strtok(NULL, " \t\r\n")) t[n++] = p;
    if (n == 0) continue;
    const char *c = t[0];
    psa_status_t st;
    if (!strcmp(c, "init")) {
      printf("%d\n", (int)psa_crypto_init());
    } else if (!strcmp(c, "free")) {
      mbedtls_psa_crypto_free();
      printf("0\n");
    } else if (!strcmp(c, "import") || !strcmp(c, "generate")) {
      psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
      set_attrs(&a, t, 1);
      psa_set_key_type(&a, (psa_key_type_t)num(t[3]));
      psa_set_key_bits(&a, (size_t)num(t[4]));
      psa_set_key_usage_flags(&a, (psa_key_usage_t)num(t[5]));
      psa_set_key_algorithm(&a, (psa_algorithm_t)num(t[6]));
      psa_key_id_t key = 0;
      if (!strcmp(c, "import")) st = psa_import_key(&a, in, unhex(t[7], in), &key);
      else st = psa_generate_key(&a, &key);
      printf("%d %u\n", (int)st, (unsigned)key);
    } else if (!strcmp(c, "copy")) {
      psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
      set_attrs(&a, t, 2);
      psa_set_key_usage_flags(&a, (psa_key_usage_t)num(t[4]));
      psa_set_key_algorithm(&a, (psa_algorithm_t)num(t[5]));
      psa_key_id_t key = 0;
      st = psa_copy_key((psa_key_id_t)num(t[1]), &a, &key);
      printf("%d %u\n", (int)st, (unsigned)key);
    } else if (!strcmp(c, "open")) {
      psa_key_handle_t h = 0;
      st = psa_open_key((psa_key_id_t)num(t[1]), &h);
      printf("%d %u\n", (int)st, (unsigned)h);
    } else if (!strcmp(c, "close")) {
      printf("%d\n", (int)psa_close_key((psa_key_handle_t)num(t[1])));
    } else if (!strcmp(c, "destroy")) {
      printf("%d\n", (int)psa_destroy_key((psa_key_id_t)num(t[1])));
    } else if (!strcmp(c, "purge")) {
      printf("%d\n", (int)psa_purge_key((psa_key_id_t)num(t[1])));
    } else if (!strcmp(c, "attrs")) {
      psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
      st = psa_get_key_attributes((psa_key_id_t)num(t[1]), &a);
      printf("%d %u %u %u %u %u %u\n", (int)st, (unsigned)psa_get_key_id(&a), (unsigned)psa_get_key_lifetime(&a),
             (unsigned)psa_get_key_type(&a), (unsigned)psa_get_key_bits(&a), (unsigned)psa_get_key_usage_flags(&a),
             (unsigned)psa_get_key_algorithm(&a));
      psa_reset_key_attributes(&a);
    } else if (!strcmp(c, "export")) {
      size_t len = 0, size = num(t[2]);
      memset(out, 0xa5, sizeof out);
      st = psa_export_key((psa_key_id_t)num(t[1]), out, size, &len);
      printf("%d %zu ", (int)st, len);
      hex(out, st == PSA_SUCCESS ? len : 0);
      printf("\n");
    } else if (!strcmp(c, "encrypt_iv")) {
      psa_cipher_operation_t op = PSA_CIPHER_OPERATION_INIT;
      size_t ivn = unhex(t[3], in2), inn = unhex(t[4], in), size = num(t[5]), l1 = 0, l2 = 0;
      st = psa_cipher_encrypt_setup(&op, (psa_key_id_t)num(t[1]), (psa_algorithm_t)num(t[2]));
      if (st == PSA_SUCCESS && ivn > 0) st = psa_cipher_set_iv(&op, in2, ivn);
      if (st == PSA_SUCCESS) st = psa_cipher_update(&op, in, inn, out, size, &l1);
      if (st == PSA_SUCCESS) st = psa_cipher_finish(&op, out + l1, size - l1, &l2);
      psa_cipher_abort(&op);
      printf("%d %zu ", (int)st, st == PSA_SUCCESS ? l1 + l2 : 0);
      hex(out, st == PSA_SUCCESS ? l1 + l2 : 0);
      printf("\n");
    } else if (!strcmp(c, "decrypt")) {
      size_t len = 0, inn = unhex(t[3], in), size = num(t[4]);
      st = psa_cipher_decrypt((psa_key_id_t)num(t[1]), (psa_algorithm_t)num(t[2]), in, inn, out, size, &len);
      printf("%d %zu ", (int)st, len);
      hex(out, st == PSA_SUCCESS ? len : 0);
      printf("\n");
    } else if (!strcmp(c, "mac")) {
      size_t len = 0, inn = unhex(t[3], in), size = num(t[4]);
      st = psa_mac_compute((psa_key_id_t)num(t[1]), (psa_algorithm_t)num(t[2]), in, inn, out, size, &len);
      printf("%d %zu ", (int)st, st == PSA_SUCCESS ? len : 0);
      hex(out, st == PSA_SUCCESS ? len : 0);
      printf("\n");
    } else if (!strcmp(c, "macverify")) {
      size_t inn = unhex(t[3], in), macn = unhex(t[4], in2);
      printf("%d\n", (int)psa_mac_verify((psa_key_id_t)num(t[1]), (psa_algorithm_t)num(t[2]), in, inn, in2, macn));
    } else if (!strcmp(c, "hash")) {
      size_t len = 0, inn = unhex(t[2], in), size = num(t[3]);
      st = psa_hash_compute((psa_algorithm_t)num(t[1]), in, inn, out, size, &len);
      printf("%d %zu ", (int)st, len);
      hex(out, st == PSA_SUCCESS ? len : 0);
      printf("\n");
    } else {
      printf("? %s\n", c);
    }
  }
  mbedtls_psa_crypto_free();
  return 0;
}
