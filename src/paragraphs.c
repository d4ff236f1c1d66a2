/* paragraphs.c -- where a paragraph of a prepared text ends (paragraphs.h). */
#include "paragraphs.h"

#include <string.h>

/* Does the line at t[k] begin with a lower-case letter (ASCII, Latin-1,
 * basic Cyrillic)? Such a line goes on with the sentence before it. */
static int line_goes_on_lower(const char *t, size_t n, size_t k)
{
    const unsigned char *u = (const unsigned char *)t;
    if (k >= n) return 0;
    if (u[k] >= 'a' && u[k] <= 'z') return 1;
    if (k + 1 >= n) return 0;
    if (u[k] == 0xD0) return u[k + 1] >= 0xB0 && u[k + 1] <= 0xBF; /* а-п */
    if (u[k] == 0xD1) return u[k + 1] >= 0x80 && u[k + 1] <= 0x9F; /* р-я, ѐ-џ */
    if (u[k] == 0xC3) return u[k + 1] >= 0x9F && u[k + 1] != 0xB7; /* ß-ÿ */
    return 0;
}

size_t prep_find_break(const char *t, size_t n, size_t from, size_t *pend, int lines, size_t para,
                       int streaming)
{
    for (size_t i = from; i < n; i++) {
        /* (the next line break found by memchr(), not a byte at a time) */
        const char *nl = memchr(t + i, '\n', n - i);
        if (!nl) break;
        i = (size_t)(nl - t);
        if (lines && i + 1 < n && (!line_goes_on_lower(t, n, i + 1) || i - para > (1u << 20))) {
            *pend = i;
            return i + 1;
        }
        size_t j = i + 1;
        while (j < n && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
            j++;
        if (j < n && t[j] == '\n') {
            *pend = i;
            while (j < n && (t[j] == '\n' || t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
                j++;
            if (j == n && streaming) return 0;
            return j;
        }
    }
    return 0;
}
