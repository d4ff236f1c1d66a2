/*
 * translit.c -- the transliteration engine and the pisar_translit API.
 *
 * Built-in schemes are compiled at build time (tools/gen_translit.c) into
 * static automata (translit_tables.h); pisar_translit_load() compiles a
 * user's file with the same compiler (translit_compile.c) at run time.
 *
 * apply() walks the input once: runs of bytes that start no rule (ASCII
 * text, spaces, digits) are copied in bulk; elsewhere the byte trie is
 * followed as far as it goes, remembering the longest source whose context
 * holds; that rule's output is written in the case the input calls for.
 * Bytes that start no rule pass through untouched after UTF-8 validation.
 */
#include "pisar/translit.h"
#include "translit_impl.h"
#include "cpu.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
/* The AVX-512 path of apply() (VBMI and VBMI2, chosen at run time; x86-64
 * with GCC or clang: the function carries its own target attribute). */
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define TL_AVX512 1
#endif

typedef struct tl_builtin {
    pisar_scheme_info info;
    tl_tables fwd, rev;
    const char *text; /* the scheme file, for @include in user files */
    size_t textlen;
} tl_builtin;

#include "translit_tables.h" /* generated: tl_builtins[], TL_NBUILTINS */

struct pisar_translit {
    tl_tables t;
    int owned;               /* t's arrays are heap-allocated */
    uint8_t ascii_rule[128]; /* 1 when an ASCII byte may start a source */
    /* The ASCII bytes that start a source (apostrophes in some schemes), for
     * the 16-byte scan of ASCII runs; nascii > 4: no vector scan. */
    uint8_t ascii_bytes[4];
    int nascii;
    /* Fast path for U+0400..U+047F (two-byte UTF-8 D0 80 .. D1 BF): when the
     * letter is a whole source with one unconditional rule and no longer
     * source starts with it, and its case needs no look at the neighbours,
     * the output is direct[cp - 0x400] (len 0xFF: take the general path). */
    struct {
        unsigned char bytes[8];
        uint8_t len;
    } direct[128];
    /* Letters of that range whose rules look only at the character before
     * (start, after:SET): ctxtab[ctx[k]][p] is, for the previous character p
     * (0..127 ASCII, 128 + (cp - 0x400) Cyrillic), an index into ctxout,
     * 0xFF for "no rule: copy", 0xFE for "take the general path". */
    int16_t ctx[128];
    /* The fast path holds only when the next byte is not in xlo..xhi (the
     * bytes that could make a longer source, e.g. a combining mark). */
    uint8_t xlo[128], xhi[128];
    uint8_t (*ctxtab)[256];
    struct {
        unsigned char bytes[8];
        uint8_t len;
    } * ctxout;
    /* The same for the loop of apply() in one place per letter: direct
     * (len 0xFF/0xFE as there), the range xlo .. xlo + xspan (mod 256: a
     * letter with no longer source has 0 .. 0, a NUL after it takes the
     * general path, harmlessly), and pass[b]: b is ASCII and starts no rule. */
    struct {
        unsigned char bytes[8];
        uint8_t len, xlo, xspan, pad[5];
    } fast[128];
    uint8_t pass[256];
#ifdef TL_AVX512
    /* The 64-bytes-a-step path (see vec_run): vec is 1 when the processor
     * has AVX-512 VBMI and VBMI2. Tables of 128 bytes, by letter k
     * (U+0400 + k) or by ASCII byte. */
    int vec;
    struct {
        /* output byte j of slot x (0 past the output's end): slot k is
         * letter k's output in class 0, and in class 1 when it has no
         * context rules; a letter with context rules has its class-1
         * output in slot remap[k], one of a letter the path never takes */
        uint8_t out[4][128];
        uint8_t remap[128];
        uint8_t bad[128];             /* bit s: class s takes the general path */
        uint8_t xlo[128], xspan[128]; /* as fast[k] */
        uint8_t clsl[128];            /* class of letter k as the character before */
        uint8_t clsa[128];            /* class of ASCII byte b as the character before */
        uint8_t abad[128];            /* ASCII byte b takes the general path */
        uint8_t lpass[64]; /* lead byte 0xC0 + x starts no source: its character is copied */
    } v;
    /* The 32-bytes-a-step path (see vec2_run): vec2 is 1 when the processor
     * has AVX2 (and the scheme at most 4 ASCII bytes that start a source).
     * The tables of v, each cut in 8 pieces of 16 bytes, every piece twice
     * (both lanes of a 256-bit register, for vpshufb); xany: the range
     * xulo .. xulo + xuspan holds every byte that could make a longer source
     * after some letter (xlo .. xlo + xspan of fast[k]), and the exact
     * tables are looked at only when a letter is followed by one. */
    int vec2;
    uint8_t xulo, xuspan;
    struct {
        uint8_t bad[8][32], xlo[8][32], xspan[8][32], clsl[8][32], clsa[8][32], remap[8][32];
        uint8_t out[4][8][32];
        /* out of slot remap[k] XOR out of slot k: the class-1 output of a
         * letter with context rules from its own index, with no second
         * lookup waiting on a first */
        uint8_t dout[4][8][32];
        uint8_t squeeze[256][8]; /* the nonzero bytes of 8, by mask: pshufb indices */
        uint8_t badk[128];       /* bad, by k */
    } v2;
#endif
    pisar_scheme_info info;
    char *infostr; /* owns the strings of info for loaded schemes */
};

/* ---- scheme list ---- */

size_t pisar_translit_scheme_count(void)
{
    return TL_NBUILTINS;
}

const pisar_scheme_info *pisar_translit_scheme(size_t i)
{
    return i < TL_NBUILTINS ? &tl_builtins[i].info : NULL;
}

const char *pisar_translit_default_scheme(const char *language)
{
    static const char *const map[][2] = {
        {"ru", "ru-bgn"},         {"uk", "uk-national"}, {"be", "be-national"},
        {"bg", "bg-streamlined"}, {"mk", "mk-official"}, {"sr", "sr-latin"},
    };
    if (!language) return NULL;
    size_t n = strcspn(language, "-_");
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (n == 2 && !strncmp(language, map[i][0], 2)) return map[i][1];
    return NULL;
}

static const tl_builtin *find_builtin(const char *id)
{
    for (size_t i = 0; i < TL_NBUILTINS; i++)
        if (!strcmp(tl_builtins[i].info.id, id)) return &tl_builtins[i];
    return NULL;
}

/* ---- handles ---- */

static void set_error(pisar_error *err, const char *fmt, const char *arg)
{
    if (!err) return;
    memset(err, 0, sizeof *err);
    snprintf(err->message, sizeof err->message, fmt, arg);
}

static int is_letter(uint32_t c);
static int is_apostrophe(uint32_t c);
static int is_upper(uint32_t c);
static int in_set(const uint32_t *set, size_t n, uint32_t c);
static int prepare_context_letters(pisar_translit *h);
static void prepare_vector(pisar_translit *h);

static pisar_translit *new_handle(const tl_tables *t)
{
    pisar_translit *h = calloc(1, sizeof *h);
    if (!h) return NULL;
    h->t = *t;
    const tl_node *root = &t->nodes[0];
    for (unsigned b = 0; b < 128; b++) {
        h->ascii_rule[b] = b >= root->lo && b <= root->hi && t->trans[root->trans + b - root->lo];
        if (h->ascii_rule[b]) {
            if (h->nascii < 4) h->ascii_bytes[h->nascii] = (uint8_t)b;
            h->nascii++;
        }
    }
    for (unsigned k = 0; k < 128; k++) {
        h->direct[k].len = 0xFF;
        h->xlo[k] = 1;
        h->xhi[k] = 0;
        unsigned char u[2] = {(unsigned char)(0xD0 | k >> 6), (unsigned char)(0x80 | (k & 0x3F))};
        uint32_t node = 0;
        int ok = 1;
        for (int j = 0; ok && j < 2; j++) {
            const tl_node *nd = &t->nodes[node];
            if (u[j] < nd->lo || u[j] > nd->hi || !t->trans[nd->trans + u[j] - nd->lo])
                ok = 0;
            else
                node = t->trans[nd->trans + u[j] - nd->lo];
        }
        if (!ok) {
            /* no source starts with this letter: it passes through */
            h->direct[k].len = 0xFE;
            continue;
        }
        const tl_node *nd = &t->nodes[node];
        h->xlo[k] = nd->lo;
        h->xhi[k] = nd->hi;
        if (nd->nrules != 1) continue;
        const tl_rule *r = &t->rules[nd->rule];
        if (r->nalts) continue;
        int which;
        if (nd->srccase == TL_CASE_LOWER)
            which = 0;
        else if (nd->srccase == TL_CASE_UPPER || nd->srccase == TL_CASE_TITLE)
            which = nd->srccase == TL_CASE_UPPER ? 2 : 1;
        else if (r->len[1] == r->len[2] &&
                 !memcmp(t->strings + r->out[1], t->strings + r->out[2], r->len[1]) &&
                 (nd->srccase == TL_CASE_ONE ||
                  (r->len[0] == r->len[2] &&
                   !memcmp(t->strings + r->out[0], t->strings + r->out[2], r->len[0]))))
            which = nd->srccase == TL_CASE_ONE ? 1 : 0;
        else
            continue;
        if (r->len[which] > 8) continue;
        memcpy(h->direct[k].bytes, t->strings + r->out[which], r->len[which]);
        h->direct[k].len = (uint8_t)r->len[which];
    }
    if (prepare_context_letters(h)) {
        free(h->ctxtab);
        free(h->ctxout);
        free(h);
        return NULL;
    }
    for (unsigned k = 0; k < 128; k++) {
        memcpy(h->fast[k].bytes, h->direct[k].bytes, 8);
        h->fast[k].len = h->direct[k].len;
        if (h->xlo[k] <= h->xhi[k]) {
            h->fast[k].xlo = h->xlo[k];
            h->fast[k].xspan = (uint8_t)(h->xhi[k] - h->xlo[k]);
        }
    }
    for (unsigned b = 0; b < 128; b++)
        h->pass[b] = !h->ascii_rule[b];
    prepare_vector(h);
    return h;
}

