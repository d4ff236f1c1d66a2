/*
 * translit_compile.c -- parser and compiler of scheme files (internal).
 *
 * Built into the library (pisar_translit_load) and into tools/gen_translit,
 * so built-in and user schemes go through exactly the same code. The file
 * format is documented in tables/translit/README.md.
 */
#include "translit_impl.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#define TL_MAX_INCLUDE 8
#define TL_MAX_CPS 64

/* ---- UTF-8 ---- */

int tl_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
    if (!n) return -1;
    int r = utf8_seq(p, n);
    if (r > 0) *cp = utf8_cp(p, r);
    return r > 0 ? r : r == 0 ? -1 : 0;
}

/* ---- growable arrays ---- */

typedef struct vec {
    void *p;
    size_t n, cap;
} vec;

static void *vec_add(vec *v, size_t size)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        void *p = realloc(v->p, cap * size);
        if (!p) return NULL;
        v->p = p;
        v->cap = cap;
    }
    void *slot = (char *)v->p + v->n * size;
    memset(slot, 0, size);
    v->n++;
    return slot;
}

static int vec_append(vec *v, const void *data, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *c = vec_add(v, 1);
        if (!c) return PISAR_ENOMEM;
        *c = ((const char *)data)[i];
    }
    return 0;
}

/* ---- parsed form ---- */

typedef struct atom_src {
    uint8_t kind, neg;
    uint32_t *set;
    size_t nset;
} atom_src;

typedef struct alt_src {
    atom_src *atoms;
    size_t n;
} alt_src;

typedef struct rule_src {
    char *src; /* NFC, lower case */
    char *out;
    char *ctx; /* context tokens as written, for overriding */
    alt_src *alts;
    size_t nalts;
    int origin; /* which file (include) it came from */
    int depth;  /* include depth: rules of the including file come first */
} rule_src;

typedef struct class_src {
    char name[32];
    uint32_t *cps;
    size_t n;
} class_src;

enum { F_ID, F_LANGUAGE, F_NAME, F_STANDARD, F_COUNT };
static const char *const field_names[F_COUNT] = {"id", "language", "name", "standard"};
enum { REV_NONE, REV_SWAP, REV_SECTION };

struct tl_source {
    char *field[F_COUNT];
    int reverse_mode;
    vec classes;         /* class_src */
    vec rules[2];        /* rule_src: forward, reverse */
    tl_source *fallback; /* @fallback: rules for letters this scheme lacks */
    int origins;         /* files parsed so far (for rule origins) */
};

static void fail(pisar_error *err, const char *fname, size_t line, const char *fmt, ...)
{
    if (!err) return;
    memset(err, 0, sizeof *err);
    err->line = line;
    char msg[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line)
        snprintf(err->message, sizeof err->message, "%s:%zu: %s", fname, line, msg);
    else
        snprintf(err->message, sizeof err->message, "%s: %s", fname, msg);
}

static void free_alts(alt_src *alts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < alts[i].n; j++)
            free(alts[i].atoms[j].set);
        free(alts[i].atoms);
    }
    free(alts);
}

static void free_rule(rule_src *r)
{
    free(r->src);
    free(r->out);
    free(r->ctx);
    free_alts(r->alts, r->nalts);
}

void tl_source_free(tl_source *s)
{
    if (!s) return;
    tl_source_free(s->fallback);
    for (int i = 0; i < F_COUNT; i++)
        free(s->field[i]);
    class_src *c = s->classes.p;
    for (size_t i = 0; i < s->classes.n; i++)
        free(c[i].cps);
    free(s->classes.p);
    for (int d = 0; d < 2; d++) {
        rule_src *r = s->rules[d].p;
        for (size_t i = 0; i < s->rules[d].n; i++)
            free_rule(&r[i]);
        free(s->rules[d].p);
    }
    free(s);
}

const char *tl_source_field(const tl_source *s, const char *key)
{
    for (int i = 0; i < F_COUNT; i++)
        if (!strcmp(key, field_names[i])) return s->field[i] ? s->field[i] : "";
    return "";
}

int tl_source_reversible(const tl_source *s)
{
    return s->reverse_mode != REV_NONE;
}

/* ---- strings of code points ---- */

/* Decode NUL-terminated UTF-8 into cps (at most cap); returns the count or -1. */
static int to_cps(const char *s, uint32_t *cps, int cap)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    int k = 0;
    while (n) {
        uint32_t c;
        int l = tl_utf8_decode(p, n, &c);
        if (l <= 0 || k == cap) return -1;
        cps[k++] = c;
        p += l;
        n -= (size_t)l;
    }
    return k;
}

static char *from_cps(const uint32_t *cps, int k)
{
    char *s = malloc((size_t)k * 4 + 1), *o = s;
    if (!s) return NULL;
    for (int i = 0; i < k; i++)
        o += utf8_put((unsigned char *)o, cps[i]);
    *o = '\0';
    return s;
}

/* Normalize (NFC or NFD) a UTF-8 string; returns a new string or NULL. */
static char *normalize(const char *s, int nfd)
{
    UErrorCode ec = U_ZERO_ERROR;
    const UNormalizer2 *n2 = nfd ? unorm2_getNFDInstance(&ec) : unorm2_getNFCInstance(&ec);
    UChar a[TL_MAX_CPS * 2 + 8], b[TL_MAX_CPS * 4 + 8];
    int32_t la = 0, lb, lo = 0;
    u_strFromUTF8(a, (int32_t)(sizeof a / sizeof *a), &la, s, -1, &ec);
    if (U_FAILURE(ec)) return NULL;
    lb = unorm2_normalize(n2, a, la, b, (int32_t)(sizeof b / sizeof *b), &ec);
    if (U_FAILURE(ec)) return NULL;
    char *out = malloc((size_t)lb * 3 + 1);
    if (!out) return NULL;
    u_strToUTF8(out, lb * 3 + 1, &lo, b, lb, &ec);
    if (U_FAILURE(ec)) {
        free(out);
        return NULL;
    }
    return out;
}

