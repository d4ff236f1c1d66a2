/* icu_seg.c -- the peer: ICU's sentence BreakIterator (ubrk, UBRK_SENTENCE) for
 * a locale, reading UTF-8 on stdin and printing one sentence a line (line
 * breaks inside a sentence become spaces; a line of input is a paragraph, as in
 * the evaluation sets). usage: icu_seg LOCALE < text */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

static void emit(const UChar *u, int32_t s, int32_t e, char *out, size_t cap)
{
    while (s < e && (u[s] == ' ' || u[s] == '\t' || u[s] == '\n' || u[s] == '\r' || u[s] == 0xA0))
        s++;
    while (e > s && (u[e - 1] == ' ' || u[e - 1] == '\t' || u[e - 1] == '\n' || u[e - 1] == '\r' ||
                     u[e - 1] == 0xA0))
        e--;
    if (e <= s) return;
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0;
    u_strToUTF8(out, (int32_t)cap, &n, u + s, e - s, &st);
    if (U_FAILURE(st)) return;
    for (int32_t i = 0; i < n; i++)
        if (out[i] == '\n' || out[i] == '\r') out[i] = ' ';
    fwrite(out, 1, (size_t)n, stdout);
    fputc('\n', stdout);
}

int main(int argc, char **argv)
{
    const char *loc = argc > 1 ? argv[1] : "en";
    size_t cap = 1 << 20, len = 0, r;
    char *in = malloc(cap);
    while (in && (r = fread(in + len, 1, cap - len, stdin)) > 0) {
        len += r;
        if (len == cap) in = realloc(in, cap *= 2);
    }
    if (!in) return 1;
    UErrorCode st = U_ZERO_ERROR;
    int32_t ul = 0;
    u_strFromUTF8WithSub(NULL, 0, &ul, in, (int32_t)len, 0xFFFD, NULL, &st);
    st = U_ZERO_ERROR;
    UChar *u = malloc(((size_t)ul + 1) * sizeof *u);
    u_strFromUTF8WithSub(u, ul + 1, &ul, in, (int32_t)len, 0xFFFD, NULL, &st);
    if (U_FAILURE(st)) return 1;
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, loc, u, ul, &st);
    if (U_FAILURE(st)) {
        fprintf(stderr, "icu_seg: %s\n", u_errorName(st));
        return 1;
    }
    char *out = malloc(4 * (size_t)ul + 4);
    int32_t s = ubrk_first(bi);
    for (int32_t e = ubrk_next(bi); e != UBRK_DONE; s = e, e = ubrk_next(bi))
        emit(u, s, e, out, 4 * (size_t)ul + 4);
    ubrk_close(bi);
    free(out);
    free(u);
    free(in);
    return 0;
}
