/*
 * srx.c -- SRX 2.0 (LISA OSCAR, 2008): segmentation rules exchanged between CAT
 * tools. Reading: libxml2 parses the file; the maprules choose the
 * languagerules whose languagepattern (an ICU regular expression) matches the
 * whole language code -- the first only, or every match in order when the
 * header says cascade="yes". Applying: at each position of the text the first
 * rule whose beforebreak matches just before it and whose afterbreak matches
 * just after it decides (break="yes" or "no"); where no rule matches there is
 * no break. Each rule is compiled once as ICU regex "(?:BEFORE)(?=AFTER)",
 * whose match ends exactly at a candidate position.
 *
 * Writing: pisar_segmenter_export_srx() renders pisar's own rules for a
 * language (an approximation: SRX cannot express every decision of the
 * built-in segmenter) with libxml2's text writer.
 */
#include "segment_internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>

typedef struct {
    int brk;
    URegularExpression *re;
} srx_rule;

struct srx_rules {
    srx_rule *r;
    size_t n, cap;
};

void srx_free(srx_rules *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->n; i++)
        uregex_close(r->r[i].re);
    free(r->r);
    free(r);
}

static int set_err(pisar_error *err, size_t line, int status, const char *fmt, const char *a,
                   const char *b)
{
    if (err) {
        memset(err, 0, sizeof *err);
        err->line = line;
        snprintf(err->message, sizeof err->message, fmt, a ? a : "", b ? b : "");
    }
    return status;
}

static int is_el(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is_el(c, name)) return c;
    return NULL;
}

/* UTF-8 -> a NUL-terminated UTF-16 copy (malloc'd), or NULL. */
static UChar *to_u16(const char *s, size_t n, int32_t *out_len)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t need = 0;
    u_strFromUTF8WithSub(NULL, 0, &need, s, (int32_t)n, 0xFFFD, NULL, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st)) return NULL;
    st = U_ZERO_ERROR;
    UChar *u = malloc(((size_t)need + 1) * sizeof *u);
    if (!u) return NULL;
    u_strFromUTF8WithSub(u, need + 1, out_len, s, (int32_t)n, 0xFFFD, NULL, &st);
    if (U_FAILURE(st)) {
        free(u);
        return NULL;
    }
    return u;
}

static int add_rule(srx_rules *rs, const xmlNode *rule, pisar_error *err)
{
    size_t line = (size_t)xmlGetLineNo(rule);
    xmlChar *brk = xmlGetProp(rule, (const xmlChar *)"break");
    int b = 1;
    if (brk) {
        if (!strcmp((char *)brk, "no"))
            b = 0;
        else if (strcmp((char *)brk, "yes")) {
            xmlFree(brk);
            return set_err(err, line, PISAR_EPARSE, "rule: break must be \"yes\" or \"no\"%s%s",
                           NULL, NULL);
        }
        xmlFree(brk);
    }
    const xmlNode *bb = child(rule, "beforebreak"), *ab = child(rule, "afterbreak");
    xmlChar *before = bb ? xmlNodeGetContent(bb) : NULL, *after = ab ? xmlNodeGetContent(ab) : NULL;
    const char *bs = before ? (const char *)before : "", *as = after ? (const char *)after : "";
    size_t n = strlen(bs) + strlen(as) + 16;
    char *pat = malloc(n);
    if (!pat) {
        xmlFree(before);
        xmlFree(after);
        return PISAR_ENOMEM;
    }
    snprintf(pat, n, "(?:%s)(?=%s)", bs, as);
    int32_t ul = 0;
    UChar *u = to_u16(pat, strlen(pat), &ul);
    free(pat);
    int rc = PISAR_OK;
    if (!u)
        rc = PISAR_ENOMEM;
    else {
        UErrorCode st = U_ZERO_ERROR;
        UParseError pe;
        URegularExpression *re = uregex_open(u, ul, 0, &pe, &st);
        /* a bound on the work of one match: a pathological pattern fails with
         * U_REGEX_TIME_OUT instead of hanging */
        if (U_SUCCESS(st)) uregex_setTimeLimit(re, 2000, &st);
        if (U_FAILURE(st)) {
            uregex_close(re);
            char msg[96];
            snprintf(msg, sizeof msg, "%s", u_errorName(st));
            rc = set_err(err, line, PISAR_EPARSE, "invalid regular expression in rule (%s)%s", msg,
                         NULL);
        } else {
            if (rs->n == rs->cap) {
                size_t cap = rs->cap ? 2 * rs->cap : 32;
                srx_rule *r = realloc(rs->r, cap * sizeof *r);
                if (!r) {
                    uregex_close(re);
                    rc = PISAR_ENOMEM;
                    goto out;
                }
                rs->r = r;
                rs->cap = cap;
            }
            rs->r[rs->n].brk = b;
            rs->r[rs->n].re = re;
            rs->n++;
        }
    }
out:
    free(u);
    xmlFree(before);
    xmlFree(after);
    return rc;
}

