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
 * Added for the differential test (test/interop/mbedtls-differential.test.ts):
 *   reset                  -> 0   (mbedtls_psa_crypto_free, abort both operations, delete *.psa_its here)
 *   random <size>                                    -> status size
 *   encrypt <id> <alg> <inhex> <outsize>  (single part, random IV) -> status length hex
 *   csetup <enc|dec> <id> <alg> | csetiv <ivhex> | cabort            -> status
 *   cgeniv <size> | cupdate <inhex> <outsize> | cfinish <outsize>     -> status length hex
 *   msetup <sign|verify> <id> <alg> | mupdate <inhex> | mverify <machex> | mabort -> status
 *   msign <size>                                                     -> status length hex
 * Any byte-string argument may be "@": the output of the last command that printed bytes
 * successfully (so a decrypt or macverify can use what the previous call produced). Any key
 * argument (not the id in the attributes) may be "$" or "$<n>": the key returned by the last
 * (n-th before last, n < 8) successful import/generate/copy, or 0 when there is none.
 * There is one multipart cipher and one multipart MAC operation; "free" leaves them alone.
 */
#include <psa/crypto.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

#define MAX_BUF 4096

static unsigned long num(const char *s) { return s ? strtoul(s, NULL, 0) : 0; }

/* An output size, at most the buffer (so a script cannot overflow it). */
static size_t sz(const char *s) {
  unsigned long v = num(s);
  return v < MAX_BUF ? v : MAX_BUF;
}

/* The keys "$", "$1", ... stand for (a ring of the last 8 created keys). */
static psa_key_id_t created[8];
static unsigned created_n;

static psa_key_id_t key_arg(const char *s) {
  if (s == NULL || s[0] != '$') return (psa_key_id_t)num(s);
  unsigned back = (unsigned)strtoul(s + 1, NULL, 10);
  return back < 8 && back < created_n ? created[(created_n - 1 - back) % 8] : 0;
}

static void remember_key(psa_status_t st, psa_key_id_t key) {
  if (st == PSA_SUCCESS) created[created_n++ % 8] = key;
}

/* The bytes "@" stands for. */
static uint8_t last[MAX_BUF];
static size_t last_len;

