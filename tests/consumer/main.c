/*
 * main.c -- a program that uses an installed libpisar, built by
 * tests/consumer/run.sh through the CMake package and through pkg-config.
 * PISAR_EXPECTED_VERSION is the version the package (or pisar.pc) announced;
 * the library must report the same one at run time. Besides detection it
 * segments and writes JSONL and SRX, so that a static link needs every
 * dependency (ICU, libxml2, jansson) and shows a missing one.
 */
#include <stdio.h>
#include <string.h>

#include <pisar/pisar.h>

#ifndef PISAR_EXPECTED_VERSION
#error "build with -DPISAR_EXPECTED_VERSION=\"x.y.z\""
#endif

/* "Юрий Ушаков заявил, что отношения между Москвой и Пхеньяном развиваются." */
static const char cp1251[] =
    "\xde\xf0\xe8\xe9\x20\xd3\xf8\xe0\xea\xee\xe2\x20\xe7\xe0\xff\xe2\xe8\xeb"
    "\x2c\x20\xf7\xf2\xee\x20\xee\xf2\xed\xee\xf8\xe5\xed\xe8\xff\x20\xec\xe5"
    "\xe6\xe4\xf3\x20\xcc\xee\xf1\xea\xe2\xee\xe9\x20\xe8\x20\xcf\xf5\xe5\xed"
    "\xfc\xff\xed\xee\xec\x20\xf0\xe0\xe7\xe2\xe8\xe2\xe0\xfe\xf2\xf1\xff\x2e";
static const char koi8r[] =
    "\xe0\xd2\xc9\xca\x20\xf5\xdb\xc1\xcb\xcf\xd7\x20\xda\xc1\xd1\xd7\xc9\xcc"
    "\x2c\x20\xde\xd4\xcf\x20\xcf\xd4\xce\xcf\xdb\xc5\xce\xc9\xd1\x20\xcd\xc5"
    "\xd6\xc4\xd5\x20\xed\xcf\xd3\xcb\xd7\xcf\xca\x20\xc9\x20\xf0\xc8\xc5\xce"
    "\xd8\xd1\xce\xcf\xcd\x20\xd2\xc1\xda\xd7\xc9\xd7\xc1\xc0\xd4\xd3\xd1\x2e";

static int check(const char *what, const char *text, size_t len, const char *want)
{
    pisar_detection r;
    int st = pisar_detect(text, len, &r);
    if (st != PISAR_OK) {
        fprintf(stderr, "consumer: pisar_detect(%s): %s\n", what, pisar_strerror(st));
        return 1;
    }
    const char *got = pisar_encoding_name(r.encoding);
    if (!got || strcmp(got, want) || !r.language || strcmp(r.language, "ru")) {
        fprintf(stderr, "consumer: %s detected as %s/%s, expected %s/ru\n", what,
                got ? got : "(null)", r.language ? r.language : "(null)", want);
        return 1;
    }
    printf("%s: %s %.2f %s\n", what, got, r.confidence, r.language);
    return 0;
}

/* Two sentences, segmented and written as JSONL (jansson); the SRX of the rules (libxml2). */
static int check_segment_emit(void)
{
    static const char text[] =
        "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82. "          /* "Привет. " */
        "\xd0\x9a\xd0\xb0\xd0\xba \xd0\xb4\xd0\xb5\xd0\xbb\xd0\xb0?"; /* "Как дела?" */
    pisar_error err;
    pisar_segmenter *seg = NULL;
    pisar_sentence sent[4];
    size_t n = 0;
    int st = pisar_segmenter_new(&seg, "ru", &err);
    if (st == PISAR_OK) st = pisar_segmenter_set_text(seg, text, sizeof text - 1);
    while (st == PISAR_OK && n < 4) {
        st = pisar_segmenter_next(seg, &sent[n]);
        if (st != 1) break;
        st = PISAR_OK;
        n++;
    }
    pisar_segmenter_free(seg);
    if (st < 0 || n != 2 || sent[1].start != 14) /* after "Привет. " */ {
        fprintf(stderr, "consumer: segmenting: status %d, %zu sentences\n", st, n);
        return 1;
    }
    pisar_buf out = {0};
    pisar_emitter *em = NULL;
    st = pisar_emitter_new(&em, PISAR_FORMAT_JSONL, 0, &out, &err);
    if (st == PISAR_OK) st = pisar_emitter_begin_document(em, "t.txt", "ru", "en", &err);
    if (st == PISAR_OK)
        st = pisar_emitter_paragraph(em, text, sizeof text - 1, sent, n, NULL, &err);
    if (st == PISAR_OK) st = pisar_emitter_end_document(em, &err);
    if (st == PISAR_OK) st = pisar_emitter_finish(em, &err);
    pisar_emitter_free(em);
    int bad = st != PISAR_OK || !out.data || !strstr(out.data, "\"d1.p1.s2\"");
    if (bad)
        fprintf(stderr, "consumer: JSONL: status %d: %s\n", st, out.data ? out.data : "");
    else
        printf("JSONL: %zu bytes\n", out.len);
    pisar_buf_clear(&out);
    st = pisar_segmenter_export_srx("ru", &out);
    if (st != PISAR_OK || !out.data || !strstr(out.data, "<srx")) {
        fprintf(stderr, "consumer: SRX: status %d\n", st);
        bad = 1;
    } else {
        printf("SRX: %zu bytes\n", out.len);
    }
    pisar_buf_free(&out);
    return bad;
}

int main(void)
{
    const char *v = pisar_version();
    if (!v || strcmp(v, PISAR_EXPECTED_VERSION)) {
        fprintf(stderr, "consumer: library version %s, package version %s\n", v ? v : "(null)",
                PISAR_EXPECTED_VERSION);
        return 1;
    }
    printf("pisar %s\n", v);
    int bad = check("windows-1251 text", cp1251, sizeof cp1251 - 1, "windows-1251");
    bad |= check("KOI8-R text", koi8r, sizeof koi8r - 1, "koi8-r");
    bad |= check_segment_emit();
    return bad;
}
