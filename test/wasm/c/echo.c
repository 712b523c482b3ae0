/*
 * For runWasm itself: prints argv, an environment variable and a stdin line, writes to
 * stderr, and then, by argv[1]: "trap" traps, "leak" leaves a hash operation active,
 * "persist" imports persistent key 5. Exits with status 7.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <psa/crypto.h>

int main(int argc, char **argv) {
  for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
  const char *greeting = getenv("GREETING");
  printf("env=%s\n", greeting ? greeting : "(none)");
  char line[64];
  if (fgets(line, sizeof line, stdin)) printf("stdin=%s", line);
  fprintf(stderr, "to stderr\n");
  const char *what = argc > 1 ? argv[1] : "";
  if (strcmp(what, "trap") == 0) {
    fflush(stdout); /* a trap ends the instance without flushing stdio */
    __builtin_trap();
  }
  if (strcmp(what, "leak") == 0) {
    psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;
    printf("setup=%d\n", (int)psa_hash_setup(&op, PSA_ALG_SHA_256));
  }
  if (strcmp(what, "persist") == 0) {
    const uint8_t k[16] = {0};
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_set_key_type(&a, PSA_KEY_TYPE_AES);
    psa_set_key_id(&a, 5);
    psa_key_id_t key = 0;
    printf("import=%d\n", (int)psa_import_key(&a, k, sizeof k, &key));
  }
  return 7;
}
