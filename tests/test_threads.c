/*
 * test_threads.c -- what may be shared among threads, shared by 8 of them.
 *
 * Shared: one open scheme (pisar_translit is immutable once made: a built-in
 * one and one compiled from text), and the compiled-in tables behind the
 * stateless calls (detector models: pisar_detect(), pisar_language_detect();
 * abbreviation rules: pisar_segmenter_export_srx() and every segmenter's
 * rules; the built-in gazetteer: pisar_name_key(); code pages: pisar_decode();
 * pisar_nfc(); pisar_align()). One handle per thread: detector, decoder,
 * normalizer, segmenter (pisar's rules and SRX), names (with a gazetteer of
 * its own), emitter. Every thread checks every result against the one
 * computed before the threads start. Run under ThreadSanitizer by .ci/run
 * (build-tsan); in the other builds it checks the results alone.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pisar/pisar.h"

#define THREADS 8
#define ROUNDS 3

#include "test_files.h"

static blob ru_1251, ru_utf8, uk_utf16, names_ru, names_de, names_en, gaz, align_src, align_tgt;

/* the shared immutable handles */
static pisar_translit *scheme_builtin, *scheme_compiled;

/* A thread's results, appended as text; compared with the single-threaded ones. */
typedef struct {
    char *s;
    size_t len, cap;
    int failed; /* a call returned an error */
} out_t;

static void put(out_t *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[512];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n >= sizeof tmp) n = sizeof tmp - 1;
    if (o->len + (size_t)n + 1 > o->cap) {
        o->cap = (o->len + (size_t)n + 1) * 2;
        o->s = realloc(o->s, o->cap);
        if (!o->s) abort();
    }
    memcpy(o->s + o->len, tmp, (size_t)n + 1);
    o->len += (size_t)n;
}

static void put_hash(out_t *o, const char *what, const void *data, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ ((const unsigned char *)data)[i]) * 1099511628211ull;
    put(o, "%s %zu %016llx\n", what, len, (unsigned long long)h);
}

#define OK(o, call)                                                                                \
    do {                                                                                           \
        int rc_ = (call);                                                                          \
        if (rc_ < 0) {                                                                             \
            put(o, "FAILED %s: %d\n", #call, rc_);                                                 \
            (o)->failed = 1;                                                                       \
        }                                                                                          \
    } while (0)

static int on_mention(const pisar_name_mention *m, void *user)
{
    put(user, "%zu+%zu %s %s\n", m->offset, m->length, m->key, m->canonical);
    return 0;
}

static void on_repair(void *ctx, const pisar_repair *r)
{
    put(ctx, "repair %zu %.*s\n", r->offset, (int)r->after_len, r->after);
}

static int name_key_cb(void *ctx, const char *word, size_t len, char *key, size_t cap)
{
    (void)ctx;
    pisar_buf k = {0};
    int rc = pisar_name_key(word, len, &k);
    if (rc >= 0) rc = snprintf(key, cap, "%s", k.data ? k.data : "") >= (int)cap ? 0 : (int)k.len;
    pisar_buf_free(&k);
    return rc;
}

static size_t lines(const blob *b, pisar_align_sentence *s, size_t cap)
{
    size_t n = 0, para = 0;
    const char *p = b->data, *end = b->data + b->len;
    while (p < end && n < cap) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        if (nl == p)
            para++;
        else
            s[n++] = (pisar_align_sentence){p, (size_t)(nl - p), para};
        p = nl + 1;
    }
    return n;
}

