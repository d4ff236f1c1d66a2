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

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

typedef struct tl_builtin {
    pisar_scheme_info info;
    tl_tables fwd, rev;
    const char *text; /* the scheme file, for @include in user files */
    size_t textlen;
} tl_builtin;

#include "translit_tables.h" /* generated: tl_builtins[], TL_NBUILTINS */

struct pisar_translit {
    tl_tables t;
    int owned;              /* t's arrays are heap-allocated */
    uint8_t ascii_rule[128]; /* 1 when an ASCII byte may start a source */
    pisar_scheme_info info;
    char *infostr;          /* owns the strings of info for loaded schemes */
};

/* ---- scheme list ---- */

size_t pisar_translit_scheme_count(void) { return TL_NBUILTINS; }

const pisar_scheme_info *pisar_translit_scheme(size_t i)
{
    return i < TL_NBUILTINS ? &tl_builtins[i].info : NULL;
}

const char *pisar_translit_default_scheme(const char *language)
{
    static const char *const map[][2] = {
        {"ru", "ru-bgn"}, {"uk", "uk-national"}, {"be", "be-national"},
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

static pisar_translit *new_handle(const tl_tables *t)
{
    pisar_translit *h = calloc(1, sizeof *h);
    if (!h) return NULL;
    h->t = *t;
    const tl_node *root = &t->nodes[0];
    for (unsigned b = 0; b < 128; b++)
        h->ascii_rule[b] = b >= root->lo && b <= root->hi && t->trans[root->trans + b - root->lo];
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
        for (int i = 0; i < 4; i++) total += strlen(f[i]) + 1;
        char *s = h ? malloc(total) : NULL;
        if (!s) {
            free(h);
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
    for (int i = 0; i < rctx.ntexts; i++) free(rctx.texts[i]);
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
    if (slash) *slash = '\0';
    else strcpy(dir, ".");
    rc = compile(out, text, len, path, dir, flags, err);
    free(text);
    return rc;
}

const pisar_scheme_info *pisar_translit_info(const pisar_translit *t) { return t ? &t->info : NULL; }

void pisar_translit_free(pisar_translit *t)
{
    if (!t) return;
    if (t->owned) tl_tables_free(&t->t);
    free(t->infostr);
    free(t);
}

/* ---- the engine ---- */

static int is_mark(uint32_t c)
{
    if (c < 0x300) return 0;
    if (c <= 0x36F) return 1;
    return (U_GET_GC_MASK((UChar32)c) & U_GC_M_MASK) != 0;
}

static int is_letter(uint32_t c)
{
    if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (c >= 0x400 && c <= 0x4FF) return c < 0x482 || c > 0x489;
    return u_isalpha((UChar32)c) || is_mark(c);
}

static int is_apostrophe(uint32_t c) { return c == 0x27 || c == 0x2019 || c == 0x2BC; }
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
        while (p > 0 && (in[p] & 0xC0) == 0x80 && *pos - p < 4) p--;
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
        if (set[mid] < c) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && set[lo] == c;
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
            case TL_START: v = word_start(in, i); break;
            case TL_END: v = word_end(in, len, j); break;
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
static int pick_case(const tl_tables *t, const tl_rule *r, int srccase, const unsigned char *in, size_t len,
                     size_t i, size_t j)
{
    uint32_t c;
    size_t p;
    switch (srccase) {
    case TL_CASE_LOWER: return 0;
    case TL_CASE_TITLE: return 1;
    case TL_CASE_UPPER: return 2;
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
        return prev_cp(in, &p, &c) && is_upper(c) ? 2 : 1;
    default:
        /* No cased letter in the source (a prime sign read back as "ь"):
         * upper case inside an upper-case word. */
        p = i;
        if (!(prev_cp(in, &p, &c) && is_upper(c))) return 0;
        p = j;
        return next_cp(in, len, &p, &c) && is_lower(c) ? 0 : 2;
    }
}

int pisar_translit_apply_with_errors(const pisar_translit *h, const char *text, size_t len,
                                     pisar_buf *out, pisar_error *err)
{
    if (!h || !out || (!text && len)) return PISAR_EINVAL;
    const unsigned char *in = (const unsigned char *)text;
    const tl_tables *t = &h->t;
    const tl_node *nodes = t->nodes;
    const uint32_t *trans = t->trans;
    size_t start_len = out->len;
    int rc = pisar_buf_reserve(out, len + len / 2 + 16);
    if (rc) return rc;
    size_t i = 0;
    while (i < len) {
        size_t run = i;
        while (i < len && in[i] < 0x80 && !h->ascii_rule[in[i]]) i++;
        if (i > run) {
            if ((rc = pisar_buf_append(out, in + run, i - run))) goto fail;
            if (i == len) break;
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
            if ((rc = pisar_buf_append(out, in + i, n))) goto fail;
            i += n;
            continue;
        }
        int which = pick_case(t, best, best_case, in, len, i, best_end);
        if ((rc = pisar_buf_append(out, t->strings + best->out[which], best->len[which])))
            goto fail;
        i = best_end;
    }
    if (out->data) out->data[out->len] = '\0';
    return PISAR_OK;
fail:
    out->len = start_len;
    if (out->data) out->data[out->len] = '\0';
    return rc;
}

int pisar_translit_apply(const pisar_translit *t, const char *in, size_t len, pisar_buf *out)
{
    return pisar_translit_apply_with_errors(t, in, len, out, NULL);
}
