/* test_emit.c -- the translator-file writers: each format on small documents,
 * read back with libxml2 / jansson, validated against the official schemas
 * when they are at hand (../shared/schemas or $PISAR_SCHEMAS). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>
#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/valid.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "emit_scan.h"
#include "pisar/pisar.h"

/* A paragraph of test text and its sentences. */
typedef struct {
    const char *text;
    size_t nsent;
    pisar_sentence s[4];
} para;

static const para P1 = {"One. Two? \"Three\" & <four>.", 3, {{0, 4, 0}, {5, 9, 0}, {10, 27, 0}}};
static const para P2 = {"Один.  Один.", 2, {{0, 9, 0}, {11, 20, 0}}};

/* Write documents made of the paragraphs `ps` (NULL-terminated) in `fmt`. */
static char *emit(pisar_format fmt, unsigned flags, const para *const *ps, const char *tl,
                  uint64_t *units)
{
    pisar_buf out = {0};
    pisar_emitter *em = NULL;
    assert_int_equal(pisar_emitter_new(&em, fmt, flags, &out, NULL), PISAR_OK);
    assert_int_equal(pisar_emitter_begin_document(em, "a b&c.txt", "ru", tl, NULL), PISAR_OK);
    for (size_t i = 0; ps && ps[i]; i++)
        assert_int_equal(pisar_emitter_paragraph(em, ps[i]->text, strlen(ps[i]->text), ps[i]->s,
                                                 ps[i]->nsent, NULL, NULL),
                         PISAR_OK);
    assert_int_equal(pisar_emitter_end_document(em, NULL), PISAR_OK);
    assert_int_equal(pisar_emitter_finish(em, NULL), PISAR_OK);
    if (units) *units = pisar_emitter_units(em);
    pisar_emitter_free(em);
    if (!out.data) pisar_buf_append(&out, "", 0);
    return out.data;
}

static const char *schemas_dir(void)
{
    static char buf[1024];
    const char *env = getenv("PISAR_SCHEMAS");
    const char *cands[] = {env, PISAR_SOURCE_DIR "/../shared/schemas"};
    for (size_t i = 0; i < sizeof cands / sizeof *cands; i++) {
        if (!cands[i]) continue;
        snprintf(buf, sizeof buf, "%s/catalog.xml", cands[i]);
        if (access(buf, R_OK) == 0) {
            snprintf(buf, sizeof buf, "%s", cands[i]);
            return buf;
        }
    }
    return NULL;
}

/* Validate against the official schema; returns 0 when valid or when the
 * schemas are not available (printed). */
static int validate(const char *xml, pisar_format fmt)
{
    const char *dir = schemas_dir();
    if (!dir) {
        print_message("schemas not found: validation skipped\n");
        return 0;
    }
    char path[1200];
    snprintf(path, sizeof path, "%s/catalog.xml", dir);
    xmlLoadCatalog(path);
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, XML_PARSE_NONET);
    if (!doc) return -1;
    int rc = -1;
    if (fmt == PISAR_FORMAT_TMX) {
        snprintf(path, sizeof path, "%s/tmx-1.4b/tmx14.dtd", dir);
        xmlDtdPtr dtd = xmlParseDTD(NULL, (const xmlChar *)path);
        xmlValidCtxtPtr v = xmlNewValidCtxt();
        if (dtd && v) rc = xmlValidateDtd(v, doc, dtd) ? 0 : -1;
        xmlFreeValidCtxt(v);
        xmlFreeDtd(dtd);
    } else {
        snprintf(path, sizeof path, "%s/%s", dir,
                 fmt == PISAR_FORMAT_XLIFF21 ? "xliff-2.1/xliff_core_2.0.xsd"
                                             : "xliff-1.2/xliff-core-1.2-strict.xsd");
        xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(path);
        xmlSchemaPtr schema = pc ? xmlSchemaParse(pc) : NULL;
        xmlSchemaValidCtxtPtr vc = schema ? xmlSchemaNewValidCtxt(schema) : NULL;
        if (vc) rc = xmlSchemaValidateDoc(vc, doc) == 0 ? 0 : -1;
        xmlSchemaFreeValidCtxt(vc);
        xmlSchemaFree(schema);
        xmlSchemaFreeParserCtxt(pc);
    }
    xmlFreeDoc(doc);
    return rc;
}

