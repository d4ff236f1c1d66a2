/*
 * detect_accept.h -- what counts as a right detection answer, shared by
 * tests/test_detect.c and tests/detect_fixture.c (the detect-score.py policy).
 *
 * Header-only (static functions), so that each test program compiles it in
 * without a change to the build: test_detect links the library,
 * detect_fixture only codepage.c and encoding.c.
 */
#ifndef PISAR_TESTS_DETECT_ACCEPT_H
#define PISAR_TESTS_DETECT_ACCEPT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "pisar/pisar.h"
#include "codepage.h"

/* The whole of the file at path, malloc'd, its length in *n; NULL when it
 * cannot be opened or memory runs out. */
static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, len = 0, k;
    unsigned char *b = malloc(cap);
    while (b && (k = fread(b + len, 1, cap - len, f)) > 0) {
        len += k;
        if (len == cap) {
            unsigned char *nb = realloc(b, cap *= 2);
            if (!nb) free(b);
            b = nb;
        }
    }
    fclose(f);
    *n = len;
    return b;
}

/* Is got right for the n bytes at p whose true encoding is truth? The same
 * name, or the same text under both: pure ASCII accepts ascii, utf-8 or any
 * single-byte code page; two single-byte code pages are alike when they
 * decode every byte of the text alike. */
static int acceptable(pisar_encoding truth, pisar_encoding got, const unsigned char *p, size_t n)
{
    if (truth == got) return 1;
    int ascii = 1;
    for (size_t i = 0; i < n; i++)
        ascii &= p[i] < 0x80;
    if (ascii)
        return got == PISAR_ENC_ASCII || got == PISAR_ENC_UTF8 ||
               pisar_encoding_is_single_byte(got);
    if (!pisar_encoding_is_single_byte(truth) || !pisar_encoding_is_single_byte(got)) return 0;
    const uint16_t *a = cp_table(truth), *b = cp_table(got);
    for (size_t i = 0; i < n; i++)
        if (a[p[i]] != b[p[i]]) return 0;
    return 1;
}

#endif