int pisar_translit_open(pisar_translit **out, const char *id, unsigned flags, pisar_error *err)
{
    if (!out) return PISAR_EINVAL;
    *out = NULL;
    if (!id || flags > PISAR_TRANSLIT_REVERSE) return PISAR_EINVAL;
    const tl_builtin *b = find_builtin(id);
    if (!b) {
        set_error(err, "unknown scheme '%s' (pisar schemes lists them)", id);
        return PISAR_EUNKNOWN;
    }
    if ((flags & PISAR_TRANSLIT_REVERSE) && !b->info.reversible) {
        set_error(err, "scheme '%s' has no reverse direction", id);
        return PISAR_EUNKNOWN;
    }
    pisar_translit *h = new_handle(flags & PISAR_TRANSLIT_REVERSE ? &b->rev : &b->fwd);
    if (!h) return PISAR_ENOMEM;
    h->info = b->info;
    *out = h;
    return PISAR_OK;
}

/* @include in a user file: a file <id>.txt beside it, else a built-in scheme. */
typedef struct resolver_ctx {
    char dir[1024];
    char *texts[16];
    int ntexts;
} resolver_ctx;

static int read_file(const char *path, char **text, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return PISAR_EIO;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    int rc = PISAR_OK;
    while (buf) {
        if (n == cap) {
            if (cap > ((size_t)64 << 20)) {
                rc = PISAR_ERANGE;
                break;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) break;
            buf = nb;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) {
            if (ferror(f)) rc = PISAR_EIO;
            break;
        }
    }
    fclose(f);
    if (!buf) return PISAR_ENOMEM;
    if (rc) {
        free(buf);
        return rc;
    }
    *text = buf;
    *len = n;
    return PISAR_OK;
}

static int resolve(void *vctx, const char *id, const char **text, size_t *len, char *fname,
                   size_t fname_cap)
{
    resolver_ctx *rc = vctx;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
            return PISAR_EINVAL;
    if (rc->dir[0] && rc->ntexts < 16) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s.txt", rc->dir, id);
        char *t;
        size_t l;
        if (!read_file(path, &t, &l)) {
            rc->texts[rc->ntexts++] = t;
            *text = t;
            *len = l;
            snprintf(fname, fname_cap, "%s", path);
            return 0;
        }
    }
    const tl_builtin *b = find_builtin(id);
    if (!b) return PISAR_EUNKNOWN;
    *text = b->text;
    *len = b->textlen;
    snprintf(fname, fname_cap, "tables/translit/%s.txt", id);
    return 0;
}

static int compile(pisar_translit **out, const char *text, size_t len, const char *name,
                   const char *dir, unsigned flags, pisar_error *err)
{
    resolver_ctx rctx;
    memset(&rctx, 0, sizeof rctx);
    if (dir) snprintf(rctx.dir, sizeof rctx.dir, "%s", dir);
    tl_source *src = NULL;
    tl_tables t;
    memset(&t, 0, sizeof t);
    int rc = tl_parse(&src, text, len, name, resolve, &rctx, err);
    if (!rc) rc = tl_build(src, flags & PISAR_TRANSLIT_REVERSE, &t, err);
    if (!rc) {
        pisar_translit *h = new_handle(&t);
        const char *f[4] = {tl_source_field(src, "id"), tl_source_field(src, "language"),
                            tl_source_field(src, "name"), tl_source_field(src, "standard")};
        size_t total = 0;
        for (int i = 0; i < 4; i++)
            total += strlen(f[i]) + 1;
        char *s = h ? malloc(total) : NULL;
        if (!s) {
            pisar_translit_free(h); /* not owned yet: the tables stay */
            tl_tables_free(&t);
            rc = PISAR_ENOMEM;
        } else {
            const char **dst[4] = {&h->info.id, &h->info.language, &h->info.name,
                                   &h->info.standard};
            char *o = s;
            for (int i = 0; i < 4; i++) {
                size_t l = strlen(f[i]) + 1;
                memcpy(o, f[i], l);
                *dst[i] = o;
                o += l;
            }
            h->infostr = s;
            h->info.reversible = tl_source_reversible(src);
            h->owned = 1;
            *out = h;
        }
    }
    tl_source_free(src);
    for (int i = 0; i < rctx.ntexts; i++)
        free(rctx.texts[i]);
    return rc;
}

int pisar_translit_compile(pisar_translit **out, const char *text, size_t len, const char *name,
                           unsigned flags, pisar_error *err)
{
    if (!out) return PISAR_EINVAL;
    *out = NULL;
    if ((!text && len) || flags > PISAR_TRANSLIT_REVERSE) return PISAR_EINVAL;
    return compile(out, text ? text : "", len, name ? name : "(memory)", NULL, flags, err);
}

int pisar_translit_load(pisar_translit **out, const char *path, unsigned flags, pisar_error *err)
{
    if (!out) return PISAR_EINVAL;
    *out = NULL;
    if (!path || flags > PISAR_TRANSLIT_REVERSE) return PISAR_EINVAL;
    char *text;
    size_t len;
    int rc = read_file(path, &text, &len);
    if (rc) {
        if (err) {
            memset(err, 0, sizeof *err);
            snprintf(err->message, sizeof err->message, "%s: %s", path,
                     rc == PISAR_EIO ? strerror(errno) : pisar_strerror(rc));
        }
        return rc;
    }
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        strcpy(dir, ".");
    rc = compile(out, text, len, path, dir, flags, err);
    free(text);
    return rc;
}

const pisar_scheme_info *pisar_translit_info(const pisar_translit *t)
{
    return t ? &t->info : NULL;
}

void pisar_translit_free(pisar_translit *t)
{
    if (!t) return;
    if (t->owned) tl_tables_free(&t->t);
    free(t->ctxtab);
    free(t->ctxout);
    free(t->infostr);
    free(t);
}

/* ---- the engine ---- */

static int is_mark(uint32_t c)
{
    if (c < 0x300) return 0;
    if (c <= 0x36F) return 1;
    if (c >= 0x400 && c <= 0x4FF) return c >= 0x483 && c <= 0x489;
    return (U_GET_GC_MASK((UChar32)c) & U_GC_M_MASK) != 0;
}

static int is_letter(uint32_t c)
{
    if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (c >= 0x400 && c <= 0x4FF) return c < 0x482 || c > 0x489;
    return u_isalpha((UChar32)c) || is_mark(c);
}

static int is_apostrophe(uint32_t c)
{
    return c == 0x27 || c == 0x2019 || c == 0x2BC;
}
static int is_upper(uint32_t c)
{
    if (c >= 0x400 && c <= 0x42F) return 1;
    if (c >= 0x430 && c <= 0x45F) return 0;
    return u_isUUppercase((UChar32)c) || u_charType((UChar32)c) == U_TITLECASE_LETTER;
}
static int is_lower(uint32_t c)
{
    if (c >= 0x430 && c <= 0x45F) return 1;
    if (c >= 0x400 && c <= 0x42F) return 0;
    return u_isULowercase((UChar32)c);
}

/* The code point ending before *pos (combining marks skipped); 0 if none. */
static int prev_cp(const unsigned char *in, size_t *pos, uint32_t *cp)
{
    while (*pos) {
        size_t p = *pos - 1;
        while (p > 0 && (in[p] & 0xC0) == 0x80 && *pos - p < 4)
            p--;
        if (tl_utf8_decode(in + p, *pos - p, cp) <= 0) *cp = 0xFFFD;
        *pos = p;
        if (!is_mark(*cp)) return 1;
    }
    return 0;
}

/* The code point starting at *pos (combining marks skipped); 0 if none. */
static int next_cp(const unsigned char *in, size_t len, size_t *pos, uint32_t *cp)
{
    while (*pos < len) {
        int l = tl_utf8_decode(in + *pos, len - *pos, cp);
        if (l <= 0) {
            *cp = 0xFFFD;
            l = 1;
        }
        *pos += (size_t)l;
        if (!is_mark(*cp)) return 1;
    }
    return 0;
}

static int word_start(const unsigned char *in, size_t i)
{
    uint32_t c;
    if (!prev_cp(in, &i, &c)) return 1;
    if (is_apostrophe(c)) return !(prev_cp(in, &i, &c) && is_letter(c));
    return !is_letter(c);
}

static int word_end(const unsigned char *in, size_t len, size_t j)
{
    uint32_t c;
    if (!next_cp(in, len, &j, &c)) return 1;
    if (is_apostrophe(c)) return !(next_cp(in, len, &j, &c) && is_letter(c));
    return !is_letter(c);
}

