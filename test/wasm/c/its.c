/*
 * Internal Trusted Storage through the "psa" imports: 64-bit uids, partial reads,
 * write-once assets, and bad pointers and lengths.
 */
#include <psa/internal_trusted_storage.h>

#include "harness.h"

static void print_info(const struct psa_storage_info_t *info) {
  out("info.capacity", info->capacity);
  out("info.size", info->size);
  out("info.flags", info->flags);
}

int main(void) {
  const psa_storage_uid_t uid = 0x1122334455667788ull;
  const psa_storage_uid_t top = 0xffffffffffffffffull;
  struct psa_storage_info_t info;
  uint8_t d[16];
  size_t dlen = 99;

  CALL(psa_its_set(uid, 5, "hello", PSA_STORAGE_FLAG_NONE));
  memset(&info, 0xff, sizeof info);
  CALL(psa_its_get_info(uid, &info));
  print_info(&info);
  memset(d, 0x2e, sizeof d);
  CALL(psa_its_get(uid, 1, 3, d, &dlen));
  out("dataLength", dlen);
  buf(3, d, 3);
  data("read", d, sizeof d);
  CALL(psa_its_get(uid, 2, 10, d, &dlen));
  out("dataLength", dlen);

  CALL(psa_its_set(top, 3, "top", PSA_STORAGE_FLAG_WRITE_ONCE));
  CALL(psa_its_set(top, 3, "new", PSA_STORAGE_FLAG_NONE));
  CALL(psa_its_get(top, 0, 3, d, &dlen));
  buf(3, d, 3);
  CALL(psa_its_set(TFM_ITS_INVALID_UID, 1, "x", PSA_STORAGE_FLAG_NONE));
  CALL(psa_its_set(9, 0, NULL, PSA_STORAGE_FLAG_NONE));
  CALL(psa_its_get_info(9, &info));
  print_info(&info);

  BAD(psa_its_set(uid, 16, OOB, PSA_STORAGE_FLAG_NONE));
  BAD(psa_its_set(uid, HUGE, "x", PSA_STORAGE_FLAG_NONE));
  BAD(psa_its_set(uid, 4, NULL, PSA_STORAGE_FLAG_NONE));
  BAD(psa_its_get(uid, 0, 5, OOB, &dlen));
  BAD(psa_its_get(uid, 0, HUGE, d, &dlen));
  BAD(psa_its_get(uid, 0, 5, d, NULL));
  BAD(psa_its_get(uid, 0, 0, OOB, &dlen));
  BAD(psa_its_set(uid, 0, OOB, PSA_STORAGE_FLAG_NONE));
  BAD(psa_its_get_info(uid, OOB));
  BAD(psa_its_get_info(uid, NULL));

  CALL(psa_its_remove(uid));
  CALL(psa_its_remove(uid));
  CALL(psa_its_get_info(uid, &info));
  print_info(&info);
  CALL(psa_its_remove(9));
  return 0;
}
