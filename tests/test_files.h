/* test_files.h -- the tests' one way to read a fixture of the source tree
 * into memory (NUL-terminated; aborts when it cannot: a missing fixture is a
 * broken checkout, not a result). */
#ifndef PISAR_TEST_FILES_H
#define PISAR_TEST_FILES_H

#include <stdio.h>
#include <stdlib.h>

typedef struct {
    char *data;
    size_t len;
} blob;

static blob read_file(const char *rel)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", PISAR_SOURCE_DIR, rel);
    FILE *f = fopen(path, "rb");
    blob b = {0};
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        abort();
    }
    size_t cap = 1 << 16;
    b.data = malloc(cap);
    for (size_t n; b.data && (n = fread(b.data + b.len, 1, cap - b.len, f)) > 0;) {
        b.len += n;
        if (b.len == cap) b.data = realloc(b.data, cap *= 2);
    }
    fclose(f);
    if (!b.data) abort();
    b.data[b.len < cap ? b.len : cap - 1] = '\0';
    return b;
}

#endif
