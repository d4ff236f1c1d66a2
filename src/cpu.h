/*
 * cpu.h -- which of the vector paths chosen at run time may run (not
 * exported). PISAR_CPU in the environment, read once, caps them for
 * measurement and tests: "scalar" (none of the run-time paths: SSE2, part of
 * every x86-64, stays where it is compiled in), "avx2" (no AVX-512),
 * "avx512" or unset (all that the processor has). Anything else is taken
 * as unset.
 */
#ifndef PISAR_CPU_H
#define PISAR_CPU_H

enum { PISAR_CPU_SCALAR = 0, PISAR_CPU_AVX2 = 1, PISAR_CPU_AVX512 = 2 };

/* The highest level allowed by PISAR_CPU (PISAR_CPU_AVX512 when unset):
 * the caller still checks that the processor has the instructions. */
int pisar_cpu_limit(void);

#endif