/* Values of an XPath expression over an XML text, joined by '|'. */
static char *xpath(const char *xml, const char *expr)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, (const xmlChar *)"x",
                       (const xmlChar *)"urn:oasis:names:tc:xliff:document:1.2");
    xmlXPathRegisterNs(ctx, (const xmlChar *)"y",
                       (const xmlChar *)"urn:oasis:names:tc:xliff:document:2.0");
    xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
    assert_non_null(r);
    pisar_buf b = {0};
    pisar_buf_append(&b, "", 0);
    for (int i = 0; r->nodesetval && i < r->nodesetval->nodeNr; i++) {
        xmlChar *s = xmlNodeGetContent(r->nodesetval->nodeTab[i]);
        if (i) pisar_buf_puts(&b, "|");
        pisar_buf_puts(&b, (const char *)s);
        xmlFree(s);
    }
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    return b.data;
}

#define XP_EQ(xml, expr, want)                                                                     \
    do {                                                                                           \
        char *got_ = xpath(xml, expr);                                                             \
        assert_string_equal(got_, want);                                                           \
        free(got_);                                                                                \
    } while (0)

static void test_format_names(void **state)
{
    (void)state;
    for (int f = 0; f < PISAR_FORMAT_COUNT; f++)
        assert_int_equal(pisar_format_from_name(pisar_format_name(f)), f);
    assert_int_equal(pisar_format_from_name("xlf"), PISAR_EUNKNOWN);
    assert_int_equal(pisar_format_from_name(""), PISAR_EUNKNOWN);
    assert_int_equal(pisar_format_from_name(NULL), PISAR_EUNKNOWN);
    assert_string_equal(pisar_format_name(PISAR_FORMAT_COUNT), "unknown");
    assert_string_equal(pisar_format_extension(PISAR_FORMAT_TMX), "tmx");
    assert_true(pisar_format_is_xml(PISAR_FORMAT_XLIFF21));
    assert_false(pisar_format_is_xml(PISAR_FORMAT_PO));
}

static void test_xliff12(void **state)
{
    (void)state;
    const para *ps[] = {&P1, &P2, NULL};
    uint64_t n;
    char *x = emit(PISAR_FORMAT_XLIFF12, 0, ps, "en", &n);
    assert_int_equal(n, 5);
    assert_int_equal(validate(x, PISAR_FORMAT_XLIFF12), 0);
    XP_EQ(x, "//x:trans-unit/@id", "d1.p1.s1|d1.p1.s2|d1.p1.s3|d1.p2.s1|d1.p2.s2");
    XP_EQ(x, "//x:group/@id", "d1.p1|d1.p2");
    XP_EQ(x, "//x:trans-unit/x:source", "One.|Two?|\"Three\" & <four>.|Один.|Один.");
    XP_EQ(x, "//x:target", "||||");
    XP_EQ(x, "//x:file/@original", "a b&c.txt");
    XP_EQ(x, "//x:file/@source-language", "ru");
    XP_EQ(x, "//x:file/@target-language", "en");
    XP_EQ(x, "//x:file/@datatype", "plaintext");
    XP_EQ(x, "//x:trans-unit[1]/@xml:space", "preserve|preserve");
    free(x);
    /* copy-source, no target language */
    x = emit(PISAR_FORMAT_XLIFF12, PISAR_EMIT_COPY_SOURCE, ps, NULL, NULL);
    assert_int_equal(validate(x, PISAR_FORMAT_XLIFF12), 0);
    XP_EQ(x, "//x:target", "One.|Two?|\"Three\" & <four>.|Один.|Один.");
    XP_EQ(x, "//x:file/@target-language", "");
    free(x);
}

/* Element text is escaped byte for byte as libxml2's xmlTextWriterWriteString
 * escapes it (& < > " as entities), now that emit.c escapes it itself. */
