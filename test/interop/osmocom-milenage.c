/*
 * Differential-test harness: libosmocore (libosmogsm, Debian libosmocore-dev 1.7) MILENAGE.
 * Driven by osmocom-milenage.test.ts, which pipes one tuple per line on stdin and compares
 * the answer lines with psa-emu's results.
 *
 * Input line (hex fields separated by one space):
 *   mode k op_or_opc rand sqn amf sqn_ms rand_auts auts auts_bad rand2
 *   mode is "op" (field 3 is OP, osmocom derives OPc) or "opc" (field 3 is OPc).
 *
 * Output line (hex unless noted):
 *   autn res ck ik kc sres kc_c3 sqn_used opc mac_a mac_s ak ak_star auts_rc sqn_ms sqn_next autn2 bad_rc
 *   - autn..sres: osmo_auth_gen_vec() for SQN = sqn (its aud.sqn is set to sqn - 1 because
 *     osmo_auth_gen_vec increments SQN before use, ind_bitlen = 0; see osmocom/crypt/auth.h);
 *     sqn_used is the SQN it reports back afterwards.
 *   - kc_c3: osmo_auth_c3(ck, ik).
 *   - opc, mac_a, mac_s, ak, ak_star: libosmogsm's exported (not in public headers) hostap-derived
 *     milenage_opc_gen / milenage_f1 / milenage_f2345 for the same inputs.
 *   - auts_rc (decimal), sqn_ms, sqn_next, autn2: osmo_auth_gen_vec_auts() with rand_auts/auts,
 *     which verifies MAC-S (AMF 0000), derives SQN_MS, then builds a vector for rand2 with
 *     SQN_MS + 1 (sqn_next, reported as 48 bits).
 *   - bad_rc (decimal): osmo_auth_gen_vec_auts() with the corrupted auts_bad.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <osmocom/crypt/auth.h>

/* Exported by libosmogsm 1.7 (src/gsm/milenage/milenage.h there), not declared in its public headers. */
typedef uint8_t u8;
int milenage_f1(const u8 *opc, const u8 *k, const u8 *_rand, const u8 *sqn, const u8 *amf, u8 *mac_a, u8 *mac_s);
int milenage_f2345(const u8 *opc, const u8 *k, const u8 *_rand, u8 *res, u8 *ck, u8 *ik, u8 *ak, u8 *akstar);
int milenage_opc_gen(u8 *opc, const u8 *k, const u8 *op);

#define FIELDS 11