/* Does the ICU regex `pattern` match the whole of `lang`? <0 on a bad pattern. */
static int lang_matches(const char *pattern, const char *lang)
{
    int32_t pl = 0, ll = 0;
    UChar *p = to_u16(pattern, strlen(pattern), &pl), *l = to_u16(lang, strlen(lang), &ll);
    int res = -1;
    if (p && l) {
        UErrorCode st = U_ZERO_ERROR;
        UParseError pe;
        URegularExpression *re = uregex_open(p, pl, 0, &pe, &st);
        if (U_SUCCESS(st)) {
            uregex_setText(re, l, ll, &st);
            UBool m = uregex_matches(re, 0, &st);
            res = U_SUCCESS(st) ? (m != 0) : -1;
        }
        uregex_close(re);
    }
    free(p);
    free(l);
    return res;
}

static int load_doc(srx_rules *rs, xmlDoc *doc, const char *language, pisar_error *err)
{
    const xmlNode *root = xmlDocGetRootElement(doc);
    if (!is_el(root, "srx"))
        return set_err(err, root ? (size_t)xmlGetLineNo(root) : 1, PISAR_EPARSE,
                       "the root element is not <srx>%s%s", NULL, NULL);
    const xmlNode *header = child(root, "header"), *body = child(root, "body");
    if (!body)
        return set_err(err, (size_t)xmlGetLineNo(root), PISAR_EPARSE, "<srx> has no <body>%s%s",
                       NULL, NULL);
    int cascade = 1;
    if (header) {
        xmlChar *c = xmlGetProp(header, (const xmlChar *)"cascade");
        if (c && !strcmp((char *)c, "no")) cascade = 0;
        xmlFree(c);
    }
    const xmlNode *lrs = child(body, "languagerules"), *maps = child(body, "maprules");
    if (!lrs || !maps)
        return set_err(err, (size_t)xmlGetLineNo(body), PISAR_EPARSE,
                       "<body> needs <languagerules> and <maprules>%s%s", NULL, NULL);
    /* every languagerule must be well formed, used or not */
    for (const xmlNode *lr = lrs->children; lr; lr = lr->next) {
        if (!is_el(lr, "languagerule")) continue;
        xmlChar *name = xmlGetProp(lr, (const xmlChar *)"languagerulename");
        if (!name)
            return set_err(err, (size_t)xmlGetLineNo(lr), PISAR_EPARSE,
                           "<languagerule> without languagerulename%s%s", NULL, NULL);
        xmlFree(name);
    }
    for (const xmlNode *m = maps->children; m; m = m->next) {
        if (!is_el(m, "languagemap")) continue;
        size_t line = (size_t)xmlGetLineNo(m);
        xmlChar *pat = xmlGetProp(m, (const xmlChar *)"languagepattern");
        xmlChar *name = xmlGetProp(m, (const xmlChar *)"languagerulename");
        if (!pat || !name) {
            xmlFree(pat);
            xmlFree(name);
            return set_err(err, line, PISAR_EPARSE,
                           "<languagemap> needs languagepattern and languagerulename%s%s", NULL,
                           NULL);
        }
        int hit = lang_matches((char *)pat, language);
        if (hit < 0) {
            int rc = set_err(err, line, PISAR_EPARSE, "invalid languagepattern \"%s\"%s",
                             (char *)pat, NULL);
            xmlFree(pat);
            xmlFree(name);
            return rc;
        }
        xmlFree(pat);
        if (!hit) {
            xmlFree(name);
            continue;
        }
        const xmlNode *lr = lrs->children;
        for (; lr; lr = lr->next) {
            if (!is_el(lr, "languagerule")) continue;
            xmlChar *n = xmlGetProp(lr, (const xmlChar *)"languagerulename");
            int same = n && !strcmp((char *)n, (char *)name);
            xmlFree(n);
            if (same) break;
        }
        if (!lr) {
            int rc = set_err(err, line, PISAR_EPARSE, "no languagerule named \"%s\"%s",
                             (char *)name, NULL);
            xmlFree(name);
            return rc;
        }
        xmlFree(name);
        for (const xmlNode *r = lr->children; r; r = r->next) {
            if (!is_el(r, "rule")) continue;
            int rc = add_rule(rs, r, err);
            if (rc) return rc;
        }
        if (!cascade) break;
    }
    return PISAR_OK;
}

