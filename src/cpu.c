/*
 * cpu.c -- PISAR_CPU (cpu.h), read once.
 */
#include "cpu.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

int pisar_cpu_limit(void)
{
    static atomic_int cached = -1;
    int v = atomic_load_explicit(&cached, memory_order_relaxed);
    if (v >= 0) return v;
    const char *e = getenv("PISAR_CPU");
    v = PISAR_CPU_AVX512;
    if (e && !strcmp(e, "scalar"))
        v = PISAR_CPU_SCALAR;
    else if (e && !strcmp(e, "avx2"))
        v = PISAR_CPU_AVX2;
    atomic_store_explicit(&cached, v, memory_order_relaxed);
    return v;
}