static int in_set(const uint32_t *set, size_t n, uint32_t c)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (set[mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && set[lo] == c;
}

/* Fill h->ctx / ctxtab / ctxout (see struct pisar_translit). */
static int prepare_context_letters(pisar_translit *h)
{
    const tl_tables *t = &h->t;
    int ntab = 0, nout = 0;
    for (unsigned k = 0; k < 128; k++)
        h->ctx[k] = -1;
    h->ctxtab = NULL;
    h->ctxout = NULL;
    for (unsigned k = 0; k < 128; k++) {
        if (h->direct[k].len != 0xFF) continue;
        unsigned char u[2] = {(unsigned char)(0xD0 | k >> 6), (unsigned char)(0x80 | (k & 0x3F))};
        uint32_t node = 0;
        for (int j = 0; j < 2; j++) {
            const tl_node *nd = &t->nodes[node];
            node = t->trans[nd->trans + u[j] - nd->lo]; /* exists: len is not 0xFE */
        }
        const tl_node *nd = &t->nodes[node];
        if (!nd->nrules) continue;
        int ok = 1;
        for (uint32_t r = 0; ok && r < nd->nrules; r++) {
            const tl_rule *rule = &t->rules[nd->rule + r];
            for (uint32_t a = 0; ok && a < rule->nalts; a++)
                for (uint32_t x = 0; ok && x < t->alts[rule->alt + a].natoms; x++) {
                    int kind = t->atoms[t->alts[rule->alt + a].atom + x].kind;
                    ok = kind == TL_START || kind == TL_AFTER;
                }
        }
        if (!ok || ntab >= 64) continue;
        uint8_t(*tab)[256] = realloc(h->ctxtab, (size_t)(ntab + 1) * sizeof *tab);
        if (!tab) return PISAR_ENOMEM;
        h->ctxtab = tab;
        uint8_t *row = tab[ntab];
        for (unsigned p = 0; p < 256; p++) {
            uint32_t c = p < 128 ? p : 0x400 + (p - 128);
            if (is_apostrophe(c) || (p < 128 && (c == 0 || (c >= 0x80)))) {
                row[p] = 0xFE;
                continue;
            }
            int start = !is_letter(c);
            const tl_rule *chosen = NULL;
            for (uint32_t r = 0; !chosen && r < nd->nrules; r++) {
                const tl_rule *rule = &t->rules[nd->rule + r];
                int holds = !rule->nalts;
                for (uint32_t a = 0; !holds && a < rule->nalts; a++) {
                    const tl_alt *alt = &t->alts[rule->alt + a];
                    int all = 1;
                    for (uint32_t x = 0; all && x < alt->natoms; x++) {
                        const tl_atom *at = &t->atoms[alt->atom + x];
                        int v =
                            at->kind == TL_START ? start : in_set(t->sets + at->set, at->nset, c);
                        all = v != at->neg;
                    }
                    holds = all;
                }
                if (holds) chosen = rule;
            }
            if (!chosen) {
                row[p] = 0xFF;
                continue;
            }
            int which = -1;
            if (nd->srccase == TL_CASE_LOWER)
                which = 0;
            else if (nd->srccase == TL_CASE_TITLE)
                which = 1;
            else if (nd->srccase == TL_CASE_UPPER)
                which = 2;
            else if (nd->srccase == TL_CASE_ONE && chosen->len[1] == chosen->len[2] &&
                     !memcmp(t->strings + chosen->out[1], t->strings + chosen->out[2],
                             chosen->len[1]))
                which = 1;
            if (which < 0 || chosen->len[which] > 8 || nout >= 250) {
                row[p] = 0xFE;
                continue;
            }
            /* reuse an identical output */
            int idx = -1;
            for (int q = 0; q < nout && idx < 0; q++)
                if (h->ctxout[q].len == chosen->len[which] &&
                    !memcmp(h->ctxout[q].bytes, t->strings + chosen->out[which],
                            chosen->len[which]))
                    idx = q;
            if (idx < 0) {
                void *no = realloc(h->ctxout, (size_t)(nout + 1) * sizeof *h->ctxout);
                if (!no) return PISAR_ENOMEM;
                h->ctxout = no;
                memset(h->ctxout[nout].bytes, 0, 8);
                memcpy(h->ctxout[nout].bytes, t->strings + chosen->out[which], chosen->len[which]);
                h->ctxout[nout].len = (uint8_t)chosen->len[which];
                idx = nout++;
            }
            row[p] = (uint8_t)idx;
        }
        h->ctx[k] = (int16_t)ntab++;
    }
    (void)is_upper;
    return 0;
}

/*
 * Tables of the AVX-512 path (struct pisar_translit, v). A letter whose
 * rules look at the character before (prepare_context_letters: е after a
 * vowel) has one output per class of that character: the characters before
 * (ASCII bytes and letters U+0400..U+047F) are put in classes 0 and 1 by
 * what the rows of ctxtab give for them (the first two distinct columns),
 * and class 2 for those whose rows all say "take the general path"
 * (apostrophes, NUL), for a third kind of column, and for every other
 * character. A letter whose row says "general path" for the column of a
 * class (Е after a vowel: Ye or YE), whose output is longer than 4 bytes,
 * or holds a NUL byte (the vector path drops zero bytes), is left to the
 * general path in that class.
 */
#ifdef TL_AVX512
static void slot_put(pisar_translit *h, unsigned x, const unsigned char *src, unsigned n)
{
    for (unsigned j = 0; j < n; j++)
        h->v.out[j][x] = src[j];
}
#endif

/* The AVX2 path's tables, from those of the AVX-512 path. */
/* piece q holds the XOR of the table's pieces q and q - 1 (see l2_look) */
static void piece_put(uint8_t dst[8][32], const uint8_t src[128])
{
    for (unsigned q = 0; q < 8; q++)
        for (unsigned j = 0; j < 16; j++)
            dst[q][j] = dst[q][j + 16] = src[16 * q + j] ^ (q ? src[16 * (q - 1) + j] : 0);
}

static void prepare_vector2(pisar_translit *h)
{
    h->vec2 = pisar_cpu_limit() >= PISAR_CPU_AVX2 && __builtin_cpu_supports("avx2") &&
              __builtin_cpu_supports("popcnt") && h->nascii <= 4;
    /* bad, and bit 3: an output (in either slot) longer than 2 bytes */
    uint8_t *bad = h->v2.badk;
    for (unsigned k = 0; k < 128; k++)
        bad[k] = (uint8_t)(h->v.bad[k] | (h->v.out[2][k] || h->v.out[2][h->v.remap[k]] ? 8 : 0) |
                           /* a slot beyond the 6 pieces vec2_run looks in */
                           (h->v.remap[k] >= 96 ? 2 : 0));
    piece_put(h->v2.bad, bad);
    piece_put(h->v2.xlo, h->v.xlo);
    piece_put(h->v2.xspan, h->v.xspan);
    piece_put(h->v2.clsl, h->v.clsl);
    piece_put(h->v2.clsa, h->v.clsa);
    piece_put(h->v2.remap, h->v.remap);
    for (int j = 0; j < 4; j++) {
        uint8_t d[128];
        for (unsigned k = 0; k < 128; k++)
            d[k] = h->v.out[j][h->v.remap[k]] ^ h->v.out[j][k];
        piece_put(h->v2.out[j], h->v.out[j]);
        piece_put(h->v2.dout[j], d);
    }
    for (unsigned m = 0; m < 256; m++) {
        unsigned n = 0;
        memset(h->v2.squeeze[m], 0x80, 8);
        for (unsigned j = 0; j < 8; j++)
            if (m >> j & 1) h->v2.squeeze[m][n++] = (uint8_t)j;
    }
    /* the union of the ranges that make a longer source (a letter with
     * none has 0 .. 0: a NUL after it takes the general path) */
    unsigned lo = 255, hi = 0;
    for (unsigned k = 0; k < 128; k++) {
        unsigned a = h->fast[k].xlo, b = a + h->fast[k].xspan;
        if (!a && !b) continue; /* no longer source: NUL, checked apart */
        if (a < lo) lo = a;
        if (b > hi) hi = b;
    }
    if (lo > hi) lo = hi = 0;
    h->xulo = (uint8_t)lo;
    h->xuspan = (uint8_t)(hi - lo);
}

static void prepare_vector(pisar_translit *h)
{
#ifdef TL_AVX512
    memset(&h->v, 0, sizeof h->v);
    __builtin_cpu_init();
    h->vec = pisar_cpu_limit() >= PISAR_CPU_AVX512 && __builtin_cpu_supports("avx512f") &&
             __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi") &&
             __builtin_cpu_supports("avx512vbmi2") && __builtin_cpu_supports("popcnt");
    int rows[128], nrows = 0;
    for (unsigned k = 0; k < 128; k++) {
        if (h->direct[k].len != 0xFF || h->ctx[k] < 0) continue;
        const uint8_t *row = h->ctxtab[h->ctx[k]];
        int allfe = 1;
        for (unsigned p = 0; p < 256 && allfe; p++)
            allfe = row[p] == 0xFE;
        if (!allfe) rows[nrows++] = h->ctx[k];
    }
    uint8_t cls[256];
    int rep[2] = {-1, -1};
    for (unsigned p = 0; p < 256; p++) {
        int f = 1;
        for (int r = 0; r < nrows && f; r++)
            f = h->ctxtab[rows[r]][p] == 0xFE;
        if (f) {
            cls[p] = 2;
            continue;
        }
        int c = -1;
        for (int s = 0; s < 2 && c < 0; s++) {
            if (rep[s] < 0) continue;
            int same = 1;
            for (int r = 0; r < nrows && same; r++)
                same = h->ctxtab[rows[r]][p] == h->ctxtab[rows[r]][rep[s]];
            if (same) c = s;
        }
        if (c < 0) {
            if (rep[0] < 0)
                rep[0] = (int)p, c = 0;
            else if (rep[1] < 0)
                rep[1] = (int)p, c = 1;
            else
                c = 2; /* a third kind: left to the general path */
        }
        cls[p] = (uint8_t)c;
    }
    for (unsigned b = 0; b < 128; b++) {
        h->v.clsa[b] = cls[b];
        h->v.abad[b] = !h->pass[b] || b == 0;
    }
    const tl_node *root = &h->t.nodes[0];
    for (unsigned b = 0xC2; b < 0xF5; b++)
        h->v.lpass[b - 0xC0] =
            !(b >= root->lo && b <= root->hi && h->t.trans[root->trans + b - root->lo]);
    const unsigned char *osrc[2][128] = {{NULL}};
    unsigned char owns[128][2];
    unsigned olen[2][128] = {{0}};
    for (unsigned k = 0; k < 128; k++) {
        h->v.clsl[k] = cls[128 + k];
        h->v.xlo[k] = h->fast[k].xlo;
        h->v.xspan[k] = h->fast[k].xspan;
        unsigned char *own = owns[k];
        own[0] = (unsigned char)(0xD0 | k >> 6);
        own[1] = (unsigned char)(0x80 | (k & 0x3F));
        const unsigned char *src[2] = {NULL, NULL};
        unsigned sl[2] = {0, 0};
        unsigned d = h->direct[k].len, bad = 0, ctx = 0;
        if (d < 0xFD) {
            src[0] = src[1] = h->direct[k].bytes;
            sl[0] = sl[1] = d;
        } else if (d == 0xFE) {
            src[0] = src[1] = own;
            sl[0] = sl[1] = 2;
        } else if (h->ctx[k] >= 0) {
            const uint8_t *row = h->ctxtab[h->ctx[k]];
            int allfe = 1;
            for (unsigned p = 0; p < 256 && allfe; p++)
                allfe = row[p] == 0xFE;
            ctx = !allfe;
            for (int s = 0; s < 2 && ctx; s++) {
                if (rep[s] < 0) {
                    bad |= 1u << s;
                    continue;
                }
                unsigned v = row[rep[s]];
                if (v == 0xFE) {
                    bad |= 1u << s;
                } else if (v == 0xFF) {
                    src[s] = own;
                    sl[s] = 2;
                } else {
                    src[s] = h->ctxout[v].bytes;
                    sl[s] = h->ctxout[v].len;
                }
            }
            if (!ctx) bad = 7;
        } else {
            bad = 7;
        }
        for (int s = 0; s < 2; s++) {
            if (bad & (1u << s)) continue;
            if (sl[s] > 4 || memchr(src[s], 0, sl[s])) {
                bad |= 1u << s;
                continue;
            }
            osrc[s][k] = src[s];
            olen[s][k] = sl[s];
        }
        /* a letter without context rules: the same in every class */
        if (!ctx && bad) bad = 7;
        if (ctx) bad |= 4;
        h->v.bad[k] = (uint8_t)bad;
    }
    /* the slots: class 0 (and class 1 without context rules) in slot k,
     * the class-1 output of a letter with context rules in a free slot */
    unsigned free_slot = 0;
    for (unsigned k = 0; k < 128; k++) {
        h->v.remap[k] = (uint8_t)k;
        if (!(h->v.bad[k] & 1))
            slot_put(h, k, osrc[0][k], olen[0][k]);
        else if (!(h->v.bad[k] & 2))
            slot_put(h, k, osrc[1][k], olen[1][k]);
    }
    for (unsigned k = 0; k < 128; k++) {
        if (!(h->v.bad[k] & 4) || (h->v.bad[k] & 3)) continue; /* not a context letter in both */
        while (free_slot < 128 && h->v.bad[free_slot] != 7)
            free_slot++;
        if (free_slot == 128) {
            h->v.bad[k] |= 2; /* no room: class 1 to the general path */
            continue;
        }
        h->v.remap[k] = (uint8_t)free_slot;
        slot_put(h, free_slot++, osrc[1][k], olen[1][k]);
    }
    prepare_vector2(h);
#else
    (void)h;
#endif
}

static int rule_holds(const tl_tables *t, const tl_rule *r, const unsigned char *in, size_t len,
                      size_t i, size_t j)
{
    if (!r->nalts) return 1;
    for (uint32_t a = 0; a < r->nalts; a++) {
        const tl_alt *alt = &t->alts[r->alt + a];
        int ok = 1;
        for (uint32_t k = 0; ok && k < alt->natoms; k++) {
            const tl_atom *at = &t->atoms[alt->atom + k];
            int v;
            uint32_t c;
            size_t p;
            switch (at->kind) {
            case TL_START:
                v = word_start(in, i);
                break;
            case TL_END:
                v = word_end(in, len, j);
                break;
            case TL_AFTER:
                p = i;
                v = prev_cp(in, &p, &c) && in_set(t->sets + at->set, at->nset, c);
                break;
            default:
                p = j;
                v = next_cp(in, len, &p, &c) && in_set(t->sets + at->set, at->nset, c);
                break;
            }
            ok = v != at->neg;
        }
        if (ok) return 1;
    }
    return 0;
}

/* Which of a rule's three outputs (lower, title, upper) the input asks for. */
static int pick_case(const tl_tables *t, const tl_rule *r, int srccase, const unsigned char *in,
                     size_t len, size_t i, size_t j)
{
    uint32_t c;
    size_t p;
    switch (srccase) {
    case TL_CASE_LOWER:
        return 0;
    case TL_CASE_TITLE:
        return 1;
    case TL_CASE_UPPER:
        return 2;
    case TL_CASE_ONE:
        /* "Щ" + lower -> "Shch"; "Щ" + upper -> "SHCH"; at a word's end the
         * letter before decides ("ТОВАРИЩ" -> "TOVARISHCH"). */
        if (r->len[1] == r->len[2] &&
            !memcmp(t->strings + r->out[1], t->strings + r->out[2], r->len[1]))
            return 1;
        p = j;
        if (next_cp(in, len, &p, &c) && is_letter(c)) {
            if (is_upper(c)) return 2;
            if (is_lower(c)) return 1;
        }
        p = i;
        if (prev_cp(in, &p, &c) && is_letter(c)) return is_upper(c) ? 2 : 1;
        /* A capital alone with an accent of its own ("Є́" -> "YÉ"): a
         * stressed letter cited by itself, in capitals like its mark. */
        if (j < len && tl_utf8_decode(in + j, len - j, &c) > 0 && is_mark(c)) return 2;
        return 1;
    default:
        /* No cased letter in the source (a prime sign read back as "ь"):
         * upper case inside an upper-case word. */
        p = i;
        if (!(prev_cp(in, &p, &c) && is_upper(c))) return 0;
        p = j;
        return next_cp(in, len, &p, &c) && is_lower(c) ? 0 : 2;
    }
}

/*
 * A two-letter source whose letters differ in case in a way one output case
 * cannot say ("зГ" -> "zGH", "зГин" -> "zGhyn", "ЗГин" -> "ZGhyn"): when the
 * first letter's own unconditional output is a prefix of the source's lower
 * output, the prefix takes the first letter's case and the rest the second
 * letter's (title case when a lower-case letter follows the source). Writes
 * at most best->len[0] bytes to dst and returns the length, or -1 when the
 * source is not such a case (ASCII outputs only: the letters' case maps are
 * then toupper).
 */
static int mixed_case_out(const tl_tables *t, const tl_rule *best, const unsigned char *in,
                          size_t len, size_t i, size_t end, char *dst)
{
    uint32_t c1, c2, cn;
    int l1 = tl_utf8_decode(in + i, end - i, &c1);
    if (l1 <= 0 || i + (size_t)l1 >= end) return -1;
    int l2 = tl_utf8_decode(in + i + l1, end - i - (size_t)l1, &c2);
    if (l2 <= 0 || i + (size_t)l1 + (size_t)l2 != end) return -1;
    int u1 = is_upper(c1), u2 = is_upper(c2);
    size_t p = end;
    int next_lower = next_cp(in, len, &p, &cn) && is_lower(cn);
    /* only the patterns the three precomputed outputs get wrong */
    if (!((!u1 && u2 && is_lower(c1)) || (u1 && u2 && next_lower))) return -1;
    /* the first letter's unconditional rule */
    uint32_t node = 0;
    for (int k = 0; k < l1; k++) {
        const tl_node *nd = &t->nodes[node];
        unsigned b = in[i + k];
        if (b < nd->lo || b > nd->hi || !t->trans[nd->trans + b - nd->lo]) return -1;
        node = t->trans[nd->trans + b - nd->lo];
    }
    const tl_node *nd = &t->nodes[node];
    const tl_rule *r1 = NULL;
    for (uint32_t r = 0; r < nd->nrules && !r1; r++)
        if (!t->rules[nd->rule + r].nalts) r1 = &t->rules[nd->rule + r];
    const char *lo = t->strings + best->out[0];
    size_t n = best->len[0];
    if (!r1 || !r1->len[0] || r1->len[0] >= n || memcmp(lo, t->strings + r1->out[0], r1->len[0]))
        return -1;
    for (size_t k = 0; k < n; k++)
        if ((unsigned char)lo[k] >= 0x80) return -1;
    size_t split = r1->len[0];
    for (size_t k = 0; k < n; k++) {
        char ch = lo[k];
        int up;
        if (k < split)
            up = u1;
        else
            up = u2 && (!next_lower || k == split);
        dst[k] = up && ch >= 'a' && ch <= 'z' ? (char)(ch - 32) : ch;
    }
    return (int)n;
}

/* The length of the run of ASCII bytes at in[0..n) that start no rule:
 * the plain loop (the reference) and a 16-bytes-a-step SSE2 scan. */
static size_t ascii_run_scalar(const pisar_translit *h, const unsigned char *in, size_t n)
{
    size_t k = 0;
    while (k < n && in[k] < 0x80 && !h->ascii_rule[in[k]])
        k++;
    return k;
}

static size_t ascii_run(const pisar_translit *h, const unsigned char *in, size_t n)
{
#if defined(__SSE2__)
    if (h->nascii <= 4) {
        size_t k = 0;
        __m128i r[4];
        for (int q = 0; q < 4; q++)
            r[q] = _mm_set1_epi8((char)(q < h->nascii ? h->ascii_bytes[q] : 0x80));
        while (k + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(in + k));
            __m128i hit =
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, r[0]), _mm_cmpeq_epi8(v, r[1])),
                             _mm_or_si128(_mm_cmpeq_epi8(v, r[2]), _mm_cmpeq_epi8(v, r[3])));
            /* high bit: a non-ASCII byte; hit: a byte that starts a rule */
            unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(v, hit));
            if (m) return k + (size_t)__builtin_ctz(m);
            k += 16;
        }
        return k + ascii_run_scalar(h, in + k, n - k);
    }
