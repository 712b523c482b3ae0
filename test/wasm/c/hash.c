/*
 * Hash functions through the "psa" imports: single-part, multipart with a clone, and bad
 * pointers, lengths and operation structs.
 * argv[1]: the message in hex; argv[2]: the split point for the multipart run.
 */
#include <stdlib.h>

#include <psa/crypto.h>

#include "harness.h"

static uint8_t msg[256];

int main(int argc, char **argv) {
  size_t n = argc > 1 ? unhex(argv[1], msg, sizeof msg) : 0;
  size_t split = argc > 2 ? (size_t)atoi(argv[2]) : n / 2;
  const psa_algorithm_t alg = PSA_ALG_SHA_256;
  uint8_t h[PSA_HASH_MAX_SIZE];
  size_t hlen = 0;
  CALL(psa_crypto_init());

  /* psa_hash_compute / psa_hash_compare */
  memset(h, 0xaa, sizeof h);
  CALL(psa_hash_compute(alg, msg, n, h, sizeof h, &hlen));
  out("hashLength", hlen);
  buf(2, h, sizeof h);
  CALL(psa_hash_compute(alg, msg, n, h, 16, &hlen));
  out("hashLength", hlen);
  BAD(psa_hash_compute(alg, OOB, 16, h, sizeof h, &hlen));
  BAD(psa_hash_compute(alg, msg, HUGE, h, sizeof h, &hlen));
  BAD(psa_hash_compute(alg, msg, n, OOB, sizeof h, &hlen));
  BAD(psa_hash_compute(alg, msg, n, h, sizeof h, NULL));
  /* the last 16 bytes of memory are a valid input; one more byte is not */
  CALL(psa_hash_compute(alg, memory_end() - 16, 16, h, sizeof h, &hlen));
  BAD(psa_hash_compute(alg, memory_end() - 16, 17, h, sizeof h, &hlen));
  /* empty buffers outside memory are bad pointers too */
  BAD(psa_hash_compute(alg, msg, n, OOB, 0, &hlen));
  BAD(psa_hash_compute(alg, OOB, 0, h, sizeof h, &hlen));

  CALL(psa_hash_compute(alg, msg, n, h, sizeof h, &hlen));
  CALL(psa_hash_compare(alg, msg, n, h, hlen));
  h[0] ^= 1;
  CALL(psa_hash_compare(alg, msg, n, h, hlen));
  h[0] ^= 1;
  BAD(psa_hash_compare(alg, OOB, 16, h, hlen));
  BAD(psa_hash_compare(alg, msg, n, OOB, hlen));
  BAD(psa_hash_compare(alg, msg, n, h, HUGE));

  /* multipart: setup, update, clone, update both, finish one and verify the other */
  psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;
  psa_hash_operation_t copy = psa_hash_operation_init();
  CALL(psa_hash_setup(&op, alg));
  num("handle.after_setup", op.handle);
  CALL(psa_hash_update(&op, msg, split));
  CALL(psa_hash_clone(&op, &copy));
  num("handle.copy", copy.handle);
  CALL(psa_hash_clone(&op, &copy)); /* into an active target */
  CALL(psa_hash_update(&op, msg + split, n - split));
  CALL(psa_hash_update(&copy, msg + split, n - split));
  memset(h, 0xbb, sizeof h);
  CALL(psa_hash_finish(&op, h, sizeof h, &hlen));
  out("hashLength", hlen);
  buf(1, h, sizeof h);
  num("handle.after_finish", op.handle);
  CALL(psa_hash_verify(&copy, h, hlen));
  num("handle.after_verify", copy.handle);
  CALL(psa_hash_update(&op, msg, n));
  CALL(psa_hash_abort(&op));

  /* bad pointers on every multipart function */
  CALL(psa_hash_setup(&op, alg));
  BAD(psa_hash_setup(OOB, alg));
  BAD(psa_hash_update(OOB, msg, n));
  BAD(psa_hash_update(&op, OOB, 16));
  BAD(psa_hash_update(&op, msg, HUGE));
  BAD(psa_hash_clone(OOB, &copy));
  BAD(psa_hash_clone(&op, OOB));
  BAD(psa_hash_finish(OOB, h, sizeof h, &hlen));
  BAD(psa_hash_finish(&op, OOB, sizeof h, &hlen));
  BAD(psa_hash_finish(&op, h, sizeof h, NULL));
  BAD(psa_hash_verify(OOB, h, 32));
  BAD(psa_hash_verify(&op, OOB, 32));
  BAD(psa_hash_abort(OOB));
  BAD(psa_hash_abort(NULL));
  CALL(psa_hash_update(&op, msg, n));
  CALL(psa_hash_abort(&op));
  num("handle.after_abort", op.handle);
  CALL(psa_hash_abort(&op));
  CALL(psa_hash_setup(&op, alg));
  CALL(psa_hash_setup(&op, alg)); /* on an active operation */
  CALL(psa_hash_abort(&op));

  /* a struct psa-emu never handed out (uninitialised or corrupted): no call reaches psa-emu */
  psa_hash_operation_t junk = {0x5eed};
  HOST(psa_hash_update(&junk, msg, n));
  HOST(psa_hash_finish(&junk, h, sizeof h, &hlen));
  HOST(psa_hash_clone(&junk, &copy));
  num("handle.junk", junk.handle);
  HOST(psa_hash_abort(&junk));
  num("handle.junk_after_abort", junk.handle);
  return 0;
}