/* Cased letters by property (so "ǰ", which has no one-character upper
 * case, still counts as lower case). */
static int is_cased_upper(uint32_t c)
{
    return u_isUUppercase((UChar32)c) || u_charType((UChar32)c) == U_TITLECASE_LETTER;
}
static int is_cased_lower(uint32_t c)
{
    return u_isULowercase((UChar32)c);
}

/*
 * Upper-case the code points of `s` selected by `mask` (bit i = i-th code
 * point; `title` = only the first cased one), with ICU's full case mapping
 * (so "ǰ" becomes "J̌"), and return the NFC of the result.
 */
static char *case_map(const char *s, unsigned mask, int title)
{
    uint32_t cps[TL_MAX_CPS];
    int k = to_cps(s, cps, TL_MAX_CPS);
    if (k < 0) return NULL;
    UChar buf[TL_MAX_CPS * 4 + 8];
    int32_t n = 0, cap = (int32_t)(sizeof buf / sizeof *buf);
    int done_title = 0;
    for (int i = 0; i < k; i++) {
        UChar one[2];
        int32_t ol = 0;
        U16_APPEND_UNSAFE(one, ol, (UChar32)cps[i]);
        int up;
        if (title) {
            up = !done_title && (is_cased_lower(cps[i]) || is_cased_upper(cps[i]));
            if (up) done_title = 1;
        } else {
            up = i < 32 && (mask >> i & 1);
        }
        UErrorCode ec = U_ZERO_ERROR;
        if (up) {
            /* Title case = upper case of the first letter: the outputs
             * hold no digraph letters (ǆ) whose title form differs. */
            int32_t l = u_strToUpper(buf + n, cap - n, one, ol, "", &ec);
            if (U_FAILURE(ec)) return NULL;
            n += l;
        } else {
            if (n + ol > cap) return NULL;
            memcpy(buf + n, one, (size_t)ol * sizeof *one);
            n += ol;
        }
    }
    char u8[TL_MAX_CPS * 12 + 8];
    int32_t u8l = 0;
    UErrorCode ec = U_ZERO_ERROR;
    u_strToUTF8(u8, (int32_t)sizeof u8, &u8l, buf, n, &ec);
    if (U_FAILURE(ec)) return NULL;
    return normalize(u8, 0);
}

/* ---- parsing ---- */

typedef struct parser {
    tl_source *s;
    const char *fname;
    size_t line;
    int section;
    int depth;
    int origin;
    tl_resolver resolve;
    void *rctx;
    pisar_error *err;
} parser;

/* Read one field at *pp (quoted or bare), unescape into buf. Returns 1 if a
 * field was read, 0 at end of line or comment, -1 on error. */
static int next_field(parser *ps, const char **pp, const char *end, char *buf, size_t cap)
{
    const char *p = *pp;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p == end || *p == '#') {
        *pp = p;
        return 0;
    }
    int quoted = *p == '"';
    if (quoted) p++;
    size_t o = 0;
    for (;;) {
        if (p == end) {
            if (quoted) {
                fail(ps->err, ps->fname, ps->line, "unterminated quoted field");
                return -1;
            }
            break;
        }
        if (quoted && *p == '"') {
            p++;
            break;
        }
        if (!quoted && (*p == ' ' || *p == '\t')) break;
        char tmp[4];
        int tl = 1;
        tmp[0] = *p;
        if (*p == '\\' && p + 1 < end) {
            char e = p[1];
            if (e == 'u' || e == 'U') {
                int nd = e == 'u' ? 4 : 6;
                if (end - p < 2 + nd) goto bad_escape;
                uint32_t v = 0;
                for (int i = 0; i < nd; i++) {
                    char h = p[2 + i];
                    int d = h >= '0' && h <= '9'   ? h - '0'
                            : h >= 'a' && h <= 'f' ? h - 'a' + 10
                            : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                                   : -1;
                    if (d < 0) goto bad_escape;
                    v = v << 4 | (uint32_t)d;
                }
                if (!v || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) goto bad_escape;
                tl = (int)utf8_put((unsigned char *)tmp, v);
                p += 2 + nd;
            } else if (e == '\\' || e == '"' || e == '#') {
                tmp[0] = e;
                p += 2;
            } else if (e == 's') {
                tmp[0] = ' ';
                p += 2;
            } else if (e == 't') {
                tmp[0] = '\t';
                p += 2;
            } else {
                goto bad_escape;
            }
        } else {
            p++;
        }
        if (o + (size_t)tl >= cap) {
            fail(ps->err, ps->fname, ps->line, "field too long");
            return -1;
        }
        memcpy(buf + o, tmp, (size_t)tl);
        o += (size_t)tl;
    }
    buf[o] = '\0';
    if (!o && !quoted) return 0;
    *pp = p;
    return 1;
bad_escape:
    fail(ps->err, ps->fname, ps->line,
         "bad escape (use \\uXXXX, \\UXXXXXX, \\\\, \\\", \\#, \\s, \\t)");
    return -1;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Expand a set spec ("аеи{vowel}") into sorted code points of both cases. */