#endif
    return ascii_run_scalar(h, in, n);
}

size_t tl_ascii_run(const struct pisar_translit *h, const unsigned char *in, size_t n, int simd)
{
    return simd ? ascii_run(h, in, n) : ascii_run_scalar(h, in, n);
}

#ifdef TL_AVX512
/* The vector steps' way on after a stop at in[*i]: a character that starts
 * no source of h (its lead byte passes) is copied whole to *o. Returns 0 when
 * in[*i] is not valid UTF-8 (the step ends there: the general path says
 * why), else 1 (also when nothing was copied). */
static inline int copy_passing(const pisar_translit *h, const unsigned char *in, size_t len,
                               size_t *i, unsigned char **o)
{
    if (in[*i] < 0xC0 || !h->v.lpass[in[*i] - 0xC0]) return 1;
    uint32_t cp;
    int l = tl_utf8_decode(in + *i, len - *i, &cp);
    if (l <= 0) return 0;
    memcpy(*o, in + *i, (size_t)l);
    *o += l;
    *i += (size_t)l;
    return 1;
}

/*
 * The AVX-512 path: 64 bytes of input at a step, every character at once.
 * Each byte is classed (ASCII, lead D0/D1 of a letter, its continuation,
 * anything else); the first character that this path cannot take (another
 * UTF-8 sequence, an ASCII byte that starts a rule, a letter with no direct
 * output, whose next byte could make a longer source, or whose context
 * cannot be told from the class of the character before) ends the step,
 * and apply() takes it through the general path. A letter's output (at most
 * 4 bytes) comes from 128-byte tables, by slot (its own, or for the class-1
 * output of a letter with context rules, the slot remap[k]): bytes 0 and 1
 * at the position of its lead byte, 2 and 3 at its continuation byte; an
 * ASCII byte stands for itself. The two bytes of every position are put
 * side by side, 32 positions in a vector, and the zero bytes (short
 * outputs, positions past the stop) squeezed out by a compress. A
 * character that starts no source (no transition from the trie's root for
 * its lead byte) met after some progress is copied as the general path
 * would copy it, after the same UTF-8 check. Runs from in[i] while i <= lim
 * (the caller makes in[i - 2 .. i + 65] readable and room at *op for 2
 * bytes a byte of input plus 256); returns the offset where it stopped.
 */