static void die(const char *msg, unsigned long line)
{
	fprintf(stderr, "osmocom-milenage: %s (input line %lu)\n", msg, line);
	exit(2);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parses exactly n bytes of hex from s; returns 0 on success. */
static int parse_hex(const char *s, uint8_t *out, size_t n)
{
	if (strlen(s) != 2 * n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

static void put_hex(const uint8_t *b, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		putchar(digits[b[i] >> 4]);
		putchar(digits[b[i] & 15]);
	}
}

static uint64_t load48(const uint8_t *b)
{
	uint64_t v = 0;
	for (int i = 0; i < 6; i++)
		v = v << 8 | b[i];
	return v;
}

static void put48(uint64_t v)
{
	printf("%012llx", (unsigned long long)(v & 0xffffffffffffULL));
}

int main(void)
{
	static char line[4096];
	unsigned long lineno = 0;

	while (fgets(line, sizeof(line), stdin)) {
		char *field[FIELDS];
		char *save = NULL;
		int n = 0;
		lineno++;
		for (char *tok = strtok_r(line, " \r\n", &save); tok; tok = strtok_r(NULL, " \r\n", &save)) {
			if (n == FIELDS)
				die("too many fields", lineno);
			field[n++] = tok;
		}
		if (n == 0)
			continue;
		if (n != FIELDS)
			die("wrong number of fields", lineno);

		int is_op;
		if (strcmp(field[0], "op") == 0)
			is_op = 1;
		else if (strcmp(field[0], "opc") == 0)
			is_op = 0;
		else
			die("mode must be op or opc", lineno);

		uint8_t k[16], op_or_opc[16], rand[16], sqn[6], amf[2], sqn_ms_in[6], rand_auts[16], auts[14],
			auts_bad[14], rand2[16];
		if (parse_hex(field[1], k, 16) || parse_hex(field[2], op_or_opc, 16) || parse_hex(field[3], rand, 16) ||
		    parse_hex(field[4], sqn, 6) || parse_hex(field[5], amf, 2) || parse_hex(field[6], sqn_ms_in, 6) ||
		    parse_hex(field[7], rand_auts, 16) || parse_hex(field[8], auts, 14) ||
		    parse_hex(field[9], auts_bad, 14) || parse_hex(field[10], rand2, 16))
			die("bad hex field", lineno);
		(void)sqn_ms_in; /* the test checks the SQN_MS osmocom derives against its own */

		struct osmo_sub_auth_data aud;
		memset(&aud, 0, sizeof(aud));
		aud.type = OSMO_AUTH_TYPE_UMTS;
		aud.algo = OSMO_AUTH_ALG_MILENAGE;
		memcpy(aud.u.umts.k, k, 16);
		memcpy(aud.u.umts.opc, op_or_opc, 16);
		memcpy(aud.u.umts.amf, amf, 2);
		aud.u.umts.opc_is_op = is_op;
		aud.u.umts.ind_bitlen = 0;
		aud.u.umts.ind = 0;
		struct osmo_sub_auth_data aud_auts = aud;

		/* osmo_auth_gen_vec uses SQN + 1 (ind_bitlen 0): ask for sqn by passing sqn - 1. */
		aud.u.umts.sqn = load48(sqn) - 1;
		struct osmo_auth_vector vec;
		memset(&vec, 0, sizeof(vec));
		if (osmo_auth_gen_vec(&vec, &aud, rand) != 0)
			die("osmo_auth_gen_vec failed", lineno);
		if (vec.res_len != 8)
			die("unexpected res_len", lineno);
		uint8_t kc_c3[8];
		osmo_auth_c3(kc_c3, vec.ck, vec.ik);

		uint8_t opc[16], mac_a[8], mac_s[8], ak[6], ak_star[6];
		if (is_op) {
			if (milenage_opc_gen(opc, k, op_or_opc) != 0)
				die("milenage_opc_gen failed", lineno);
		} else {
			memcpy(opc, op_or_opc, 16);
		}
		if (milenage_f1(opc, k, rand, sqn, amf, mac_a, mac_s) != 0 ||
		    milenage_f2345(opc, k, rand, NULL, NULL, NULL, ak, ak_star) != 0)
			die("milenage_f1/f2345 failed", lineno);

		struct osmo_sub_auth_data aud_bad = aud_auts;
		struct osmo_auth_vector vec2;
		memset(&vec2, 0, sizeof(vec2));
		int auts_rc = osmo_auth_gen_vec_auts(&vec2, &aud_auts, auts, rand_auts, rand2);
		struct osmo_auth_vector vec_bad;
		memset(&vec_bad, 0, sizeof(vec_bad));
		int bad_rc = osmo_auth_gen_vec_auts(&vec_bad, &aud_bad, auts_bad, rand_auts, rand2);

		put_hex(vec.autn, 16);
		putchar(' ');
		put_hex(vec.res, vec.res_len);
		putchar(' ');
		put_hex(vec.ck, 16);
		putchar(' ');
		put_hex(vec.ik, 16);
		putchar(' ');
		put_hex(vec.kc, 8);
		putchar(' ');
		put_hex(vec.sres, 4);
		putchar(' ');
		put_hex(kc_c3, 8);
		putchar(' ');
		put48(aud.u.umts.sqn);
		putchar(' ');
		put_hex(opc, 16);
		putchar(' ');
		put_hex(mac_a, 8);
		putchar(' ');
		put_hex(mac_s, 8);
		putchar(' ');
		put_hex(ak, 6);
		putchar(' ');
		put_hex(ak_star, 6);
		printf(" %d ", auts_rc);
		put48(aud_auts.u.umts.sqn_ms);
		putchar(' ');
		put48(aud_auts.u.umts.sqn);
		putchar(' ');
		put_hex(vec2.autn, 16);
		printf(" %d\n", bad_rc);
	}
	return ferror(stdin) ? 1 : 0;
}