static void test_text_escapes(void **state)
{
    (void)state;
    static const para P = {"Q & <r> \"s\" && >>.", 1, {{0, 18, 0}}};
    const para *ps[] = {&P, NULL};
    char *x = emit(PISAR_FORMAT_XLIFF12, PISAR_EMIT_COPY_SOURCE, ps, NULL, NULL);
    assert_int_equal(validate(x, PISAR_FORMAT_XLIFF12), 0);
    assert_non_null(
        strstr(x, "<source>Q &amp; &lt;r&gt; &quot;s&quot; &amp;&amp; &gt;&gt;.</source>"));
    assert_non_null(strstr(x, "state=\"needs-translation\">Q &amp; &lt;r&gt; &quot;s&quot; "
                              "&amp;&amp; &gt;&gt;.</target>"));
    XP_EQ(x, "//x:trans-unit/x:source", "Q & <r> \"s\" && >>.");
    free(x);
}

static void test_segsource(void **state)
{
    (void)state;
    const para *ps[] = {&P1, &P2, NULL};
    uint64_t n;
    char *x = emit(PISAR_FORMAT_XLIFF12_SEGSOURCE, 0, ps, "en", &n);
    assert_int_equal(n, 5);
    assert_int_equal(validate(x, PISAR_FORMAT_XLIFF12), 0);
    XP_EQ(x, "//x:trans-unit/@id", "d1.p1|d1.p2");
    XP_EQ(x, "//x:trans-unit/x:source", "One. Two? \"Three\" & <four>.|Один.  Один.");
    XP_EQ(x, "//x:seg-source", "One. Two? \"Three\" & <four>.|Один.  Один.");
    XP_EQ(x, "//x:seg-source/x:mrk[@mtype='seg']/@mid", "1|2|3|1|2");
    XP_EQ(x, "//x:target/x:mrk/@mid", "1|2|3|1|2");
    free(x);
}

static void test_xliff21(void **state)
{
    (void)state;
    const para *ps[] = {&P1, &P2, NULL};
    uint64_t n;
    char *x = emit(PISAR_FORMAT_XLIFF21, PISAR_EMIT_COPY_SOURCE, ps, "en", &n);
    assert_int_equal(n, 5);
    assert_int_equal(validate(x, PISAR_FORMAT_XLIFF21), 0);
    XP_EQ(x, "/y:xliff/@version", "2.1");
    XP_EQ(x, "/y:xliff/@srcLang", "ru");
    XP_EQ(x, "//y:unit/@id", "d1.p1|d1.p2");
    XP_EQ(x, "//y:segment/@id", "d1.p1.s1|d1.p1.s2|d1.p1.s3|d1.p2.s1|d1.p2.s2");
    XP_EQ(x, "//y:ignorable/@id", "d1.p1.i1|d1.p1.i2|d1.p2.i1");
    /* the whitespace between sentences survives, byte for byte */
    XP_EQ(x, "//y:ignorable/y:source", " | |  ");
    XP_EQ(x, "//y:segment/y:target", "One.|Two?|\"Three\" & <four>.|Один.|Один.");
    /* ids unique in the whole file (the 2.0 schema does not check it) */
    char *ids = xpath(x, "//@id");
    size_t k = 0;
    char *save, *tok, *all[64];
    for (tok = strtok_r(ids, "|", &save); tok && k < 64; tok = strtok_r(NULL, "|", &save))
        all[k++] = tok;
    assert_int_equal(k, 11);
    for (size_t i = 0; i < k; i++)
        for (size_t j = i + 1; j < k; j++)
            assert_string_not_equal(all[i], all[j]);
    free(ids);
    free(x);
}

static void test_tmx(void **state)
{
    (void)state;
    const para *ps[] = {&P1, NULL};
    char *x = emit(PISAR_FORMAT_TMX, PISAR_EMIT_COPY_SOURCE, ps, "en", NULL);
    assert_int_equal(validate(x, PISAR_FORMAT_TMX), 0);
    XP_EQ(x, "//tu/@tuid", "d1.p1.s1|d1.p1.s2|d1.p1.s3");
    XP_EQ(x, "//tu[2]/tuv/@xml:lang", "ru|en");
    XP_EQ(x, "//tu[3]/tuv/seg", "\"Three\" & <four>.|\"Three\" & <four>.");
    XP_EQ(x, "/tmx/header/@srclang", "ru");
    free(x);
}