__attribute__((target("avx512f,avx512bw,avx512vbmi,avx512vbmi2,popcnt"))) static size_t
vec_run(const pisar_translit *h, const unsigned char *in, size_t len, size_t i, size_t lim,
        unsigned char **op)
{
    unsigned char *o = *op;
#define LD(a) _mm512_loadu_si512((const void *)(a))
    const __m512i t0a = LD(h->v.out[0]), t0b = LD(h->v.out[0] + 64);
    const __m512i t1a = LD(h->v.out[1]), t1b = LD(h->v.out[1] + 64);
    const __m512i t2a = LD(h->v.out[2]), t2b = LD(h->v.out[2] + 64);
    const __m512i t3a = LD(h->v.out[3]), t3b = LD(h->v.out[3] + 64);
    const __m512i rma = LD(h->v.remap), rmb = LD(h->v.remap + 64);
    const __m512i bada = LD(h->v.bad), badb = LD(h->v.bad + 64);
    const __m512i xloa = LD(h->v.xlo), xlob = LD(h->v.xlo + 64);
    const __m512i xspa = LD(h->v.xspan), xspb = LD(h->v.xspan + 64);
    const __m512i clla = LD(h->v.clsl), cllb = LD(h->v.clsl + 64);
    const __m512i claa = LD(h->v.clsa), clab = LD(h->v.clsa + 64);
    const __m512i abda = LD(h->v.abad), abdb = LD(h->v.abad + 64);
    const __m512i kc0 = _mm512_set1_epi8((char)0xC0), k80 = _mm512_set1_epi8((char)0x80),
                  kfe = _mm512_set1_epi8((char)0xFE), kd0 = _mm512_set1_epi8((char)0xD0),
                  k01 = _mm512_set1_epi8(1), k3f = _mm512_set1_epi8(0x3F),
                  k02 = _mm512_set1_epi8(2);
    /* class 0, 1, 2 -> bit 1, 2, 4 (vpermb looks at the low 6 bits) */
    const __m512i bits = _mm512_set_epi32(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x040201);
    /* half g, lanes 2q and 2q + 1: bytes A and B of position 32g + q */
    static const unsigned char px[2][64] = {
#define Q(q) q, 64 + q
#define H(g)                                                                                       \
    {                                                                                              \
        Q(32 * g + 0),  Q(32 * g + 1),  Q(32 * g + 2),  Q(32 * g + 3),  Q(32 * g + 4),             \
        Q(32 * g + 5),  Q(32 * g + 6),  Q(32 * g + 7),  Q(32 * g + 8),  Q(32 * g + 9),             \
        Q(32 * g + 10), Q(32 * g + 11), Q(32 * g + 12), Q(32 * g + 13), Q(32 * g + 14),            \
        Q(32 * g + 15), Q(32 * g + 16), Q(32 * g + 17), Q(32 * g + 18), Q(32 * g + 19),            \
        Q(32 * g + 20), Q(32 * g + 21), Q(32 * g + 22), Q(32 * g + 23), Q(32 * g + 24),            \
        Q(32 * g + 25), Q(32 * g + 26), Q(32 * g + 27), Q(32 * g + 28), Q(32 * g + 29),            \
        Q(32 * g + 30), Q(32 * g + 31)}
        H(0), H(1)
#undef H
#undef Q
    };
    const __m512i pidx0 = LD(px[0]), pidx1 = LD(px[1]);
#undef LD
    while (i <= lim) {
        const unsigned char *p = in + i;
        __m512i vm2 = _mm512_loadu_si512((const void *)(p - 2)),
                vm1 = _mm512_loadu_si512((const void *)(p - 1)),
                v0 = _mm512_loadu_si512((const void *)p),
                v1 = _mm512_loadu_si512((const void *)(p + 1)),
                v2 = _mm512_loadu_si512((const void *)(p + 2));
        __mmask64 ascii = ~_mm512_movepi8_mask(v0);
        /* ASCII bytes that start a rule */
        __m512i ab = _mm512_permutex2var_epi8(abda, v0, abdb);
        __mmask64 abad = ascii & _mm512_test_epi8_mask(ab, ab);
        if (!~ascii && !abad) { /* 64 bytes of ASCII that pass */
            _mm512_storeu_si512((void *)o, v0);
            o += 64;
            i += 64;
            continue;
        }
        __mmask64 cont = _mm512_cmpeq_epi8_mask(_mm512_and_si512(v0, kc0), k80);
        __mmask64 lead = _mm512_cmpeq_epi8_mask(_mm512_and_si512(v0, kfe), kd0);
        __mmask64 ncont = _mm512_cmpeq_epi8_mask(_mm512_and_si512(v1, kc0), k80);
        __mmask64 start = ~(cont & (lead << 1)); /* in[i] starts a character */
        __mmask64 letter = lead & ncont;
        __mmask64 bad = (~ascii & ~letter) | abad;
        /* letters: k, and what the tables say of them */
        __m512i kk = _mm512_or_si512(_mm512_slli_epi16(_mm512_and_si512(v0, k01), 6),
                                     _mm512_and_si512(v1, k3f));
        __m512i lb = _mm512_permutex2var_epi8(bada, kk, badb);
        __m512i xl = _mm512_permutex2var_epi8(xloa, kk, xlob);
        __m512i xs = _mm512_permutex2var_epi8(xspa, kk, xspb);
        bad |= letter & _mm512_cmple_epu8_mask(_mm512_sub_epi8(v2, xl), xs);
        /* the class of the character before */
        __mmask64 pascii = ~_mm512_movepi8_mask(vm1);
        __mmask64 ptail = _mm512_cmpeq_epi8_mask(_mm512_and_si512(vm1, kc0), k80) &
                          _mm512_cmpeq_epi8_mask(_mm512_and_si512(vm2, kfe), kd0);
        __m512i kp = _mm512_or_si512(_mm512_slli_epi16(_mm512_and_si512(vm2, k01), 6),
                                     _mm512_and_si512(vm1, k3f));
        __m512i cls = _mm512_mask_blend_epi8(ptail, k02, _mm512_permutex2var_epi8(clla, kp, cllb));
        cls = _mm512_mask_blend_epi8(pascii, cls, _mm512_permutex2var_epi8(claa, vm1, clab));
        bad |= letter & _mm512_test_epi8_mask(lb, _mm512_permutexvar_epi8(cls, bits));
        bad &= start;
        unsigned n = bad ? (unsigned)__builtin_ctzll(bad) : 64;
        /* a letter at 63 is left to the next step: its continuation byte,
         * where its bytes 2 and 3 go, is beyond this one */
        if (n == 64 && (letter >> 63)) n = 63;
        if (!n) break; /* (progress, then a character to copy: below) */
        __mmask64 valid = n == 64 ? ~0ull : (1ull << n) - 1;
        __mmask64 eml = letter & valid, emt = eml << 1, em = eml | emt;
        __mmask64 c1 = _mm512_mask_cmpeq_epi8_mask(eml, cls, k01);
        /* the slot of each letter, at its lead and at its continuation */
        __m512i kt = _mm512_or_si512(_mm512_slli_epi16(_mm512_and_si512(vm1, k01), 6),
                                     _mm512_and_si512(v0, k3f));
        __m512i slot = _mm512_mask_blend_epi8(emt, kk, kt);
        slot = _mm512_mask2_permutex2var_epi8(rma, slot, c1 | (c1 << 1), rmb);
        __m512i a = _mm512_mask_blend_epi8(emt, _mm512_permutex2var_epi8(t0a, slot, t0b),
                                           _mm512_permutex2var_epi8(t2a, slot, t2b));
        __m512i b = _mm512_mask_blend_epi8(emt, _mm512_permutex2var_epi8(t1a, slot, t1b),
                                           _mm512_permutex2var_epi8(t3a, slot, t3b));
        a = _mm512_mask_mov_epi8(_mm512_maskz_mov_epi8(em, a), ascii & valid, v0);
        b = _mm512_maskz_mov_epi8(em, b);
        __m512i w = _mm512_permutex2var_epi8(a, pidx0, b);
        __mmask64 m = _mm512_test_epi8_mask(w, w);
        _mm512_storeu_si512((void *)o, _mm512_maskz_compress_epi8(m, w));
        o += __builtin_popcountll(m);
        if (n > 32) {
            w = _mm512_permutex2var_epi8(a, pidx1, b);
            m = _mm512_test_epi8_mask(w, w);
            _mm512_storeu_si512((void *)o, _mm512_maskz_compress_epi8(m, w));
            o += __builtin_popcountll(m);
        }
        i += n;
        /* a character that starts no source (« », a dash, an accented
         * Latin letter) after some progress: copied, and on */
        if (n < 64 && !copy_passing(h, in, len, &i, &o)) break;
    }
    *op = o;
    return i;
}

