/*
 * SoftSIM's PSA usage on nRF91, as a C program you can run against psa-emu.
 *
 * Written for psa-emu after the call sequences documented for Onomondo's nrf-softsim port
 * (lib/ss_crypto.c at the NCS v3.2.2 era): persistent keys 10 (K: ENCRYPT, CBC_NO_PADDING),
 * 11 (KIC: ENCRYPT|DECRYPT, CBC_NO_PADDING) and 12 (KID: SIGN_MESSAGE, CMAC) provisioned with
 * psa_open_key / psa_destroy_key / psa_import_key; AES-CBC with an all-zero IV in 16-byte
 * multipart updates (MILENAGE and OTA); the OTA checksum as the first 8 bytes of a multipart
 * AES-CMAC. Like the port, a failing PSA call leaves the caller's buffer untouched and the
 * provisioning log line is printed whatever happened - which is how the field failure with
 * -134 (PSA_ERROR_NOT_SUPPORTED) under the NCS minimal TF-M profile stayed silent.
 *
 * Two flows: the default one is the port at NCS v3.2.2 (psa_open_key everywhere: the log lines of
 * the field report); with the argument "head" key existence is checked with
 * psa_get_key_attributes instead (the July 2026 port) and there is no psa_open_key before a
 * cipher operation, so the zero-filled outputs of a compiled-out TF-M module show.
 * In both, the cipher and MAC paths log the setup status and stop at the first failing update.
 *
 * Every PSA call prints one line "<function>(<argument>) = <status> [name=value ...]".
 * Test data: the SoftSIM crypto test vectors (onomondo/nrf-softsim tests/crypto/src/main.c,
 * copied in test/vectors/softsim.json: psa_cbc and ota_cmac share this key).
 *
 * Build: clang --target=wasm32-wasi --sysroot=/usr -I ../../include -O2 softsim-psa.c -o softsim-psa.wasm
 * Run:   npx tsx run.ts   (both TF-M builds: the reporter's minimal profile and the fixed one)
 */
#include <stdio.h>
#include <string.h>

#include <psa/crypto.h>

#define KEY_ID_KI 10
#define KEY_ID_KIC 11
#define KEY_ID_KID 12
#define KMU_KEY_SIZE 16
#define AES_BLOCKSIZE 16

static const uint8_t test_key[KMU_KEY_SIZE] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                               0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};
static uint8_t shared_buffer[256];
static int head; /* the July 2026 flow */

static void print_hex(const char *name, const uint8_t *p, size_t n) {
  printf(" %s=", name);
  for (size_t i = 0; i < n; i++) printf("%02x", p[i]);
}

/* Provisions one key: open (and destroy) an old one, then import (ss_utils_setup_key). */
static psa_status_t get_attributes(psa_key_id_t id) {
  psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
  psa_status_t status = psa_get_key_attributes(id, &attributes);
  printf("psa_get_key_attributes(%u) = %d id=%u type=%u bits=%u usage=%u alg=%u\n", (unsigned)id, (int)status,
         (unsigned)psa_get_key_id(&attributes), (unsigned)psa_get_key_type(&attributes),
         (unsigned)psa_get_key_bits(&attributes), (unsigned)psa_get_key_usage_flags(&attributes),
         (unsigned)psa_get_key_algorithm(&attributes));
  psa_reset_key_attributes(&attributes);
  return status;
}

static psa_status_t open_key(psa_key_id_t id, psa_key_handle_t *handle) {
  psa_status_t status = psa_open_key(id, handle);
  printf("psa_open_key(%u) = %d handle=%u\n", (unsigned)id, (int)status, (unsigned)*handle);
  return status;
}