/* The first error libxml2 reports (the later ones follow from it). */
typedef struct {
    int seen;
    int line;
    int io;
    char msg[120];
} first_error;

static void on_xml_error(void *user, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctx = user;
    first_error *fe = ctx ? ctx->_private : NULL;
    if (!fe || fe->seen || !e || e->level < XML_ERR_ERROR) return;
    fe->seen = 1;
    fe->line = e->line;
    fe->io = e->domain == XML_FROM_IO;
    snprintf(fe->msg, sizeof fe->msg, "%s", e->message ? e->message : "XML error");
    size_t n = strlen(fe->msg);
    while (n && (fe->msg[n - 1] == '\n' || fe->msg[n - 1] == ' '))
        fe->msg[--n] = 0;
}

int srx_load(srx_rules **out, const char *path, const char *language, pisar_error *err)
{
    *out = NULL;
    if (!language || !*language) language = "und";
    FILE *f = fopen(path, "rb");
    if (!f) return set_err(err, 0, PISAR_EIO, "%s%s", strerror(errno), NULL);
    fclose(f);
    xmlParserCtxtPtr ctx = xmlNewParserCtxt();
    if (!ctx) return PISAR_ENOMEM;
    first_error fe = {0};
    ctx->_private = &fe;
    ctx->sax->serror = on_xml_error;
    xmlDoc *doc =
        xmlCtxtReadFile(ctx, path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc || fe.seen || !ctx->wellFormed) {
        int rc = set_err(err, fe.line > 0 ? (size_t)fe.line : 0, fe.io ? PISAR_EIO : PISAR_EPARSE,
                         "%s%s", fe.seen ? fe.msg : "not well-formed XML", NULL);
        xmlFreeDoc(doc);
        xmlFreeParserCtxt(ctx);
        return rc;
    }
    srx_rules *rs = calloc(1, sizeof *rs);
    int rc = rs ? load_doc(rs, doc, language, err) : PISAR_ENOMEM;
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctx);
    if (rc) {
        srx_free(rs);
        return rc;
    }
    *out = rs;
    return PISAR_OK;
}

int srx_breaks(pisar_segmenter *seg)
{
    seg->nbrk = seg->ibrk = 0;
    if (!seg->len || !seg->srx->n) return PISAR_OK;
    if (seg->len > (size_t)INT32_MAX / 2) return PISAR_ERANGE; /* ICU indexes UTF-16 with int32_t */
    int32_t ul = 0;
    UChar *u = to_u16((const char *)seg->t, seg->len, &ul);
    if (!u) return PISAR_ENOMEM;
    /* UTF-16 index -> byte offset, as seg_decode reads the bytes */
    size_t *map = malloc(((size_t)ul + 1) * sizeof *map);
    signed char *dec = calloc((size_t)ul + 1, 1);
    int rc = PISAR_OK;
    if (!map || !dec) {
        rc = PISAR_ENOMEM;
        goto out;
    }
    {
        int32_t k = 0;
        for (size_t i = 0; i < seg->len && k <= ul;) {
            size_t n;
            uint32_t cp = seg_decode(seg->t, seg->len, i, &n);
            map[k++] = i;
            if (cp >= 0x10000 && k <= ul) map[k++] = i;
            i += n;
        }
        while (k <= ul)
            map[k++] = seg->len;
    }
    for (size_t r = 0; r < seg->srx->n; r++) {
        URegularExpression *re = seg->srx->r[r].re;
        UErrorCode st = U_ZERO_ERROR;
        uregex_setText(re, u, ul, &st);
        int32_t from = 0;
        while (from <= ul && U_SUCCESS(st)) {
            if (!uregex_find(re, from, &st) || U_FAILURE(st)) break;
            int32_t s = uregex_start(re, 0, &st), e = uregex_end(re, 0, &st);
            if (U_FAILURE(st)) break;
            if (e > 0 && e < ul && !dec[e]) dec[e] = seg->srx->r[r].brk ? 1 : -1;
            from = s + 1;
        }
        if (U_FAILURE(st)) {
            rc = PISAR_EICU;
            goto out;
        }
    }
    for (int32_t p = 1; p < ul; p++) {
        if (dec[p] != 1) continue;
        size_t b = map[p];
        if (seg->nbrk && seg->brk[seg->nbrk - 1] == b) continue;
        if (seg->nbrk == seg->capbrk) {
            size_t cap = seg->capbrk ? 2 * seg->capbrk : 64;
            size_t *nb = realloc(seg->brk, cap * sizeof *nb);
            if (!nb) {
                rc = PISAR_ENOMEM;
                goto out;
            }
            seg->brk = nb;
            seg->capbrk = cap;
        }
        seg->brk[seg->nbrk++] = b;
    }
out:
    free(u);
    free(map);
    free(dec);
    return rc;
}