/*
 * The AVX2 path: vec_run's step on 32 bytes, for processors without
 * AVX-512 VBMI2, with the same stops and the same output. A lookup in a
 * 128-byte table is 6 vpshufb (letters U+0400..U+045F; one above ends the
 * step), one per piece of 16 bytes (v2), each given
 * the index less 16q (l2_prep): its top bit, which makes vpshufb give 0,
 * is clear for the pieces up to the index's own, and the pieces are
 * stored as differences (piece_put), so that their XOR is the entry;
 * the squeeze of zero bytes is 8 bytes at a time by a table of vpshufb
 * indices. Runs from in[i] while i <= lim (in[i - 2 .. i + 33] readable,
 * room at *op for 2 bytes a byte of input plus 256); returns the offset
 * where it stopped.
 */
/* Letters U+0400..U+045F (k < 96: every letter of the modern Cyrillic
 * alphabets) are looked up, in 6 pieces; a letter above is left to the
 * general path. */
#define L2_PIECES 6
__attribute__((target("avx2,popcnt"))) static inline void l2_prep(__m256i idx, __m256i x[8])
{
    idx = _mm256_and_si256(idx, _mm256_set1_epi8(0x7F));
    for (int q = 0; q < L2_PIECES; q++)
        x[q] = _mm256_sub_epi8(idx, _mm256_set1_epi8((char)(16 * q)));
}

__attribute__((target("avx2,popcnt"))) static inline __m256i l2_look(const uint8_t t[8][32],
                                                                     const __m256i x[8])
{
    __m256i r[L2_PIECES];
    for (int q = 0; q < L2_PIECES; q++)
        r[q] = _mm256_shuffle_epi8(_mm256_loadu_si256((const __m256i *)(const void *)t[q]), x[q]);
    /* a tree, not a chain */
    return _mm256_xor_si256(_mm256_xor_si256(_mm256_xor_si256(r[0], r[1]), r[2]),
                            _mm256_xor_si256(_mm256_xor_si256(r[3], r[4]), r[5]));
}

/* the same in all 8 pieces (an index 0..127) */
__attribute__((target("avx2,popcnt"))) static inline __m256i l2_look8(const uint8_t t[8][32],
                                                                      __m256i idx)
{
    idx = _mm256_and_si256(idx, _mm256_set1_epi8(0x7F));
    __m256i r[8];
    for (int q = 0; q < 8; q++)
        r[q] = _mm256_shuffle_epi8(_mm256_loadu_si256((const __m256i *)(const void *)t[q]),
                                   _mm256_sub_epi8(idx, _mm256_set1_epi8((char)(16 * q))));
    return _mm256_xor_si256(
        _mm256_xor_si256(_mm256_xor_si256(r[0], r[1]), _mm256_xor_si256(r[2], r[3])),
        _mm256_xor_si256(_mm256_xor_si256(r[4], r[5]), _mm256_xor_si256(r[6], r[7])));
}

/* the 32-bit mask m as bytes 0xFF (bit set) and 0 */
__attribute__((target("avx2,popcnt"))) static inline __m256i l2_bytes(uint32_t m)
{
    const __m256i sel = _mm256_set1_epi64x((long long)0x8040201008040201ull);
    const __m256i spread = _mm256_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2,
                                            2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3);
    __m256i v = _mm256_shuffle_epi8(_mm256_set1_epi32((int)m), spread);
    return _mm256_cmpeq_epi8(_mm256_and_si256(v, sel), sel);
}

/* m's bytes (each 0 or 0xFF) ? yes : no. Not _mm256_blendv_epi8: GCC 12
 * folds that into a compare of m's bytes with 0 as char, always false under
 * -funsigned-char (src/decode.c says the same of its path). */
__attribute__((target("avx2,popcnt"))) static inline __m256i l2_pick(__m256i m, __m256i yes,
                                                                     __m256i no)
{
    return _mm256_or_si256(_mm256_and_si256(m, yes), _mm256_andnot_si256(m, no));
}

/* a 32-bit mask of the bytes of x: their top bits / which are nonzero */
#define MASK(x) ((uint32_t)_mm256_movemask_epi8(x))
#define NZ(x) (~MASK(_mm256_cmpeq_epi8((x), _mm256_setzero_si256())))

__attribute__((target("avx2,popcnt"))) static void squeeze16(const pisar_translit *h, __m128i w,
                                                             unsigned char **op)
{
    unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w, _mm_setzero_si128())) ^ 0xFFFFu;
    unsigned char *o = *op;
    __m128i lo = _mm_shuffle_epi8(
        w, _mm_loadl_epi64((const __m128i *)(const void *)h->v2.squeeze[m & 0xFF]));
    _mm_storel_epi64((__m128i *)(void *)o, lo);
    o += __builtin_popcount(m & 0xFF);
    __m128i hi =
        _mm_shuffle_epi8(_mm_srli_si128(w, 8),
                         _mm_loadl_epi64((const __m128i *)(const void *)h->v2.squeeze[m >> 8]));
    _mm_storel_epi64((__m128i *)(void *)o, hi);
    o += __builtin_popcount(m >> 8);
    *op = o;
}

