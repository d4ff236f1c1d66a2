/*
 * segment.c -- sentence segmentation with pisar's own rules.
 *
 * One pass over the text (DESIGN.md): the scanner looks only at bytes that can
 * end a sentence ('.', '!', '?', '\n' and the lead bytes of "…", "‼", "。" ...);
 * each candidate is decided from a small window -- the token before the
 * terminator (and up to two dotted tokens before it, for "т. е.", "z. B.",
 * "и т. д."), the closing quotes and brackets after it, the whitespace that
 * follows and the first character of the next token. Abbreviations are looked
 * up by binary search in tables compiled from tables/abbrev/<lang>.txt. The
 * scanner never returns to a position it has passed, and nothing is allocated
 * while scanning.
 *
 * The classes of the abbreviation tables (tables/abbrev/README.md):
 *   P  never ends a sentence before a capital ("проф.", "Mr.", "z. B.", "ул."),
 *      unless a word that starts sentences follows ("Baker St. It is");
 *   F  may end one: a capital after it starts a new sentence ("etc.", "и т. д.");
 *   Y  after a number may end one ("в 2024 г. Потом"), otherwise like P
 *      ("г. Москва");
 *   N  before a number never ends one ("ст. 5", "No. 7"), otherwise a word;
 * and words without a dot: S (starts sentences: "The", "Он", "Die"), V (a verb
 * of saying after a quote: "asked") and C (goes on after F: "a.m. EDT").
 *
 * Speed: most candidates are a plain word before the dot. Two 8192-bit
 * filters built with the tables (the keys, and the keys' last segments) send
 * such a word on without a table search; the scanner finds candidate bytes
 * sixteen at a time with SSE2 where the compiler offers it.
 */
#include "segment_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "abbrev_tables.h"
#include "utf8.h"

/* ---- UTF-8 ---------------------------------------------------------------- */

static uint32_t seg_decode(const unsigned char *t, size_t len, size_t i, size_t *n)
{
    unsigned c = t[i];
    *n = 1;
    if (c < 0x80) return c;
    size_t k;
    uint32_t cp, min;
    if ((c & 0xE0) == 0xC0)
        k = 2, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
        k = 3, cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
        k = 4, cp = c & 0x07, min = 0x10000;
    else
        return 0xFFFD;
    if (i + k > len) return 0xFFFD;
    for (size_t j = 1; j < k; j++) {
        if ((t[i + j] & 0xC0) != 0x80) return 0xFFFD;
        cp = cp << 6 | (t[i + j] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
    *n = k;
    return cp;
}

/* The code point ending just before byte i (i > lo); *start receives its offset. */
static inline uint32_t decode_before(const unsigned char *t, size_t len, size_t lo, size_t i,
                                     size_t *start)
{
    if (t[i - 1] < 0x80) {
        *start = i - 1;
        return t[i - 1];
    }
    if (i >= lo + 2 && (t[i - 1] & 0xC0) == 0x80 && t[i - 2] >= 0xC2 && t[i - 2] < 0xE0) {
        *start = i - 2;
        return (uint32_t)(t[i - 2] & 0x1F) << 6 | (t[i - 1] & 0x3F);
    }
    size_t s = i - 1;
    while (s > lo && i - s < 4 && (t[s] & 0xC0) == 0x80)
        s--;
    size_t n;
    uint32_t cp = seg_decode(t, len, s, &n);
    if (s + n != i) { /* not a well-formed character ending at i: take one byte */
        *start = i - 1;
        return 0xFFFD;
    }
    *start = s;
    return cp;
}

static inline int is_space(uint32_t cp)
{
    if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
    if (cp < 0xA0) return cp == 0x85;
    return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

/* Spaces that may separate the parts of one abbreviation ("т. е.", "z. B."). */
static inline int is_inline_space(uint32_t cp)
{
    return cp == ' ' || cp == 0xA0 || cp == 0x202F || cp == 0x2009;
}

/* Where the run of whitespace (is_space) ending at byte i begins, not before lo. */
static inline size_t skip_space_before(const unsigned char *t, size_t len, size_t lo, size_t i)
{
    while (i > lo) {
        size_t s;
        if (!is_space(decode_before(t, len, lo, i, &s))) break;
        i = s;
    }
    return i;
}

/* Where the run of inline spaces ending at byte i begins, not before lo. */
static inline size_t skip_inline_space_before(const unsigned char *t, size_t len, size_t lo,
                                              size_t i)
{
    while (i > lo) {
        size_t s;
        if (!is_inline_space(decode_before(t, len, lo, i, &s))) break;
        i = s;
    }
    return i;
}

static inline int is_terminator(uint32_t cp)
{
    if (cp < 0x80) return cp == '.' || cp == '!' || cp == '?';
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x203C || cp == 0x2047 ||
           cp == 0x2048 || cp == 0x2049 || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F ||
           cp == 0xFF0E;
}

/* 1 for a Latin letter, 2 for a Cyrillic one, 0 for anything else. */
static inline int latin_or_cyrillic(uint32_t cp)
{
    if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (cp < 0x250) return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7;
    return cp >= 0x400 && cp < 0x530 ? 2 : 0;
}

/* Closing quotes and brackets that stay with the sentence after its terminator. */
static inline int is_closer(uint32_t cp)
{
    if (cp < 0x80) return cp == ')' || cp == ']' || cp == '}' || cp == '"' || cp == '\'';
    return cp == ')' || cp == ']' || cp == '}' || cp == '"' || cp == '\'' || cp == 0xBB ||
           cp == 0x201D || cp == 0x2019 || cp == 0x203A || cp == 0x201C || cp == 0x2018 ||
           cp == 0x300D || cp == 0x300F || cp == 0xFF09;
}

/* Opening quotes, brackets and the Spanish inverted marks. */
static inline int is_opener(uint32_t cp)
{
    return cp == '(' || cp == '[' || cp == '{' || cp == '"' || cp == '\'' || cp == 0xAB ||
           cp == 0x201E || cp == 0x201C || cp == 0x2018 || cp == 0x2039 || cp == 0x201A ||
           cp == 0xBF || cp == 0xA1 || cp == 0x300C || cp == 0x300E || cp == 0xFF08;
}

static inline int is_dash(uint32_t cp)
{
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

/* Character classes: ASCII, Latin-1 and basic Cyrillic without a call into
 * ICU (these are most of the text), ICU's properties for the rest. */
static inline int is_digit(uint32_t cp)
{
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    if (cp < 0x660) return 0; /* no decimal digits in Latin, Greek, Cyrillic */
    return u_isdigit((UChar32)cp);
}
static inline int is_upper(uint32_t cp)
{
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    if (cp >= 0x400 && cp < 0x460) return cp < 0x430;
    if (cp >= 0xC0 && cp < 0x100) return cp < 0xDF && cp != 0xD7;
    return u_isupper((UChar32)cp) || u_istitle((UChar32)cp);
}
static inline int is_lower(uint32_t cp)
{
    if (cp < 0x80) return cp >= 'a' && cp <= 'z';
    if (cp >= 0x400 && cp < 0x460) return cp >= 0x430;
    if (cp >= 0xC0 && cp < 0x100) return cp >= 0xDF && cp != 0xF7;
    return u_islower((UChar32)cp);
}
static inline int is_alpha(uint32_t cp)
{
    if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (cp >= 0x400 && cp < 0x482) return 1;
    if (cp >= 0xC0 && cp < 0x100) return cp != 0xD7 && cp != 0xF7;
    return u_isalpha((UChar32)cp);
}

/* seg_decode with the ASCII case inline. */
static inline uint32_t dec(const unsigned char *t, size_t len, size_t i, size_t *n)
{
    if (t[i] < 0x80) {
        *n = 1;
        return t[i];
    }
    if (t[i] >= 0xC2 && t[i] < 0xE0 && i + 1 < len && (t[i + 1] & 0xC0) == 0x80) {
        *n = 2;
        return (uint32_t)(t[i] & 0x1F) << 6 | (t[i + 1] & 0x3F);
    }
    /* U+1000..U+CFFF and U+E000..U+FFFF without surrogates or overlongs */
    if (t[i] >= 0xE1 && t[i] != 0xED && t[i] < 0xF0 && i + 2 < len && (t[i + 1] & 0xC0) == 0x80 &&
        (t[i + 2] & 0xC0) == 0x80) {
        *n = 3;
        return (uint32_t)(t[i] & 0x0F) << 12 | (uint32_t)(t[i + 1] & 0x3F) << 6 | (t[i + 2] & 0x3F);
    }
    return seg_decode(t, len, i, n);
}

/* Bytes the scanner stops at: '.', '!', '?', '\n', ')' (list markers "2)"), and lead bytes of the
 * non-ASCII terminators (E2: … ‼ ⁇ ⁈ ⁉ U+2029; E3: 。; EF: ！ ？ ．). */
static const unsigned char stop_byte[256] = {
    ['.'] = 1,  ['!'] = 1,  ['?'] = 1,  ['\n'] = 1, [')'] = 1,
    [0xC2] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1,
};

/* The first byte at or after i that the scanner must look at. With SSE2,
 * sixteen bytes at a time; the plain loop is the reference. */
static inline size_t skip_plain(const unsigned char *t, size_t i, size_t len)
{
#if defined(__SSE2__)
    /* '.', '!', '?', '\n', 0xC2 (« »), and every byte >= 0xE2 (lead bytes of
     * "…", "„", "“", "‼", "。", "！" and of rarer characters, which the caller
     * steps over) */
    const __m128i dot = _mm_set1_epi8('.'), excl = _mm_set1_epi8('!'), quest = _mm_set1_epi8('?'),
                  nl = _mm_set1_epi8('\n'), rp = _mm_set1_epi8(')'), e2 = _mm_set1_epi8((char)0xE2),
                  c2 = _mm_set1_epi8((char)0xC2);
    while (i + 16 <= len) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        __m128i m =
            _mm_or_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, rp)),
                                      _mm_cmpeq_epi8(v, excl)),
                         _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quest), _mm_cmpeq_epi8(v, nl)),
                                      _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, e2), v),
                                                   _mm_cmpeq_epi8(v, c2))));
        int bits = _mm_movemask_epi8(m);
        if (bits) return i + (size_t)__builtin_ctz((unsigned)bits);
        i += 16;
    }
#endif
    /* a byte >= 0xE2 that is not in stop_byte is returned too: the caller
     * steps over it */
    while (i < len && !stop_byte[t[i]])
        i++;
    return i;
}

/* The scanner stops every forty bytes or so in running text (a full stop, a
 * line break, a dash's lead byte): rather than compare the bytes after each
 * stop again, it keeps the stop bits of a 64-byte window and steps from bit
 * to bit. `end` == 0: no window yet. */
typedef struct {
    size_t base, end;
    uint64_t mask;
} skip_window;

#if defined(__SSE2__)
static inline unsigned stop_bits16(__m128i v)
{
    const __m128i dot = _mm_set1_epi8('.'), excl = _mm_set1_epi8('!'), quest = _mm_set1_epi8('?'),
                  nl = _mm_set1_epi8('\n'), rp = _mm_set1_epi8(')'), e2 = _mm_set1_epi8((char)0xE2),
                  c2 = _mm_set1_epi8((char)0xC2);
    __m128i m = _mm_or_si128(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, rp)),
                     _mm_cmpeq_epi8(v, excl)),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quest), _mm_cmpeq_epi8(v, nl)),
                     _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, e2), v), _mm_cmpeq_epi8(v, c2))));
    return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* skip_plain through the window: the same answer (tests compare them). */
static inline size_t skip_windowed(skip_window *w, const unsigned char *t, size_t i, size_t len)
{
#if defined(__SSE2__)
    for (;;) {
        if (i >= w->base && i < w->end) {
            uint64_t m = w->mask >> (i - w->base);
            if (m) return i + (size_t)__builtin_ctzll(m);
            i = w->end;
        }
        if (i + 64 > len) return skip_plain(t, i, len);
        const unsigned char *p = t + i;
        w->mask =
            (uint64_t)stop_bits16(_mm_loadu_si128((const __m128i *)(const void *)p)) |
            (uint64_t)stop_bits16(_mm_loadu_si128((const __m128i *)(const void *)(p + 16))) << 16 |
            (uint64_t)stop_bits16(_mm_loadu_si128((const __m128i *)(const void *)(p + 32))) << 32 |
            (uint64_t)stop_bits16(_mm_loadu_si128((const __m128i *)(const void *)(p + 48))) << 48;
        w->base = i;
        w->end = i + 64;
    }
#else
    (void)w;
    return skip_plain(t, i, len);
#endif
}

size_t seg_skip_walk(const unsigned char *t, size_t len, size_t from, size_t *stops, size_t max)
{
    skip_window w = {0, 0, 0};
    size_t n = 0;
    for (size_t i = from; n < max;) {
        size_t j = skip_windowed(&w, t, i, len);
        if (j >= len) break;
        stops[n++] = j;
        i = j + 1;
    }
    return n;
}

/* The same, for tests (segment_internal.h): the vectorised skip and the
 * plain loop that is its reference. */
size_t seg_skip_plain(const unsigned char *t, size_t i, size_t len)
{
    return skip_plain(t, i, len);
}

size_t seg_skip_plain_scalar(const unsigned char *t, size_t i, size_t len)
{
    while (i < len && !stop_byte[t[i]])
        i++;
    return i;
}