/* Everything one thread does in one round. */
static void work(out_t *o)
{
    pisar_buf b = {0};
    pisar_error err;
    pisar_detection det;

    /* shared schemes */
    OK(o, pisar_translit_apply(scheme_builtin, ru_utf8.data, ru_utf8.len, &b));
    put_hash(o, "translit builtin", b.data, b.len);
    pisar_buf_clear(&b);
    OK(o, pisar_translit_apply(scheme_compiled, ru_utf8.data, ru_utf8.len, &b));
    put_hash(o, "translit compiled", b.data, b.len);
    pisar_buf_clear(&b);

    /* detector models: stateless calls and a handle of our own */
    OK(o, pisar_detect(ru_1251.data, ru_1251.len, &det));
    put(o, "%s %s\n", pisar_encoding_name(det.encoding), det.language);
    OK(o, pisar_detect(uk_utf16.data, uk_utf16.len, &det));
    put(o, "%s %s\n", pisar_encoding_name(det.encoding), det.language);
    const char *lang = NULL;
    OK(o, pisar_language_detect(names_de.data, names_de.len, &lang, NULL));
    put(o, "%s\n", lang);
    pisar_detector *d = pisar_detector_new();
    if (!d) abort();
    OK(o, pisar_detector_feed(d, names_en.data, names_en.len));
    OK(o, pisar_detector_finish(d));
    OK(o, pisar_detector_result(d, &det));
    put(o, "%s %s\n", pisar_encoding_name(det.encoding), det.language);
    pisar_detector_free(d);

    /* decoders */
    pisar_decoder *dec = NULL;
    OK(o, pisar_decoder_new(&dec, PISAR_ENC_UTF16LE, PISAR_DECODE_NFC));
    OK(o, pisar_decoder_feed(dec, uk_utf16.data, uk_utf16.len, &b, &err));
    OK(o, pisar_decoder_finish(dec, &b, &err));
    pisar_decoder_free(dec);
    put_hash(o, "utf-16le", b.data, b.len);
    pisar_buf_clear(&b);
    OK(o, pisar_decode(PISAR_ENC_WINDOWS_1251, ru_1251.data, ru_1251.len, 0, &b, &err));
    put_hash(o, "cp1251", b.data, b.len);
    pisar_buf_clear(&b);

    /* a normalizer of our own */
    static const char garbled[] = "РџСЂРёРІРµС‚, Pоссия! CafÃ© в Mоsсоw.\n";
    pisar_normalizer *n = NULL;
    OK(o, pisar_normalizer_new(&n, PISAR_NORM_ALL));
    pisar_normalizer_on_repair(n, on_repair, o);
    OK(o, pisar_normalizer_apply(n, garbled, sizeof garbled - 1, &b, &err));
    put(o, "%s", b.data ? b.data : "");
    pisar_buf_clear(&b);
    pisar_normalizer_free(n);
    OK(o, pisar_nfc("и\xcc\x86", 4, &b, &err));
    put(o, "%s\n", b.data ? b.data : "");
    pisar_buf_clear(&b);

    /* segmenters of our own over the shared rule tables */
    pisar_segmenter *seg = NULL;
    pisar_sentence st;
    OK(o, pisar_segmenter_new(&seg, "ru", &err));
    OK(o, pisar_segmenter_set_text(seg, ru_utf8.data, ru_utf8.len));
    while (seg && pisar_segmenter_next(seg, &st) > 0)
        put(o, "%zu-%zu ", st.start, st.end);
    put(o, "\n");
    pisar_segmenter_free(seg);
    seg = NULL;
    OK(o,
       pisar_segmenter_new_srx(&seg, PISAR_SOURCE_DIR "/fixtures/segment/simple.srx", "ru", &err));
    OK(o, pisar_segmenter_set_text(seg, ru_utf8.data, ru_utf8.len));
    while (seg && pisar_segmenter_next(seg, &st) > 0)
        put(o, "%zu-%zu ", st.start, st.end);
    put(o, "\n");
    pisar_segmenter_free(seg);
    OK(o, pisar_segmenter_export_srx("mk", &b));
    put_hash(o, "srx", b.data, b.len);
    pisar_buf_clear(&b);

    /* the built-in gazetteer through the stateless key; a names handle of our own */
    OK(o, pisar_name_key("Юрий Ушаков", strlen("Юрий Ушаков"), &b));
    put(o, "%s\n", b.data ? b.data : "");
    pisar_buf_clear(&b);
    pisar_names *h = NULL;
    OK(o, pisar_names_new(&h, "icao", &err));
    if (h) {
        OK(o, pisar_names_load_gazetteer_mem(h, gaz.data, gaz.len, "my.txt", &err));
        OK(o, pisar_names_add_text(h, "ru", names_ru.data, names_ru.len, &err));
        OK(o, pisar_names_add_text(h, "de", names_de.data, names_de.len, &err));
        OK(o, pisar_names_add_text(h, "en", names_en.data, names_en.len, &err));
        size_t ng = pisar_names_group_count(h);
        for (size_t i = 0; i < ng; i++) {
            pisar_name_group g;
            OK(o, pisar_names_group(h, i, &g));
            put(o, "%zu %s %s\n", g.count, g.canonical, g.source_text);
        }
        OK(o, pisar_names_find(h, names_en.data, names_en.len, on_mention, o, &err));
        OK(o, pisar_names_rewrite(h, names_de.data, names_de.len, 0, &b, NULL, NULL, &err));
        put_hash(o, "rewrite", b.data, b.len);
        pisar_buf_clear(&b);
        pisar_names_free(h);
    }

    /* an emitter of our own per format */
    for (int f = 0; f < PISAR_FORMAT_COUNT; f++) {
        pisar_emitter *em = NULL;
        static const pisar_sentence s2[] = {{0, 13, 0}, {14, 18, 0}};
        OK(o, pisar_emitter_new(&em, (pisar_format)f, 0, &b, &err));
        if (!em) continue;
        OK(o, pisar_emitter_begin_document(em, "a.txt", "ru", "en", &err));
        OK(o, pisar_emitter_paragraph(em, "Ушаков. Да", strlen("Ушаков. Да"), s2, 2, NULL, &err));
        OK(o, pisar_emitter_end_document(em, &err));
        OK(o, pisar_emitter_finish(em, &err));
        pisar_emitter_free(em);
        put_hash(o, pisar_format_name((pisar_format)f), b.data, b.len);
        pisar_buf_clear(&b);
    }

    /* the aligner */
    pisar_align_sentence src[128], tgt[128];
    pisar_link links[256];
    size_t ns = lines(&align_src, src, 128), nt = lines(&align_tgt, tgt, 128), nl = 0;
    pisar_align_options opt = {.name_key = name_key_cb};
    OK(o, pisar_align(src, ns, tgt, nt, &opt, links, &nl, &err));
    for (size_t i = 0; i < nl; i++)
        put(o, "%zu+%zu=%zu+%zu ", links[i].src, links[i].nsrc, links[i].tgt, links[i].ntgt);
    put(o, "\n");
    pisar_buf_free(&b);
}

