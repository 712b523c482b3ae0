/*
 * Cipher functions through the "psa" imports: multipart with a given or generated IV,
 * in-place updates, single-part round trips, and bad pointers, lengths and operation structs.
 * argv[1]: AES key (hex), argv[2]: IV (hex, 16 bytes), argv[3]: plaintext (hex, whole blocks).
 * The algorithm is PSA_ALG_CBC_NO_PADDING.
 */
#include <psa/crypto.h>

#include "harness.h"

static uint8_t key_bytes[32];
static uint8_t iv[16];
static uint8_t pt[128];
static uint8_t ct[128];
static uint8_t back[128];
static uint8_t single[16 + 128];

int main(int argc, char **argv) {
  if (argc < 4) return 2;
  const size_t klen = unhex(argv[1], key_bytes, sizeof key_bytes);
  unhex(argv[2], iv, sizeof iv);
  const size_t n = unhex(argv[3], pt, sizeof pt);
  const psa_algorithm_t alg = PSA_ALG_CBC_NO_PADDING;
  size_t len = 0;
  size_t total = 0;
  CALL(psa_crypto_init());

  psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
  psa_set_key_type(&a, PSA_KEY_TYPE_AES);
  psa_set_key_usage_flags(&a, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT);
  psa_set_key_algorithm(&a, alg);
  psa_key_id_t key = 0;
  CALL(psa_import_key(&a, key_bytes, klen, &key));

  /* multipart encryption with the given IV, one block per update */
  psa_cipher_operation_t op = PSA_CIPHER_OPERATION_INIT;
  memset(ct, 0x11, sizeof ct);
  CALL(psa_cipher_encrypt_setup(&op, key, alg));
  num("handle.after_setup", op.handle);
  CALL(psa_cipher_set_iv(&op, iv, 15));
  CALL(psa_cipher_abort(&op));
  CALL(psa_cipher_encrypt_setup(&op, key, alg));
  CALL(psa_cipher_set_iv(&op, iv, sizeof iv));
  for (size_t off = 0; off < n; off += 16) {
    CALL(psa_cipher_update(&op, pt + off, 16, ct + total, sizeof ct - total, &len));
    out("outputLength", len);
    buf(2, ct + total, sizeof ct - total);
    total += len;
  }
  CALL(psa_cipher_finish(&op, ct + total, sizeof ct - total, &len));
  out("outputLength", len);
  total += len;
  num("handle.after_finish", op.handle);
  data("ciphertext", ct, total);

  /* multipart decryption, in place, all at once */
  memcpy(back, ct, total);
  CALL(psa_cipher_decrypt_setup(&op, key, alg));
  CALL(psa_cipher_set_iv(&op, iv, sizeof iv));
  CALL(psa_cipher_update(&op, back, total, back, 8, &len)); /* output too small */
  out("outputLength", len);
  CALL(psa_cipher_abort(&op));
  CALL(psa_cipher_decrypt_setup(&op, key, alg));
  CALL(psa_cipher_set_iv(&op, iv, sizeof iv));
  CALL(psa_cipher_update(&op, back, total, back, sizeof back, &len));
  out("outputLength", len);
  CALL(psa_cipher_finish(&op, back + len, sizeof back - len, &len));
  data("plaintext", back, n);

  /* single-part: output = random IV || ciphertext, and back */
  size_t slen = 0;
  CALL(psa_cipher_encrypt(key, alg, pt, n, single, sizeof single, &slen));
  out("outputLength", slen);
  buf(3, single, sizeof single);
  CALL(psa_cipher_decrypt(key, alg, single, slen, back, sizeof back, &len));
  out("outputLength", len);
  buf(3, back, sizeof back);
  num("single.roundtrip", len == n && memcmp(back, pt, n) == 0);

  /* a generated IV, then single-part decryption of IV || ciphertext */
  CALL(psa_cipher_encrypt_setup(&op, key, alg));
  CALL(psa_cipher_generate_iv(&op, single, 16, &len));
  out("ivLength", len);
  buf(1, single, 16);
  CALL(psa_cipher_update(&op, pt, n, single + 16, sizeof single - 16, &len));
  CALL(psa_cipher_finish(&op, single + 16 + len, sizeof single - 16 - len, &len));
  CALL(psa_cipher_decrypt(key, alg, single, 16 + n, back, sizeof back, &len));
  num("generated.roundtrip", len == n && memcmp(back, pt, n) == 0);

  /* bad pointers on every cipher function */
  BAD(psa_cipher_encrypt(key, alg, OOB, 16, single, sizeof single, &len));
  BAD(psa_cipher_encrypt(key, alg, pt, n, OOB, sizeof single, &len));
  BAD(psa_cipher_encrypt(key, alg, pt, n, single, sizeof single, NULL));
  BAD(psa_cipher_decrypt(key, alg, OOB, 32, back, sizeof back, &len));
  BAD(psa_cipher_decrypt(key, alg, single, 16 + n, back, HUGE, &len));
  BAD(psa_cipher_decrypt(key, alg, single, 16 + n, back, sizeof back, OOB));
  BAD(psa_cipher_encrypt_setup(OOB, key, alg));
  BAD(psa_cipher_decrypt_setup(NULL, key, alg));
  CALL(psa_cipher_encrypt_setup(&op, key, alg));
  BAD(psa_cipher_generate_iv(OOB, iv, 16, &len));
  BAD(psa_cipher_generate_iv(&op, OOB, 16, &len));
  BAD(psa_cipher_generate_iv(&op, iv, 16, NULL));
  BAD(psa_cipher_set_iv(OOB, iv, 16));
  BAD(psa_cipher_set_iv(&op, OOB, 16));
  CALL(psa_cipher_set_iv(&op, iv, 16));
  BAD(psa_cipher_update(OOB, pt, 16, ct, sizeof ct, &len));
  BAD(psa_cipher_update(&op, OOB, 16, ct, sizeof ct, &len));
  BAD(psa_cipher_update(&op, pt, 16, OOB, sizeof ct, &len));
  BAD(psa_cipher_update(&op, pt, 16, ct, HUGE, &len));
  BAD(psa_cipher_update(&op, pt, 16, ct, sizeof ct, NULL));
  BAD(psa_cipher_finish(OOB, ct, sizeof ct, &len));
  BAD(psa_cipher_finish(&op, OOB, sizeof ct, &len));
  BAD(psa_cipher_finish(&op, ct, sizeof ct, OOB));
  BAD(psa_cipher_abort(OOB));
  CALL(psa_cipher_abort(&op));
  num("handle.after_abort", op.handle);

  psa_cipher_operation_t junk = {0xdead};
  HOST(psa_cipher_set_iv(&junk, iv, 16));
  HOST(psa_cipher_abort(&junk));
  num("handle.junk_after_abort", junk.handle);
  CALL(psa_destroy_key(key));
  return 0;
}