static int parse_set(parser *ps, const char *spec, uint32_t **out, size_t *nout)
{
    vec v = {0};
    const unsigned char *p = (const unsigned char *)spec;
    size_t n = strlen(spec);
    while (n) {
        if (*p == '{') {
            const char *close = memchr(p, '}', n);
            size_t nl = close ? (size_t)(close - (const char *)p - 1) : 0;
            class_src *c = ps->s->classes.p, *found = NULL;
            for (size_t i = 0; close && i < ps->s->classes.n; i++)
                if (strlen(c[i].name) == nl && !memcmp(c[i].name, p + 1, nl)) found = &c[i];
            if (!found) {
                fail(ps->err, ps->fname, ps->line, "unknown class in '%s' (define it with @class)",
                     spec);
                free(v.p);
                return -1;
            }
            for (size_t i = 0; i < found->n; i++) {
                uint32_t *slot = vec_add(&v, sizeof(uint32_t));
                if (!slot) goto nomem;
                *slot = found->cps[i];
            }
            p += nl + 2;
            n -= nl + 2;
            continue;
        }
        uint32_t c;
        int l = tl_utf8_decode(p, n, &c);
        if (l <= 0) {
            fail(ps->err, ps->fname, ps->line, "invalid UTF-8");
            free(v.p);
            return -1;
        }
        uint32_t forms[3] = {c, (uint32_t)u_tolower((UChar32)c), (uint32_t)u_toupper((UChar32)c)};
        for (int i = 0; i < 3; i++) {
            uint32_t *slot = vec_add(&v, sizeof(uint32_t));
            if (!slot) goto nomem;
            *slot = forms[i];
        }
        p += l;
        n -= (size_t)l;
    }
    uint32_t *a = v.p;
    if (v.n) qsort(a, v.n, sizeof *a, cmp_u32);
    size_t k = 0;
    for (size_t i = 0; i < v.n; i++)
        if (!k || a[k - 1] != a[i]) a[k++] = a[i];
    if (k > 0xFFFF) {
        fail(ps->err, ps->fname, ps->line, "set too large");
        free(v.p);
        return -1;
    }
    *out = a;
    *nout = k;
    return 0;
nomem:
    free(v.p);
    fail(ps->err, ps->fname, ps->line, "out of memory");
    return PISAR_ENOMEM;
}

/* Parse one context token ("start", "!end", "after:аеи&end", ...) into an alt. */
static int parse_context(parser *ps, char *tok, alt_src *alt)
{
    vec atoms = {0};
    char *save = tok;
    for (;;) {
        char *amp = strchr(save, '&');
        if (amp) *amp = '\0';
        char *a = save;
        atom_src *at = vec_add(&atoms, sizeof *at);
        if (!at) goto nomem;
        if (*a == '!') {
            at->neg = 1;
            a++;
        }
        if (!strcmp(a, "start"))
            at->kind = TL_START;
        else if (!strcmp(a, "end"))
            at->kind = TL_END;
        else if (!strncmp(a, "after:", 6) || !strncmp(a, "before:", 7)) {
            at->kind = a[0] == 'a' ? TL_AFTER : TL_BEFORE;
            const char *spec = strchr(a, ':') + 1;
            if (!*spec) {
                fail(ps->err, ps->fname, ps->line, "empty set in context '%s'", a);
                goto bad;
            }
            if (parse_set(ps, spec, &at->set, &at->nset)) goto bad;
        } else {
            fail(ps->err, ps->fname, ps->line,
                 "unknown context '%s' (start, end, after:SET, before:SET, ! and &)", a);
            goto bad;
        }
        if (!amp) break;
        save = amp + 1;
    }
    alt->atoms = atoms.p;
    alt->n = atoms.n;
    return 0;
nomem:
    fail(ps->err, ps->fname, ps->line, "out of memory");
bad : {
    atom_src *at = atoms.p;
    for (size_t i = 0; i < atoms.n; i++)
        free(at[i].set);
    free(atoms.p);
}
    return -1;
}

/* Canonical source: NFC of the lower-cased text. */
static char *canonical_source(const char *raw)
{
    uint32_t cps[TL_MAX_CPS];
    int k = to_cps(raw, cps, TL_MAX_CPS);
    if (k <= 0) return NULL;
    for (int i = 0; i < k; i++)
        cps[i] = (uint32_t)u_tolower((UChar32)cps[i]);
    char *low = from_cps(cps, k);
    if (!low) return NULL;
    char *nfc = normalize(low, 0);
    free(low);
    return nfc;
}

static int add_rule(parser *ps, int section, const char *src, const char *out, const char *ctx,
                    alt_src *alts, size_t nalts)
{
    vec *rv = &ps->s->rules[section];
    rule_src *r = rv->p;
    /* An unconditional rule in a file replaces all the rules an included
     * file gave for that source; a contextual rule replaces only the
     * included rule with the same context, and is tried before the others. */
    size_t k = 0;
    for (size_t i = 0; i < rv->n; i++) {
        if (!strcmp(r[i].src, src) && r[i].origin != ps->origin &&
            (!nalts || !strcmp(r[i].ctx, ctx))) {
            free_rule(&r[i]);
            continue;
        }
        r[k++] = r[i];
    }
    rv->n = k;
    for (size_t i = 0; i < rv->n; i++) {
        if (!strcmp(r[i].src, src) && !strcmp(r[i].ctx, ctx)) {
            /* The same source and context again: the later rule wins. */
            char *o = strdup(out);
            if (!o) return PISAR_ENOMEM;
            free(r[i].out);
            r[i].out = o;
            free_alts(alts, nalts);
            return 0;
        }
    }
    rule_src *n = vec_add(rv, sizeof *n);
    if (!n) return PISAR_ENOMEM;
    n->src = strdup(src);
    n->out = strdup(out);
    n->ctx = strdup(ctx);
    n->alts = alts;
    n->nalts = nalts;
    n->origin = ps->origin;
    n->depth = ps->depth;
    if (!n->src || !n->out || !n->ctx) return PISAR_ENOMEM;
    return 0;
}

