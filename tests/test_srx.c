/* test_srx.c -- SRX 2.0: reading a small rules file written for these tests
 * (fixtures/segment/simple.srx), cascading, errors with line numbers, and the
 * export of pisar's own rules (read back, and validated against the SRX 2.0
 * schema when ../shared/schemas/srx-2.0/srx20.xsd beside the checkout or $PISAR_SRX_XSD exists). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "pisar/pisar.h"

#define FIX(name) PISAR_FIXTURES "/segment/" name

/* Segment `in` with `seg`; the sentences joined by '|'. */
static void joined(pisar_segmenter *seg, const char *in, char *out, size_t cap)
{
    assert_int_equal(pisar_segmenter_set_text(seg, in, strlen(in)), PISAR_OK);
    pisar_sentence s;
    size_t w = 0, pos = 0;
    int rc;
    out[0] = 0;
    while ((rc = pisar_segmenter_next(seg, &s)) == 1) {
        assert_true(s.start >= pos && s.end > s.start && s.end <= strlen(in));
        for (size_t i = pos; i < s.start; i++)
            assert_true(strchr(" \t\r\n", in[i]) != NULL);
        pos = s.end;
        w += (size_t)snprintf(out + w, cap - w, "%s%.*s", w ? "|" : "", (int)(s.end - s.start),
                              in + s.start);
        assert_true(w < cap);
    }
    assert_int_equal(rc, 0);
}

static const char *text =
    "Он живёт в г. Москва на ул. Ленина. Mr. Smith came; then left! Next.\n\nPara two.";

static void test_srx_cascade(void **state)
{
    (void)state;
    static const struct {
        const char *file, *lang, *want;
    } cases[] = {
        /* ru: the Russian set, then the default set */
        {FIX("simple.srx"), "ru",
         "Он живёт в г. Москва на ул. Ленина.|Mr. Smith came;|then left!|Next.|Para two."},
        {FIX("simple.srx"), "RU-ru",
         "Он живёт в г. Москва на ул. Ленина.|Mr. Smith came;|then left!|Next.|Para two."},
        /* en: only the default set, so "г." and "ул." break */
        {FIX("simple.srx"), "en",
         "Он живёт в г.|Москва на ул.|Ленина.|Mr. Smith came;|then left!|Next.|Para two."},
        /* cascade="no": ru gets the Russian set only, which never breaks;
         * the paragraph break still does */
        {FIX("nocascade.srx"), "ru",
         "Он живёт в г. Москва на ул. Ленина. Mr. Smith came; then left! Next.|Para two."},
        {FIX("nocascade.srx"), "de",
         "Он живёт в г.|Москва на ул.|Ленина.|Mr. Smith came;|then left!|Next.|Para two."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pisar_segmenter *seg = NULL;
        pisar_error err;
        assert_int_equal(pisar_segmenter_new_srx(&seg, cases[i].file, cases[i].lang, &err),
                         PISAR_OK);
        char got[1024];
        joined(seg, text, got, sizeof got);
        if (strcmp(got, cases[i].want))
            fprintf(stderr, "%s %s: got %s\n", cases[i].file, cases[i].lang, got);
        assert_string_equal(got, cases[i].want);
        /* empty and whitespace-only text */
        joined(seg, "", got, sizeof got);
        assert_string_equal(got, "");
        joined(seg, " \n\n ", got, sizeof got);
        assert_string_equal(got, "");
        pisar_segmenter_free(seg);
    }
}

static void test_srx_errors(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        int status;
        size_t line;
        const char *msg;
    } cases[] = {
        {FIX("bad-xml.srx"), PISAR_EPARSE, 9, "mismatch"},
        {FIX("bad-regex.srx"), PISAR_EPARSE, 7, "invalid regular expression"},
        {FIX("bad-map.srx"), PISAR_EPARSE, 14, "no languagerule named \"Missing\""},
        {FIX("bad-break.srx"), PISAR_EPARSE, 7, "break must be"},
        {FIX("no-such-file.srx"), PISAR_EIO, 0, "No such file"},
        {FIX("ru-news.txt"), PISAR_EPARSE, 1, ""}, /* not XML at all */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pisar_segmenter *seg = (pisar_segmenter *)1;
        pisar_error err;
        int rc = pisar_segmenter_new_srx(&seg, cases[i].file, "ru", &err);
        if (rc != cases[i].status || err.line != cases[i].line)
            fprintf(stderr, "%s: rc %d line %zu: %s\n", cases[i].file, rc, err.line, err.message);
        assert_int_equal(rc, cases[i].status);
        assert_null(seg);
        assert_int_equal(err.line, cases[i].line);
        assert_non_null(strstr(err.message, cases[i].msg));
    }
    pisar_segmenter *seg;
    assert_int_equal(pisar_segmenter_new_srx(NULL, FIX("simple.srx"), "ru", NULL), PISAR_EINVAL);
    assert_int_equal(pisar_segmenter_new_srx(&seg, NULL, "ru", NULL), PISAR_EINVAL);
}