/* ---- the check pass of a whole input ---------------------------------------- */

int seg_is_stop_byte(unsigned char c)
{
    return stop_byte[c];
}

/* ---- abbreviation tables ---------------------------------------------------- */

static int key_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    size_t n = an < bn ? an : bn;
    int c = memcmp(a, b, n);
    if (c) return c;
    return an < bn ? -1 : an > bn;
}

/* FNV-1a of key[0, n) and a dot, as tools/gen_abbrev.c hashes keys; `first`
 * replaces the first n1 bytes when not NULL (a lower-cased first letter). */
static inline uint32_t key_hash(const unsigned char *first, size_t n1, const unsigned char *key,
                                size_t n, int dot)
{
    uint32_t h = 2166136261u;
    size_t i = 0;
    if (first) {
        for (size_t j = 0; first[j]; j++)
            h = (h ^ first[j]) * 16777619u;
        i = n1;
    }
    for (; i < n; i++)
        h = (h ^ key[i]) * 16777619u;
    if (dot) h = (h ^ '.') * 16777619u;
    return h;
}

static inline int in_filter(const uint64_t *f, uint32_t h)
{
    return (f[(h & 8191) >> 6] >> (h & 63) & 1) &&
           (f[((h >> 13) & 8191) >> 6] >> ((h >> 13) & 63) & 1);
}

/* Can the letters [b, e) followed by '.' end any abbreviation of the table
 * (as written, or with the first letter in lower case)? */
static int may_end_abbrev(const seg_abbrev_lang *l, const unsigned char *t, size_t b, size_t e,
                          uint32_t first, size_t n1)
{
    if (in_filter(l->last, key_hash(NULL, 0, t + b, e - b, 1))) return 1;
    if (!is_upper(first) && !is_lower(first)) return 0;
    /* a title written in lower case ("il sig. Rossi") is looked up capitalised */
    UChar32 lc = is_upper(first) ? u_tolower((UChar32)first) : u_toupper((UChar32)first);
    unsigned char buf[5] = {0};
    if (lc < 0x80)
        buf[0] = (unsigned char)lc;
    else if (lc < 0x800)
        buf[0] = (unsigned char)(0xC0 | lc >> 6), buf[1] = (unsigned char)(0x80 | (lc & 0x3F));
    else
        return 1; /* rare: let the full lookup decide */
    return in_filter(l->last, key_hash(buf, n1, t + b, e - b, 1));
}