static int parse_text(parser *ps, const char *text, size_t len);

static int directive(parser *ps, const char *p, const char *end)
{
    const char *k = p + 1, *ke = k;
    while (ke < end && *ke != ' ' && *ke != '\t')
        ke++;
    const char *v = ke;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    const char *ve = end;
    while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
        ve--;
    size_t kl = (size_t)(ke - k), vl = (size_t)(ve - v);
    char key[32], val[512];
    if (kl >= sizeof key || vl >= sizeof val) {
        fail(ps->err, ps->fname, ps->line, "directive too long");
        return PISAR_EPARSE;
    }
    memcpy(key, k, kl);
    key[kl] = '\0';
    memcpy(val, v, vl);
    val[vl] = '\0';
    for (int i = 0; i < F_COUNT; i++) {
        if (!strcmp(key, field_names[i])) {
            if (!vl) {
                fail(ps->err, ps->fname, ps->line, "@%s needs a value", key);
                return PISAR_EPARSE;
            }
            if (ps->depth) return 0; /* an included file's header is not ours */
            free(ps->s->field[i]);
            if (!(ps->s->field[i] = strdup(val))) return PISAR_ENOMEM;
            return 0;
        }
    }
    if (!strcmp(key, "reverse")) {
        if (!strcmp(val, "swap"))
            ps->s->reverse_mode = REV_SWAP;
        else if (!strcmp(val, "none"))
            ps->s->reverse_mode = REV_NONE;
        else {
            fail(ps->err, ps->fname, ps->line, "@reverse takes 'swap' or 'none'");
            return PISAR_EPARSE;
        }
        return 0;
    }
    if (!strcmp(key, "section")) {
        if (!strcmp(val, "forward"))
            ps->section = 0;
        else if (!strcmp(val, "reverse")) {
            ps->section = 1;
            ps->s->reverse_mode = REV_SECTION;
        } else {
            fail(ps->err, ps->fname, ps->line, "@section takes 'forward' or 'reverse'");
            return PISAR_EPARSE;
        }
        return 0;
    }
    if (!strcmp(key, "class")) {
        char *sp = val;
        while (*sp && *sp != ' ' && *sp != '\t')
            sp++;
        size_t nl = (size_t)(sp - val);
        if (!nl || nl >= 32 || !*sp) {
            fail(ps->err, ps->fname, ps->line, "@class NAME CHARACTERS");
            return PISAR_EPARSE;
        }
        *sp++ = '\0';
        char chars[512];
        size_t o = 0;
        for (; *sp; sp++)
            if (*sp != ' ' && *sp != '\t') chars[o++] = *sp;
        chars[o] = '\0';
        uint32_t *cps;
        size_t n;
        if (parse_set(ps, chars, &cps, &n)) return PISAR_EPARSE;
        class_src *c = vec_add(&ps->s->classes, sizeof *c);
        if (!c) {
            free(cps);
            return PISAR_ENOMEM;
        }
        memcpy(c->name, val, nl + 1);
        c->cps = cps;
        c->n = n;
        return 0;
    }
    if (!strcmp(key, "fallback")) {
        if (!ps->resolve || ps->depth >= TL_MAX_INCLUDE) {
            fail(ps->err, ps->fname, ps->line, "@fallback is not available here");
            return PISAR_EPARSE;
        }
        const char *t;
        size_t tl;
        char fname[256];
        if (ps->resolve(ps->rctx, val, &t, &tl, fname, sizeof fname)) {
            fail(ps->err, ps->fname, ps->line, "@fallback %s: no such scheme", val);
            return PISAR_EUNKNOWN;
        }
        tl_source *fb = calloc(1, sizeof *fb);
        if (!fb) return PISAR_ENOMEM;
        parser sub = *ps;
        sub.s = fb;
        sub.fname = fname;
        sub.line = 0;
        sub.depth = ps->depth + 1;
        sub.section = 0;
        int rc = parse_text(&sub, t, tl);
        if (rc) {
            tl_source_free(fb);
            return rc;
        }
        tl_source_free(ps->s->fallback);
        ps->s->fallback = fb;
        return 0;
    }
    if (!strcmp(key, "include")) {
        if (!ps->resolve) {
            fail(ps->err, ps->fname, ps->line, "@include is not available here");
            return PISAR_EPARSE;
        }
        if (ps->depth >= TL_MAX_INCLUDE) {
            fail(ps->err, ps->fname, ps->line, "@include nested too deeply");
            return PISAR_EPARSE;
        }
        const char *t;
        size_t tl;
        char fname[256];
        if (ps->resolve(ps->rctx, val, &t, &tl, fname, sizeof fname)) {
            fail(ps->err, ps->fname, ps->line, "@include %s: no such scheme", val);
            return PISAR_EUNKNOWN;
        }
        parser sub = *ps;
        sub.fname = fname;
        sub.line = 0;
        sub.depth++;
        sub.section = 0;
        sub.origin = ++ps->s->origins;
        return parse_text(&sub, t, tl);
    }
    fail(ps->err, ps->fname, ps->line, "unknown directive @%s", key);
    return PISAR_EPARSE;
}