static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void test_srx_export(void **state)
{
    (void)state;
    xmlSetGenericErrorFunc(NULL, quiet);
    /* The schema lives in ../shared beside the checkout (as in CI), or where
     * $PISAR_SRX_XSD says. */
    const char *xsd = getenv("PISAR_SRX_XSD");
    if (!xsd) xsd = PISAR_SOURCE_DIR "/../shared/schemas/srx-2.0/srx20.xsd";
    FILE *probe = fopen(xsd, "r");
    xmlSchemaPtr schema = NULL;
    if (probe) {
        fclose(probe);
        xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(xsd);
        xmlSchemaSetParserErrors(pc, NULL, NULL, NULL);
        schema = xmlSchemaParse(pc);
        xmlSchemaFreeParserCtxt(pc);
    } else {
        fprintf(stderr, "note: %s not found, exported SRX not validated against the schema\n", xsd);
    }
    const char *const *codes;
    size_t n = pisar_segment_languages(&codes);
    for (size_t i = 0; i <= n; i++) {
        const char *lang = i < n ? codes[i] : "und";
        pisar_buf b = {0};
        assert_int_equal(pisar_segmenter_export_srx(lang, &b), PISAR_OK);
        assert_non_null(
            strstr(b.data, "<srx version=\"2.0\" xmlns=\"http://www.lisa.org/srx20\">"));
        if (schema) {
            xmlDocPtr doc = xmlReadMemory(b.data, (int)b.len, "export.srx", NULL, XML_PARSE_NONET);
            assert_non_null(doc);
            xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
            assert_int_equal(xmlSchemaValidateDoc(vc, doc), 0);
            xmlSchemaFreeValidCtxt(vc);
            xmlFreeDoc(doc);
        }
        /* read back: the exported rules segment like the built-in ones on easy text */
        char path[] = "/tmp/pisar-srx-XXXXXX";
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        FILE *f = fdopen(fd, "wb");
        assert_non_null(f);
        fwrite(b.data, 1, b.len, f);
        fclose(f);
        pisar_segmenter *seg;
        pisar_error err;
        int rc = pisar_segmenter_new_srx(&seg, path, lang, &err);
        if (rc) fprintf(stderr, "%s: line %zu: %s\n", lang, err.line, err.message);
        assert_int_equal(rc, PISAR_OK);
        char got[512];
        joined(seg, "One two three. Four five! Six?", got, sizeof got);
        assert_string_equal(got, "One two three.|Four five!|Six?");
        pisar_segmenter_free(seg);
        remove(path);
        pisar_buf_free(&b);
    }
    pisar_buf b = {0};
    assert_int_equal(pisar_segmenter_export_srx("ru", &b), PISAR_OK);
    char path[] = "/tmp/pisar-srx-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "wb");
    fwrite(b.data, 1, b.len, f);
    fclose(f);
    pisar_segmenter *seg;
    assert_int_equal(pisar_segmenter_new_srx(&seg, path, "ru", NULL), PISAR_OK);
    char got[512];
    joined(seg, "В. В. Путин прибыл в г. Москва на ул. Ленина. Были книги и т. д. Затем все ушли.",
           got, sizeof got);
    assert_string_equal(
        got, "В. В. Путин прибыл в г. Москва на ул. Ленина.|Были книги и т. д.|Затем все ушли.");
    pisar_segmenter_free(seg);
    remove(path);
    pisar_buf_free(&b);
    assert_int_equal(pisar_segmenter_export_srx("ru", NULL), PISAR_EINVAL);
    if (schema) xmlSchemaFree(schema);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_srx_cascade),
        cmocka_unit_test(test_srx_errors),
        cmocka_unit_test(test_srx_export),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