__attribute__((target("avx2,popcnt"))) static size_t vec2_run(const pisar_translit *h,
                                                              const unsigned char *in, size_t len,
                                                              size_t i, size_t lim,
                                                              unsigned char **op)
{
    unsigned char *o = *op;
    const __m256i kc0 = _mm256_set1_epi8((char)0xC0), k80 = _mm256_set1_epi8((char)0x80),
                  kfe = _mm256_set1_epi8((char)0xFE), kd0 = _mm256_set1_epi8((char)0xD0),
                  k01 = _mm256_set1_epi8(1), k3f = _mm256_set1_epi8(0x3F),
                  zero = _mm256_setzero_si256();
    __m256i r[4];
    for (int q = 0; q < 4; q++)
        r[q] = _mm256_set1_epi8((char)(q < h->nascii ? h->ascii_bytes[q] : 0x80));
    const __m256i xul = _mm256_set1_epi8((char)h->xulo), xus = _mm256_set1_epi8((char)h->xuspan);
    __m256i x[8];
    while (i <= lim) {
        const unsigned char *p = in + i;
#define LD(a) _mm256_loadu_si256((const __m256i *)(const void *)(a))
        __m256i v0 = LD(p);
        uint32_t ascii = ~MASK(v0);
        /* ASCII bytes that start a rule, and NUL */
        __m256i hit = _mm256_or_si256(
            _mm256_or_si256(_mm256_cmpeq_epi8(v0, r[0]), _mm256_cmpeq_epi8(v0, r[1])),
            _mm256_or_si256(
                _mm256_or_si256(_mm256_cmpeq_epi8(v0, r[2]), _mm256_cmpeq_epi8(v0, r[3])),
                _mm256_cmpeq_epi8(v0, zero)));
        uint32_t abad = ascii & MASK(hit);
        if (!~ascii && !abad) { /* 32 bytes of ASCII that pass */
            _mm256_storeu_si256((__m256i *)(void *)o, v0);
            o += 32;
            i += 32;
            continue;
        }
        __m256i v1 = LD(p + 1), v2 = LD(p + 2);
#undef LD
        uint32_t cont = MASK(_mm256_cmpeq_epi8(_mm256_and_si256(v0, kc0), k80));
        uint32_t lead = MASK(_mm256_cmpeq_epi8(_mm256_and_si256(v0, kfe), kd0));
        uint32_t ncont = MASK(_mm256_cmpeq_epi8(_mm256_and_si256(v1, kc0), k80));
        uint32_t start = ~(cont & (lead << 1));
        uint32_t letter = lead & ncont;
        uint32_t bad = (~ascii & ~letter) | abad;
        /* letters: k, and what the tables say of them */
        __m256i kk = _mm256_or_si256(_mm256_slli_epi16(_mm256_and_si256(v0, k01), 6),
                                     _mm256_and_si256(v1, k3f));
        l2_prep(kk, x);
        __m256i lb = l2_look(h->v2.bad, x);
        bad |= letter & MASK(_mm256_cmpgt_epi8(kk, _mm256_set1_epi8(16 * L2_PIECES - 1)));
        /* the next byte could make a longer source: the union first */
        __m256i d = _mm256_sub_epi8(v2, xul);
        uint32_t nx = MASK(_mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(d, xus), d),
                                           _mm256_cmpeq_epi8(v2, zero)));
        if (letter & nx) {
            __m256i xl = l2_look(h->v2.xlo, x), xs = l2_look(h->v2.xspan, x);
            __m256i e = _mm256_sub_epi8(v2, xl);
            bad |= letter & MASK(_mm256_cmpeq_epi8(_mm256_min_epu8(e, xs), e));
        }
        /* letters with context rules (bad in class 2 alone, or in 2 and
         * one other) need the class of the character before; the others
         * are bad in every class or in none */
        __m256i lb3 = _mm256_and_si256(lb, _mm256_set1_epi8(3));
        uint32_t ctxm = letter &
                        MASK(_mm256_cmpeq_epi8(_mm256_and_si256(lb, _mm256_set1_epi8(4)),
                                               _mm256_set1_epi8(4))) &
                        ~MASK(_mm256_cmpeq_epi8(lb3, _mm256_set1_epi8(3)));
        /* the class of the character before, for them: of an ASCII byte
         * (8 pieces), of a letter (6: one above U+045F takes the general
         * path), 2 for anything else */
        uint32_t c1m = 0;
        bad |= letter & ~ctxm & NZ(_mm256_and_si256(lb, k01));
        if (ctxm) {
            __m256i vm2 = _mm256_loadu_si256((const __m256i *)(const void *)(p - 2)),
                    vm1 = _mm256_loadu_si256((const __m256i *)(const void *)(p - 1));
            __m256i ptail = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_and_si256(vm1, kc0), k80),
                                             _mm256_cmpeq_epi8(_mm256_and_si256(vm2, kfe), kd0));
            __m256i kp = _mm256_or_si256(_mm256_slli_epi16(_mm256_and_si256(vm2, k01), 6),
                                         _mm256_and_si256(vm1, k3f));
            __m256i y[8];
            l2_prep(kp, y);
            __m256i cls = l2_pick(ptail, l2_look(h->v2.clsl, y), _mm256_set1_epi8(2));
            cls = l2_pick(_mm256_cmpgt_epi8(vm1, _mm256_set1_epi8(-1)), l2_look8(h->v2.clsa, vm1),
                          cls);
            const __m256i bits = _mm256_setr_epi8(1, 2, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
                                                  2, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            bad |= ctxm & NZ(_mm256_and_si256(lb, _mm256_shuffle_epi8(bits, cls)));
            bad |= ctxm & MASK(_mm256_and_si256(
                              ptail, _mm256_cmpgt_epi8(kp, _mm256_set1_epi8(16 * L2_PIECES - 1))));
            c1m = ctxm & MASK(_mm256_cmpeq_epi8(cls, k01));
        }
        bad &= start;
        unsigned n = bad ? (unsigned)__builtin_ctz(bad) : 32;
        /* a letter at 31 is left to the next step (its continuation byte
         * is beyond this one) */
        if (n == 32 && (letter >> 31)) n = 31;
        if (!n) break;
        uint32_t valid = n == 32 ? ~0u : (1u << n) - 1;
        uint32_t eml = letter & valid, emt = eml << 1;
        /* the class-1 output of a letter with context rules is in the
         * slot remap[k]; the others in slot k */
        uint32_t c1 = eml & c1m;
        /* bytes 0 and 1 of each output at its letter's lead byte, bytes 2
         * and 3 (outputs longer than 2 bytes: bit 3 of bad) at its
         * continuation byte, one position on */
        __m256i emlv = l2_bytes(eml);
        __m256i a = l2_look(h->v2.out[0], x), b = l2_look(h->v2.out[1], x);
        __m256i c1v = _mm256_setzero_si256();
        if (c1) {
            c1v = l2_bytes(c1);
            a = _mm256_xor_si256(a, _mm256_and_si256(l2_look(h->v2.dout[0], x), c1v));
            b = _mm256_xor_si256(b, _mm256_and_si256(l2_look(h->v2.dout[1], x), c1v));
        }
        a = _mm256_and_si256(a, emlv);
        b = _mm256_and_si256(b, emlv);
        if (eml & MASK(_mm256_cmpeq_epi8(_mm256_and_si256(lb, _mm256_set1_epi8(8)),
                                         _mm256_set1_epi8(8)))) {
            __m256i a2 = l2_look(h->v2.out[2], x), b2 = l2_look(h->v2.out[3], x);
            if (c1) {
                a2 = _mm256_xor_si256(a2, _mm256_and_si256(l2_look(h->v2.dout[2], x), c1v));
                b2 = _mm256_xor_si256(b2, _mm256_and_si256(l2_look(h->v2.dout[3], x), c1v));
            }
            a2 = _mm256_and_si256(a2, emlv);
            b2 = _mm256_and_si256(b2, emlv);
            /* one position on: y[j] = x[j - 1], across the lanes */
            a2 = _mm256_alignr_epi8(a2, _mm256_permute2x128_si256(a2, a2, 0x08), 15);
            b2 = _mm256_alignr_epi8(b2, _mm256_permute2x128_si256(b2, b2, 0x08), 15);
            a = _mm256_or_si256(a, a2);
            b = _mm256_or_si256(b, b2);
        }
        a = l2_pick(l2_bytes(ascii & valid), v0, a);
        (void)emt;
        /* side by side: positions 0-7, 8-15 (lane 0), 16-23, 24-31 (lane 1) */
        __m256i w0 = _mm256_unpacklo_epi8(a, b), w1 = _mm256_unpackhi_epi8(a, b);
        squeeze16(h, _mm256_castsi256_si128(w0), &o);
        squeeze16(h, _mm256_castsi256_si128(w1), &o);
        if (n > 16) {
            squeeze16(h, _mm256_extracti128_si256(w0, 1), &o);
            squeeze16(h, _mm256_extracti128_si256(w1, 1), &o);
        }
        i += n;
        /* a character that starts no source after some progress: copied */
        if (n < 32 && !copy_passing(h, in, len, &i, &o)) break;
    }
    *op = o;
    return i;
}
#undef MASK
#undef NZ
#endif