static out_t want;
static pthread_barrier_t start;

static void *thread_main(void *arg)
{
    out_t *o = arg;
    pthread_barrier_wait(&start);
    for (int r = 0; r < ROUNDS; r++) {
        o->len = 0;
        work(o);
        if (o->len != want.len || memcmp(o->s, want.s, want.len)) {
            o->failed = 1;
            break;
        }
    }
    return NULL;
}

static void t_shared(void **state)
{
    (void)state;
    /* the reference, single-threaded */
    work(&want);
    assert_false(want.failed);
    assert_true(want.len > 1000);

    pthread_t th[THREADS];
    out_t outs[THREADS];
    memset(outs, 0, sizeof outs);
    assert_int_equal(pthread_barrier_init(&start, NULL, THREADS), 0);
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&th[i], NULL, thread_main, &outs[i]), 0);
    for (int i = 0; i < THREADS; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&start);
    for (int i = 0; i < THREADS; i++) {
        if (outs[i].failed) {
            size_t k = 0;
            while (k < want.len && k < outs[i].len && want.s[k] == outs[i].s[k])
                k++;
            fail_msg("thread %d differs from the single-threaded run at byte %zu: %.80s", i, k,
                     outs[i].s ? outs[i].s + k : "");
        }
        free(outs[i].s);
    }
}

int main(void)
{
    ru_1251 = read_file("fixtures/prep/ru-windows-1251.txt");
    ru_utf8 = read_file("fixtures/prep/ru-utf-8.txt");
    uk_utf16 = read_file("fixtures/prep/uk-utf-16le.txt");
    names_ru = read_file("fixtures/names/ru.txt");
    names_de = read_file("fixtures/names/de.txt");
    names_en = read_file("fixtures/names/en.txt");
    gaz = read_file("fixtures/golden/names-gazetteer/my.txt");
    align_src = read_file("fixtures/align/ru-en/source.txt");
    align_tgt = read_file("fixtures/align/ru-en/target.txt");
    static const char scheme[] = "@id my-bgn\n@language ru\n@name mine\n@standard none\n"
                                 "@include ru-bgn\nж\tzh\nх\tkh\n";
    pisar_error err;
    if (pisar_translit_open(&scheme_builtin, "ru-bgn", PISAR_TRANSLIT_FORWARD, &err) ||
        pisar_translit_compile(&scheme_compiled, scheme, sizeof scheme - 1, "my-bgn",
                               PISAR_TRANSLIT_FORWARD, &err)) {
        fprintf(stderr, "cannot open the schemes: %s\n", err.message);
        return 1;
    }
    const struct CMUnitTest tests[] = {cmocka_unit_test(t_shared)};
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    pisar_translit_free(scheme_builtin);
    pisar_translit_free(scheme_compiled);
    blob *all[] = {&ru_1251,  &ru_utf8, &uk_utf16,  &names_ru, &names_de,
                   &names_en, &gaz,     &align_src, &align_tgt};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        free(all[i]->data);
    free(want.s);
    return failed;
}
