/*
 * mbedtls_psa_crypto_free (library builds only): a reboot from C. A volatile key is gone
 * afterwards, a persistent one stays, and calls before psa_crypto_init are refused.
 */
#include <psa/crypto.h>

#include "harness.h"

int main(void) {
  const uint8_t k[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  uint8_t r[4];
  CALL(psa_generate_random(r, sizeof r));
  CALL(psa_crypto_init());
  CALL(psa_generate_random(r, sizeof r));

  psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
  psa_set_key_type(&a, PSA_KEY_TYPE_AES);
  psa_set_key_usage_flags(&a, PSA_KEY_USAGE_EXPORT);
  psa_key_id_t volatile_key = 0;
  CALL(psa_import_key(&a, k, sizeof k, &volatile_key));
  out("key", volatile_key);
  psa_set_key_id(&a, 21);
  psa_key_id_t persistent_key = 0;
  CALL(psa_import_key(&a, k, sizeof k, &persistent_key));
  out("key", persistent_key);

  VOID_CALL(mbedtls_psa_crypto_free);
  CALL(psa_generate_random(r, sizeof r));
  CALL(psa_crypto_init());
  psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
  CALL(psa_get_key_attributes(volatile_key, &got));
  CALL(psa_get_key_attributes(persistent_key, &got));
  out("attributes.id", psa_get_key_id(&got));
  CALL(psa_destroy_key(persistent_key));
  return 0;
}