static int setup_key(psa_key_id_t id, psa_key_usage_t usage, psa_algorithm_t alg, const uint8_t *key) {
  psa_key_handle_t handle = id;
  psa_status_t status = head ? get_attributes(id) : open_key(id, &handle);
  if (status == PSA_SUCCESS) {
    status = psa_destroy_key(handle);
    printf("psa_destroy_key(%u) = %d\n", (unsigned)handle, (int)status);
  } else if (status != (head ? PSA_ERROR_INVALID_HANDLE : PSA_ERROR_DOES_NOT_EXIST)) {
    printf("<err> Failed to %s a persistent key, ERR: %d\n", head ? "query" : "open", (int)status);
    return -1;
  }
  psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
  psa_set_key_usage_flags(&attributes, usage);
  psa_set_key_algorithm(&attributes, alg);
  psa_set_key_type(&attributes, PSA_KEY_TYPE_AES);
  psa_set_key_bits(&attributes, 128);
  psa_set_key_lifetime(&attributes, PSA_KEY_LIFETIME_PERSISTENT);
  psa_set_key_id(&attributes, id);
  psa_key_id_t key_id = 0;
  status = psa_import_key(&attributes, key, KMU_KEY_SIZE, &key_id);
  printf("psa_import_key(%u) = %d key=%u\n", (unsigned)id, (int)status, (unsigned)key_id);
  if (status != PSA_SUCCESS) printf("<err> Failed to import key, ERR: %d\n", (int)status);
  psa_reset_key_attributes(&attributes);
  return 0;
}

/* 1 when K exists, 0 when it does not, -1 on any other error (nrf_softsim_check_provisioned). */
static int check_key_existence(psa_key_id_t id) {
  psa_key_handle_t handle = 0;
  psa_status_t status = head ? get_attributes(id) : open_key(id, &handle);
  if (status == (head ? PSA_ERROR_INVALID_HANDLE : PSA_ERROR_DOES_NOT_EXIST)) return 0;
  if (status != PSA_SUCCESS) {
    printf("<err> Failed to %s key %u, error: %d\n", head ? "query" : "open", (unsigned)id, (int)status);
    return -1;
  }
  return 1;
}

/* AES-CBC with a zero IV over whole blocks; the buffer is left untouched on failure. */
static void aes_cbc(psa_key_id_t id, int encrypt, uint8_t *data, size_t len) {
  psa_key_handle_t handle = 0;
  psa_status_t status = head ? PSA_SUCCESS : open_key(id, &handle);
  if (status != PSA_SUCCESS) {
    /* the v3.2.2-era port logs the decrypt string on both paths (a copy-paste slip kept on purpose) */
    printf("<err> ss_utils_aes_decrypt: psa_open_key failed! (Error: %d)\n", (int)status);
    return;
  }
  psa_cipher_operation_t operation = PSA_CIPHER_OPERATION_INIT;
  uint8_t iv[AES_BLOCKSIZE] = {0}; /* all-zero IV, as in the port */
  status = encrypt ? psa_cipher_encrypt_setup(&operation, id, PSA_ALG_CBC_NO_PADDING)
                   : psa_cipher_decrypt_setup(&operation, id, PSA_ALG_CBC_NO_PADDING);
  printf("%s(%u) = %d\n", encrypt ? "psa_cipher_encrypt_setup" : "psa_cipher_decrypt_setup", (unsigned)id,
         (int)status);
  psa_status_t iv_status = psa_cipher_set_iv(&operation, iv, sizeof iv); /* not checked by the port */
  printf("psa_cipher_set_iv(%u) = %d\n", (unsigned)sizeof iv, (int)iv_status);
  size_t produced = 0;
  for (size_t off = 0; off < len; off += AES_BLOCKSIZE) {
    size_t olen = 0;
    status = psa_cipher_update(&operation, data + off, AES_BLOCKSIZE, shared_buffer + produced, AES_BLOCKSIZE,
                               &olen);
    printf("psa_cipher_update(%u) = %d output_length=%u", AES_BLOCKSIZE, (int)status, (unsigned)olen);
    print_hex("output", shared_buffer + produced, AES_BLOCKSIZE);
    printf("\n");
    if (status != PSA_SUCCESS) break;
    produced += olen;
  }
  if (status == PSA_SUCCESS) {
    size_t olen = 0;
    status = psa_cipher_finish(&operation, shared_buffer + produced, AES_BLOCKSIZE, &olen);
    printf("psa_cipher_finish(%u) = %d output_length=%u\n", AES_BLOCKSIZE, (int)status, (unsigned)olen);
    produced += olen;
  }
  if (status == PSA_SUCCESS && produced == len) memcpy(data, shared_buffer, len);
  status = psa_cipher_abort(&operation);
  printf("psa_cipher_abort() = %d\n", (int)status);
}