static size_t unhex(const char *s, uint8_t *out) {
  size_t n = 0;
  if (s == NULL || strcmp(s, "-") == 0) return 0;
  if (strcmp(s, "@") == 0) {
    memcpy(out, last, last_len);
    return last_len;
  }
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

/* Prints "status length hex" (length and bytes only on success) and remembers the bytes for "@". */
static void result(psa_status_t st, const uint8_t *b, size_t n) {
  if (st != PSA_SUCCESS) n = 0;
  printf("%d %zu ", (int)st, n);
  hex(b, n);
  printf("\n");
  if (st == PSA_SUCCESS && b != last) {
    memcpy(last, b, n);
    last_len = n;
  }
}

/* Deletes the Mbed TLS file-ITS records (*.psa_its) in the working directory. */
static void remove_its_files(void) {
  DIR *d = opendir(".");
  if (d == NULL) return;
  for (struct dirent *e = readdir(d); e != NULL; e = readdir(d)) {
    size_t l = strlen(e->d_name);
    if (l > 8 && strcmp(e->d_name + l - 8, ".psa_its") == 0) unlink(e->d_name);
  }
  closedir(d);
}

static void set_attrs(psa_key_attributes_t *a, char **t, int lifetime_at) {
  psa_set_key_lifetime(a, (psa_key_lifetime_t)num(t[lifetime_at]));
  if (num(t[lifetime_at + 1]) != 0) psa_set_key_id(a, (psa_key_id_t)num(t[lifetime_at + 1]));
}

int main(int argc, char **argv) {
  static char line[4 * MAX_BUF + 256];
  static uint8_t in[MAX_BUF], in2[MAX_BUF], out[MAX_BUF];
  static psa_cipher_operation_t cop;
  static psa_mac_operation_t mop;
  cop = psa_cipher_operation_init();
  mop = psa_mac_operation_init();
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
      remember_key(st, key);
      printf("%d %u\n", (int)st, (unsigned)key);
    } else if (!strcmp(c, "copy")) {
      psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
      set_attrs(&a, t, 2);
      psa_set_key_usage_flags(&a, (psa_key_usage_t)num(t[4]));
      psa_set_key_algorithm(&a, (psa_algorithm_t)num(t[5]));
      psa_key_id_t key = 0;
      st = psa_copy_key(key_arg(t[1]), &a, &key);
      remember_key(st, key);
      printf("%d %u\n", (int)st, (unsigned)key);
    } else if (!strcmp(c, "open")) {
      psa_key_handle_t h = 0;
      st = psa_open_key(key_arg(t[1]), &h);
      printf("%d %u\n", (int)st, (unsigned)h);
    } else if (!strcmp(c, "close")) {
      printf("%d\n", (int)psa_close_key(key_arg(t[1])));
    } else if (!strcmp(c, "destroy")) {
      printf("%d\n", (int)psa_destroy_key(key_arg(t[1])));
    } else if (!strcmp(c, "purge")) {
      printf("%d\n", (int)psa_purge_key(key_arg(t[1])));
    } else if (!strcmp(c, "attrs")) {
      psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
      st = psa_get_key_attributes(key_arg(t[1]), &a);
      printf("%d %u %u %u %u %u %u\n", (int)st, (unsigned)psa_get_key_id(&a), (unsigned)psa_get_key_lifetime(&a),
             (unsigned)psa_get_key_type(&a), (unsigned)psa_get_key_bits(&a), (unsigned)psa_get_key_usage_flags(&a),
             (unsigned)psa_get_key_algorithm(&a));
      psa_reset_key_attributes(&a);
    } else if (!strcmp(c, "export")) {
      size_t len = 0, size = sz(t[2]);
      memset(out, 0xa5, sizeof out);
      st = psa_export_key(key_arg(t[1]), out, size, &len);
      printf("%d %zu ", (int)st, len);
      hex(out, st == PSA_SUCCESS ? len : 0);
      printf("\n");
      if (st == PSA_SUCCESS) memcpy(last, out, last_len = len);
    } else if (!strcmp(c, "encrypt_iv")) {
      psa_cipher_operation_t op = PSA_CIPHER_OPERATION_INIT;
      size_t ivn = unhex(t[3], in2), inn = unhex(t[4], in), size = sz(t[5]), l1 = 0, l2 = 0;
      st = psa_cipher_encrypt_setup(&op, key_arg(t[1]), (psa_algorithm_t)num(t[2]));
      if (st == PSA_SUCCESS && ivn > 0) st = psa_cipher_set_iv(&op, in2, ivn);
      if (st == PSA_SUCCESS) st = psa_cipher_update(&op, in, inn, out, size, &l1);
      if (st == PSA_SUCCESS) st = psa_cipher_finish(&op, out + l1, size - l1, &l2);
      psa_cipher_abort(&op);
      result(st, out, l1 + l2);
    } else if (!strcmp(c, "decrypt")) {
      size_t len = 0, inn = unhex(t[3], in), size = sz(t[4]);
      st = psa_cipher_decrypt(key_arg(t[1]), (psa_algorithm_t)num(t[2]), in, inn, out, size, &len);
      printf("%d %zu ", (int)st, len);
      hex(out, st == PSA_SUCCESS ? len : 0);
      printf("\n");
      if (st == PSA_SUCCESS) memcpy(last, out, last_len = len);
    } else if (!strcmp(c, "mac")) {
      size_t len = 0, inn = unhex(t[3], in), size = sz(t[4]);
      st = psa_mac_compute(key_arg(t[1]), (psa_algorithm_t)num(t[2]), in, inn, out, size, &len);
      result(st, out, len);
    } else if (!strcmp(c, "macverify")) {
      size_t inn = unhex(t[3], in), macn = unhex(t[4], in2);
      printf("%d\n", (int)psa_mac_verify(key_arg(t[1]), (psa_algorithm_t)num(t[2]), in, inn, in2, macn));
    } else if (!strcmp(c, "hash")) {
      size_t len = 0, inn = unhex(t[2], in), size = sz(t[3]);
      st = psa_hash_compute((psa_algorithm_t)num(t[1]), in, inn, out, size, &len);
      printf("%d %zu ", (int)st, len);
      hex(out, st == PSA_SUCCESS ? len : 0);
      printf("\n");
      if (st == PSA_SUCCESS) memcpy(last, out, last_len = len);
    } else if (!strcmp(c, "reset")) {
      psa_cipher_abort(&cop);
      psa_mac_abort(&mop);
      mbedtls_psa_crypto_free();
      remove_its_files();
      last_len = 0;
      created_n = 0;
      printf("0\n");
    } else if (!strcmp(c, "random")) {
      size_t size = sz(t[1]);
      printf("%d %zu\n", (int)psa_generate_random(out, size), size);
    } else if (!strcmp(c, "encrypt")) {
      size_t len = 0, inn = unhex(t[3], in), size = sz(t[4]);
      st = psa_cipher_encrypt(key_arg(t[1]), (psa_algorithm_t)num(t[2]), in, inn, out, size, &len);
      result(st, out, len);
    } else if (!strcmp(c, "csetup")) {
      psa_key_id_t key = key_arg(t[2]);
      psa_algorithm_t alg = (psa_algorithm_t)num(t[3]);
      st = t[1] && !strcmp(t[1], "dec") ? psa_cipher_decrypt_setup(&cop, key, alg)
                                         : psa_cipher_encrypt_setup(&cop, key, alg);
      printf("%d\n", (int)st);
    } else if (!strcmp(c, "cgeniv")) {
      size_t len = 0, size = sz(t[1]);
      st = psa_cipher_generate_iv(&cop, out, size, &len);
      result(st, out, len);
    } else if (!strcmp(c, "csetiv")) {
      size_t ivn = unhex(t[1], in);
      printf("%d\n", (int)psa_cipher_set_iv(&cop, in, ivn));
    } else if (!strcmp(c, "cupdate")) {
      size_t len = 0, inn = unhex(t[1], in), size = sz(t[2]);
      st = psa_cipher_update(&cop, in, inn, out, size, &len);
      result(st, out, len);
    } else if (!strcmp(c, "cfinish")) {
      size_t len = 0, size = sz(t[1]);
      st = psa_cipher_finish(&cop, out, size, &len);
      result(st, out, len);
    } else if (!strcmp(c, "cabort")) {
      printf("%d\n", (int)psa_cipher_abort(&cop));
    } else if (!strcmp(c, "msetup")) {
      psa_key_id_t key = key_arg(t[2]);
      psa_algorithm_t alg = (psa_algorithm_t)num(t[3]);
      st = t[1] && !strcmp(t[1], "verify") ? psa_mac_verify_setup(&mop, key, alg)
                                            : psa_mac_sign_setup(&mop, key, alg);
      printf("%d\n", (int)st);
    } else if (!strcmp(c, "mupdate")) {
      size_t inn = unhex(t[1], in);
      printf("%d\n", (int)psa_mac_update(&mop, in, inn));
    } else if (!strcmp(c, "msign")) {
      size_t len = 0, size = sz(t[1]);
      st = psa_mac_sign_finish(&mop, out, size, &len);
      result(st, out, len);
    } else if (!strcmp(c, "mverify")) {
      size_t macn = unhex(t[1], in2);
      printf("%d\n", (int)psa_mac_verify_finish(&mop, in2, macn));
    } else if (!strcmp(c, "mabort")) {
      printf("%d\n", (int)psa_mac_abort(&mop));
    } else {
      printf("? %s\n", c);
    }
  }
  mbedtls_psa_crypto_free();
  return 0;
}
