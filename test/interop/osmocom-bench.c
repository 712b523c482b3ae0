/*
 * Throughput reference for `npm run bench`: libosmocore (libosmogsm, Debian libosmocore-dev 1.7)
 * MILENAGE authentication vectors, timed in C. Built and driven by bench/vectors.bench.ts.
 *
 *   osmocom-bench check K OPC AMF SQN RAND
 *       One osmo_auth_gen_vec() for SQN (hex, 6 bytes; aud.sqn = SQN - 1 because the library
 *       increments SQN before use, ind_bitlen 0). Prints "autn res ck ik" in hex, so the bench can
 *       check that C and psa-emu do the same work.
 *   osmocom-bench vec MS SAMPLES
 *       SAMPLES timed samples of at least MS milliseconds each of osmo_auth_gen_vec() with a random
 *       K and OPc (MILENAGE, OPc given, sequential SQN), RANDs drawn with getrandom() 4096 at a time
 *       (64 KiB, the same chunking as psa-emu). Prints one line per sample: "<vectors> <nanoseconds>".
 *   osmocom-bench sets MS SAMPLES
 *       The same for the bare hostap-derived milenage_f1() + milenage_f2345() (a full f1..f5* set, the
 *       work of psa-emu's compute()), exported by libosmogsm but not declared in its public headers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include <osmocom/crypt/auth.h>

typedef uint8_t u8;
int milenage_f1(const u8 *opc, const u8 *k, const u8 *_rand, const u8 *sqn, const u8 *amf, u8 *mac_a, u8 *mac_s);
int milenage_f2345(const u8 *opc, const u8 *k, const u8 *_rand, u8 *res, u8 *ck, u8 *ik, u8 *ak, u8 *akstar);

#define POOL 4096

static void die(const char *msg)
{
	fprintf(stderr, "osmocom-bench: %s\n", msg);
	exit(2);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static void parse_hex(const char *s, uint8_t *out, size_t n)
{
	if (strlen(s) != 2 * n)
		die("wrong hex length");
	for (size_t i = 0; i < n; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			die("bad hex digit (use lower case)");
		out[i] = (uint8_t)(hi << 4 | lo);
	}
}

static void put_hex(const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("%02x", b[i]);
}

static void fill_random(uint8_t *buf, size_t n)
{
	if (getrandom(buf, n, 0) != (ssize_t)n)
		die("getrandom failed");
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void init_aud(struct osmo_sub_auth_data *aud, const uint8_t *k, const uint8_t *opc, const uint8_t *amf)
{
	memset(aud, 0, sizeof(*aud));
	aud->type = OSMO_AUTH_TYPE_UMTS;
	aud->algo = OSMO_AUTH_ALG_MILENAGE;
	memcpy(aud->u.umts.k, k, 16);
	memcpy(aud->u.umts.opc, opc, 16);
	memcpy(aud->u.umts.amf, amf, 2);
	aud->u.umts.opc_is_op = 0;
	aud->u.umts.ind_bitlen = 0;
}

static int check(char **argv)
{
	uint8_t k[16], opc[16], amf[2], sqn[6], rand[16];
	parse_hex(argv[0], k, 16);
	parse_hex(argv[1], opc, 16);
	parse_hex(argv[2], amf, 2);
	parse_hex(argv[3], sqn, 6);
	parse_hex(argv[4], rand, 16);
	struct osmo_sub_auth_data aud;
	init_aud(&aud, k, opc, amf);
	uint64_t s = 0;
	for (int i = 0; i < 6; i++)
		s = s << 8 | sqn[i];
	aud.u.umts.sqn = s - 1;
	struct osmo_auth_vector vec;
	memset(&vec, 0, sizeof(vec));
	if (osmo_auth_gen_vec(&vec, &aud, rand) != 0)
		die("osmo_auth_gen_vec failed");
	put_hex(vec.autn, 16);
	putchar(' ');
	put_hex(vec.res, vec.res_len);
	putchar(' ');
	put_hex(vec.ck, 16);
	putchar(' ');
	put_hex(vec.ik, 16);
	putchar('\n');
	return 0;
}

static int run(int sets, long ms, long samples)
{
	static uint8_t pool[16 * POOL];
	uint8_t k[16], opc[16], amf[2] = { 0x80, 0x00 }, sqn[6] = { 0 };
	fill_random(k, 16);
	fill_random(opc, 16);
	struct osmo_sub_auth_data aud;
	init_aud(&aud, k, opc, amf);
	struct osmo_auth_vector vec;
	uint8_t mac_a[8], mac_s[8], res[8], ck[16], ik[16], ak[6], ak_star[6];
	unsigned sink = 0;
	for (long s = -1; s < samples; s++) { /* sample -1 is the warm-up, not printed */
		uint64_t start = now_ns(), elapsed;
		unsigned long done = 0;
		do {
			fill_random(pool, sizeof(pool));
			for (int i = 0; i < POOL; i++) {
				const uint8_t *rand = pool + 16 * i;
				if (sets) {
					sqn[5] = (uint8_t)i;
					if (milenage_f1(opc, k, rand, sqn, amf, mac_a, mac_s) != 0 ||
					    milenage_f2345(opc, k, rand, res, ck, ik, ak, ak_star) != 0)
						die("milenage_f1/f2345 failed");
					sink ^= mac_a[0] ^ res[0] ^ ak_star[0];
				} else {
					if (osmo_auth_gen_vec(&vec, &aud, rand) != 0)
						die("osmo_auth_gen_vec failed");
					sink ^= vec.autn[15];
				}
			}
			done += POOL;
			elapsed = now_ns() - start;
		} while (elapsed < (uint64_t)ms * 1000000u);
		if (s >= 0)
			printf("%lu %llu\n", done, (unsigned long long)elapsed);
	}
	fprintf(stderr, "sink %u\n", sink); /* keeps the work observable */
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 7 && strcmp(argv[1], "check") == 0)
		return check(argv + 2);
	if (argc == 4 && (strcmp(argv[1], "vec") == 0 || strcmp(argv[1], "sets") == 0)) {
		long ms = atol(argv[2]), samples = atol(argv[3]);
		if (ms <= 0 || samples <= 0)
			die("MS and SAMPLES must be positive");
		return run(strcmp(argv[1], "sets") == 0, ms, samples);
	}
	die("usage: osmocom-bench check K OPC AMF SQN RAND | vec MS SAMPLES | sets MS SAMPLES");
	return 2;
}
