/*
 * psa/internal_trusted_storage.h - the Internal Trusted Storage API (PSA Certified
 * Secure Storage API 1.0 section 5.2) for C compiled to wasm32 and run on psa-emu.
 *
 * Each function is the WebAssembly import "psa"."<name>". Under TF-M the ITS partition
 * must be built (CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE=y; the NCS minimal profile,
 * the nRF91 default, forces it off): otherwise the firmware would not link, and psa-emu
 * refuses to instantiate a module that imports these functions (TfmLinkError).
 *
 * Part of psa-emu. SPDX-License-Identifier: Apache-2.0
 */
#ifndef PSA_INTERNAL_TRUSTED_STORAGE_H
#define PSA_INTERNAL_TRUSTED_STORAGE_H

#include "emu_wasm.h"

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "storage_common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PSA_ITS_API_VERSION_MAJOR 1
#define PSA_ITS_API_VERSION_MINOR 0

/* TF-M's invalid uid (uid 0 is refused). */
#define TFM_ITS_INVALID_UID ((psa_storage_uid_t)0)

/* Creates or replaces the asset uid with data_length bytes of p_data. */
PSA_EMU_IMPORT(psa_its_set)
psa_status_t psa_its_set(psa_storage_uid_t uid, size_t data_length, const void *p_data,
                         psa_storage_create_flags_t create_flags);
/* Reads up to data_length bytes from data_offset into p_data; *p_data_length tells how many. */
PSA_EMU_IMPORT(psa_its_get)
psa_status_t psa_its_get(psa_storage_uid_t uid, size_t data_offset, size_t data_length, void *p_data,
                         size_t *p_data_length);
PSA_EMU_IMPORT(psa_its_get_info)
psa_status_t psa_its_get_info(psa_storage_uid_t uid, struct psa_storage_info_t *p_info);
PSA_EMU_IMPORT(psa_its_remove) psa_status_t psa_its_remove(psa_storage_uid_t uid);

#ifdef __cplusplus
}
#endif

#endif /* PSA_INTERNAL_TRUSTED_STORAGE_H */