static int rule_line(parser *ps, const char *p, const char *end)
{
    char src[256], out[256], tok[512], ctx[1024];
    int rc;
    if ((rc = next_field(ps, &p, end, src, sizeof src)) < 0) return PISAR_EPARSE;
    if (!rc) return 0;
    if ((rc = next_field(ps, &p, end, out, sizeof out)) < 0) return PISAR_EPARSE;
    if (!rc) {
        fail(ps->err, ps->fname, ps->line, "rule '%s' has no output (write \"\" for none)", src);
        return PISAR_EPARSE;
    }
    if (!*src) {
        fail(ps->err, ps->fname, ps->line, "empty source");
        return PISAR_EPARSE;
    }
    vec alts = {0};
    size_t cl = 0;
    ctx[0] = '\0';
    while ((rc = next_field(ps, &p, end, tok, sizeof tok)) > 0) {
        size_t tl = strlen(tok);
        if (cl + tl + 2 > sizeof ctx) {
            fail(ps->err, ps->fname, ps->line, "context too long");
            rc = PISAR_EPARSE;
            break;
        }
        if (cl) ctx[cl++] = ' ';
        memcpy(ctx + cl, tok, tl + 1);
        cl += tl;
        alt_src *a = vec_add(&alts, sizeof *a);
        if (!a) {
            rc = PISAR_ENOMEM;
            break;
        }
        if (parse_context(ps, tok, a)) {
            alts.n--;
            rc = PISAR_EPARSE;
            break;
        }
    }
    if (rc < 0) {
        /* next_field() says -1 for a syntax error it has reported */
        free_alts(alts.p, alts.n);
        return rc == -1 ? PISAR_EPARSE : rc;
    }
    uint32_t cps[TL_MAX_CPS];
    if (to_cps(src, cps, TL_MAX_CPS) < 0 || to_cps(out, cps, TL_MAX_CPS) < 0) {
        fail(ps->err, ps->fname, ps->line, "source or output too long (at most %d characters)",
             TL_MAX_CPS);
        free_alts(alts.p, alts.n);
        return PISAR_EPARSE;
    }
    char *canon = canonical_source(src);
    if (!canon) {
        free_alts(alts.p, alts.n);
        fail(ps->err, ps->fname, ps->line, "cannot normalize source '%s'", src);
        return PISAR_EPARSE;
    }
    rc = add_rule(ps, ps->section, canon, out, ctx, alts.p, alts.n);
    free(canon);
    if (rc) fail(ps->err, ps->fname, ps->line, "out of memory");
    return rc;
}

static int parse_text(parser *ps, const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    /* A UTF-8 byte-order mark at the start is allowed and skipped. */
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) p += 3;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        ps->line++;
        const char *e = le;
        if (e > p && e[-1] == '\r') e--;
        for (const char *q = p; q < e;) {
            uint32_t c;
            int l = tl_utf8_decode((const unsigned char *)q, (size_t)(e - q), &c);
            if (l <= 0) {
                fail(ps->err, ps->fname, ps->line, "invalid UTF-8 at column %zu",
                     (size_t)(q - p) + 1);
                return PISAR_EPARSE;
            }
            if (c == 0) {
                fail(ps->err, ps->fname, ps->line, "NUL byte");
                return PISAR_EPARSE;
            }
            q += l;
        }
        const char *q = p;
        while (q < e && (*q == ' ' || *q == '\t'))
            q++;
        int rc = 0;
        if (q < e && *q == '@')
            rc = directive(ps, q, e);
        else if (q < e && *q != '#')
            rc = rule_line(ps, q, e);
        if (rc) return rc;
        p = nl ? nl + 1 : end;
    }
    return 0;
}