static void test_empty_document(void **state)
{
    (void)state;
    for (int f = 0; f < PISAR_FORMAT_COUNT; f++) {
        uint64_t n = 99;
        char *x = emit(f, 0, NULL, "en", &n);
        assert_int_equal(n, 0);
        if (pisar_format_is_xml(f))
            assert_int_equal(validate(x, f), 0);
        else if (f == PISAR_FORMAT_PO)
            assert_non_null(strstr(x, "charset=UTF-8"));
        else
            assert_string_equal(x, "");
        free(x);
    }
    /* no document at all: still a valid file */
    pisar_buf out = {0};
    pisar_emitter *em;
    assert_int_equal(pisar_emitter_new(&em, PISAR_FORMAT_XLIFF21, 0, &out, NULL), 0);
    assert_int_equal(pisar_emitter_finish(em, NULL), 0);
    assert_int_equal(validate(out.data, PISAR_FORMAT_XLIFF21), 0);
    pisar_emitter_free(em);
    pisar_buf_free(&out);
}

static void test_po(void **state)
{
    (void)state;
    static const para q = {
        "Say \"hi\"\\now.\tTab\nline. Один.", 3, {{0, 13, 0}, {13, 23, 0}, {24, 33, 0}}};
    const para *ps[] = {&q, &P2, NULL};
    char *x = emit(PISAR_FORMAT_PO, 0, ps, "en", NULL);
    static const char *want_parts[] = {
        "msgctxt \"d1.p1.s1\"\nmsgid \"Say \\\"hi\\\"\\\\now.\"\nmsgstr \"\"\n",
        "msgctxt \"d1.p1.s2\"\nmsgid \"\"\n\"\\tTab\\n\"\n\"line.\"\nmsgstr \"\"\n",
        "#. a b&c.txt, paragraph 2, sentence 1\nmsgctxt \"d1.p2.s1\"\nmsgid \"Один.\"\n",
        "msgctxt \"d1.p2.s2\"\nmsgid \"Один.\"\n",
        "\"Content-Type: text/plain; charset=UTF-8\\n\"\n",
        "\"Language: en\\n\"\n",
    };
    for (size_t i = 0; i < sizeof want_parts / sizeof *want_parts; i++) {
        if (!strstr(x, want_parts[i])) print_message("missing: %s\nin:\n%s\n", want_parts[i], x);
        assert_non_null(strstr(x, want_parts[i]));
    }
    /* every msgctxt different: the repeated sentence stays two messages */
    size_t count = 0;
    for (const char *p = x; (p = strstr(p, "msgctxt ")); p++)
        count++;
    assert_int_equal(count, 5);
    free(x);
}

static void test_tsv_jsonl_txt(void **state)
{
    (void)state;
    static const para q = {"A\tb\\c. Line\none.", 2, {{0, 6, 0}, {7, 16, 0}}};
    const para *ps[] = {&q, &P2, NULL};
    char *x = emit(PISAR_FORMAT_TSV, PISAR_EMIT_COPY_SOURCE, ps, "en", NULL);
    assert_string_equal(x, "d1.p1.s1\tA\\tb\\\\c.\tA\\tb\\\\c.\n"
                           "d1.p1.s2\tLine\\none.\tLine\\none.\n"
                           "d1.p2.s1\tОдин.\tОдин.\n"
                           "d1.p2.s2\tОдин.\tОдин.\n");
    free(x);
    x = emit(PISAR_FORMAT_TXT, 0, ps, NULL, NULL);
    assert_string_equal(x, "A\tb\\c.\nLine one.\n\nОдин.\nОдин.\n");
    free(x);
    x = emit(PISAR_FORMAT_JSONL, 0, ps, "en", NULL);
    char *line = x;
    size_t k = 0;
    const char *want_src[] = {"A\tb\\c.", "Line\none.", "Один.", "Один."};
    while (*line) {
        char *end = strchr(line, '\n');
        assert_non_null(end);
        json_error_t je;
        json_t *o = json_loadb(line, (size_t)(end - line), 0, &je);
        assert_non_null(o);
        assert_true(k < 4);
        assert_string_equal(json_string_value(json_object_get(o, "source")), want_src[k]);
        assert_string_equal(json_string_value(json_object_get(o, "target")), "");
        assert_string_equal(json_string_value(json_object_get(o, "document")), "a b&c.txt");
        json_decref(o);
        k++;
        line = end + 1;
    }
    assert_int_equal(k, 4);
    free(x);
}

