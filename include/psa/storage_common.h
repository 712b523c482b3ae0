/*
 * psa/storage_common.h - types and flags shared by the PSA storage APIs
 * (PSA Certified Secure Storage API 1.0 section 5.1), as TF-M's
 * interface/include/psa/storage_common.h defines them; struct psa_storage_info_t is
 * 12 bytes on wasm32 (capacity @0, size @4, flags @8).
 *
 * Part of psa-emu. SPDX-License-Identifier: Apache-2.0
 */
#ifndef PSA_STORAGE_COMMON_H
#define PSA_STORAGE_COMMON_H

#include <stddef.h>
#include <stdint.h>

/** Flags given when an asset is created. */
typedef uint32_t psa_storage_create_flags_t;
/** An asset's identifier (64 bits). */
typedef uint64_t psa_storage_uid_t;

#define PSA_STORAGE_FLAG_NONE                 0u
/* The asset can never be modified or removed. */
#define PSA_STORAGE_FLAG_WRITE_ONCE           (1u << 0)
#define PSA_STORAGE_FLAG_NO_CONFIDENTIALITY   (1u << 1)
#define PSA_STORAGE_FLAG_NO_REPLAY_PROTECTION (1u << 2)

/** What psa_its_get_info reports. */
struct psa_storage_info_t {
  size_t capacity;                  /* allocated size of the asset */
  size_t size;                      /* current size of the asset */
  psa_storage_create_flags_t flags; /* its create flags */
};

#endif /* PSA_STORAGE_COMMON_H */