/* The OTA cryptographic checksum: the first 8 bytes of AES-CMAC(KID, data1 || data2). */
static void ota_calc_cc(psa_key_id_t id, const uint8_t *data1, size_t len1, const uint8_t *data2, size_t len2,
                        uint8_t cc[8]) {
  psa_mac_operation_t operation = PSA_MAC_OPERATION_INIT;
  psa_status_t status = psa_mac_sign_setup(&operation, id, PSA_ALG_CMAC);
  printf("psa_mac_sign_setup(%u) = %d\n", (unsigned)id, (int)status);
  status = PSA_SUCCESS;
  for (size_t off = 0; off < len1 && status == PSA_SUCCESS; off += AES_BLOCKSIZE) {
    status = psa_mac_update(&operation, data1 + off, AES_BLOCKSIZE);
    printf("psa_mac_update(%u) = %d\n", AES_BLOCKSIZE, (int)status);
  }
  if (status == PSA_SUCCESS) {
    status = psa_mac_update(&operation, data2, len2);
    printf("psa_mac_update(%u) = %d\n", (unsigned)len2, (int)status);
  }
  uint8_t mac[AES_BLOCKSIZE] = {0};
  size_t mac_length = 0;
  if (status == PSA_SUCCESS) {
    status = psa_mac_sign_finish(&operation, mac, sizeof mac, &mac_length);
    printf("psa_mac_sign_finish(%u) = %d mac_length=%u", (unsigned)sizeof mac, (int)status,
           (unsigned)mac_length);
    print_hex("mac", mac, sizeof mac);
    printf("\n");
  }
  if (status == PSA_SUCCESS) memcpy(cc, mac, 8);
  status = psa_mac_abort(&operation);
  printf("psa_mac_abort() = %d\n", (int)status);
}

int main(int argc, char **argv) {
  head = argc > 1 && strcmp(argv[1], "head") == 0;
  uint8_t data[32];
  for (size_t i = 0; i < sizeof data; i++) data[i] = (uint8_t)(0x10 + i);
  uint8_t data1[16], data2[16];
  for (size_t i = 0; i < 16; i++) {
    data1[i] = (uint8_t)(0xa0 + i);
    data2[i] = (uint8_t)(0xb0 + i);
  }

  printf("psa_crypto_init() = %d\n", (int)psa_crypto_init());
  setup_key(KEY_ID_KI, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CBC_NO_PADDING, test_key);
  setup_key(KEY_ID_KIC, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, PSA_ALG_CBC_NO_PADDING, test_key);
  setup_key(KEY_ID_KID, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_CMAC, test_key);
  printf("<inf> SoftSIM keys written to KMU\n");
  printf("<inf> provisioned: %d\n", check_key_existence(KEY_ID_KI));

  printf("input");
  print_hex("plaintext", data, sizeof data);
  printf("\n");
  aes_cbc(KEY_ID_KI, 1, data, sizeof data);
  printf("result");
  print_hex("cbc_encrypt_k", data, sizeof data);
  printf("\n");
  aes_cbc(KEY_ID_KIC, 0, data, sizeof data);
  printf("result");
  print_hex("cbc_decrypt_kic", data, sizeof data);
  printf("\n");

  uint8_t cc[8] = {0};
  ota_calc_cc(KEY_ID_KID, data1, sizeof data1, data2, sizeof data2, cc);
  printf("result");
  print_hex("ota_cc", cc, sizeof cc);
  printf("\n");
  return 0;
}