typedef struct {
    size_t n;
    pisar_drop d[8];
} drops;

static void on_drop(void *ctx, const pisar_drop *d)
{
    drops *ds = ctx;
    if (ds->n < 8) ds->d[ds->n] = *d;
    ds->n++;
}

static void test_controls(void **state)
{
    (void)state;
    /* C0 controls (NUL included), U+FFFE and U+FFFF are removed and reported;
     * tab, LF and CR are kept */
    static const char text[] = "A\x01"
                               "B\x00"
                               "C\tD. E\xEF\xBF\xBE\xEF\xBF\xBF"
                               "F\x1F.";
    size_t len = sizeof text - 1;
    pisar_sentence s[2] = {{0, 8, 0}, {9, len, 0}};
    for (int f = 0; f < PISAR_FORMAT_COUNT; f++) {
        pisar_buf out = {0};
        pisar_emitter *em;
        drops ds = {0};
        assert_int_equal(pisar_emitter_new(&em, f, 0, &out, NULL), 0);
        pisar_emitter_on_drop(em, on_drop, &ds);
        assert_int_equal(pisar_emitter_begin_document(em, "c.txt", "en", "de", NULL), 0);
        assert_int_equal(pisar_emitter_paragraph(em, text, len, s, 2, NULL, NULL), 0);
        assert_int_equal(pisar_emitter_finish(em, NULL), 0);
        assert_int_equal(pisar_emitter_drops(em), 5);
        assert_int_equal(ds.n, 5);
        static const size_t off[] = {1, 3, 10, 13, 17};
        static const uint32_t cp[] = {1, 0, 0xFFFE, 0xFFFF, 0x1F};
        for (size_t i = 0; i < 5; i++) {
            assert_int_equal(ds.d[i].offset, off[i]);
            assert_int_equal(ds.d[i].codepoint, cp[i]);
            assert_int_equal(ds.d[i].paragraph, 1);
            assert_int_equal(ds.d[i].document, 1);
        }
        assert_int_equal(strlen(out.data), out.len); /* no NUL written */
        if (pisar_format_is_xml(f)) {
            assert_int_equal(validate(out.data, f), 0);
            if (f == PISAR_FORMAT_XLIFF12) XP_EQ(out.data, "//x:source", "ABC\tD.|EF.");
        }
        if (f == PISAR_FORMAT_TXT) assert_string_equal(out.data, "ABC\tD.\nEF.\n");
        pisar_emitter_free(em);
        pisar_buf_free(&out);
    }
}

