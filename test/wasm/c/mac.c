/*
 * MAC functions through the "psa" imports: single-part, multipart sign and verify, and bad
 * pointers, lengths and operation structs.
 * argv[1]: key type (hex), argv[2]: algorithm (hex), argv[3]: key (hex), argv[4]: message (hex).
 */
#include <stdlib.h>

#include <psa/crypto.h>

#include "harness.h"

static uint8_t key_bytes[160];
static uint8_t msg[256];

int main(int argc, char **argv) {
  if (argc < 5) return 2;
  const psa_key_type_t type = (psa_key_type_t)strtoul(argv[1], NULL, 16);
  const psa_algorithm_t alg = (psa_algorithm_t)strtoul(argv[2], NULL, 16);
  const size_t klen = unhex(argv[3], key_bytes, sizeof key_bytes);
  const size_t n = unhex(argv[4], msg, sizeof msg);
  const size_t split = n / 3;
  uint8_t mac[PSA_MAC_MAX_SIZE];
  size_t mlen = 0;
  CALL(psa_crypto_init());

  psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
  psa_set_key_type(&a, type);
  psa_set_key_usage_flags(&a, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE);
  psa_set_key_algorithm(&a, alg);
  psa_key_id_t key = 0;
  CALL(psa_import_key(&a, key_bytes, klen, &key));
  out("key", key);

  /* psa_mac_compute / psa_mac_verify */
  memset(mac, 0xcc, sizeof mac);
  CALL(psa_mac_compute(key, alg, msg, n, mac, sizeof mac, &mlen));
  out("macLength", mlen);
  buf(3, mac, sizeof mac);
  CALL(psa_mac_compute(key, alg, msg, n, mac, 4, &mlen));
  out("macLength", mlen);
  CALL(psa_mac_compute(key, alg, msg, n, mac, sizeof mac, &mlen));
  BAD(psa_mac_compute(key, alg, OOB, 16, mac, sizeof mac, &mlen));
  BAD(psa_mac_compute(key, alg, msg, n, OOB, sizeof mac, &mlen));
  BAD(psa_mac_compute(key, alg, msg, n, mac, HUGE, &mlen));
  BAD(psa_mac_compute(key, alg, msg, n, mac, sizeof mac, NULL));
  CALL(psa_mac_verify(key, alg, msg, n, mac, mlen));
  mac[mlen - 1] ^= 0x80;
  CALL(psa_mac_verify(key, alg, msg, n, mac, mlen));
  mac[mlen - 1] ^= 0x80;
  BAD(psa_mac_verify(key, alg, OOB, 16, mac, mlen));
  BAD(psa_mac_verify(key, alg, msg, HUGE, mac, mlen));
  BAD(psa_mac_verify(key, alg, msg, n, OOB, mlen));

  /* multipart sign */
  psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
  uint8_t mac2[PSA_MAC_MAX_SIZE];
  size_t mlen2 = 0;
  memset(mac2, 0xdd, sizeof mac2);
  CALL(psa_mac_sign_setup(&op, key, alg));
  num("handle.after_setup", op.handle);
  CALL(psa_mac_update(&op, msg, split));
  CALL(psa_mac_update(&op, msg + split, n - split));
  CALL(psa_mac_sign_finish(&op, mac2, sizeof mac2, &mlen2));
  out("macLength", mlen2);
  buf(1, mac2, sizeof mac2);
  num("handle.after_finish", op.handle);
  num("same", mlen2 == mlen && memcmp(mac, mac2, mlen) == 0);

  /* multipart verify: the right MAC, then a wrong one */
  CALL(psa_mac_verify_setup(&op, key, alg));
  CALL(psa_mac_update(&op, msg, n));
  CALL(psa_mac_verify_finish(&op, mac, mlen));
  num("handle.after_verify", op.handle);
  CALL(psa_mac_verify_setup(&op, key, alg));
  CALL(psa_mac_update(&op, msg, n));
  mac[0] ^= 1;
  CALL(psa_mac_verify_finish(&op, mac, mlen));
  mac[0] ^= 1;
  CALL(psa_mac_abort(&op));
  CALL(psa_mac_sign_finish(&op, mac2, sizeof mac2, &mlen2));

  /* bad pointers on every multipart function */
  CALL(psa_mac_sign_setup(&op, key, alg));
  BAD(psa_mac_sign_setup(OOB, key, alg));
  BAD(psa_mac_verify_setup(OOB, key, alg));
  BAD(psa_mac_update(OOB, msg, n));
  BAD(psa_mac_update(&op, OOB, 16));
  BAD(psa_mac_update(&op, msg, HUGE));
  BAD(psa_mac_sign_finish(OOB, mac2, sizeof mac2, &mlen2));
  BAD(psa_mac_sign_finish(&op, OOB, sizeof mac2, &mlen2));
  BAD(psa_mac_sign_finish(&op, mac2, sizeof mac2, OOB));
  BAD(psa_mac_verify_finish(OOB, mac, mlen));
  BAD(psa_mac_verify_finish(&op, OOB, mlen));
  BAD(psa_mac_abort(OOB));
  CALL(psa_mac_abort(&op));

  /* a hash operation's handle in a MAC struct is not a MAC operation */
  psa_hash_operation_t h = PSA_HASH_OPERATION_INIT;
  CALL(psa_hash_setup(&h, PSA_ALG_SHA_256));
  psa_mac_operation_t wrong = {h.handle};
  HOST(psa_mac_update(&wrong, msg, n));
  HOST(psa_mac_verify_finish(&wrong, mac, mlen));
  CALL(psa_hash_abort(&h));
  CALL(psa_destroy_key(key));
  return 0;
}