int pisar_segmenter_new_srx(pisar_segmenter **out, const char *srx_path, const char *language,
                            pisar_error *err)
{
    if (!out) return PISAR_EINVAL;
    *out = NULL;
    if (!srx_path) return PISAR_EINVAL;
    srx_rules *r;
    int rc = srx_load(&r, srx_path, language, err);
    if (rc) return rc;
    pisar_segmenter *s = calloc(1, sizeof *s);
    if (!s) {
        srx_free(r);
        return PISAR_ENOMEM;
    }
    s->srx = r;
    *out = s;
    return PISAR_OK;
}

/* ---- export ----------------------------------------------------------------- */

/* An abbreviation key ("т.е.", "и т.д.") as an ICU regex: metacharacters
 * escaped, optional space after each inner dot, one or more after a word. */
static int key_regex(pisar_buf *b, const char *key, size_t n)
{
    int rc = pisar_buf_puts(b, "(?<![\\p{L}\\p{N}])");
    for (size_t i = 0; i < n; i++) {
        char c = key[i];
        if (c == ' ') {
            rc |= pisar_buf_puts(b, "\\s+");
            continue;
        }
        if (strchr("\\^$.|?*+()[]{}-", c)) rc |= pisar_buf_append(b, "\\", 1);
        rc |= pisar_buf_append(b, &c, 1);
        if (c == '.' && i + 1 < n) rc |= pisar_buf_puts(b, "\\s?");
    }
    return rc != 0;
}

static int write_rule(xmlTextWriterPtr w, int brk, const char *before, const char *after)
{
    int rc = 0;
    rc |= xmlTextWriterStartElement(w, BAD_CAST "rule") < 0;
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "break", BAD_CAST(brk ? "yes" : "no")) < 0;
    rc |= xmlTextWriterWriteElement(w, BAD_CAST "beforebreak", BAD_CAST before) < 0;
    rc |= xmlTextWriterWriteElement(w, BAD_CAST "afterbreak", BAD_CAST after) < 0;
    rc |= xmlTextWriterEndElement(w) < 0;
    return rc;
}

#define TERMS "[.?!\\u2026]+[\\u00BB\\u201D\\u2019\\u201C\"')\\]]*"