static void test_bad_input(void **state)
{
    (void)state;
    static const struct {
        const char *desc, *text;
        size_t len;
        int want;
        uint64_t offset;
    } cases[] = {
        {"invalid byte", "ab\xFF.", 4, PISAR_EILSEQ, 2},
        {"truncated sequence", "ab\xD0", 3, PISAR_EILSEQ, 2},
        {"overlong", "\xC0\xAF", 2, PISAR_EILSEQ, 0},
        {"surrogate", "x\xED\xA0\x80", 4, PISAR_EILSEQ, 1},
        {"fine", "ok.", 3, PISAR_OK, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pisar_buf out = {0};
        pisar_emitter *em;
        pisar_error err = {0};
        assert_int_equal(pisar_emitter_new(&em, PISAR_FORMAT_XLIFF12, 0, &out, NULL), 0);
        assert_int_equal(pisar_emitter_begin_document(em, "x", "en", NULL, NULL), 0);
        pisar_sentence s = {0, cases[i].len, 0};
        int rc = pisar_emitter_paragraph(em, cases[i].text, cases[i].len, &s, 1, NULL, &err);
        if (rc != cases[i].want) print_message("case: %s\n", cases[i].desc);
        assert_int_equal(rc, cases[i].want);
        if (rc) assert_int_equal(err.offset, cases[i].offset);
        assert_int_equal(pisar_emitter_finish(em, NULL), 0);
        assert_int_equal(validate(out.data, PISAR_FORMAT_XLIFF12), 0);
        pisar_emitter_free(em);
        pisar_buf_free(&out);
    }
    /* a file name that is not UTF-8 (Latin-1) or holds a control character */
    {
        pisar_buf o2 = {0};
        pisar_emitter *e2;
        assert_int_equal(pisar_emitter_new(&e2, PISAR_FORMAT_XLIFF12, 0, &o2, NULL), 0);
        assert_int_equal(pisar_emitter_begin_document(e2, "caf\xe9\x01.txt", "fr", NULL, NULL), 0);
        assert_int_equal(pisar_emitter_finish(e2, NULL), 0);
        XP_EQ(o2.data, "//x:file/@original", "caf??.txt");
        pisar_emitter_free(e2);
        pisar_buf_free(&o2);
    }
    /* misuse */
    pisar_buf out = {0};
    pisar_emitter *em;
    assert_int_equal(pisar_emitter_new(&em, PISAR_FORMAT_COUNT, 0, &out, NULL), PISAR_EUNKNOWN);
    assert_int_equal(pisar_emitter_new(&em, PISAR_FORMAT_PO, 0, NULL, NULL), PISAR_EINVAL);
    assert_int_equal(pisar_emitter_new(&em, PISAR_FORMAT_PO, 0, &out, NULL), 0);
    pisar_sentence s = {0, 2, 0}, bad = {1, 9, 0};
    assert_int_equal(pisar_emitter_paragraph(em, "ab", 2, &s, 1, NULL, NULL), PISAR_ESTATE);
    assert_int_equal(pisar_emitter_begin_document(em, "x", "e n", NULL, NULL), PISAR_EINVAL);
    assert_int_equal(pisar_emitter_begin_document(em, "x", "en", NULL, NULL), 0);
    assert_int_equal(pisar_emitter_paragraph(em, "ab", 2, &bad, 1, NULL, NULL), PISAR_EINVAL);
    pisar_emitter_free(em);
    pisar_buf_free(&out);
}

static void test_notes_and_pairs(void **state)
{
    (void)state;
    pisar_buf out = {0};
    pisar_emitter *em;
    for (int f = 0; f < PISAR_FORMAT_COUNT; f++) {
        pisar_buf_clear(&out);
        assert_int_equal(pisar_emitter_new(&em, f, 0, &out, NULL), 0);
        assert_int_equal(pisar_emitter_begin_document(em, "n.txt", "ru", "en", NULL), 0);
        const char *notes[] = {"Ушаков -> Yuri Ushakov (gazetteer:ushakov-yuri)", NULL};
        pisar_sentence s[2] = {{0, 13, 0}, {14, 23, 0}};
        assert_int_equal(pisar_emitter_paragraph(em, "Ушаков. Да.", 19, s, 0, notes, NULL), 0);
        s[0].end = 13, s[1].start = 14, s[1].end = 19;
        assert_int_equal(pisar_emitter_paragraph(em, "Ушаков. Да.", 19, s, 2, notes, NULL), 0);
        assert_int_equal(pisar_emitter_end_document(em, NULL), 0);
        assert_int_equal(pisar_emitter_begin_document(em, "pairs", "ru", "en", NULL), 0);
        assert_int_equal(pisar_emitter_pair(em, "Да.", 5, "Yes.", 4, NULL, NULL), 0);
        assert_int_equal(pisar_emitter_pair(em, "Нет.", 7, "", 0, "1-0", NULL), 0);
        assert_int_equal(pisar_emitter_finish(em, NULL), 0);
        assert_int_equal(pisar_emitter_units(em), 4);
        if (pisar_format_is_xml(f)) assert_int_equal(validate(out.data, f), 0);
        if (f == PISAR_FORMAT_XLIFF12) {
            XP_EQ(out.data, "//x:trans-unit/@id", "d1.p2.s1|d1.p2.s2|d2.u1|d2.u2");
            XP_EQ(out.data, "//x:note[@annotates='source']",
                  "Ушаков -> Yuri Ushakov (gazetteer:ushakov-yuri)|1-0");
            XP_EQ(out.data, "//x:file[2]//x:target", "Yes.|");
        }
        if (f == PISAR_FORMAT_TSV)
            assert_non_null(strstr(out.data, "d1.p2.s2\tДа.\t\nДа.\tYes.\nНет.\t\n"));
        if (f == PISAR_FORMAT_TMX) XP_EQ(out.data, "//tu[4]/tuv/seg", "Нет.|");
        pisar_emitter_free(em);
    }
    pisar_buf_free(&out);
}

/* The SSE2 scans of emit_scan.h against their references at every offset
 * and length: Cyrillic and ASCII text with one byte of each kind (controls,
 * tab, LF, CR, EF, bytes either side of them) at every position. */
static void test_scans(void **state)
{
    (void)state;
    unsigned char buf[72];
    for (size_t i = 0; i < sizeof buf; i++) /* "при 1, " repeated: D0/D1 leads, ASCII */
        buf[i] = (unsigned char)"\xD0\xBF\xD1\x80\xD0\xB8 1, "[i % 10];
    static const unsigned char odd[] = {0x00, 0x01, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E,
                                        0x1F, 0x20, 0x7F, 0x80, 0xEE, 0xEF, 0xF0, 0xFF};
    size_t forbid = 0, breaks = 0;
    for (size_t o = 0; o < sizeof odd; o++)
        for (size_t at = 0; at <= sizeof buf; at++) {
            unsigned char b[sizeof buf];
            memcpy(b, buf, sizeof b);
            if (at < sizeof b) b[at] = odd[o];
            for (size_t off = 0; off < sizeof b; off++)
                for (size_t n = 0; off + n <= sizeof b; n++) {
                    int f = emit_may_forbid_ref(b + off, n);
                    assert_int_equal(emit_may_forbid(b + off, n), f);
                    size_t lb = emit_line_break_ref(b + off, n);
                    assert_int_equal(emit_line_break(b + off, n), lb);
                    forbid += (size_t)f;
                    breaks += lb < n;
                }
        }
    assert_true(forbid > 1000 && breaks > 1000); /* both answers met */
}

/* TXT writes a sentence with line breaks (LF, CR, CRLF) on one line, the same
 * whether it holds a character to drop (through the cleaned copy) or not
 * (straight from the paragraph). */
static void test_txt_lines(void **state)
{
    (void)state;
    static const char *text[] = {"Первая\nстрока\r\nдва.  Second\rline, long enough to "
                                 "pass sixteen bytes\nagain.",
                                 "Первая\nстрока\r\nдва.\x01  Second\rline, long enough to "
                                 "pass sixteen bytes\nagain."};
    static const char *want = "Первая строка  два.\nSecond line, long enough to pass sixteen "
                              "bytes again.\n";
    for (int v = 0; v < 2; v++) {
        size_t n = strlen(text[v]), cut = strlen("Первая\nстрока\r\nдва.") + (size_t)v;
        para p = {text[v], 2, {{0, cut, 0}, {cut + 2, n, 0}}};
        const para *ps[] = {&p, NULL};
        uint64_t units = 0;
        char *out = emit(PISAR_FORMAT_TXT, 0, ps, NULL, &units);
        assert_string_equal(out, want);
        assert_int_equal(units, 2);
        free(out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_names),   cmocka_unit_test(test_xliff12),
        cmocka_unit_test(test_text_escapes),   cmocka_unit_test(test_segsource),
        cmocka_unit_test(test_xliff21),        cmocka_unit_test(test_tmx),
        cmocka_unit_test(test_empty_document), cmocka_unit_test(test_po),
        cmocka_unit_test(test_tsv_jsonl_txt),  cmocka_unit_test(test_controls),
        cmocka_unit_test(test_bad_input),      cmocka_unit_test(test_notes_and_pairs),
        cmocka_unit_test(test_scans),          cmocka_unit_test(test_txt_lines),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCatalogCleanup();
    xmlCleanupParser();
    return rc;
}