static int apply(const pisar_translit *h, const char *text, size_t len, pisar_buf *out,
                 pisar_error *err, int fast)
{
    if (!h || !out || (!text && len)) return PISAR_EINVAL;
    const unsigned char *in = (const unsigned char *)text;
    const tl_tables *t = &h->t;
    const tl_node *nodes = t->nodes;
    const uint32_t *trans = t->trans;
    size_t start_len = out->len;
    int rc = pisar_buf_reserve(out, len + len / 2 + 64);
    if (rc) return rc;
    /* Output is written through o/oend; room() grows the buffer. */
    char *o = out->data + out->len, *oend = out->data + out->cap - 1;
#define ROOM(n)                                                                                    \
    do {                                                                                           \
        if ((size_t)(oend - o) < (size_t)(n)) {                                                    \
            out->len = (size_t)(o - out->data);                                                    \
            if ((rc = pisar_buf_reserve(out, (size_t)(n) + (len - i) + 64))) goto fail;            \
            o = out->data + out->len;                                                              \
            oend = out->data + out->cap - 1;                                                       \
        }                                                                                          \
    } while (0)
    const char *strings = t->strings;
    size_t i = 0;
#ifdef TL_AVX512
    /* The vector path from vec_from on. Each stop costs it 32 bytes of
     * credit, each byte it takes earns one (up to 256); out of credit (text
     * of other scripts: a stop every few bytes), it is left alone for the
     * next 256 bytes, twice as many each time it runs out again before it
     * has earned full credit (up to 64 KiB). */
    int vk = fast == 2 && h->vec ? 2 : fast >= 2 && h->vec2 ? 1 : 0; /* 2 AVX-512, 1 AVX2 */
    size_t vec_from = vk ? 2 : SIZE_MAX, vec_skip = 256;
    long vec_credit = 0;
#endif
    while (i < len) {
#ifdef TL_AVX512
        if (i >= vec_from && len - i >= 66) {
            size_t lim = len - 66 - i > 4096 ? i + 4096 : len - 66;
            ROOM(2 * (lim - i) + 512);
            unsigned char *uo = (unsigned char *)o;
            size_t from = i;
            i = vk == 2 ? vec_run(h, in, len, i, lim, &uo) : vec2_run(h, in, len, i, lim, &uo);
            o = (char *)uo;
            if (i <= lim) {
                /* stopped at a character for the general path */
                vec_credit += (long)(i - from) - 32;
                if (vec_credit >= 256) {
                    vec_credit = 256;
                    vec_skip = 256;
                }
                if (vec_credit < -64) {
                    vec_from = i + vec_skip;
                    vec_credit = 0;
                    if (vec_skip < 65536) vec_skip *= 2;
                }
                goto general;
            }
            continue;
        }
#endif
        if (fast) {
            /* The common case without bounds checks on the output: ASCII
             * that starts no rule, and letters with a direct output (at most
             * 8 bytes for 2 input bytes), in blocks of 4 KiB of input. */
            /* blk_end <= len - 2: in[i + 1] and in[i + 2] can be read */
            size_t blk_end = len - i > 4098 ? i + 4096 : len - i > 2 ? len - 2 : i;
#ifdef TL_AVX512
            if (vec_from > i && vec_from < blk_end) blk_end = vec_from;
#endif
            ROOM(4 * (blk_end - i) + 16);
            while (i < blk_end) {
                unsigned c = in[i], c1 = in[i + 1];
                if ((c & 0xFE) == 0xD0 && (c1 & 0xC0) == 0x80) {
                    unsigned k = (c & 1) << 6 | (c1 & 0x3F);
                    unsigned dl = h->fast[k].len;
                    /* the next byte could make a longer source */
                    if ((uint8_t)(in[i + 2] - h->fast[k].xlo) <= h->fast[k].xspan) break;
                    if (dl >= 0xFD) {
                        /* a letter whose rules look only at the character
                         * before (е after a vowel): its look-behind table */
                        int ci = h->ctx[k];
                        if (dl != 0xFF || ci < 0 || i == 0) break;
                        unsigned p = in[i - 1], v = 0xFE;
                        if (p < 0x80)
                            v = h->ctxtab[ci][p];
                        else if (i >= 2 && (in[i - 2] & 0xFE) == 0xD0 && (p & 0xC0) == 0x80)
                            v = h->ctxtab[ci][128 + ((in[i - 2] & 1u) << 6 | (p & 0x3F))];
                        if (v >= 0xFE) break;
                        memcpy(o, h->ctxout[v].bytes, 8);
                        o += h->ctxout[v].len;
                        i += 2;
                        continue;
                    }
                    memcpy(o, h->fast[k].bytes, 8);
                    o += dl;
                    i += 2;
                    continue;
                }
                if (!h->pass[c]) break;
                /* short runs (the space between two words) byte by byte; a
                 * run longer than 16 bytes by the vector scan */
                size_t k = i + 1, lim = blk_end - i > 16 ? i + 16 : blk_end;
                *o++ = (char)c;
                while (k < lim && h->pass[in[k]])
                    *o++ = (char)in[k++];
                if (k == lim && k < blk_end) {
                    size_t run = ascii_run(h, in + k, blk_end - k);
                    memcpy(o, in + k, run);
                    o += run;
                    k += run;
                }
                i = k;
            }
            if (i >= len) break;
#ifdef TL_AVX512
            if (i >= vec_from && len - i >= 66) continue;
#endif
        }
#ifdef TL_AVX512
    general:;
#endif
        unsigned c0 = in[i];
        if (c0 < 0x80) {
            size_t run = i;
            while (i < len && in[i] < 0x80 && !h->ascii_rule[in[i]])
                i++;
            if (i > run) {
                ROOM(i - run);
                memcpy(o, in + run, i - run);
                o += i - run;
                continue;
            }
        } else if (fast && (c0 == 0xD0 || c0 == 0xD1) && i + 1 < len &&
                   (in[i + 1] & 0xC0) == 0x80) {
            unsigned k = (c0 & 1) << 6 | (in[i + 1] & 0x3F);
            unsigned dl = h->direct[k].len;
            if (i + 2 < len && in[i + 2] >= h->xlo[k] && in[i + 2] <= h->xhi[k]) dl = 0xFD;
            if (dl < 0xFD) {
                /* copy all 8 bytes (fixed size: no call), advance by the length */
                ROOM(8);
                memcpy(o, h->direct[k].bytes, 8);
                o += dl;
                i += 2;
                continue;
            }
            int ci = h->ctx[k];
            if (ci >= 0 && i > 0 && dl != 0xFD) {
                unsigned p = in[i - 1], v = 0xFE;
                if (p < 0x80)
                    v = h->ctxtab[ci][p];
                else if (i >= 2 && (in[i - 2] == 0xD0 || in[i - 2] == 0xD1) && (p & 0xC0) == 0x80)
                    v = h->ctxtab[ci][128 + ((in[i - 2] & 1u) << 6 | (p & 0x3F))];
                if (v < 0xFE) {
                    ROOM(8);
                    memcpy(o, h->ctxout[v].bytes, 8);
                    o += h->ctxout[v].len;
                    i += 2;
                    continue;
                }
            }
            if (dl == 0xFE) {
                ROOM(2);
                o[0] = (char)in[i];
                o[1] = (char)in[i + 1];
                o += 2;
                i += 2;
                continue;
            }
        }
        size_t n = 1;
        if (in[i] >= 0x80) {
            uint32_t c;
            int l = tl_utf8_decode(in + i, len - i, &c);
            if (l <= 0) {
                rc = l < 0 ? PISAR_ETRUNC : PISAR_EILSEQ;
                if (err) {
                    memset(err, 0, sizeof *err);
                    err->offset = i;
                    size_t nb = len - i < 4 ? len - i : 4;
                    memcpy(err->bytes, in + i, nb);
                    err->nbytes = nb;
                    snprintf(err->message, sizeof err->message, "%s at byte offset %zu",
                             l < 0 ? "truncated UTF-8 sequence" : "invalid UTF-8", i);
                }
                goto fail;
            }
            n = (size_t)l;
        }
        /* Longest match whose context holds. */
        uint32_t node = 0;
        const tl_rule *best = NULL;
        int best_case = 0;
        size_t best_end = i;
        for (size_t j = i; j < len;) {
            const tl_node *nd = &nodes[node];
            unsigned b = in[j];
            if (b < nd->lo || b > nd->hi) break;
            uint32_t child = trans[nd->trans + b - nd->lo];
            if (!child) break;
            node = child;
            j++;
            nd = &nodes[node];
            for (uint32_t r = 0; r < nd->nrules; r++) {
                const tl_rule *rule = &t->rules[nd->rule + r];
                if (rule_holds(t, rule, in, len, i, j)) {
                    best = rule;
                    best_case = nd->srccase;
                    best_end = j;
                    break;
                }
            }
        }
        if (!best) {
            ROOM(n);
            memcpy(o, in + i, n);
            o += n;
            i += n;
            continue;
        }
        if (best_end - i > 2 && (best_case == TL_CASE_LOWER || best_case == TL_CASE_UPPER)) {
            ROOM(best->len[0]);
            int m = mixed_case_out(t, best, in, len, i, best_end, o);
            if (m >= 0) {
                o += m;
                i = best_end;
                continue;
            }
        }
        int which = pick_case(t, best, best_case, in, len, i, best_end);
        ROOM(best->len[which]);
        memcpy(o, strings + best->out[which], best->len[which]);
        o += best->len[which];
        i = best_end;
    }
#undef ROOM
    out->len = (size_t)(o - out->data);
    if (out->data) out->data[out->len] = '\0';
    return PISAR_OK;
fail:
    out->len = start_len;
    if (out->data) out->data[out->len] = '\0';
    return rc;
}

int pisar_translit_apply_with_errors(const pisar_translit *h, const char *text, size_t len,
                                     pisar_buf *out, pisar_error *err)
{
    return apply(h, text, len, out, err, 2);
}

int tl_apply_reference(const pisar_translit *h, const char *text, size_t len, pisar_buf *out)
{
    return apply(h, text, len, out, NULL, 0);
}

int tl_apply_mode(const pisar_translit *h, const char *text, size_t len, pisar_buf *out, int mode)
{
    return apply(h, text, len, out, NULL, mode < 0 ? 0 : mode > 3 ? 3 : mode);
}

int tl_vector_available(const pisar_translit *h)
{
#ifdef TL_AVX512
    return !h ? 0 : h->vec ? 2 : h->vec2 ? 1 : 0;
#else
    (void)h;
    return 0;
#endif
}

int pisar_translit_apply(const pisar_translit *t, const char *in, size_t len, pisar_buf *out)
{
    return pisar_translit_apply_with_errors(t, in, len, out, NULL);
}
