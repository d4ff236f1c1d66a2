/* test_files.h -- the tests' one way to read a fixture of the source tree
 * into memory (NUL-terminated; aborts when it cannot: a missing fixture is a
 * broken checkout, not a result). */
#ifndef PISAR_TEST_FILES_H
#define PISAR_TEST_FILES_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    char *data;
    size_t len;
} blob;

static blob read_file(const char *rel)
{
    char path[4096];
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

/* Calls fn on every file of the source tree's folder rel (dot files left
 * out), each read whole; returns the sum of what fn returns. Aborts when the
 * folder cannot be read or holds no file. */
static inline int
for_each_file(const char *rel, int (*fn)(void *ctx, const char *path, const char *data, size_t len),
              void *ctx)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s", PISAR_SOURCE_DIR, rel);
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "cannot open %s\n", dir);
        abort();
    }
    int sum = 0, files = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.') continue;
        char name[1024];
        snprintf(name, sizeof name, "%s/%s", rel, e->d_name);
        blob b = read_file(name);
        sum += fn(ctx, name, b.data, b.len);
        free(b.data);
        files++;
    }
    closedir(d);
    if (!files) {
        fprintf(stderr, "no file in %s\n", dir);
        abort();
    }
    return sum;
}

#endif
