/*
 * fuzz — the entry point every harness in fuzz/ defines.  libFuzzer calls
 * it; so does replay.c, which runs each corpus file through it in `make
 * test` so that every input that ever crashed stays fixed.
 */
#ifndef SSG_FUZZ_H
#define SSG_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