int tl_parse(tl_source **out, const char *text, size_t len, const char *fname, tl_resolver resolve,
             void *rctx, pisar_error *err)
{
    *out = NULL;
    tl_source *s = calloc(1, sizeof *s);
    if (!s) return PISAR_ENOMEM;
    parser ps = {s, fname, 0, 0, 0, 0, resolve, rctx, err};
    int rc = parse_text(&ps, text, len);
    if (!rc) {
        for (int i = 0; i < F_COUNT; i++) {
            if (!s->field[i] && i != F_STANDARD) {
                fail(err, fname, 0, "missing @%s", field_names[i]);
                rc = PISAR_EPARSE;
                break;
            }
        }
    }
    if (!rc && !s->rules[0].n) {
        fail(err, fname, 0, "no rules");
        rc = PISAR_EPARSE;
    }
    if (!rc && s->fallback) {
        /* Letters with no rule of their own take the fallback's rules. */
        tl_source *fb = s->fallback;
        rule_src *fr = fb->rules[0].p;
        size_t own = s->rules[0].n;
        for (size_t i = 0; !rc && i < fb->rules[0].n; i++) {
            rule_src *r = s->rules[0].p;
            int have = 0;
            for (size_t j = 0; j < own && !have; j++)
                have = !strcmp(r[j].src, fr[i].src);
            if (have) continue;
            rule_src *n = vec_add(&s->rules[0], sizeof *n);
            if (!n) {
                rc = PISAR_ENOMEM;
                break;
            }
            *n = fr[i];
            memset(&fr[i], 0, sizeof fr[i]);
        }
        tl_source_free(fb);
        s->fallback = NULL;
    }
    if (rc) {
        tl_source_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

/* ---- compiling ---- */

typedef struct tnode {
    int32_t child[256];
    int32_t group;
    uint8_t srccase;
} tnode;

typedef struct builder {
    vec nodes; /* tnode */
} builder;

static int32_t new_node(builder *b)
{
    tnode *n = vec_add(&b->nodes, sizeof *n);
    if (!n) return -1;
    n->group = -1;
    return (int32_t)(b->nodes.n - 1);
}

static int case_of(const uint32_t *cps, int k)
{
    int i = 0;
    while (i < k && !is_cased_upper(cps[i]) && !is_cased_lower(cps[i]))
        i++;
    if (i == k) return TL_CASE_NONE;
    if (!is_cased_upper(cps[i])) return TL_CASE_LOWER;
    int upper = 0, lower = 0;
    for (int j = i + 1; j < k; j++) {
        if (is_cased_upper(cps[j]))
            upper++;
        else if (is_cased_lower(cps[j]))
            lower++;
    }
    if (!upper && !lower) return TL_CASE_ONE;
    return lower ? TL_CASE_TITLE : TL_CASE_UPPER;
}

static int insert(builder *b, const char *s, int32_t group, int srccase)
{
    int32_t at = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        tnode *n = (tnode *)b->nodes.p + at;
        int32_t c = n->child[*p];
        if (!c) {
            if ((c = new_node(b)) < 0) return PISAR_ENOMEM;
            ((tnode *)b->nodes.p)[at].child[*p] = c;
        }
        at = c;
    }
    tnode *n = (tnode *)b->nodes.p + at;
    if (n->group < 0) {
        n->group = group;
        n->srccase = (uint8_t)srccase;
    }
    return 0;
}

/* Insert the variant of `src` (canonical) upper-cased where `mask` says,
 * in NFC and in NFD. */
static int insert_variant(builder *b, const char *src, unsigned mask, int32_t group)
{
    char *v = case_map(src, mask, 0);
    if (!v) return PISAR_EINVAL;
    uint32_t cps[TL_MAX_CPS * 3];
    int k = to_cps(v, cps, TL_MAX_CPS * 3);
    if (k <= 0) {
        free(v);
        return PISAR_EINVAL;
    }
    int sc = case_of(cps, k);
    int rc = insert(b, v, group, sc);
    char *d = rc ? NULL : normalize(v, 1);
    if (d && strcmp(d, v)) rc = insert(b, d, group, sc);
    free(d);
    free(v);
    return rc;
}

static int add_str(vec *strings, const char *s, uint32_t *off, uint16_t *len)
{
    if (!s) return PISAR_EINVAL;
    size_t l = strlen(s);
    if (l > 0xFFFF) return PISAR_ERANGE;
    *off = (uint32_t)strings->n;
    *len = (uint16_t)l;
    return vec_append(strings, s, l);
}

/* One group: all rules of one source, contextual rules first. */
typedef struct group {
    const char *src;
    vec rules; /* const rule_src * */
} group;

int tl_build(const tl_source *s, int reverse, tl_tables *out, pisar_error *err)
{
    memset(out, 0, sizeof *out);
    const char *fname = s->field[F_ID] ? s->field[F_ID] : "scheme";
    int rc = PISAR_ENOMEM;
    rule_src *swapped = NULL;
    size_t nswapped = 0;
    const rule_src *rules;
    size_t nrules;
    if (!reverse) {
        rules = s->rules[0].p;
        nrules = s->rules[0].n;
    } else if (s->reverse_mode == REV_SECTION) {
        rules = s->rules[1].p;
        nrules = s->rules[1].n;
    } else if (s->reverse_mode == REV_SWAP) {
        /* Swap every unconditional rule with a non-empty output; the first
         * rule producing a given output wins. */
        const rule_src *f = s->rules[0].p;
        swapped = calloc(s->rules[0].n + 1, sizeof *swapped);
        if (!swapped) goto done;
        for (size_t i = 0; i < s->rules[0].n; i++) {
            if (f[i].nalts || !*f[i].out) continue;
            char *src = canonical_source(f[i].out);
            if (!src) {
                rc = PISAR_EPARSE;
                fail(err, fname, 0, "cannot reverse output '%s'", f[i].out);
                goto done;
            }
            int dup = 0;
            for (size_t j = 0; j < nswapped; j++)
                dup |= !strcmp(swapped[j].src, src);
            if (dup) {
                free(src);
                continue;
            }
            swapped[nswapped].src = src;
            swapped[nswapped].out = f[i].src;
            nswapped++;
        }
        rules = swapped;
        nrules = nswapped;
    } else {
        fail(err, fname, 0, "the scheme has no reverse direction");
        return PISAR_EUNKNOWN;
    }

    vec groups = {0};
    vec extra_rules = {0}; /* rule_src * made for precomposed letters (owned) */
    builder b = {0};
    vec tnodes_map = {0}, nodes = {0}, trans = {0}, trules = {0}, alts = {0}, atoms = {0},
        sets = {0}, strings = {0};
    for (size_t i = 0; i < nrules; i++) {
        group *g = groups.p, *found = NULL;
        for (size_t j = 0; j < groups.n; j++)
            if (!strcmp(g[j].src, rules[i].src)) found = &g[j];
        if (!found) {
            if (!(found = vec_add(&groups, sizeof *found))) goto cleanup;
            found->src = rules[i].src;
        }
        const rule_src **slot = vec_add(&found->rules, sizeof *slot);
        if (!slot) goto cleanup;
        *slot = &rules[i];
    }
    /* Canonical equivalence: a precomposed Cyrillic letter with no rule of
     * its own whose NFD is a letter that has rules plus combining marks
     * (Bulgarian and Macedonian "ѝ" = и + U+0300) is romanized like its
     * NFD: the base letter's rules, the marks kept. Not for schemes read
     * back by swapping (iso9): their outputs must stay one-to-one. */
    if (reverse || s->reverse_mode != REV_SWAP) {
        size_t ngroups = groups.n;
        for (uint32_t cp = 0x400; cp <= 0x4FF; cp++) {
            if ((uint32_t)u_tolower((UChar32)cp) != cp) continue;
            uint32_t one[1] = {cp};
            char *cs = from_cps(one, 1);
            char *d = cs ? normalize(cs, 1) : NULL;
            uint32_t dc[8];
            int dk = d ? to_cps(d, dc, 8) : -1;
            group *g0 = groups.p, *base = NULL;
            int have = 0;
            for (size_t j = 0; cs && j < groups.n; j++)
                have |= !strcmp(g0[j].src, cs);
            if (dk >= 2 && !have) {
                char *bs = from_cps(dc, 1);
                for (size_t j = 0; bs && j < ngroups; j++)
                    if (!strcmp(g0[j].src, bs)) base = &g0[j];
                free(bs);
            }
            if (base) {
                char *marks = from_cps(dc + 1, dk - 1);
                group ng;
                memset(&ng, 0, sizeof ng);
                const rule_src **br = base->rules.p;
                int okr = marks != NULL;
                for (size_t j = 0; okr && j < base->rules.n; j++) {
                    rule_src **slot = vec_add(&extra_rules, sizeof *slot);
                    rule_src *nr = calloc(1, sizeof *nr);
                    size_t ol = strlen(br[j]->out), ml = strlen(marks);
                    char *no = malloc(ol + ml + 1);
                    if (!slot || !nr || !no) {
                        if (slot) extra_rules.n--;
                        free(nr);
                        free(no);
                        okr = 0;
                        break;
                    }
                    memcpy(no, br[j]->out, ol);
                    memcpy(no + ol, marks, ml + 1);
                    *nr = *br[j];
                    nr->out = no;
                    nr->src = NULL;
                    nr->ctx = NULL;
                    *slot = nr;
                    const rule_src **rs = vec_add(&ng.rules, sizeof *rs);
                    if (!rs) {
                        okr = 0;
                        break;
                    }
                    *rs = nr;
                }
                free(marks);
                group *gs = okr ? vec_add(&groups, sizeof *gs) : NULL;
                if (!gs) {
                    free(ng.rules.p);
                    free(cs);
                    free(d);
                    goto cleanup_extra;
                }
                ng.src = cs; /* owned by extra_srcs below */
                *gs = ng;
                rule_src **slot = vec_add(&extra_rules, sizeof *slot);
                rule_src *holder = calloc(1, sizeof *holder);
                if (!slot || !holder) {
                    if (slot) extra_rules.n--;
                    free(holder);
                    free(cs);
                    free(d);
                    goto cleanup_extra;
                }
                holder->src = cs; /* freed with the extra rules */
                *slot = holder;
                cs = NULL;
            }
            free(cs);
            free(d);
        }
    }
    if (new_node(&b) < 0) goto cleanup;
    group *g = groups.p;
    /* Pass 1: the canonical (lower-case NFC) sources, so that no case variant of
     * one source can take the path of another source written that way. */
    for (size_t pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < groups.n; i++) {
            uint32_t cps[TL_MAX_CPS];
            int k = to_cps(g[i].src, cps, TL_MAX_CPS);
            if (pass == 0) {
                if ((rc = insert_variant(&b, g[i].src, 0, (int32_t)i))) goto cleanup;
                continue;
            }
            if (k <= 4) {
                for (unsigned m = 1; m < 1u << k; m++)
                    if ((rc = insert_variant(&b, g[i].src, m, (int32_t)i))) goto cleanup;
            } else {
                if ((rc = insert_variant(&b, g[i].src, 1, (int32_t)i))) goto cleanup;
                if ((rc = insert_variant(&b, g[i].src, ~0u, (int32_t)i))) goto cleanup;
            }
        }
    }
    rc = PISAR_ENOMEM;

    /* Rules, group by group: contextual rules first, in file order, then the
     * unconditional one(s). */
    vec gfirst = {0};
    for (size_t i = 0; i < groups.n; i++) {
        uint32_t *first = vec_add(&gfirst, sizeof *first);
        if (!first) goto cleanup2;
        *first = (uint32_t)trules.n;
        const rule_src **gr = g[i].rules.p;
        for (int pass = 0; pass <= TL_MAX_INCLUDE + 1; pass++) {
            /* passes 0..TL_MAX_INCLUDE: contextual rules of include depth
             * `pass`; the last pass: the unconditional rules */
            int uncond = pass == TL_MAX_INCLUDE + 1;
            for (size_t j = 0; j < g[i].rules.n; j++) {
                const rule_src *r = gr[j];
                if ((r->nalts == 0) != (uncond == 1)) continue;
                if (!uncond && r->depth != pass) continue;
                tl_rule *tr = vec_add(&trules, sizeof *tr);
                if (!tr) goto cleanup2;
                char *forms[3] = {normalize(r->out, 0), case_map(r->out, 0, 1),
                                  case_map(r->out, ~0u, 0)};
                int bad = 0;
                for (int x = 0; x < 3; x++)
                    bad |= add_str(&strings, forms[x], &tr->out[x], &tr->len[x]) != 0;
                for (int x = 0; x < 3; x++)
                    free(forms[x]);
                if (bad) goto cleanup2;
                tr->alt = (uint32_t)alts.n;
                tr->nalts = (uint16_t)r->nalts;
                for (size_t a = 0; a < r->nalts; a++) {
                    tl_alt *ta = vec_add(&alts, sizeof *ta);
                    if (!ta) goto cleanup2;
                    ta->atom = (uint32_t)atoms.n;
                    ta->natoms = (uint32_t)r->alts[a].n;
                    for (size_t x = 0; x < r->alts[a].n; x++) {
                        const atom_src *as = &r->alts[a].atoms[x];
                        tl_atom *tt = vec_add(&atoms, sizeof *tt);
                        if (!tt) goto cleanup2;
                        tt->kind = as->kind;
                        tt->neg = as->neg;
                        tt->set = (uint32_t)sets.n;
                        tt->nset = (uint16_t)as->nset;
                        for (size_t y = 0; y < as->nset; y++) {
                            uint32_t *c = vec_add(&sets, sizeof *c);
                            if (!c) goto cleanup2;
                            *c = as->set[y];
                        }
                    }
                }
            }
        }
    }

    /* Flatten the trie breadth-first into nodes + transition ranges. */
    {
        size_t nn = b.nodes.n;
        int32_t *map = malloc(nn * sizeof *map), *order = malloc(nn * sizeof *order);
        if (!map || !order) {
            free(map);
            free(order);
            goto cleanup2;
        }
        size_t head = 0, tail = 0;
        order[tail++] = 0;
        map[0] = 0;
        tnode *tn = b.nodes.p;
        while (head < tail) {
            int32_t o = order[head++];
            for (int c = 0; c < 256; c++)
                if (tn[o].child[c]) {
                    map[tn[o].child[c]] = (int32_t)tail;
                    order[tail++] = tn[o].child[c];
                }
        }
        int ok = 1;
        uint32_t *zero = vec_add(&trans, sizeof *zero); /* index 0 unused */
        ok = zero != NULL;
        for (size_t i = 0; ok && i < tail; i++) {
            tnode *src = &tn[order[i]];
            tl_node *dn = vec_add(&nodes, sizeof *dn);
            if (!dn) {
                ok = 0;
                break;
            }
            int lo = 256, hi = -1;
            for (int c = 0; c < 256; c++)
                if (src->child[c]) {
                    if (lo > c) lo = c;
                    hi = c;
                }
            if (hi < 0) {
                dn->lo = 1;
                dn->hi = 0;
            } else {
                dn->lo = (uint8_t)lo;
                dn->hi = (uint8_t)hi;
                dn->trans = (uint32_t)trans.n;
                for (int c = lo; c <= hi; c++) {
                    uint32_t *t = vec_add(&trans, sizeof *t);
                    if (!t) {
                        ok = 0;
                        break;
                    }
                    *t = src->child[c] ? (uint32_t)map[src->child[c]] : 0;
                }
            }
            if (src->group >= 0) {
                dn->rule = ((uint32_t *)gfirst.p)[src->group];
                dn->nrules = (uint16_t)g[src->group].rules.n;
                dn->srccase = src->srccase;
            }
        }
        free(map);
        free(order);
        if (!ok) goto cleanup2;
    }

    out->nodes = nodes.p;
    out->nnodes = nodes.n;
    out->trans = trans.p;
    out->ntrans = trans.n;
    out->rules = trules.p;
    out->nrules = trules.n;
    out->alts = alts.p;
    out->nalts = alts.n;
    out->atoms = atoms.p;
    out->natoms = atoms.n;
    out->sets = sets.p;
    out->nsets = sets.n;
    if (vec_append(&strings, "", 1)) goto cleanup2; /* never empty */
    out->strings = strings.p;
    out->nstrings = strings.n;
    nodes.p = trans.p = trules.p = alts.p = atoms.p = sets.p = strings.p = NULL;
    rc = 0;
cleanup2:
    free(gfirst.p);
cleanup:
cleanup_extra:
    for (size_t i = 0; i < extra_rules.n; i++) {
        rule_src *r = ((rule_src **)extra_rules.p)[i];
        free(r->out);
        free(r->src);
        free(r);
    }
    free(extra_rules.p);
    if (rc == PISAR_ENOMEM) fail(err, fname, 0, "out of memory");
    for (size_t i = 0; i < groups.n; i++)
        free(((group *)groups.p)[i].rules.p);
    free(groups.p);
    free(b.nodes.p);
    free(tnodes_map.p);
    free(nodes.p);
    free(trans.p);
    free(trules.p);
    free(alts.p);
    free(atoms.p);
    free(sets.p);
    free(strings.p);
done:
    for (size_t i = 0; i < nswapped; i++)
        free(swapped[i].src);
    free(swapped);
    return rc;
}

void tl_tables_free(tl_tables *t)
{
    if (!t) return;
    free((void *)t->nodes);
    free((void *)t->trans);
    free((void *)t->rules);
    free((void *)t->alts);
    free((void *)t->atoms);
    free((void *)t->sets);
    free((void *)t->strings);
    memset(t, 0, sizeof *t);
}
