/*
 * Key management, random and init through the "psa" imports, with bad pointers and lengths.
 * argv[1]: a 16-byte AES key in hex.
 */
#include <psa/crypto.h>

#include "harness.h"

static void print_attributes(const psa_key_attributes_t *a) {
  out("attributes.id", psa_get_key_id(a));
  out("attributes.lifetime", psa_get_key_lifetime(a));
  out("attributes.type", psa_get_key_type(a));
  out("attributes.bits", psa_get_key_bits(a));
  out("attributes.usage", psa_get_key_usage_flags(a));
  out("attributes.alg", psa_get_key_algorithm(a));
  out("attributes.alg2", psa_get_key_enrollment_algorithm(a));
}

int main(int argc, char **argv) {
  uint8_t k[16] = {0};
  if (argc > 1) unhex(argv[1], k, sizeof k);

  CALL(psa_crypto_init());

  /* psa_generate_random */
  uint8_t r[24];
  CALL(psa_generate_random(r, sizeof r));
  buf(0, r, sizeof r);
  CALL(psa_generate_random(NULL, 0));
  BAD(psa_generate_random(OOB, 16));
  BAD(psa_generate_random(NULL, 16));
  BAD(psa_generate_random(r, HUGE));
  /* an empty buffer outside memory is still a bad pointer (only NULL, 0 is allowed anywhere) */
  BAD(psa_generate_random(OOB, 0));
  CALL(psa_generate_random(memory_end(), 0));

  /* psa_import_key: a persistent AES key 7 that may export, copy and encrypt */
  psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
  psa_set_key_id(&a, 7);
  psa_set_key_type(&a, PSA_KEY_TYPE_AES);
  psa_set_key_bits(&a, 128);
  psa_set_key_usage_flags(&a, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_COPY | PSA_KEY_USAGE_ENCRYPT);
  psa_set_key_algorithm(&a, PSA_ALG_CBC_NO_PADDING);
  psa_set_key_enrollment_algorithm(&a, PSA_ALG_ECB_NO_PADDING);
  psa_key_id_t key = 0x55555555;
  CALL(psa_import_key(&a, k, sizeof k, &key));
  out("key", key);

  /* the same import, refused for a bad pointer: key 8 must never exist */
  psa_key_attributes_t b = a;
  psa_set_key_id(&b, 8);
  psa_key_id_t other = 0x66666666;
  BAD(psa_import_key(OOB, k, sizeof k, &other));
  BAD(psa_import_key(&b, OOB, sizeof k, &other));
  BAD(psa_import_key(&b, k, HUGE, &other));
  BAD(psa_import_key(&b, k, sizeof k, OOB));
  BAD(psa_import_key(&b, k, sizeof k, NULL));
  num("untouched", other);

  /* psa_get_key_attributes */
  psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
  CALL(psa_get_key_attributes(key, &got));
  print_attributes(&got);
  BAD(psa_get_key_attributes(key, OOB));
  BAD(psa_get_key_attributes(key, NULL));
  /* the last bytes of memory hold a valid struct */
  psa_key_attributes_t *last = (psa_key_attributes_t *)(void *)(memory_end() - sizeof(psa_key_attributes_t));
  CALL(psa_get_key_attributes(key, last));
  BAD(psa_get_key_attributes(key, (psa_key_attributes_t *)(void *)((uint8_t *)last + 1)));
  psa_key_attributes_t none = PSA_KEY_ATTRIBUTES_INIT;
  psa_set_key_type(&none, PSA_KEY_TYPE_HMAC);
  CALL(psa_get_key_attributes(0x3ffffffe, &none));
  print_attributes(&none);

  /* psa_export_key */
  uint8_t e[32];
  memset(e, 0xee, sizeof e);
  size_t elen = 99;
  CALL(psa_export_key(key, e, sizeof e, &elen));
  out("dataLength", elen);
  buf(1, e, sizeof e);
  CALL(psa_export_key(key, e, 8, &elen));
  out("dataLength", elen);
  BAD(psa_export_key(key, OOB, sizeof e, &elen));
  BAD(psa_export_key(key, e, HUGE, &elen));
  BAD(psa_export_key(key, e, sizeof e, NULL));
  BAD(psa_export_key(key, e, sizeof e, OOB));
  BAD(psa_export_key(key, OOB, 0, &elen));

  /* psa_copy_key: a volatile exportable copy */
  psa_key_attributes_t c = PSA_KEY_ATTRIBUTES_INIT;
  psa_set_key_usage_flags(&c, PSA_KEY_USAGE_EXPORT);
  psa_set_key_algorithm(&c, PSA_ALG_CBC_NO_PADDING);
  psa_key_id_t copy = 0;
  CALL(psa_copy_key(key, &c, &copy));
  out("key", copy);
  CALL(psa_export_key(copy, e, sizeof e, &elen));
  buf(1, e, sizeof e);
  BAD(psa_copy_key(key, OOB, &copy));
  BAD(psa_copy_key(key, &c, NULL));

  /* psa_generate_key: a volatile HMAC key */
  psa_key_attributes_t g = PSA_KEY_ATTRIBUTES_INIT;
  psa_set_key_type(&g, PSA_KEY_TYPE_HMAC);
  psa_set_key_bits(&g, 256);
  psa_set_key_usage_flags(&g, PSA_KEY_USAGE_SIGN_HASH);
  psa_set_key_algorithm(&g, PSA_ALG_HMAC(PSA_ALG_SHA_256));
  psa_key_id_t gen = 0;
  CALL(psa_generate_key(&g, &gen));
  out("key", gen);
  BAD(psa_generate_key(OOB, &gen));
  BAD(psa_generate_key(&g, OOB));

  /* psa_open_key / psa_close_key / psa_purge_key */
  psa_key_handle_t h = 0x77777777;
  CALL(psa_open_key(7, &h));
  out("handle", h);
  BAD(psa_open_key(7, NULL));
  BAD(psa_open_key(7, OOB));
  CALL(psa_close_key(h));
  CALL(psa_purge_key(7));
  CALL(psa_open_key(8, &h));
  out("handle", h);

  /* psa_destroy_key */
  CALL(psa_destroy_key(gen));
  CALL(psa_destroy_key(copy));
  CALL(psa_destroy_key(key));
  CALL(psa_destroy_key(key));
  CALL(psa_get_key_attributes(7, &got));
  print_attributes(&got);
  return 0;
}
