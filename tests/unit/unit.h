/*
 * A minimal host unit-test harness.  A test file defines its cases with
 * UNIT_TEST(name) and ends with UNIT_MAIN(); CHECK() records a failure with
 * its file and line and carries on.  The binary prints
 * "N passed, N failed" as its last line and exits non-zero on failure.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <string.h>

struct unit_case {
	const char *name;
	void (*fn)(void);
};

extern int unit_failures;

#define UNIT_TEST(nm) \
	static void nm(void); \
	static const struct unit_case unit_case_##nm \
		__attribute__((used, section("unit_cases"), aligned(sizeof(void *)))) = { #nm, nm }; \
	static void nm(void)

#define CHECK(cond) \
	do { \
		if (!(cond)) { \
			unit_failures++; \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
		} \
	} while (0)

#define CHECK_EQ(a, b) \
	do { \
		long long _a = (long long)(a), _b = (long long)(b); \
		if (_a != _b) { \
			unit_failures++; \
			fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %lld, %s == %lld\n", \
				__FILE__, __LINE__, #a, _a, #b, _b); \
		} \
	} while (0)

#define CHECK_STR(a, b) \
	do { \
		const char *_a = (a), *_b = (b); \
		if (!_a || !_b || strcmp(_a, _b)) { \
			unit_failures++; \
			fprintf(stderr, "%s:%d: CHECK_STR failed: \"%s\" != \"%s\"\n", \
				__FILE__, __LINE__, _a ? _a : "(null)", _b ? _b : "(null)"); \
		} \
	} while (0)

#define UNIT_MAIN() \
	int unit_failures; \
	extern const struct unit_case __start_unit_cases[], __stop_unit_cases[]; \
	int main(void) \
	{ \
		int passed = 0, failed = 0; \
		for (const struct unit_case *c = __start_unit_cases; c < __stop_unit_cases; c++) { \
			int before = unit_failures; \
			c->fn(); \
			if (unit_failures == before) { \
				passed++; \
			} else { \
				failed++; \
				fprintf(stderr, "FAIL: %s\n", c->name); \
			} \
		} \
		printf("%d passed, %d failed\n", passed, failed); \
		return failed ? 1 : 0; \
	}

#endif
