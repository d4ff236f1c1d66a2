/* codepage.c -- access to the generated single-byte code page tables. */
#include "codepage.h"

#include "codepages.h"

_Static_assert(CP_GEN_COUNT == PISAR_ENC_LAST_SBCS - PISAR_ENC_FIRST_SBCS + 1,
               "cmake/modules/codepages.cmake lists the code pages in enum order");

static int cp_index(pisar_encoding e)
{
    return pisar_encoding_is_single_byte(e) ? (int)(e - PISAR_ENC_FIRST_SBCS) : -1;
}

const uint16_t *cp_table(pisar_encoding e)
{
    int i = cp_index(e);
    return i < 0 ? 0 : cp_gen_ucs[i];
}

const uint8_t *cp_flags(pisar_encoding e)
{
    int i = cp_index(e);
    return i < 0 ? 0 : cp_gen_flags[i];
}

const unsigned char (*cp_utf8(pisar_encoding e))[4]
{
    int i = cp_index(e);
    return i < 0 ? 0 : cp_gen_utf8[i];
}

int cp_encode(pisar_encoding e, uint32_t ucs)
{
    int i = cp_index(e);
    if (i < 0) return -1;
    if (ucs < 0x80) return (int)ucs;
    int lo = 0, hi = 127;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        uint32_t u = cp_gen_inverse[i][mid].ucs;
        if (u == ucs) {
            /* the first of equal entries is the lowest byte */
            while (mid > 0 && cp_gen_inverse[i][mid - 1].ucs == ucs)
                mid--;
            return ucs == CP_UNDEFINED ? -1 : cp_gen_inverse[i][mid].byte;
        }
        if (u < ucs)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}
