/* fuzz_gazetteer.c -- the gazetteer parser on any bytes. */
#include <stdint.h>
#include "pisar/names.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pisar_names *h = NULL;
    if (pisar_names_new(&h, "icao", NULL)) return 0;
    pisar_error err;
    if (pisar_names_load_gazetteer_mem(h, (const char *)data, size, "fuzz", &err) == PISAR_OK) {
        pisar_buf k = {0};
        pisar_names_key(h, "Ushakov", 7, &k);
        pisar_buf_free(&k);
    }
    pisar_names_free(h);
    return 0;
}
