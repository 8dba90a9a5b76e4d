/*
 * The tests' random numbers: xorshift64* from a state each test seeds
 * itself, so that every run tests the same values.  Header-only, as
 * fixture.h.
 */
#ifndef SSG_TEST_RNG_H
#define SSG_TEST_RNG_H

#include <stdint.h>

static inline uint64_t fx_rng(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * 0x2545f4914f6cdd1du;
}

#endif