int pisar_segmenter_export_srx(const char *language, pisar_buf *out)
{
    if (!out) return PISAR_EINVAL;
    const seg_abbrev_lang *l = seg_find_lang(language);
    if (!l) l = seg_find_lang("und");
    if (!l) return PISAR_EUNKNOWN;
    xmlBufferPtr xb = xmlBufferCreate();
    if (!xb) return PISAR_ENOMEM;
    xmlTextWriterPtr w = xmlNewTextWriterMemory(xb, 0);
    if (!w) {
        xmlBufferFree(xb);
        return PISAR_ENOMEM;
    }
    pisar_buf re = {0};
    char name[64];
    snprintf(name, sizeof name, "pisar-%s", l->code);
    int bad = 0;
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, BAD_CAST "  ");
    bad |= xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0;
    bad |= xmlTextWriterStartElementNS(w, NULL, BAD_CAST "srx",
                                       BAD_CAST "http://www.lisa.org/srx20") < 0;
    bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "2.0") < 0;
    bad |= xmlTextWriterStartElement(w, BAD_CAST "header") < 0;
    bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "segmentsubflows", BAD_CAST "yes") < 0;
    bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "cascade", BAD_CAST "no") < 0;
    bad |= xmlTextWriterEndElement(w) < 0;
    bad |= xmlTextWriterStartElement(w, BAD_CAST "body") < 0;
    bad |= xmlTextWriterStartElement(w, BAD_CAST "languagerules") < 0;
    bad |= xmlTextWriterStartElement(w, BAD_CAST "languagerule") < 0;
    bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "languagerulename", BAD_CAST name) < 0;
    bad |= xmlTextWriterWriteComment(
               w, BAD_CAST " Generated by pisar from tables/abbrev: an approximation of the "
                           "built-in rules (abbreviations, initials, numbers, speech). ") < 0;
    /* F abbreviations end a sentence before a capital: these rules come first, so
     * "и т. д." is not held by the rule of "д." */
    for (size_t i = 0; i < l->n && !bad; i++) {
        const seg_abbrev *a = &l->entries[i];
        if (a->cls != 'F') continue;
        pisar_buf_clear(&re);
        bad |= key_regex(&re, a->key, a->len);
        if (!bad) bad |= write_rule(w, 1, re.data, "\\s+\\p{Lu}");
    }
    /* abbreviations: Y ends a sentence after a number, else like P; N before a number */
    for (size_t i = 0; i < l->n && !bad; i++) {
        const seg_abbrev *a = &l->entries[i];
        if (a->cls == 'F') continue;
        pisar_buf_clear(&re);
        if (a->cls == 'Y') {
            bad |= pisar_buf_puts(&re, "[\\p{N}IVXLCDM]\\s*") != 0;
            bad |= key_regex(&re, a->key, a->len);
            if (bad) break;
            bad |= write_rule(w, 1, re.data, "\\s+\\p{Lu}");
            pisar_buf_clear(&re);
        }
        bad |= key_regex(&re, a->key, a->len);
        if (!bad) bad |= write_rule(w, 0, re.data, a->cls == 'N' ? "\\s+\\p{N}" : "\\s");
    }
    /* initials; ordinal numbers; list markers */
    bad |= write_rule(w, 0, "(?<![\\p{L}\\p{N}])\\p{Lu}\\.", "\\s");
    if (l->ordinal_dot)
        bad |= write_rule(w, 0, "(?<![\\p{L}\\p{N}.,])\\p{N}{1,3}\\.", "\\s+\\p{L}");
    bad |= write_rule(w, 0, "(?m)^\\s*\\p{N}{1,3}\\.", "\\s");
    /* the author's words after direct speech: «…!» — сказал он */
    bad |= write_rule(w, 0, TERMS, "\\s+[\\u2014\\u2013-]\\s*\\p{Ll}");
    /* a terminator before anything but a lower-case letter; missing space before a capital */
    bad |= write_rule(w, 1, TERMS, "\\s+[^\\p{Ll}\\s]");
    bad |= write_rule(w, 1, "\\p{Ll}{2}[.?!]", "\\p{Lu}");
    /* a line without final punctuation before a line that starts like a sentence */
    bad |= write_rule(w, 1, "[\\p{L}\\p{N}]",
                      "[ \\t]*\\r?\\n\\s*[\\p{Lu}\\p{N}\\u2014\\u2013\\u2022\\u00AB\"]");
    bad |= xmlTextWriterEndElement(w) < 0; /* languagerule */
    bad |= xmlTextWriterEndElement(w) < 0; /* languagerules */
    bad |= xmlTextWriterStartElement(w, BAD_CAST "maprules") < 0;
    bad |= xmlTextWriterStartElement(w, BAD_CAST "languagemap") < 0;
    char pat[64];
    if (!strcmp(l->code, "und"))
        snprintf(pat, sizeof pat, ".*");
    else
        snprintf(pat, sizeof pat, "(?i)%s([-_].*)?", l->code);
    bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "languagepattern", BAD_CAST pat) < 0;
    bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "languagerulename", BAD_CAST name) < 0;
    bad |= xmlTextWriterEndDocument(w) < 0;
    xmlFreeTextWriter(w);
    int rc = bad ? PISAR_ENOMEM
                 : pisar_buf_append(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
    xmlBufferFree(xb);
    pisar_buf_free(&re);
    return rc;
}