static char table_lookup(const seg_abbrev_lang *l, const char *key, size_t n)
{
    if (!in_filter(l->bloom, key_hash(NULL, 0, (const unsigned char *)key, n, 0))) return 0;
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = key_cmp(l->entries[mid].key, l->entries[mid].len, key, n);
        if (!c) return l->entries[mid].cls;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Look up `key` as written, then with its first letter in lower case
 * (a sentence-initial "См." is "см."); a key in lower case that ends in a dot
 * is found capitalised only as a title (P: "il sig. Rossi", "la sra. Gómez"
 * as Serianni and the RAE write them in running text). */
static char abbrev_class(const seg_abbrev_lang *l, const char *key, size_t n)
{
    char c = table_lookup(l, key, n);
    if (c) return c;
    size_t k;
    uint32_t cp = dec((const unsigned char *)key, n, 0, &k);
    int up = is_lower(cp) && n > k && key[n - 1] == '.';
    if (!is_upper(cp) && !up) return 0;
    UChar32 lc = up ? u_toupper((UChar32)cp) : u_tolower((UChar32)cp);
    char buf[72];
    size_t w = 0;
    if (lc < 0x80)
        buf[w++] = (char)lc;
    else if (lc < 0x800) {
        buf[w++] = (char)(0xC0 | lc >> 6);
        buf[w++] = (char)(0x80 | (lc & 0x3F));
    } else if (lc < 0x10000) {
        buf[w++] = (char)(0xE0 | lc >> 12);
        buf[w++] = (char)(0x80 | (lc >> 6 & 0x3F));
        buf[w++] = (char)(0x80 | (lc & 0x3F));
    } else
        return 0;
    if (n - k + w > sizeof buf) return 0;
    memcpy(buf + w, key + k, n - k);
    c = table_lookup(l, buf, n - k + w);
    return !up || c == 'P' ? c : 0;
}

/* The class of a word without a dot (S: starts sentences, V: verb of saying,
 * C: goes on after an F abbreviation, M: a noun a country's initials modify,
 * I: an interjection of chat) that begins at byte i; 0 if none. */
static char word_class(const seg_abbrev_lang *l, const unsigned char *t, size_t len, size_t i)
{
    size_t e = i;
    while (e < len && e - i < 40) {
        size_t n;
        uint32_t cp = dec(t, len, e, &n);
        if (!is_alpha(cp)) break;
        e += n;
    }
    if (e == i || e - i >= 40) return 0;
    size_t n1;
    dec(t, len, i, &n1);
    if (e == i + n1 && e < len && t[e] == '.')
        return 0; /* "В." is an initial, not the preposition */
    char c = abbrev_class(l, (const char *)t + i, e - i);
    return c == 'S' || c == 'V' || c == 'C' || c == 'M' || c == 'I' ? c : 0;
}

/* The class of a suffix entry ("-str.") that ends the token [b, e) + '.'. */
static char suffix_class(const seg_abbrev_lang *l, const unsigned char *t, size_t b, size_t e)
{
    for (size_t i = l->suffix_lo; i < l->suffix_lo + l->suffix_n; i++) {
        const seg_abbrev *a = &l->entries[i];
        size_t sl = (size_t)a->len - 2; /* without '-' and '.' */
        if (e - b > sl && !memcmp(t + e - sl, a->key + 1, sl)) return a->cls;
    }
    return 0;
}

const seg_abbrev_lang *seg_find_lang(const char *language)
{
    size_t nl = sizeof abbrev_langs / sizeof *abbrev_langs;
    char code[16] = "und";
    if (language && *language) {
        size_t i = 0;
        for (; language[i] && language[i] != '-' && language[i] != '_' && i + 1 < sizeof code;
             i++) {
            char c = language[i];
            code[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        code[i] = 0;
    }
    /* Bosnian, and Serbo-Croatian where the text did not tell which standard
     * (the language identifier's bs and sh), write the abbreviations of the
     * Croatian table */
    if (!strcmp(code, "bs") || !strcmp(code, "sh")) strcpy(code, "hr");
    for (size_t i = 0; i < nl; i++)
        if (!strcmp(abbrev_langs[i].code, code)) return &abbrev_langs[i];
    return NULL;
}

/* ---- public API ------------------------------------------------------------- */

size_t pisar_segment_languages(const char *const **codes)
{
    static const char *const list[] = {"ru", "uk", "be", "bg", "mk", "sr", "kk",
                                       "en", "de", "fr", "es", "it", "pl", "cs",
                                       "sk", "sl", "hr", "hu", "ro", "nl", "pt"};
    if (codes) *codes = list;
    return sizeof list / sizeof *list;
}

int pisar_segmenter_new(pisar_segmenter **out, const char *language, pisar_error *err)
{
    if (!out) return PISAR_EINVAL;
    *out = NULL;
    const seg_abbrev_lang *l = seg_find_lang(language);
    if (!l) l = seg_find_lang("und");
    if (!l) {
        if (err) {
            memset(err, 0, sizeof *err);
            strcpy(err->message, "no rules compiled in");
        }
        return PISAR_EUNKNOWN;
    }
    pisar_segmenter *s = calloc(1, sizeof *s);
    if (!s) return PISAR_ENOMEM;
    s->lang = l;
    *out = s;
    return PISAR_OK;
}

int seg_new_with_strategy(pisar_segmenter **out, const seg_strategy *st)
{
    if (!out || !st || !st->breaks) {
        if (st && st->free) st->free(st->rules);
        return PISAR_EINVAL;
    }
    *out = NULL;
    pisar_segmenter *s = calloc(1, sizeof *s);
    if (!s) {
        if (st->free) st->free(st->rules);
        return PISAR_ENOMEM;
    }
    s->strat = *st;
    *out = s;
    return PISAR_OK;
}

int seg_breaks_add(seg_breaks *b, size_t at)
{
    if (b->n && b->at[b->n - 1] == at) return PISAR_OK;
    if (b->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 64;
        size_t *nb = realloc(b->at, cap * sizeof *nb);
        if (!nb) return PISAR_ENOMEM;
        b->at = nb;
        b->cap = cap;
    }
    b->at[b->n++] = at;
    return PISAR_OK;
}

int pisar_segmenter_set_text(pisar_segmenter *s, const char *text, size_t len)
{
    return pisar_segmenter_set_text_with_errors(s, text, len, NULL);
}

int pisar_segmenter_set_text_with_errors(pisar_segmenter *s, const char *text, size_t len,
                                         pisar_error *err)
{
    if (!s || (!text && len)) return PISAR_EINVAL;
    int cut = 0;
    size_t bad = text ? utf8_valid_prefix((const unsigned char *)text, len, &cut) : 0;
    if (bad < len) {
        /* no text: pisar_segmenter_next() answers 0 until the next set_text */
        s->t = (const unsigned char *)"";
        s->len = s->pos = s->para = s->line_start = 0;
        s->emitted = 0;
        s->bib_line = 0;
        s->brk.n = s->ibrk = 0;
        if (err) {
            memset(err, 0, sizeof *err);
            err->offset = bad;
            err->nbytes = len - bad < 4 ? len - bad : 4;
            memcpy(err->bytes, text + bad, err->nbytes);
            snprintf(err->message, sizeof err->message, "%s at byte offset %zu",
                     cut ? "truncated UTF-8 sequence" : "invalid UTF-8", bad);
        }
        return cut ? PISAR_ETRUNC : PISAR_EILSEQ;
    }
    return seg_set_text_valid(s, text, len);
}

int seg_set_text_valid(pisar_segmenter *s, const char *text, size_t len)
{
    s->t = (const unsigned char *)(text ? text : "");
    s->len = len;
    s->pos = s->para = 0;
    s->line_start = 0;
    s->emitted = 0;
    s->bib_line = 0;
    s->brk.n = s->ibrk = 0;
    if (s->strat.breaks) return s->strat.breaks(s->strat.rules, s->t, s->len, &s->brk);
    return PISAR_OK;
}

void pisar_segmenter_free(pisar_segmenter *s)
{
    if (!s) return;
    if (s->strat.free) s->strat.free(s->strat.rules);
    free(s->brk.at);
    free(s);
}

/* ---- the decision ----------------------------------------------------------- */

/* A token before a terminator: bytes [b, e) with leading openers stripped. */
typedef struct {
    size_t b, e;
} span;

/* The token ending at byte e (no whitespace inside), not before lo. */
static span token_before(const unsigned char *t, size_t len, size_t lo, size_t e)
{
    size_t b = e;
    while (b > lo && e - b < 64) {
        size_t s;
        uint32_t cp = decode_before(t, len, lo, b, &s);
        if (is_space(cp)) break;
        b = s;
    }
    /* strip openers and dashes at the front: «Ул. -> Ул. */
    for (;;) {
        size_t n;
        if (b >= e) break;
        uint32_t cp = dec(t, len, b, &n);
        if (!is_opener(cp) && !is_dash(cp)) break;
        b += n;
    }
    return (span){b, e};
}

typedef enum {
    TK_EMPTY,
    TK_WORD,
    TK_NUMBER,
    TK_URL,
    TK_UPPER1,
    TK_LOWER1,
    TK_DOTTED,
    TK_ROMAN
} tk_kind;

typedef struct {
    tk_kind kind;
    size_t ncp;       /* code points */
    int last_lower;   /* last letter is lower case */
    int short_int;    /* 1-3 digits only */
    int only_letters; /* letters and combining marks, apostrophes, hyphens only */
} tk_info;

static tk_info classify(const unsigned char *t, size_t len, span sp)
{
    tk_info k = {TK_EMPTY, 0, 0, 0, 0};
    if (sp.b >= sp.e) return k;
    size_t ndig = 0, nlet = 0, ndot = 0, nother = 0, nroman = 0, at = 0;
    uint32_t first = 0;
    for (size_t i = sp.b; i < sp.e;) {
        size_t n;
        uint32_t cp = dec(t, len, i, &n);
        if (!k.ncp) first = cp;
        k.ncp++;
        if (is_digit(cp))
            ndig++;
        else if (is_alpha(cp)) {
            nlet++;
            if (cp == 'I' || cp == 'V' || cp == 'X' || cp == 'L' || cp == 'C' || cp == 'D' ||
                cp == 'M')
                nroman++;
            k.last_lower = is_lower(cp);
        } else if (cp == '.')
            ndot++;
        else if (cp == '@')
            at++;
        else if (cp == '-' || cp == '\'' || cp == 0x2019 ||
                 u_charType((UChar32)cp) == U_NON_SPACING_MARK ||
                 u_charType((UChar32)cp) == U_COMBINING_SPACING_MARK) {
            /* part of a word: "Jean-Luc", "O'Neil", combining accents */
        } else
            nother++;
        i += n;
    }
    k.only_letters = !ndig && !ndot && !nother && !at;
    int url = at > 0;
    for (size_t i = sp.b; i + 3 <= sp.e && !url; i++)
        url = !memcmp(t + i, "://", 3) || (i + 4 <= sp.e && !memcmp(t + i, "www.", 4));
    if (url) {
        k.kind = TK_URL;
        return k;
    }
    if (is_digit(first)) {
        k.kind = TK_NUMBER;
        /* the last group of digits: "1", "21" of "18.–21", not "2024" */
        size_t tail = 0, q = sp.e;
        while (q > sp.b && t[q - 1] >= '0' && t[q - 1] <= '9')
            q--, tail++;
        /* "21" of "18.–21", "06" of "19.06" -- not "1" of "192.168.0.1" */
        k.short_int = tail >= 1 && tail <= 3 && q == sp.e - tail &&
                      (q == sp.b || (t[q - 1] & 0x80) || (t[q - 1] == '.' && ndot == 1));
        return k;
    }
    if (ndot && !nother && !ndig) {
        k.kind = TK_DOTTED;
        return k;
    }
    if (k.ncp == 1 && nlet == 1) {
        k.kind = is_upper(first) ? TK_UPPER1 : TK_LOWER1;
        return k;
    }
    if (nroman == k.ncp && nroman >= 2 && nroman <= 6)
        k.kind = TK_ROMAN;
    else
        k.kind = TK_WORD;
    return k;
}

/* A section number, "11.2.1" of "11.2.1. Conceptos básicos": groups of one
 * to three digits, two to five of them, joined by dots, before a heading (the
 * rest of the line, from k, has no stop: not "2.6.37.  Fdinfo support was
 * added in Linux 3.8.", a version at the start of a wrapped line). */
static int section_number(const unsigned char *t, size_t len, span sp, size_t k)
{
    for (size_t m = k; m < len && t[m] != '\n'; m++) {
        if (t[m] == '?' && (m + 1 == len || t[m + 1] == '\n'))
            break; /* "9.5.1. Chi è nel sistema?" */
        if (t[m] == '.' || t[m] == '!' || t[m] == '?' || m - k > 200) return 0;
    }
    int groups = 0, digits = 0;
    for (size_t m = sp.b; m < sp.e; m++) {
        if (t[m] >= '0' && t[m] <= '9') {
            if (++digits > 3) return 0;
        } else if (t[m] == '.' && digits) {
            groups++;
            digits = 0;
        } else
            return 0;
    }
    return digits && groups >= 1 && groups <= 4;
}

/* Does the text at `start` open a paragraph or follow a line that ended a
 * sentence (not the middle of a wrapped one: "з версії\n2.6.29. Крім")? */
static int after_break(const unsigned char *t, size_t start, int line_paras)
{
    size_t p = start, nls = 0;
    while (p > 0 && (t[p - 1] == ' ' || t[p - 1] == '\t' || t[p - 1] == '\r' || t[p - 1] == '\n'))
        nls += t[--p] == '\n';
    if (p == 0 || nls >= 2 || (nls && line_paras)) return 1; /* a line is a paragraph */
    if (!nls) return 0;
    unsigned char c = t[p - 1];
    return c == '.' || c == '!' || c == '?' || c == ':';
}

/* Is the token before span `a` (after inline spaces) a number ("2024 г.", "XX в.")? */
static int number_before(const unsigned char *t, size_t len, size_t lo, size_t b)
{
    /* the token before, or the one before that when the nearer one is a short
     * unit word: "100 тыс. руб.", "9,3 млрд руб." */
    for (int hop = 0; hop < 2; hop++) {
        size_t i = skip_inline_space_before(t, len, lo, b);
        if (i == b || i <= lo) return 0;
        span sp = token_before(t, len, lo, i);
        tk_info k = classify(t, len, sp);
        if (k.kind == TK_NUMBER || k.kind == TK_ROMAN) return 1;
        int roman = sp.b < sp.e;
        for (size_t j = sp.b; j < sp.e; j++) {
            if (t[j] >= '0' && t[j] <= '9') return 1; /* "1990-х гг.", "5-7 тыс." */
            if (!strchr("IVXLCDM-", t[j]) &&
                !(t[j] == 0xE2 && j + 2 < sp.e && t[j + 1] == 0x80 && t[j + 2] == 0x93))
                roman = 0;
            else if (t[j] == 0xE2)
                j += 2;
        }
        if (roman) return 1; /* "XV–XVIII в." */
        if (sp.e - sp.b > 10 || sp.b >= sp.e) return 0;
        b = sp.b;
    }
    return 0;
}

/* Does the sentence open with a short word, a capital first ("В", "Во",
 * "W", "In"), and the number (a year, a century, a range) that the
 * abbreviation at kb counts: "Во 1979 г. Охрид", "W XIX w. Warta", "В
 * XIV–XVI вв. Ока"? Then it is a time adverbial that the sentence goes on
 * from (no sentence is only "In 1979."), unless a word that starts
 * sentences follows ("В 2024 г. Потом все ушли": the fragment stands). */
static int opening_time(const unsigned char *t, size_t len, size_t start, size_t kb)
{
    size_t m = start, n, letters = 0;
    while (m < kb) {
        uint32_t cp = dec(t, len, m, &n);
        if (!is_alpha(cp)) break;
        if (letters == 0 ? !is_upper(cp) : !is_lower(cp)) return 0;
        letters++;
        m += n;
    }
    if (letters == 0 || letters > 3 || m >= kb || t[m] != ' ') return 0;
    size_t b = ++m;
    while (m < kb && t[m] != ' ')
        m++;
    return m > b && m + 1 == kb && number_before(t, len, start, kb) && m - b <= 20;
}

/* A word that begins in lower case with a capital inside ("iPhone", "eBay")? */
static int camel_word(const unsigned char *t, size_t len, size_t k)
{
    for (size_t m = k, n = 0; m < len && m - k < 24; m += n) {
        uint32_t cp = dec(t, len, m, &n);
        if (!is_alpha(cp)) return 0;
        if (is_upper(cp)) return 1;
    }
    return 0;
}

static char lookup_abbrev(const seg_abbrev_lang *l, const unsigned char *t, size_t len, size_t lo,
                          span sp, size_t *kb);

/* "Глава 1.", "Chapter 1.", "„Глава 1. Детство“", "§ 12.", "Рис. 4.", "Fig. 4.":
 * the number of a heading, a section or a figure, whose title or text follows.
 * The token before the number (ending at b) is "§", an abbreviation of class N,
 * or a capitalised word that opens the sentence or a quotation. */
static int heading_number(const seg_abbrev_lang *l, const unsigned char *t, size_t len,
                          size_t start, size_t b)
{
    size_t e = b, n;
    while (e > start && t[e - 1] == ' ')
        e--;
    if (e == b || e <= start) return 0;
    size_t m = e;
    while (m > start) {
        size_t q;
        uint32_t cp = decode_before(t, len, start, m, &q);
        if (is_space(cp) || is_opener(cp)) break;
        m = q;
    }
    /* the heading opens the sentence or a quotation: not "see table 2. Next" */
    size_t q;
    if (m != start && !is_opener(decode_before(t, len, start, m, &q))) return 0;
    uint32_t first = dec(t, len, m, &n);
    if (first == 0xA7) return e == m + n; /* "§ 12." */
    if (t[e - 1] == '.') {                /* "Рис. 4.", "Fig. 4." */
        span sp = {m, e - 1};
        size_t kb;
        return lookup_abbrev(l, t, len, start, sp, &kb) == 'N';
    }
    if (!is_upper(first)) return 0;
    for (size_t r = m + n; r < e; r += n)
        if (!is_alpha(dec(t, len, r, &n))) return 0;
    return 1;
}

/* An opening « or „ that follows a word or a comma ("выставка «Свет и тень.
 * Пейзаж XIX в.»", "(1774), „Faust. Eine Tragödie“": a list of titles) opens a
 * title; quoted speech opens a sentence or follows ':'. Called by the scanner at the quote, so no
 * backing up later. */
static int opens_title(const unsigned char *t, size_t len, size_t start, size_t p)
{
    if (p <= start + 1) return 0;
    size_t q;
    uint32_t b1 = decode_before(t, len, start, p, &q);
    if (b1 != ' ' || q <= start) return 0;
    uint32_t b2 = decode_before(t, len, start, q, &q);
    return is_alpha(b2) || is_digit(b2) || b2 == ')' || b2 == ',';
}

/* A dateline opens the sentence: "МОСКВА, 18 июня. /ТАСС/." or
 * "БЛАГОВЕЩЕНСК, 19 июня — РИА Новости." -- a word in capitals, a comma, a
 * date; the lead sentence goes on after it. True while the sentence is still
 * short enough to be only the dateline. */
static int in_dateline(const unsigned char *t, size_t len, size_t start, size_t i)
{
    size_t m = start, ncaps = 0, ncp = 0;
    while (m < i) {
        size_t n;
        uint32_t cp = dec(t, len, m, &n);
        if (!is_upper(cp) && cp != '-' && cp != ' ') break;
        if (is_upper(cp)) ncaps++;
        m += n;
    }
    if (ncaps < 3 || m >= i || t[m] != ',') return 0;
    int digit = 0;
    for (size_t q = m; q < i && ncp < 48; ncp++) {
        size_t n;
        uint32_t cp = dec(t, len, q, &n);
        if (is_digit(cp)) digit = 1;
        q += n;
    }
    return digit && ncp < 48;
}

/*
 * The abbreviation class of the token [b, e) followed by '.', trying first the
 * longest key made with up to two dotted tokens before it ("и т. д." is found
 * as "т.д." after "т.", "z. B." as "z.B."). *kb receives where the match begins.
 */
static char lookup_abbrev(const seg_abbrev_lang *l, const unsigned char *t, size_t len, size_t lo,
                          span sp, size_t *kb)
{
    /* an elided article or preposition before it: "dall'Avv.", "l'Ing." */
    for (size_t m = sp.e; m > sp.b + 1; m--) {
        size_t ab = 0;
        if (t[m - 1] == '\'')
            ab = m;
        else if (m >= sp.b + 3 && t[m - 3] == 0xE2 && t[m - 2] == 0x80 && t[m - 1] == 0x99)
            ab = m;
        if (!ab) continue;
        if (ab < sp.e) {
            span tail = {ab, sp.e};
            char c = lookup_abbrev(l, t, len, lo, tail, kb);
            if (c) return c;
        }
        break;
    }
    /* every key ends with the token and a dot: a longer token is no abbreviation */
    if (sp.e - sp.b + 1 > l->max_len) return l->has_suffix ? suffix_class(l, t, sp.b, sp.e) : 0;
    span parts[3];
    int np = 0;
    parts[np++] = sp;
    size_t b = sp.b;
    while (np < 3) {
        /* inline spaces, then a token ending in '.' that is letters and dots */
        size_t i = skip_inline_space_before(t, len, lo, b);
        if (i == b || i <= lo || t[i - 1] != '.') break;
        span p = token_before(t, len, lo, i - 1);
        if (p.b >= p.e || p.e - p.b > 12) break;
        int ok = 1;
        for (size_t j = p.b; j < p.e;) {
            size_t n;
            uint32_t cp = dec(t, len, j, &n);
            if (!is_alpha(cp) && cp != '.') ok = 0;
            j += n;
        }
        if (!ok) break;
        parts[np++] = p;
        b = p.b;
    }
    /* a short word before the dotted parts: "и т. д.", "et al.", "i dr." */
    span word = {0, 0};
    {
        size_t i = skip_inline_space_before(t, len, lo, b);
        if (i < b && i > lo) {
            span w = token_before(t, len, lo, i);
            size_t ncp = 0;
            int ok = w.b < w.e;
            for (size_t j = w.b; j < w.e && ok;) {
                size_t n;
                uint32_t cp = dec(t, len, j, &n);
                if (!is_alpha(cp)) ok = 0;
                ncp++;
                j += n;
            }
            if (ok && ncp <= 3) word = w;
        }
    }
    char key[80];
    for (int use = np; use >= 1; use--) {
        for (int with_word = word.e > word.b && use == np; with_word >= 0; with_word--) {
            size_t w = 0;
            int fits = 1;
            if (with_word) {
                memcpy(key, t + word.b, word.e - word.b);
                w = word.e - word.b;
                key[w++] = ' ';
            }
            for (int j = use - 1; j >= 0; j--) {
                size_t n = parts[j].e - parts[j].b;
                if (w + n + 1 > sizeof key) {
                    fits = 0;
                    break;
                }
                memcpy(key + w, t + parts[j].b, n);
                w += n;
                key[w++] = '.';
            }
            if (!fits) continue;
            char c = abbrev_class(l, key, w);
            if (c == 'W') return 0; /* "за ім.": a word with its dot, no abbreviation */
            if (c == 'S' || c == 'V' || c == 'C') c = 0;
            if (c) {
                *kb = with_word ? word.b : parts[use - 1].b;
                return c;
            }
        }
    }
    return l->has_suffix ? suffix_class(l, t, sp.b, sp.e) : 0;
}

/* Is there, at byte i, a short word of one to three letters followed by '.'
 * ("B." of "z. B.", "Br." of "i. Br.", "Chr." of "n. Chr.")? */
static int single_letter_dot(const unsigned char *t, size_t len, size_t i)
{
    size_t n, k = 0;
    while (i < len && k < 4) {
        uint32_t cp = dec(t, len, i, &n);
        if (!is_alpha(cp)) break;
        i += n;
        k++;
    }
    return k >= 1 && k <= 3 && i < len && t[i] == '.';
}

/* Does the word [b, e) hold a vowel letter (Latin or Cyrillic)? Letters of
 * other scripts count as vowels: only Latin and Cyrillic abbreviations are
 * written without vowels ("св.", "Nr.", "pp."). */
static int has_vowel(const unsigned char *t, size_t len, size_t b, size_t e)
{
    for (size_t m = b; m < e;) {
        size_t q;
        uint32_t cp = dec(t, len, m, &q);
        m += q;
        if (cp < 0x80) {
            if (strchr("aeiouyAEIOUY", (int)cp) && cp) return 1;
        } else if (cp < 0x250) {
            if (is_alpha(cp)) return 1; /* accented Latin letters: mostly vowels, ě č too */
        } else if (cp >= 0x400 && cp < 0x530) {
            uint32_t l = cp < 0x430 && cp >= 0x410 ? cp + 0x20 : cp;
            if (cp >= 0x400 && cp < 0x410) l = cp + 0x50;
            if (l == 0x430 || l == 0x435 || l == 0x451 || l == 0x438 || l == 0x43E || l == 0x443 ||
                l == 0x44B || l == 0x44D || l == 0x44E || l == 0x44F || l == 0x456 || l == 0x457 ||
                l == 0x454 || l == 0x45E)
                return 1;
        } else if (is_alpha(cp))
            return 1;
    }
    return 0;
}

/* Languages whose short numbers with a dot before a lower-case word are
 * ordinals ("1. května", "5. maja", "3. јуна"): a number there does not end
 * a sentence before a lower-case word. */
static int ordinal_language(const seg_abbrev_lang *l)
{
    static const char *const codes[] = {"cs", "sk", "pl", "sl",  "hr", "sr",
                                        "hu", "de", "mk", "und", NULL};
    for (int k = 0; codes[k]; k++)
        if (!strcmp(l->code, codes[k])) return 1;
    return l->ordinal_dot;
}

/* Is the number at byte b counted by the abbreviation before it, one of
 * class N ("č. 3", "Nr. 12", "str. 40")? */
static int counted_number(const seg_abbrev_lang *l, const unsigned char *t, size_t len, size_t lo,
                          size_t b)
{
    size_t e = skip_inline_space_before(t, len, lo, b);
    if (e == b || e <= lo || t[e - 1] != '.') return 0;
    span sp = token_before(t, len, lo, e - 1);
    if (sp.b >= sp.e) return 0;
    size_t kb;
    return lookup_abbrev(l, t, len, lo, sp, &kb) == 'N';
}

/* The digits at byte b: their count (at most 5), 0 when none. */
static size_t digits_at(const unsigned char *t, size_t len, size_t b)
{
    size_t e = b;
    while (e < len && e - b < 5 && t[e] >= '0' && t[e] <= '9')
        e++;
    return e < len && t[e] >= '0' && t[e] <= '9' ? 0 : e - b;
}

/* A date written with spaces, "12. 5. 1950" (Czech, Slovak, German, ...):
 * the number [sp.b, sp.e) before the dot and the number at k are its day and
 * month, or its month and year. */
static int spaced_date(const unsigned char *t, size_t len, size_t lo, span sp, size_t k)
{
    size_t a = sp.e - sp.b, n = digits_at(t, len, k);
    if (a < 1 || a > 2 || n < 1) return 0;
    /* day. month. year */
    if (n <= 2 && k + n + 2 < len && t[k + n] == '.' && t[k + n + 1] == ' ') {
        size_t y = digits_at(t, len, k + n + 2);
        if (y == 4 || y == 2) return 1;
    }
    /* day. month. | year: the day and its dot before */
    if ((n == 4 || n == 2) && sp.b >= lo + 3 && t[sp.b - 1] == ' ' && t[sp.b - 2] == '.') {
        size_t d = sp.b - 2, m = d;
        while (m > lo && t[m - 1] >= '0' && t[m - 1] <= '9' && d - m < 3)
            m--;
        if (d - m >= 1 && d - m <= 2 && (m == lo || !(t[m - 1] >= '0' && t[m - 1] <= '9')))
            return 1;
    }
    return 0;
}

/*
 * Does the line at `b` open like an entry of a reference list: a surname
 * and initials ("Smith, A. B., J. C. Doyle and M. Petrova. 2019. Rivers of
 * Central Europe. 3rd ed. London: …", "Петров, П. А. Реките …", GOST
 * "Іваноў П. А. Рэкі Беларусі. — Мн.: …", "Nowak A., Rzeki …"), with a year
 * later on the line? Such a line is one sentence up to its end.
 */
static int bib_entry(const unsigned char *t, size_t len, size_t b, int need_year)
{
    /* first, cheaply: a capital (ASCII, or the lead byte of a Latin or
     * Cyrillic letter), the first word, then " X." or ", X." */
    if (b >= len || (t[b] < 0x80 ? t[b] < 'A' || t[b] > 'Z' : t[b] < 0xC3 || t[b] > 0xD4)) return 0;
    size_t f = b;
    while (f < len && f - b < 48 && t[f] != ' ' && t[f] != ',' && t[f] != '\n')
        f++;
    if (f - b < 2 || f - b >= 48 || f >= len) return 0;
    f += t[f] == ',';
    if (f + 3 >= len || t[f] != ' ' || (t[f + 2] != '.' && (t[f + 1] < 0xC0 || t[f + 3] != '.')))
        return 0;
    size_t m = b, n, letters = 0;
    uint32_t c = dec(t, len, m, &n);
    if (!is_upper(c)) return 0;
    while (m < len) { /* the surname: letters, hyphens, apostrophes */
        c = dec(t, len, m, &n);
        if (!is_alpha(c) && c != '-' && c != '\'' && c != 0x2019) break;
        letters += is_alpha(c);
        m += n;
    }
    if (letters < 2 || m >= len) return 0;
    int comma = t[m] == ',';
    if (comma) m++;
    int initials = 0;
    for (;;) { /* " A." or " A.B." */
        if (m + 1 >= len || t[m] != ' ') break;
        size_t q = m + 1;
        c = dec(t, len, q, &n);
        if (!is_upper(c) || q + n >= len || t[q + n] != '.') break;
        initials++;
        m = q + n + 1;
        while (m + 1 < len) { /* "A.B." written together */
            c = dec(t, len, m, &n);
            if (!is_upper(c) || m + n >= len || t[m + n] != '.') break;
            initials++;
            m += n + 1;
        }
    }
    if (!initials) return 0;
    /* "Surname, I." or "Surname I. I." or "Surname I.," -- not "Джон Ф. Кеннеди" */
    if (!comma && initials < 2 && !(m < len && t[m] == ',')) return 0;
    if (!need_year) return 1;
    /* a year (1500-2099) on the same line */
    for (size_t k = m; k + 4 <= len && t[k] != '\n'; k++)
        if ((t[k] == '1' || t[k] == '2') && (k == 0 || t[k - 1] < '0' || t[k - 1] > '9') &&
            t[k + 1] >= '0' && t[k + 1] <= '9' && t[k + 2] >= '0' && t[k + 2] <= '9' &&
            t[k + 3] >= '0' && t[k + 3] <= '9' &&
            (k + 4 == len || t[k + 4] < '0' || t[k + 4] > '9')) {
            unsigned y = (unsigned)(t[k] - '0') * 1000 + (unsigned)(t[k + 1] - '0') * 100;
            if (y >= 1500 && y <= 2000) return 1;
        }
    return 0;
}

/* Does the sentence [start, i) hold a '(' that is not closed, within the
 * last 80 bytes, and is a digit (c) next? */
static int digit_after_open_paren(const unsigned char *t, size_t len, size_t start, size_t i,
                                  uint32_t c)
{
    (void)len;
    if (c > 0x7F || c < '0' || c > '9') return 0;
    for (size_t m = i; m > start && i - m < 80; m--) {
        if (t[m - 1] == ')' || t[m - 1] == '\n') return 0;
        if (t[m - 1] == '(') return 1;
    }
    return 0;
}

/* Is the sentence at `start` a reference entry (s->bib_line: 1 yes, 0 no,
 * -1 not looked at yet and opening a line, -2 not looked at yet and after
 * an entry on the same line)? */
static int bib_now(pisar_segmenter *s, size_t start)
{
    if (s->bib_line < 0) s->bib_line = bib_entry(s->t, s->len, start, s->bib_line == -1);
    return s->bib_line;
}

/* An English contraction at byte m, the apostrophe after a word: "can't",
 * "i'm", "it's", "we're", "you'll", "they've", "he'd". */
static int contraction(const seg_abbrev_lang *l, const unsigned char *t, size_t len, size_t m)
{
    if (strcmp(l->code, "en") || m >= len || t[m] != '\'') return 0;
    size_t e = m + 1;
    while (e < len && e - m <= 3 && t[e] >= 'a' && t[e] <= 'z')
        e++;
    if (e < len && ((t[e] >= 'a' && t[e] <= 'z') || (t[e] >= 'A' && t[e] <= 'Z'))) return 0;
    size_t n = e - m - 1;
    const char *w = (const char *)t + m + 1;
    return (n == 1 && strchr("tsmd", w[0])) ||
           (n == 2 && (!memcmp(w, "ll", 2) || !memcmp(w, "re", 2) || !memcmp(w, "ve", 2)));
}

/*
 * A terminator before a word in lower case. In edited text that is the
 * inside of a sentence (an abbreviation, an ordinal, the author's words
 * after quoted speech); in chat, e-mail, reviews and forum posts people start
 * sentences in lower case ("we got there late. the doors were shut."). The
 * terminator ends the sentence when it follows a plain word that no table
 * knows as an abbreviation and that has a vowel (abbreviations outside the
 * tables rarely have one: "кв.", "Nr."), or a number in a language without
 * ordinal dots, or when it is "?" or "!" -- never after closing quotes or
 * brackets ('"Stop!" he said') or an ellipsis, and never before a word
 * followed by a dot ("т. е.").
 */
/* Are all the letters of span sp capitals? */
static int all_upper(const unsigned char *t, size_t len, span sp)
{
    for (size_t m = sp.b; m < sp.e;) {
        size_t q;
        uint32_t cp = dec(t, len, m, &q);
        if (is_alpha(cp) && !is_upper(cp)) return 0;
        m += q;
    }
    return 1;
}

/* Is the lower-case word at kw, three letters or more, one the table names S
 * when capitalised ("потом" for "Потом")? */
static int lower_s_word(const seg_abbrev_lang *l, const unsigned char *t, size_t len, size_t kw)
{
    size_t e = kw, ncp = 0, n1 = 0;
    while (e < len && e - kw < 40) {
        size_t q;
        uint32_t cp = dec(t, len, e, &q);
        if (!is_lower(cp)) break;
        if (!ncp) n1 = q;
        e += q;
        ncp++;
    }
    size_t q2;
    if (ncp < 3 || e - kw >= 40 || (e < len && (t[e] == '.' || is_alpha(dec(t, len, e, &q2)))))
        return 0;
    char key[48];
    UChar32 up = u_toupper((UChar32)dec(t, len, kw, &n1));
    size_t w = 0;
    if (up < 0x80)
        key[w++] = (char)up;
    else if (up < 0x800) {
        key[w++] = (char)(0xC0 | up >> 6);
        key[w++] = (char)(0x80 | (up & 0x3F));
    } else
        return 0;
    memcpy(key + w, t + kw + n1, e - kw - n1);
    return table_lookup(l, key, w + e - kw - n1) == 'S';
}

/* "jutro o 18. dam znać": in a language whose numbers with a dot are
 * ordinals, an hour (a number up to 24 after a word the table names H, a
 * preposition of time: pl and sk "o") ends a sentence before a
 * lower-case word when the sentence itself began in lower case, as chat
 * does; edited text ("w 34. i 77. minucie", "v 5. patře") starts with a
 * capital, and its number stays an ordinal. Czech "v" and Croatian "u" are
 * left out: "v 5. patře", "u 5. razredu" are ordinals in chat too. */
static int chat_hour(const seg_abbrev_lang *l, const unsigned char *t, size_t len, size_t start,
                     span sp)
{
    unsigned v = 0;
    if (sp.e <= sp.b || sp.e - sp.b > 2) return 0;
    for (size_t k = sp.b; k < sp.e; k++) {
        if (t[k] < '0' || t[k] > '9') return 0;
        v = v * 10 + (unsigned)(t[k] - '0');
    }
    if (v > 24) return 0;
    size_t m = start;
    while (m < sp.b) {
        size_t q;
        uint32_t cp = dec(t, len, m, &q);
        if (is_alpha(cp)) {
            if (!is_lower(cp)) return 0;
            break;
        }
        m += q;
    }
    if (m >= sp.b) return 0;
    size_t e = skip_inline_space_before(t, len, start, sp.b);
    if (e == sp.b || e <= start) return 0;
    span w = token_before(t, len, start, e);
    return w.e > w.b && w.e - w.b < 16 && abbrev_class(l, (const char *)t + w.b, w.e - w.b) == 'H';
}

static int lower_start(const pisar_segmenter *s, size_t start, size_t i, int strong, int ellipsis,
                       int quoted, size_t kw)
{
    const unsigned char *t = s->t;
    size_t len = s->len;
    /* two dots right after a word, a typing habit of chat ("Argh.. who's
     * there", "(w/ Intel logo).. on the back"), are no ellipsis of a
     * thought that goes on ("научил людей... воровать") */
    int two_dots = ellipsis && i > start && i + 2 < len && t[i] == '.' && t[i + 1] == '.' &&
                   t[i + 2] == ' ' &&
                   (is_alpha(t[i - 1]) || t[i - 1] >= 0x80 || t[i - 1] == ')' || t[i - 1] == ']');
    /* "rofl... distro nick wars.", "Crvisty ehh... moje programy": chat's
     * laughter or hesitation (class I) before an ellipsis, first or second
     * word of its sentence, is a sentence of its own */
    if (ellipsis && !quoted && !two_dots && i > start) {
        span ip = token_before(t, len, start, i);
        size_t words = 0;
        for (size_t m = start; m < ip.b; m++)
            words += t[m] == ' ' && m + 1 < len && t[m + 1] != ' ';
        if (ip.e > ip.b && words <= 1 &&
            abbrev_class(s->lang, (const char *)t + ip.b, ip.e - ip.b) == 'I')
            return 1;
    }
    /* "in son Filmplakat ein... mmh?": the interjection after the ellipsis
     * is a sentence of its own, up to its '?' or '!' */
    if (ellipsis && !quoted && word_class(s->lang, t, len, kw) == 'I') {
        size_t m = kw;
        while (m < len && (is_alpha(t[m]) || t[m] >= 0x80) && t[m] != ' ')
            m++;
        if (m < len && (t[m] == '?' || t[m] == '!')) return 1;
    }
    if (!two_dots && (ellipsis || quoted)) return 0;
    if (two_dots) strong = 1;
    /* the next word: letters up to a space; "i" as in "i will" counts */
    size_t m = kw, nl = 0;
    while (m < len) {
        size_t q;
        uint32_t cp = dec(t, len, m, &q);
        if (!is_alpha(cp)) break;
        m += q;
        nl++;
    }
    if (!nl || (m < len && (t[m] == '.' || t[m] == '-' || t[m] == '\'') && nl <= 3 &&
                !contraction(s->lang, t, len, m) &&
                !(t[m] == '.' && abbrev_class(s->lang, (const char *)t + kw, m - kw) == 'I')))
        return 0; /* "e.g.", "a-ha" go on; "me? heh. and", an interjection, does not */
    if (m < len && (t[m] == '@' || t[m] == '/' || t[m] == '_')) return 0;
    if (strong) return 1;
    span sp = token_before(t, len, start, i);
    /* "the GNU version of df.  df displays", "opisuje rm w wersji GNU. rm
     * usuwa": the word that ended the sentence opens the next one (a man
     * page's command name); no abbreviation is followed by itself */
    if (sp.e - sp.b == m - kw && m < len && t[m] == ' ' && !memcmp(t + sp.b, t + kw, m - kw))
        return 1;
    /* a path or a command's option before the stop ends the sentence: no
     * abbreviation looks like one ("sprawdź /etc/apt/sources.list. może
     * masz", "с ключом -v. скорее всего") */
    {
        size_t slashes = 0, o = sp.b;
        for (size_t m = sp.b; m < sp.e; m++)
            slashes += t[m] == '/';
        if (sp.e - sp.b >= 3 && (t[sp.b] == '/' || t[sp.b] == '~') && slashes >= 2)
            return 1;                                        /* "/etc/fstab", "~/.config/app" */
        while (o > start && sp.b - o < 2 && t[o - 1] == '-') /* token_before strips dashes */
            o--;
        if (o < sp.b && (o == start || t[o - 1] == ' ') && sp.e - sp.b <= 20) {
            int ascii = 1;
            for (size_t m = sp.b; m < sp.e; m++)
                ascii &= (t[m] | 0x20) >= 'a' && (t[m] | 0x20) <= 'z';
            if (ascii) return 1; /* "-v", "--verbose" */
        }
    }
    tk_info tk = classify(t, len, sp);
    size_t kb;
    if (tk.kind == TK_NUMBER) {
        if (ordinal_language(s->lang)) return chat_hour(s->lang, t, len, start, sp);
        return !lookup_abbrev(s->lang, t, len, start, sp, &kb) && sp.e - sp.b >= 2;
    }
    /* a word in capitals, three letters or more, that no table knows: "like
     * EMACS. or dvt." */
    if (tk.kind == TK_WORD && tk.only_letters && tk.ncp >= 3 && !tk.last_lower &&
        all_upper(t, len, sp) && !lookup_abbrev(s->lang, t, len, start, sp, &kb))
        return 1;
    if (tk.kind != TK_WORD || tk.ncp < 2 || !tk.last_lower) {
        /* "$80.", "20%." end a sentence; "e.g.", "Dr." do not */
        if (tk.kind == TK_WORD && !tk.only_letters && sp.e > sp.b &&
            (t[sp.e - 1] >= '0' && t[sp.e - 1] <= '9') && (t[sp.b] == '$' || t[sp.b] == 0xE2) &&
            !ordinal_language(s->lang))
            return 1;
        return 0;
    }
    if (!tk.only_letters) return 0;
    if (lookup_abbrev(s->lang, t, len, start, sp, &kb)) return 0;
    if (!has_vowel(t, len, sp.b, sp.e)) return 0;
    if (!strcmp(s->lang->code, "en")) return 1;
    size_t p1, p2;
    uint32_t l1 = decode_before(t, len, sp.b, sp.e, &p1);
    /* a Cyrillic word that ends in a vowel, ь, ъ or й is never cut short
     * there (the rule of graphic abbreviations, ГОСТ Р 7.0.12-2011, 4.1: an
     * abbreviation does not end in a vowel or in й, ь, ъ): "пробыли там весь
     * день. вернулись поздно" */
    if (l1 >= 0x400 && l1 < 0x530 && tk.ncp >= 2 &&
        (has_vowel(t, len, p1, sp.e) || l1 == 0x439 || l1 == 0x419 || l1 == 0x44C || l1 == 0x42C ||
         l1 == 0x44A || l1 == 0x42A) &&
        l1 != 0x45E && l1 != 0x40E) /* ў is a consonant */
        return 1;
    /* elsewhere the tables know fewer of the shortened words that edited
     * text uses ("канд.", "геогр.", "maks."): a truncated word is short or
     * ends in two consonants, a sentence's last word seldom does */
    /* German: a word that ends in "-ch" (not "-sch"), "-ht" or "-ig" is
     * whole ("schrecklich. wir haben", "verleiht. es umgibt", "auch. wir"):
     * a shortened word ends before a vowel and keeps no such ending (the
     * tables hold the few that do not, "gesch." ends in "-sch") */
    if (!strcmp(s->lang->code, "de") && tk.ncp >= 3) {
        const unsigned char *w = t + sp.e;
        if ((w[-2] == 'c' && w[-1] == 'h' && w[-3] != 's') || (w[-2] == 'h' && w[-1] == 't') ||
            (w[-2] == 'i' && w[-1] == 'g'))
            return 1;
    }
    /* "ездили к бабушке на час. потом сразу обратно": a word of three
     * letters or more that the table says starts sentences (a pronoun, an
     * adverb of sequence), in lower case after a whole word, is a new one */
    if (tk.ncp >= 3 && lower_s_word(s->lang, t, len, kw)) return 1;
    if (tk.ncp < 5) return 0;
    decode_before(t, len, sp.b, p1, &p2);
    return has_vowel(t, len, p1, sp.e) || has_vowel(t, len, p2, p1) || l1 == 0x439 || l1 == 0x44C ||
           l1 == 0x456 || l1 == 0x457;
}

/* A list marker: "1.)", "2)", "3.", "a.", "b)", after the sentence start, a
 * space or a bullet and a space, and before a space. */
typedef struct {
    size_t b, end; /* the marker (with its bullet) [b, end) */
    int value;     /* 1 for "1", "a", "A" */
    int shape;     /* digits/lower/upper x ".)"/")"/"." */
    int at_start;  /* it opens the sentence (after a bullet, if any) */
    int after_colon;
} list_mark;

static inline int is_bullet(uint32_t cp)
{
    return cp == 0x2022 || cp == 0x2043 || cp == 0x25CF || cp == 0x25AA || cp == 0x2023;
}

/* Is the '.' or ')' at byte i the end of a list marker? */
static int list_marker(const unsigned char *t, size_t len, size_t start, size_t i, list_mark *m)
{
    size_t end, q;
    int sh;
    if (t[i] == '.' && i + 1 < len && t[i + 1] == ')')
        sh = 1, end = i + 2;
    else if (t[i] == ')' && !(i > start && t[i - 1] == '.'))
        sh = 2, end = i + 1;
    else if (t[i] == '.')
        sh = 3, end = i + 1;
    else
        return 0;
    if (end + 1 >= len || t[end] != ' ' || t[end + 1] == ' ') return 0;
    size_t b = i;
    int v = 0;
    if (b > start && t[b - 1] >= '0' && t[b - 1] <= '9') {
        int mul = 1;
        while (b > start && t[b - 1] >= '0' && t[b - 1] <= '9' && i - b < 2) {
            v += (t[b - 1] - '0') * mul;
            mul *= 10;
            b--;
        }
        if (b > start && t[b - 1] >= '0' && t[b - 1] <= '9') return 0;
    } else if (b >= start + 2 && t[b - 1] && t[b - 2] && strchr("ivx", t[b - 1]) &&
               strchr("ivx", t[b - 2])) {
        /* "ii. Pick a seat": a lower-case Roman numeral, two to four letters */
        static const int val[] = {['i'] = 1, ['v'] = 5, ['x'] = 10};
        while (b > start && i - b < 5 && t[b - 1] && strchr("ivx", t[b - 1]))
            b--;
        if (i - b > 4) return 0;
        for (size_t r = b; r < i; r++)
            v += r + 1 < i && val[t[r]] < val[t[r + 1]] ? -val[t[r]] : val[t[r]];
        sh += 30;
    } else if (b > start && ((t[b - 1] | 0x20) >= 'a' && (t[b - 1] | 0x20) <= 'z')) {
        b--;
        v = (t[b] | 0x20) - 'a' + 1;
        sh += t[b] >= 'a' ? 10 : 20;
    } else
        return 0;
    if (v == 0) return 0;
    m->at_start = b == start;
    m->after_colon = 0;
    m->b = b;
    if (b > start) {
        uint32_t g = decode_before(t, len, start, b, &q);
        if (is_bullet(g) && (q == start || t[q - 1] == ' ')) {
            /* a bullet glued to its number: "⁃3. Sand the board" */
            m->b = q;
            m->at_start = q == start;
            m->after_colon = 0;
            m->end = end;
            m->value = v;
            m->shape = sh;
            return 1;
        }
        if (t[b - 1] != ' ') return 0;
        size_t p = b - 1;
        if (p > start) {
            uint32_t pc = decode_before(t, len, start, p, &q);
            if (is_bullet(pc) || pc == '*') {
                m->b = q;
                m->at_start = q == start;
            } else if (pc == ':')
                m->after_colon = 1;
        }
    }
    m->end = end;
    m->value = v;
    m->shape = sh;
    return 1;
}

/* Is the token before byte b a span of numbers ("1941–1945", "1990-2000")? */
static int range_before(const unsigned char *t, size_t len, size_t lo, size_t b)
{
    size_t i = skip_inline_space_before(t, len, lo, b);
    if (i == b || i <= lo) return 0;
    span sp = token_before(t, len, lo, i);
    int dig = 0, dash = 0;
    for (size_t m = sp.b; m < sp.e;) {
        size_t q;
        uint32_t cp = dec(t, len, m, &q);
        if (is_digit(cp)) {
            if (dash) return 1;
            dig = 1;
        } else if (is_dash(cp) && dig)
            dash = 1;
        m += q;
    }
    return 0;
}

/*
 * Direct speech that the author's words interrupt and that goes on after
 * them: "— Не сейчас, — сказал он. — Приходи завтра." and the quotation
 * form "«Не сейчас, — сказал он. — Приходи завтра»." The full stop at byte
 * `i` ends the author's words (a dash after ",", "!", "?", "…" or a closing
 * quote, then a word in lower case, up to `i` with no terminator between),
 * in a sentence that opened as speech (a dash or an opening quote at
 * `start`): the speaker's turn goes on after the next dash, one segment.
 */
static int speech_goes_on(const unsigned char *t, size_t len, size_t start, size_t i)
{
    size_t q;
    uint32_t first = dec(t, len, start, &q);
    if (!is_dash(first) && first != 0xAB && first != 0x201E && first != 0x201C) return 0;
    /* back from i to the dash that opens the author's words */
    size_t m = i;
    while (m > start && i - m < 200) {
        size_t b;
        uint32_t cp = decode_before(t, len, start, m, &b);
        if (cp == '\n' || is_terminator(cp)) return 0;
        if (is_dash(cp) && cp != '-' && b > start && t[b - 1] == ' ' && m < len && t[m] == ' ') {
            /* the author's words start in lower case ... */
            uint32_t w = dec(t, len, m + 1, &q);
            if (!is_lower(w)) return 0;
            /* ... after the first part of the speech */
            size_t pb;
            uint32_t p = decode_before(t, len, start, b - 1, &pb);
            return b - 1 > start && (p == ',' || p == '!' || p == '?' || p == 0x2026 || p == 0xBB ||
                                     p == 0x201C || p == 0x201D);
        }
        m = b;
    }
    return 0;
}

/* Did the sentence open with « or „ that no » or “ has closed before i? */
static int quote_open(const unsigned char *t, size_t len, size_t start, size_t i)
{
    size_t q;
    uint32_t first = dec(t, len, start, &q);
    if (first != 0xAB && first != 0x201E) return 0;
    for (size_t m = start + q; m < i && m < len;) {
        uint32_t cp = dec(t, len, m, &q);
        if (cp == 0xBB || cp == 0x201C || cp == '\n') return 0;
        m += q;
    }
    return 1;
}

/*
 * Decide a terminator cluster: the sentence began at `start`, the terminators
 * occupy [i, ce) with closing quotes/brackets up to `j`. Returns 1 to end the
 * sentence at j.
 */
/* Does t[k, ...) hold an emoticon and nothing else up to the end of its line
 * (":)", ";-)", "(=:]", ":-P", "8)")? Eight bytes at most, no space inside,
 * eyes (':' ';' '=' '8') and no letter but a mouth's D P p O o. */
static int emoticon_to_eol(const unsigned char *t, size_t len, size_t k)
{
    /* 1: eyes; 2: a nose, a mouth, a brow */
    static const unsigned char part[256] = {
        [':'] = 1,  [';'] = 1, ['='] = 1, ['8'] = 1, ['('] = 2, [')'] = 2,  ['['] = 2,
        [']'] = 2,  ['{'] = 2, ['}'] = 2, ['<'] = 2, ['>'] = 2, ['|'] = 2,  ['/'] = 2,
        ['\\'] = 2, ['*'] = 2, ['^'] = 2, ['-'] = 2, ['~'] = 2, ['\''] = 2, ['D'] = 2,
        ['P'] = 2,  ['p'] = 2, ['O'] = 2, ['o'] = 2, ['3'] = 2};
    size_t m = k;
    int eyes = 0;
    for (; m < len && m - k <= 8 && part[t[m]]; m++)
        eyes |= part[t[m]] == 1;
    if (!eyes || m - k > 8) return 0;
    while (m < len && (t[m] == ' ' || t[m] == '\t' || t[m] == '\r'))
        m++;
    return m >= len || t[m] == '\n';
}

/* Chat's emoticon as a sentence's end: at i, after a space that follows a
 * word, ":)" or ";-)" and then a space and a word ("lol that was fun :) see
 * u tmrw"). Returns where the emoticon ends, 0 if none. */
static size_t emoticon_before_word(const unsigned char *t, size_t len, size_t start, size_t i)
{
    if (i < start + 2 || t[i - 1] != ' ' || (t[i] != ':' && t[i] != ';')) return 0;
    size_t q, m = i + 1;
    uint32_t p = decode_before(t, len, start, i - 1, &q);
    if (!is_alpha(p) && !is_digit(p)) return 0;
    if (m < len && t[m] == '-') m++;
    if (m >= len || t[m] != ')') return 0;
    m++;
    if (m + 1 >= len || t[m] != ' ' || !is_alpha(dec(t, len, m + 1, &q))) return 0;
    return m;
}

static int decide(pisar_segmenter *s, size_t start, size_t i, size_t j, int strong, int ellipsis,
                  int closed)
{
    const unsigned char *t = s->t;
    size_t len = s->len;
    if (i == start) return 0; /* "..." or "?" opening a sentence */
    /* 'закони: "...Не се позволява': an ellipsis right after an opening
     * quote or bracket elides the quotation's start */
    if (ellipsis) {
        size_t q, q2;
        uint32_t b = decode_before(t, s->len, start, i, &q);
        if (b == '(' || b == '[' || b == 0xAB || b == 0x201E || b == 0x201C) return 0;
        if ((b == '"' || b == '\'') &&
            (q == start || is_space(decode_before(t, s->len, start, q, &q2))))
            return 0;
    }

    /* what follows */
    size_t k = j, nl = 0;
    while (k < len) {
        size_t n;
        uint32_t cp = dec(t, len, k, &n);
        if (!is_space(cp)) break;
        if (cp == '\n' || cp == 0x2029) nl++;
        if (cp == 0x2029) nl++;
        k += n;
    }
    if (k >= len || nl >= 2) return 1;
    /* "[ПАРАМЕТР…] ІМЯ-ШЫНЫ", "[...]": an ellipsis inside square brackets is
     * a usage line's repetition or an elision; "[OPTION]... FILE" after them
     * too, before another argument (in capitals, or bracketed) */
    if (ellipsis && !nl && closed && t[j - 1] == ']') return 0;
    if (ellipsis && !nl && i > start && t[i - 1] == ']') {
        size_t m = k, up = 0, q;
        while (m < len) {
            uint32_t cp = dec(t, len, m, &q);
            if (!is_alpha(cp)) break;
            if (!is_upper(cp)) {
                up = 0;
                break;
            }
            up++;
            m += q;
        }
        if (t[k] == '[' || t[k] == '-' || t[k] == '<' || t[k] == '\\' || up >= 2) return 0;
    }

    /* inside a reference list entry, unless another entry begins */
    if (!nl && s->bib_line && bib_now(s, start) && !bib_entry(t, len, k, 0)) return 0;

    size_t n;
    uint32_t c = dec(t, len, k, &n);

    /* the token before (analysed only where it matters) */
    size_t pb;
    uint32_t before = decode_before(t, len, start, i, &pb);
    int closed_before = is_closer(before) && before != '\'';
    span sp;
    tk_info tk;

    if (k == j) { /* no space after the terminators */
        if (closed) return is_upper(c) || is_opener(c);
        if (strong || ellipsis) return is_upper(c);
        if (is_digit(c) || !is_upper(c)) return 0;
        sp = token_before(t, len, start, i);
        tk = classify(t, len, sp);
        /* "года.В Москве": a missing space between a word and a capital;
         * "2024 г.През", "2024.U januaru", "Bahnhofstr.Dort" too */
        size_t kb = sp.b;
        if (tk.kind == TK_NUMBER) {
            /* "2024.U januaru", "from Sept. 1.It is" -- but not "1.A" or German "1.Mai" */
            if (tk.short_int || sp.e - sp.b < 3) {
                size_t q;
                if (s->lang->ordinal_dot || k + n >= len || !is_lower(dec(t, len, k + n, &q)))
                    return 0;
            }
        } else if (tk.kind == TK_WORD || tk.kind == TK_LOWER1) {
            if (!tk.only_letters || !tk.last_lower) return 0;
            char cls = lookup_abbrev(s->lang, t, len, start, sp, &kb);
            if (cls == 'P' || (cls == 'Y' && !number_before(t, len, start, kb))) return 0;
            if (!cls && tk.ncp < 2) return 0;
        } else
            return 0;
        /* not "Node.Js" or "example.Com/...": the next token must end soon;
         * nor "„tmp.XXXXXXXXXX“", a name in quotes */
        for (size_t m = k; m < len && m < k + 64;) {
            size_t q;
            uint32_t cp = dec(t, len, m, &q);
            if (is_closer(cp) && cp != ')') return 0;
            if (is_space(cp) || is_terminator(cp) || cp == ',' || cp == ';' || cp == ':') break;
            if (cp == '/' || cp == '@' || cp == '_' || is_digit(cp)) return 0;
            m += q;
        }
        return 1;
    }

    /* A dash after the terminator: a new speaker's turn (capital after it) or
     * the author's words ("— сказал он": lower case). */
    if (is_dash(c)) {
        size_t m = k + n;
        while (m < len) {
            size_t q;
            uint32_t cp = dec(t, len, m, &q);
            if (!is_space(cp) || cp == '\n') break;
            m += q;
        }
        if (c == '-' && m == k + n && k + 2 < len && t[k + 1] == '-' && t[k + 2] == ' ') {
            m = k + 2; /* "--" typed for a dash: "gehn. -- LinuxTag 2000" */
            while (m < len && (t[m] == ' ' || t[m] == '\t'))
                m++;
        } else if (m == k + n && c == '-') {
            /* "-5", "-ish" go on; "1024 * кропак/цалю. -1 - прадвызначанае": a
             * word ending in three lower-case letters that no table knows ends the
             * sentence before a number with its minus sign */
            if (nl) return 1;
            if (!(k + 1 < len && is_digit(t[k + 1])) || strong || ellipsis || closed) return 0;
            size_t kb0, p = i, q, nlow = 0;
            while (p > start && nlow < 3 && is_lower(decode_before(t, len, start, p, &q))) {
                p = q;
                nlow++;
            }
            span wp = token_before(t, len, start, i);
            return nlow == 3 && !lookup_abbrev(s->lang, t, len, start, wp, &kb0);
        }
        if (m >= len) return 1;
        size_t q;
        uint32_t d = dec(t, len, m, &q);
        if (is_lower(d)) return 0;

        /* the areas of a bibliographic entry (GOST 7.1): "Реки. — М.: Наука,
         * 1987. — 312 с." -- a dash before a number or a one-letter
         * abbreviation is no speaker's turn */
        if (!nl && (is_digit(d) || (is_upper(d) && m + q < len && t[m + q] == '.'))) return 0;
        /* "— Не сейчас, — сказал он. — Приходи завтра.": the speaker goes on */
        if (!nl && !strong && !ellipsis && !closed && is_upper(d) &&
            speech_goes_on(t, len, start, i))
            return 0;
        /* "«Это не моя вина, — повторял Сергей. — Это всё погода. — И
         * добавил: — Честное слово».": inside a quotation that opened the
         * sentence and has not closed, the author's words and the speech
         * go on across ". —" */
        if (!nl && !closed && c != '-' && quote_open(t, len, start, i)) return 0;
        /* "FREIBURG i. Br. – Der Gemeinderat": an abbreviation that never
         * ends a sentence (class P) goes on across the dash */
        if (!nl && !strong && !ellipsis && !closed) {
            size_t kb0;
            span ap = token_before(t, len, start, i);
            if (lookup_abbrev(s->lang, t, len, start, ap, &kb0) == 'P') return 0;
        }
        return 1;
    }
    /* "a sledge hammer. (=:]" and the line ends: the emoticon belongs to
     * the sentence */
    if (!nl && emoticon_to_eol(t, len, k)) return 0;
    /* skip opening quotes and brackets; kw is where the next word begins */
    int opened = 0;
    size_t kw = k;
    while (kw < len && is_opener(c)) {
        opened = 1;
        kw += n;
        if (kw >= len) break;
        c = dec(t, len, kw, &n);
    }
    if (is_lower(c) && !camel_word(t, len, kw)) /* "iPhone", "eBay" start sentences */
        return lower_start(s, start, i, strong, ellipsis, closed || closed_before || opened, kw);
    if (!opened && (c == ',' || c == ';' || c == ':' || is_closer(c) || is_terminator(c))) return 0;

    if (strong || ellipsis || closed || closed_before) {
        /* '"Was it true?" Clare asked.': a name and a verb of saying continue
         * the sentence after a closing quote */
        /* '"We will not give up." (Jones 112).': a citation in brackets
         * after the quotation belongs to it */
        if (closed && opened && c != '(' && k < len && (t[k] == '(' || t[k] == '[')) {
            for (size_t m = k + 1; m < len && m < k + 80; m++) {
                if (t[m] == '\n' || t[m] == '(' || t[m] == '[') break;
                if (t[m] == ')' || t[m] == ']') {
                    if (m + 1 < len && t[m + 1] == '.') return 0;
                    break;
                }
            }
        }
        if (closed && is_upper(c) && !opened) {
            size_t m = k;
            while (m < len) {
                size_t q;
                uint32_t cp = dec(t, len, m, &q);
                if (!is_alpha(cp)) break;
                m += q;
            }
            if (m < len && t[m] == ' ' && word_class(s->lang, t, len, m + 1) == 'V' &&
                word_class(s->lang, t, len, kw) != 'S') /* not "Nobody answered." */
                return 0;
        }
        /* "?", "!", "…" before a capital, a digit or a caseless letter */
        return 1;
    }

    /* "(max. 2 Min.)", "(Sect. 2.1)": a number after a stop inside an open
     * bracket goes on */
    if (!nl && digit_after_open_paren(t, len, start, i, c)) return 0;
    /* a single period before a capital, a digit, an opener or a symbol */
    if (!nl && in_dateline(t, len, start, i)) return 0;
    if (!nl && !closed && s->title_open && i - s->title_at <= 80)
        return 0; /* inside «…» of a title */
    /* "Mon.–Fri. 9 a.m.", "Mo.–Fr. 9–17 Uhr": the second abbreviation of a
     * range of them goes on before the number it qualifies */
    if (!nl && is_digit(c)) {
        size_t m = i, q;
        while (m > start && is_alpha(decode_before(t, len, start, m, &q)))
            m = q;
        if (m < i && m > start && is_dash(decode_before(t, len, start, m, &q)) && q > start &&
            t[q - 1] == '.')
            return 0;
    }
    /* the common case first: a plain word that no abbreviation can end with
     * (longer than any, or its last segment not in the filter) */
    {
        const seg_abbrev_lang *l = s->lang;
        size_t m = i, letters = 0, roman = 0;
        uint32_t first = 0;
        while (m > start && i - m <= l->max_len) {
            size_t q;
            uint32_t cp = decode_before(t, len, start, m, &q);
            if (!is_alpha(cp)) break;
            letters++;
            roman += cp == 'I' || cp == 'V' || cp == 'X' || cp == 'L' || cp == 'C' || cp == 'D' ||
                     cp == 'M';
            first = cp;
            m = q;
        }
        if (letters) {
            size_t q;
            int plain = i - m > l->max_len;
            if (!plain) {
                uint32_t pc = m > start ? decode_before(t, len, start, m, &q) : ' ';
                plain = letters >= 2 && roman < letters &&
                        (is_space(pc) || is_opener(pc) || is_dash(pc)) &&
                        !may_end_abbrev(l, t, m, i, first, dec(t, len, m, &q) ? q : 1);
            }
            if (plain && !(l->has_suffix && suffix_class(l, t, m, i))) return 1;
        }
    }
    sp = token_before(t, len, start, i);
    tk = classify(t, len, sp);
    int digit = is_digit(c);
    size_t kb = sp.b;
    switch (tk.kind) {
    case TK_EMPTY:
    case TK_URL:
        return 1;
    case TK_NUMBER:
        if (digit && spaced_date(t, len, start, sp, k)) return 0; /* "12. 5. 1950" */
        if (sp.b == start && tk.short_int) return 0;              /* "1. Item" */
        if (!nl && sp.b == start && section_number(t, len, sp, k) &&
            after_break(t, start, s->line_paras))
            return 0; /* "11.2.1. Conceptos" */
        if (tk.short_int && heading_number(s->lang, t, len, start, sp.b))
            return 0; /* "Глава 1. Детство" */
        /* "1. Mai", "2. Weltkrieg" -- but not "Platz 1. Die Bayern", nor a
         * number that an abbreviation counts ("v sále č. 3. Zúčastní se",
         * "Zimmer Nr. 12. Dort"): a cardinal */
        if (s->lang->ordinal_dot && tk.short_int && is_alpha(c) &&
            word_class(s->lang, t, len, kw) != 'S' && !counted_number(s->lang, t, len, start, sp.b))
            return 0;
        return 1;
    case TK_ROMAN:
        if (sp.b == start) return 0; /* "II. Geschichte" */
        if (s->lang->ordinal_dot && is_alpha(c) && word_class(s->lang, t, len, kw) != 'S')
            return 0; /* "II. Weltkrieg" */
        break;
    case TK_UPPER1:
        if (sp.b == start && !digit && sp.e == i) {
            /* "A. Introduction" opens a list as "1." does; an initial too */
            return 0;
        }
        {
            char cls = lookup_abbrev(s->lang, t, len, start, sp, &kb);
            if (cls == 'F') return 1;
        }
        /* an initial: "В. В. Путин", "J. R. R. Tolkien"; not before a word
         * that starts sentences ("Plan B. The"), nor before a word of the
         * other script ("библиотекой GNU C. Таким образом": a Latin initial
         * goes with a Latin name, a Cyrillic one with a Cyrillic name) */
        {
            size_t q;
            int a = latin_or_cyrillic(dec(t, len, sp.b, &q)), b = latin_or_cyrillic(c);
            if (a && b && a != b) return 1;
        }
        return word_class(s->lang, t, len, kw) == 'S';
    case TK_LOWER1:
        if (single_letter_dot(t, len, kw)) return 0; /* "z. B.", "т. е." */
        break;
    default:
        break;
    }
    char cls = lookup_abbrev(s->lang, t, len, start, sp, &kb);
    if (cls && c == 0x2116) return 0; /* "за 2019 г. № 4" */
    switch (cls) {
    case 'P': /* "Baker St. It is": a pronoun or article starts a new sentence */
        if (digit) return 0;
        if (tk.kind == TK_DOTTED && is_upper(c) && is_upper(t[sp.b]) && sp.e - sp.b <= 3 &&
            sp.b > start) { /* not "U.K. Universities charge" opening a sentence */
            /* a country's initials, "U.S.", "U.K.", before a capital: "the
             * U.S. Navy", "the U.K. Treasury" (a word the table names, M)
             * and "the U.S. Air Force" (a name goes on) go on; "toured the
             * U.S. Later they" ends */
            char wc = word_class(s->lang, t, len, kw);
            if (wc == 'S') return 1;
            if (wc == 'M' || wc == 'C') return 0;
            size_t m = kw;
            while (m < len) {
                size_t q;
                uint32_t cp = dec(t, len, m, &q);
                if (!is_alpha(cp)) break;
                m += q;
            }
            size_t q;
            return !(m + 1 < len && t[m] == ' ' && is_upper(dec(t, len, m + 1, &q)));
        }
        return word_class(s->lang, t, len, kw) == 'S';
    case 'F': /* "et al. 2019", "6:45 a.m. Saturday" */
        return !digit && word_class(s->lang, t, len, kw) != 'C';
    case 'Y':
        if (digit || !number_before(t, len, start, kb)) return 0;
        if (!nl && opening_time(t, len, start, kb) && word_class(s->lang, t, len, kw) != 'S')
            return 0; /* "W XIX w. Warta stała się" */
        /* "в 1941–1945 гг. Москва жила": a span of years is a time adverbial
         * that a name goes on from */
        if (i - kb >= 4 && (!memcmp(t + i - 4, "\xd0\xb3\xd0\xb3", 4) || /* гг. */
                            !memcmp(t + i - 4, "\xd1\x80\xd1\x80", 4)))  /* рр. */
            return !range_before(t, len, start, kb) || word_class(s->lang, t, len, kw) == 'S';
        return 1;
    case 'N': /* "No. 5", "тел. +7 (4822)", "арт. «Басейн Нёмана»" */
    case 'D': /* "giov. 12 febbr.", "am Mi. 4. März": a day or month before a date */
        return !(digit || c == '+' || c == '(' || opened);
    default:
        break;
    }
    if (tk.kind == TK_DOTTED) {
        /* "J.R.R. Tolkien", "U.S.A." unknown to the table: initials if every
         * part is one capital letter */
        int initials = 1, part = 0;
        for (size_t m = sp.b; m < sp.e;) {
            size_t q;
            uint32_t cp = dec(t, len, m, &q);
            if (cp == '.')
                part = 0;
            else if (!is_upper(cp) || ++part > 1)
                initials = 0;
            m += q;
        }
        return !initials;
    }
    return 1;
}

/* "...за който да се живее" / "- ще бъде наслаждение.": a long sentence
 * (120 bytes or more so far) whose line ends in a lower-case word goes on
 * across a line of a dash and a lower-case word (a dash of the sentence, not
 * a list item or a speaker's turn) */
static int dash_goes_on(const unsigned char *t, size_t len, size_t start, size_t e, size_t k)
{
    size_t n, q, ps;
    if (e <= start || e - start < 120 || k >= len) return 0; /* 60 characters, 2 bytes each */
    if (!is_lower(decode_before(t, len, start, e, &ps))) return 0;
    uint32_t c = dec(t, len, k, &n);
    if (!is_dash(c) || k + n + 1 >= len || t[k + n] != ' ') return 0;
    return is_lower(dec(t, len, k + n + 1, &q));
}

/* A line that ends without final punctuation, followed by a line break:
 * a headline, caption or list item ends there when the next line starts like
 * a sentence (not in lower case) and the line does not end like an unfinished
 * phrase. `e` is the trimmed end of the line, `k` the next line's first byte. */
static int line_break_ends(const pisar_segmenter *s, size_t start, size_t e, size_t k)
{
    const unsigned char *t = s->t;
    size_t len = s->len, n, ps;
    if (e <= start || k >= len) return 0;
    uint32_t last = decode_before(t, len, start, e, &ps);
    uint32_t c = dec(t, len, k, &n);
    if (dash_goes_on(t, len, start, e, k)) return 0;
    /* the next line is a list item or a speaker's turn: "- milk", "• one", "2) two" */
    if (last != 0xAD && last != '-') {
        int bullet = c == 0x2022 || c == 0x00B7 || c == 0x2023 || c == 0x25AA || c == 0x25CF ||
                     c == '*' || is_dash(c);
        if (bullet && k + n < len && is_space(t[k + n])) return 1;
        if (bullet && is_dash(c) && c != '-') return 1;
        size_t m = k;
        while (m < len && m - k < 3 && t[m] >= '0' && t[m] <= '9')
            m++;
        if (m > k && m + 1 < len && (t[m] == '.' || t[m] == ')') && t[m + 1] == ' ') return 1;
    }
    /* "Please bring the following:" and a new line in capitals: the colon
     * closes a heading or an introduction */
    if (last == ':' && is_upper(c)) return 1;
    if (last == ',' || last == ';' || last == ':' || is_dash(last) || last == '(' || last == '[' ||
        last == 0xAB || last == 0x201E || last == '/' || last == '&' || last == '+' || last == 0xAD)
        return 0;
    if (last == '.') { /* an abbreviation or initial at the end of a line: "г.\nМосква" */
        return 0;
    }
    if (is_lower(c)) return 0;
    if (c == ',' || c == ';' || c == ':' || c == ')' || c == ']') return 0;
    return 1;
}

/* A salutation a line of its own: "Hello all,", "Hi Sam,", "Привіт усім,":
 * the sentence opens the line, which has three words at most, the first
 * capitalised, and ends in a comma (in chat and e-mail the next line often
 * begins in lower case, and is a new sentence). */
static int greeting(const unsigned char *t, size_t len, size_t start, size_t e)
{
    size_t n;
    if (start > 0 && t[start - 1] != '\n') return 0;
    if (!is_upper(dec(t, len, start, &n))) return 0;
    int words = 1;
    for (size_t i = start; i < e; i++)
        if (t[i] == ' ' && ++words > 3) return 0;
    return 1;
}

/* Does the sentence go on across the line break between the line ending at
 * `e` and the next line at `k`: a clause that ends in ',', ';', a hyphen or a
 * conjunction ("и", "and", "oder"), and a next line in lower case? A list
 * after a colon ("Комплект включает:" and an item a line) does not. */
static int line_goes_on(const unsigned char *t, size_t len, size_t start, size_t e, size_t k)
{
    /* the conjunctions, with their lengths (no strlen at each line break) */
#define W(x)                                                                                       \
    {                                                                                              \
        x, sizeof x - 1                                                                            \
    }
    static const struct {
        const char *w;
        size_t n;
    } conj[] = {W("\xd0\xb8"),                 /* и */
                W("\xd0\xb0"),                 /* а */
                W("\xd1\x96"),                 /* і */
                W("\xd0\xb9"),                 /* й */
                W("\xd1\x82\xd0\xb0"),         /* та */
                W("\xd0\xbd\xd0\xbe"),         /* но */
                W("\xd0\xb8\xd0\xbb\xd0\xb8"), /* или */
                W("\xd0\xb0\xd0\xb1\xd0\xbe"), /* або */
                W("\xd0\xb0\xd0\xbb\xd0\xb5"), /* але */
                W("\xd1\x87\xd0\xb8"),         /* чи */
                W("\xd0\xb4\xd0\xb0"),         /* да */
                W("\xd1\x9e"),                 /* ў */
                W("and"),
                W("or"),
                W("but"),
                W("nor"),
                W("und"),
                W("oder"),
                W("aber"),
                W("et"),
                W("ou"),
                W("mais"),
                W("y"),
                W("o"),
                W("e"),
                W("i"),
                W("a"),
                W("ale"),
                W("lub"),
                W("albo"),
                W("ili"),
                {NULL, 0}};
#undef W
    size_t n, ps;
    if (e <= start || k >= len) return 0;
    if (dash_goes_on(t, len, start, e, k)) return 1;
    if (!is_lower(dec(t, len, k, &n))) return 0;
    /* "-- Петко Славейков" / "при съставянето на ...": the line that names
     * a quotation's author goes on in lower case -- unless it ends in a full
     * stop, as a place and date do ("-- Пловдив, 5 септемврий 1885 г." / "от
     * Комитета": the signature's next line) */
    if (start + 3 < e && t[start] == '-' && t[start + 1] == '-' && t[start + 2] == ' ' &&
        (start == 0 || t[start - 1] == '\n'))
        return t[e - 1] != '.';
    uint32_t last = decode_before(t, len, start, e, &ps);
    if (last == ',' && greeting(t, len, start, e)) return 0;
    if (last == ';' && ps > start && t[ps - 1] == '(') return 0; /* "(;", an emoticon */
    if (last == ',' || last == ';' || last == 0xAD ||
        (last == '-' && ps > start && t[ps - 1] != ' '))
        return 1;
    size_t m = e;
    while (m > start) {
        size_t q;
        if (!is_alpha(decode_before(t, len, start, m, &q))) break;
        m = q;
    }
    if (m == e || (m > start && t[m - 1] != ' ')) return 0;
    for (int c = 0; conj[c].w; c++)
        if (conj[c].n == e - m && !memcmp(conj[c].w, t + m, e - m)) return 1;
    return 0;
}

/* A short line that ends in a conjunction before a lower-case line ("что
 * работа идёт и" / "что итоги ..."), unlike a greeting ("Hi team," / "the
 * meeting ...") or a list item, goes on. */
static int ends_in_conjunction(const unsigned char *t, size_t len, size_t start, size_t e, size_t k)
{
    size_t ps;
    if (e <= start) return 0;
    uint32_t last = decode_before(t, len, start, e, &ps);
    return is_alpha(last) && line_goes_on(t, len, start, e, k);
}

int pisar_segmenter_set_paragraphs(pisar_segmenter *s, int mode)
{
    if (!s || (mode != PISAR_PARAGRAPHS_BLANK && mode != PISAR_PARAGRAPHS_LINE))
        return PISAR_EINVAL;
    s->line_paras = mode == PISAR_PARAGRAPHS_LINE;
    return PISAR_OK;
}

/* Characters (bytes that are not continuation bytes) of t[b, e), eight
 * bytes at a step. */
static size_t count_chars(const unsigned char *t, size_t b, size_t e)
{
    size_t n = 0, i = b;
    for (; i + 8 <= e; i += 8) {
        uint64_t w;
        memcpy(&w, t + i, 8);
        uint64_t cont = w & ~(w << 1) & 0x8080808080808080ull; /* 10xxxxxx */
        n += 8 - (size_t)(((cont >> 7) * 0x0101010101010101ull) >> 56);
    }
    for (; i < e; i++)
        n += (t[i] & 0xC0) != 0x80;
    return n;
}

/*
 * Lines that go on in lower case are the mark of hard-wrapped prose, but
 * also of chat and forum posts typed in lower case, a message a line. What
 * tells them apart is the wrapping itself: a wrapped line is full, its
 * next word would not have fitted (the line, a space and the next line's
 * first word pass the text's width, taken as the 95th percentile of its
 * line lengths, less 8 characters of ragged margin). Hard-wrapped man pages
 * have 30-42 % of their continued lines full, chat and scraped articles 0-6 %
 * (bench/RESULTS.md, round 4); the text is taken as wrapped at 15 % and two
 * full lines at least.
 */
enum { GUESS_MAXLEN = 512 };

int pisar_segment_guess_paragraphs(const char *text, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    if (!t) return PISAR_PARAGRAPHS_BLANK;
    if (len > ((size_t)1 << 20)) len = (size_t)1 << 20;
    size_t inner = 0, goes_on = 0, line = 0;
    /* line lengths, and the line + next word lengths of continued lines */
    uint32_t lens[GUESS_MAXLEN + 1] = {0}, reach[GUESS_MAXLEN + 1] = {0};
    for (size_t i = 0; i < len; i++) {
        if (t[i] != '\n') continue;
        size_t e = i;
        while (e > line && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r'))
            e--;
        size_t k = i + 1;
        while (k < len && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r'))
            k++;
        if (e > line && k < len && t[k] != '\n') {
            inner++;
            size_t n, ps, b = line;
            while (b < e && (t[b] == ' ' || t[b] == '\t'))
                b++;
            size_t ll = count_chars(t, b, e);
            lens[ll < GUESS_MAXLEN ? ll : GUESS_MAXLEN]++;
            uint32_t last = decode_before(t, len, line, e, &ps);
            uint32_t c = dec(t, len, k, &n);
            if (is_lower(c) && !is_terminator(last) && !is_closer(last)) {
                goes_on++;
                size_t w = k;
                while (w < len && t[w] != ' ' && t[w] != '\t' && t[w] != '\r' && t[w] != '\n')
                    w++;
                size_t r = ll + 1 + count_chars(t, k, w);
                reach[r < GUESS_MAXLEN ? r : GUESS_MAXLEN]++;
            }
        }
        line = i + 1;
    }
    if (inner < 3) return PISAR_PARAGRAPHS_BLANK;
    if (goes_on * 3 < inner) return PISAR_PARAGRAPHS_LINE;
    /* the width: the 95th percentile of the line lengths */
    size_t width = 0, below = 0;
    while (width < GUESS_MAXLEN && (below += lens[width]) * 20 < inner * 19)
        width++;
    size_t full = 0;
    for (size_t r = width > 8 ? width - 8 + 1 : 0; r <= GUESS_MAXLEN; r++)
        full += reach[r];
    /* (the longest line, when it goes on, is always full: one is no sign) */
    return full >= 2 && full * 100 >= goes_on * 15 ? PISAR_PARAGRAPHS_BLANK : PISAR_PARAGRAPHS_LINE;
}

/* A short line (a list item, a caption, a heading) ends at its line break,
 * whatever follows; hard-wrapped prose has long lines. `e` is the trimmed end
 * of the line, `k` the first byte of the next line. */
static int short_line(const pisar_segmenter *s, size_t e, size_t k)
{
    if (k >= s->len || e <= s->line_start || e - s->line_start >= 160) return 0; /* 40 x 4 bytes */
    if (e - s->line_start >= 40) { /* fewer than 40 bytes: fewer than 40 characters */
        /* forty characters or more: a long line (stop counting there) */
        size_t ncp = 0, m = s->line_start;
        for (; m + 8 <= e && ncp < 40; m += 8) { /* characters = bytes that are not 10xxxxxx */
            uint64_t w;
            memcpy(&w, s->t + m, 8);
            uint64_t cont = w & ~(w << 1) & 0x8080808080808080ull;
            ncp += 8 - (size_t)(((cont >> 7) * 0x0101010101010101ull) >> 56);
        }
        for (; m < e && ncp < 40; m++)
            ncp += (s->t[m] & 0xC0) != 0x80;
        if (ncp >= 40) return 0;
    }
    /* not before a line that closes or continues a bracket or a list of words */
    size_t n;
    uint32_t c = dec(s->t, s->len, k, &n);
    return !(c == ',' || c == ';' || c == ')' || c == ']' || c == '}');
}

int pisar_segmenter_next(pisar_segmenter *s, pisar_sentence *out)
{
    if (!s || !out) return PISAR_EINVAL;
    const unsigned char *t = s->t;
    size_t len = s->len;
    /* whitespace before the sentence; two line breaks make a paragraph break */
    size_t nl = 0, i = s->pos;
    while (i < len) {
        size_t n;
        uint32_t cp = dec(t, len, i, &n);
        if (!is_space(cp)) break;
        if (cp == '\n') nl++;
        if (cp == 0x2029) nl += 2;
        i += n;
        if (cp == '\n' || cp == 0x2029) s->line_start = i;
    }
    s->pos = i;
    if (i >= len) return 0;
    if ((nl >= 2 || (nl && s->line_paras)) && s->emitted) s->para++;
    size_t start = i;
    size_t end = len;
    s->title_open = 0;
    s->list_shape = 0;
    /* a reference entry opens the line, or follows one on the same line;
     * looked at only when a decision needs it (bib_now) */
    s->bib_line = start == 0 || t[start - 1] == '\n' || nl ? -1 : s->bib_line == 1 ? -2 : 0;

    if (s->strat.breaks) {
        /* the strategy's next break after start, or a paragraph break before it */
        while (s->ibrk < s->brk.n && s->brk.at[s->ibrk] <= start)
            s->ibrk++;
        size_t limit = s->ibrk < s->brk.n ? s->brk.at[s->ibrk] : len;
        for (size_t m = start; m < limit; m++) {
            if (t[m] != '\n') continue;
            size_t q = m + 1;
            while (q < len && (t[q] == ' ' || t[q] == '\t' || t[q] == '\r'))
                q++;
            if (q >= len || t[q] == '\n') {
                limit = m;
                break;
            }
        }
        end = limit;
        goto emit;
    }

    skip_window win = {0, 0, 0};
    for (i = start; i < len;) {
        if (!stop_byte[t[i]]) {
            i = skip_windowed(&win, t, i + 1, len);
            continue;
        }
        size_t n;
        uint32_t cp = dec(t, len, i, &n);
        if (cp == '\n' || cp == 0x2029) {
            /* the trimmed end of this line */
            size_t e = skip_space_before(t, len, start, i);
            size_t k = i + n;
            int blank = cp == 0x2029;
            size_t q0;
            while (k < len) {
                size_t q;
                uint32_t c = dec(t, len, k, &q);
                if (c == '\n' || c == 0x2029) {
                    blank = 1;
                    break;
                }
                if (!is_space(c)) break;
                k += q;
            }
            if (k >= len) blank = 1;
            if (blank ||
                (e > start && t[e - 1] == '.' && k < len && is_upper(dec(t, len, k, &q0)) &&
                 bib_now(s, start)) ||
                (s->line_paras
                     ? !line_goes_on(t, len, start, e, k)
                     : line_break_ends(s, start, e, k) ||
                           (short_line(s, e, k) && !ends_in_conjunction(t, len, start, e, k)))) {
                end = e;
                goto emit;
            }
            i += n;
            s->line_start = i;
            continue;
        }
        if (cp == '.' || cp == ')') {
            list_mark lm;
            if (list_marker(t, len, start, i, &lm)) {
                /* "list rules are, 1) no nice emails, 2) no apologies": items
                 * a comma or semicolon joins are one sentence */
                size_t pc = skip_inline_space_before(t, len, start, lm.b);
                int joined = pc > start && (t[pc - 1] == ',' || t[pc - 1] == ';') &&
                             lm.shape % 10 != 3; /* not "9. ВАДИ, 10. ДИВ." */
                /* "i. Log in ii. Pick a seat": "i" read as a letter, then Roman numerals */
                int roman_after_i = lm.shape == s->list_shape + 20 && s->list_shape > 10 &&
                                    s->list_shape < 20 && s->list_value == 9 && lm.value == 2;
                if (!lm.at_start && !joined &&
                    ((s->list_shape == lm.shape && lm.value == s->list_value + 1) ||
                     roman_after_i)) {
                    end = lm.b; /* "1.) bread 2.) milk": the next item begins */
                    goto emit;
                }
                if (lm.at_start ||
                    (lm.value == 1 && (lm.after_colon || (lm.shape < 10 && lm.shape != 3)))) {
                    s->list_shape = lm.shape;
                    s->list_value = lm.value;
                    i = lm.end;
                    continue;
                }
            }
        }
        if (!is_terminator(cp)) {
            if (cp == ')' && i >= start + 2) { /* the scanner stops at the mouth */
                size_t eyes = t[i - 1] == '-' ? i - 2 : i - 1;
                size_t e = emoticon_before_word(t, len, start, eyes);
                if (e) {
                    end = e;
                    goto emit;
                }
            }
            if (is_bullet(cp) && i > start && t[i - 1] == ' ') {
                size_t q;
                if (dec(t, len, start, &q) == cp) { /* "• one • two" */
                    end = i;
                    goto emit;
                }
            }
            if (cp == 0xAB || cp == 0x201E) { /* « „ */
                if (!s->title_open && opens_title(t, len, start, i))
                    s->title_open = 1, s->title_at = i;
            } else if (cp == 0xBB || cp == 0x201C || cp == 0x201D)
                s->title_open = 0; /* » “ ” */
            i += n;
            continue;
        }
        /* a cluster of terminators and closers: "?!", "...", ".»", "?».", ".)" */
        size_t j = i;
        int strong = 0, ellipsis = 0, periods = 0, closed = 0;
        for (;;) {
            size_t q;
            uint32_t c = dec(t, len, j, &q);
            if (c == '.' || c == 0xFF0E)
                periods++;
            else if (c == 0x2026)
                ellipsis = 1;
            else if (c == '!' || c == '?' || c == 0x203C || c == 0x2047 || c == 0x2048 ||
                     c == 0x2049 || c == 0x3002 || c == 0xFF01 || c == 0xFF1F)
                strong = 1;
            else if (is_closer(c) && j > i)
                closed = 1;
            else if ((c == ' ' || c == 0xA0 || c == 0x202F) && j > i && !closed &&
                     j + q + 1 < len && t[j + q] == 0xC2 && t[j + q + 1] == 0xBB)
                ; /* French spacing: "« C'est fini. » Puis" -- the » closes it */
            else
                break;
            j += q;
            if (j >= len) break;
        }
        if (periods >= 2) ellipsis = 1;
        /* '"Nothing is free." [4] That was': a citation in brackets (with a
         * number: a reference, a year, a page) after a closing quote and
         * before a capital goes with the quotation */
        size_t qb;
        uint32_t lastc = closed ? decode_before(t, len, start, j, &qb) : 0;
        if ((lastc == '"' || lastc == 0x201D || lastc == 0xBB || lastc == 0x2019) && j + 1 < len &&
            t[j] == ' ' && (t[j + 1] == '[' || t[j + 1] == '(')) {
            unsigned char cl = t[j + 1] == '[' ? ']' : ')';
            size_t m = j + 2, q;
            int digit = 0;
            while (m < len && m < j + 42 && t[m] != cl && !strchr("\n.!?([", t[m]))
                digit |= is_digit(t[m++]);
            if (m + 2 < len && t[m] == cl && digit && t[m + 1] == ' ' &&
                is_upper(dec(t, len, m + 2, &q)))
                j = m + 1;
        }
        if (decide(s, start, i, j, strong, ellipsis, closed)) {
            end = j;
            goto emit;
        }
        if (closed) s->title_open = 0;
        i = j;
    }
emit:
    /* trailing whitespace belongs between sentences */
    end = skip_space_before(t, len, start, end);
    if (end <= start) { /* cannot happen: t[start] is not a space; stay safe */
        size_t q;
        dec(t, len, start, &q);
        end = start + q;
    }
    out->start = start;
    out->end = end;
    out->paragraph = s->para;
    s->pos = end;
    s->emitted = 1;
    return 1;
}
