/*
 * tool_utf8.h -- UTF-8 decoding for the build-time tools (gen_lm, train_lm),
 * which read their letter lists from tables and from the command line.
 * Header-only: each tool is a single source file.
 */
#ifndef PISAR_TOOL_UTF8_H
#define PISAR_TOOL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode the UTF-8 string s into at most max code points at out, up to its
 * NUL or the first byte equal to stop (pass 0 for the NUL alone); returns
 * how many. Lenient, for trusted input: a lead byte takes the continuation
 * bytes that follow it, as many as it announces; nothing is checked further.
 */
static size_t utf8_decode(const char *s, int stop, uint32_t *out, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    while (*p && *p != stop && n < max) {
        uint32_t c = *p++;
        if (c >= 0xC0) {
            int k = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
            c &= 0x3F >> k;
            while (k-- && (*p & 0xC0) == 0x80)
                c = (c << 6) | (*p++ & 0x3F);
        }
        out[n++] = c;
    }
    return n;
}

#endif
