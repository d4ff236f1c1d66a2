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
 * The rules are a boundary strategy (seg_strategy.h): the segmenter asks them
 * for the breaks of each text and knows nothing else of them. Writing pisar's
 * own rules as SRX is srx_export.c.
 */
#include "seg_strategy.h"
#include "utf8.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>

typedef struct {
    int brk;
    URegularExpression *re;
} srx_rule;

typedef struct srx_rules {
    srx_rule *r;
    size_t n, cap;
} srx_rules;

static void srx_free(srx_rules *r)
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

static int srx_load(srx_rules **out, const char *path, const char *language, pisar_error *err)
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

static int srx_breaks(const void *rules, const unsigned char *t, size_t len, seg_breaks *out)
{
    const srx_rules *rs = rules;
    out->n = 0;
    if (!len || !rs->n) return PISAR_OK;
    if (len > (size_t)INT32_MAX / 2) return PISAR_ERANGE; /* ICU indexes UTF-16 with int32_t */
    int32_t ul = 0;
    UChar *u = to_u16((const char *)t, len, &ul);
    if (!u) return PISAR_ENOMEM;
    /* UTF-16 index -> byte offset (the text is valid UTF-8) */
    size_t *map = malloc(((size_t)ul + 1) * sizeof *map);
    signed char *dec = calloc((size_t)ul + 1, 1);
    int rc = PISAR_OK;
    if (!map || !dec) {
        rc = PISAR_ENOMEM;
        goto out;
    }
    {
        int32_t k = 0;
        for (size_t i = 0; i < len && k <= ul;) {
            uint32_t cp = 0xFFFD;
            size_t n = utf8_next(t, len, i, &cp);
            if (!n) n = 1;
            map[k++] = i;
            if (cp >= 0x10000 && k <= ul) map[k++] = i;
            i += n;
        }
        while (k <= ul)
            map[k++] = len;
    }
    for (size_t r = 0; r < rs->n; r++) {
        URegularExpression *re = rs->r[r].re;
        UErrorCode st = U_ZERO_ERROR;
        uregex_setText(re, u, ul, &st);
        int32_t from = 0;
        while (from <= ul && U_SUCCESS(st)) {
            if (!uregex_find(re, from, &st) || U_FAILURE(st)) break;
            int32_t s = uregex_start(re, 0, &st), e = uregex_end(re, 0, &st);
            if (U_FAILURE(st)) break;
            if (e > 0 && e < ul && !dec[e]) dec[e] = rs->r[r].brk ? 1 : -1;
            from = s + 1;
        }
        if (U_FAILURE(st)) {
            rc = PISAR_EICU;
            goto out;
        }
    }
    for (int32_t p = 1; p < ul; p++) {
        if (dec[p] != 1) continue;
        if ((rc = seg_breaks_add(out, map[p]))) goto out;
    }
out:
    free(u);
    free(map);
    free(dec);
    return rc;
}

static void srx_free_rules(void *r)
{
    srx_free(r);
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
    seg_strategy st = {srx_breaks, srx_free_rules, r};
    return seg_new_with_strategy(out, &st);
}
