/*
 * names_key.c -- the phonetic name key.
 *
 * A name is split into words (letters, combining marks, apostrophes); each
 * word is lower-cased and composed (ICU), then
 *   - Cyrillic: every letter is replaced by its value in tables/names/cyrillic.txt
 *     (ъ is a vowel "a" before a consonant, as in Bulgarian, else nothing);
 *   - Latin: the word's press convention is chosen by the markers of
 *     tables/names/latin.txt (the word's own, else those of the other words of
 *     the name, else "generic") and its rules applied, longest match first;
 *     other letters lose their diacritics.
 * Both give a string over a-z, which the common folding below brings into the
 * key alphabet:
 *   1. y and j are i (one glide class); runs of i are one i;
 *   2. a glide before e is dropped (Yegor, Iegor, Jegor, Egor; Aleyev, Aleev);
 *      a glide between a consonant and a or u is kept (Lyudmila, Ljudmila,
 *      Liudmila): я, ю after a consonant are not а, у (Лямин is not Ламин,
 *      Мария not Мара); between a consonant and o it makes the o an e
 *      (Fyodor, Fedor);
 *   3. o after a hush (ch, sh, zh) is e (Gorbachov, Gorbachev);
 *   4. a doubled consonant is single (Vassili, Vasili);
 *   5. a final "kaia" is "ka" (-skaya, -skaja, Polish -ska, Czech -ská).
 * Words are then sorted (surname-first and given-name-first orders meet) and,
 * in names of three or more words, patronymics (-ovich, -evna, ...) dropped.
 */
#include "names_handle.h"
#include "names_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "names_rules.h"
#include "utf8.h"

int pn_utf8_check(const char *s, size_t len, size_t *bad)
{
    int cut;
    size_t ok = utf8_valid_prefix((const unsigned char *)s, len, &cut);
    const char *nul = memchr(s, 0, ok);
    if (nul) {
        *bad = (size_t)(nul - s);
        return PISAR_EILSEQ;
    }
    if (ok == len) return PISAR_OK;
    *bad = ok;
    return cut ? PISAR_ETRUNC : PISAR_EILSEQ;
}

unsigned pn_utf8_next(const char *s, size_t len, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned c = p[*i];
    size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    if (*i + n > len) {
        (*i)++;
        return 0xfffd;
    }
    if (n == 1) {
        (*i)++;
        return c;
    }
    c &= n == 2 ? 0x1f : n == 3 ? 0x0f : 0x07;
    for (size_t k = 1; k < n; k++)
        c = (c << 6) | (p[*i + k] & 0x3f);
    *i += n;
    return c;
}

int pn_utf8_put(pisar_buf *b, unsigned c)
{
    unsigned char t[4];
    return pisar_buf_append(b, t, utf8_put(t, c));
}

static int is_apostrophe(unsigned c)
{
    /* ` and ´: GOST 7.79 system B writes ы y`, э e`, ь ` (Kopy`lov) */
    /* ′ (U+2032): BS 2979 writes ь with a prime (Aver′yan) */
    return c == '\'' || c == 0x2019 || c == 0x02bc || c == 0x02b9 || c == 0x02ba || c == 0x2033 ||
           c == 0x02bb || c == 0x60 || c == 0xb4 || c == 0x2032;
}

/* Whether the letter at s[i] is a Latin consonant (ISO 9's č, š, ž too). */
static int before_consonant(const char *s, size_t len, size_t i)
{
    if (i >= len) return 0;
    unsigned c = (unsigned)u_tolower((UChar32)pn_utf8_next(s, len, &i));
    if (c == 0x10d || c == 0x161 || c == 0x17e) return 1;
    return c >= 'b' && c <= 'z' && !strchr("eiouy", (int)c);
}

int pn_is_name_letter(unsigned c)
{
    /* · (U+00B7): BGN/PCGN's strict form parts letters that could be read
     * back as one (Su·yk-Su, Ang·elina; tables/names/latin.txt) */
    if (is_apostrophe(c) || c == 0xb7) return 1;
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (is_apostrophe(c)) return 1;
    int8_t t = u_charType((UChar32)c);
    return u_isalpha((UChar32)c) || t == U_NON_SPACING_MARK;
}

int pn_is_upper(unsigned c)
{
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    return u_isupper((UChar32)c) || u_istitle((UChar32)c);
}

int pn_is_cyrillic(unsigned c)
{
    return c >= 0x400 && c <= 0x52f;
}

/* ---- one word to the intermediate a-z string ---- */

typedef struct word {
    char *s; /* lower-case NFC UTF-8 */
    size_t len;
    int cyrillic;
    int prime;              /* the word had BGN/PCGN's soft sign ʹ (U+02B9), dropped */
    int gostb;              /* the word had GOST 7.79 B's backtick (Kopy`lov), dropped */
    uint32_t mk[PN_NCONV];  /* bit m: the word has marker m of convention c */
    uint32_t cue[PN_NCONV]; /* bit m: the word has cue m of convention c */
    uint32_t bytes[8];      /* bit b: byte b occurs in s */
} word;

static int has_marker(const word *w, const char *m)
{
    int start = *m == '^';
    if (start) m++;
    /* most markers fail on a byte the word does not have: test two first */
    unsigned char b0 = (unsigned char)m[0];
    if (!((w->bytes[b0 >> 5] >> (b0 & 31)) & 1u)) return 0;
    unsigned char b1 = (unsigned char)m[1];
    if (b1 && b1 != '$' && !((w->bytes[b1 >> 5] >> (b1 & 31)) & 1u)) return 0;
    size_t ml = strlen(m);
    int end = ml && m[ml - 1] == '$';
    if (end) ml--;
    if (ml > w->len) return 0;
    if (end) return !memcmp(w->s + w->len - ml, m, ml) && (!start || ml == w->len);
    if (start) return !memcmp(w->s, m, ml);
    /* candidates by their first byte, then the rest */
    for (const char *p = w->s, *last = w->s + w->len - ml;
         p <= last && (p = memchr(p, m[0], (size_t)(last - p) + 1)); p++)
        if (!memcmp(p + 1, m + 1, ml - 1)) return 1;
    return 0;
}

/* Find every marker and cue in a word once. */
static void find_markers(word *w)
{
    memset(w->bytes, 0, sizeof w->bytes);
    for (size_t i = 0; i < w->len; i++) {
        unsigned char b = (unsigned char)w->s[i];
        w->bytes[b >> 5] |= 1u << (b & 31);
    }
    for (int c = 0; c < PN_NCONV; c++) {
        w->mk[c] = w->cue[c] = 0;
        if (w->cyrillic) continue;
        const pn_convention *cv = &pn_conventions[c];
        for (size_t m = 0; cv->markers[m] && m < 32; m++)
            if (has_marker(w, cv->markers[m])) w->mk[c] |= 1u << m;
        for (size_t m = 0; cv->cues[m] && m < 32; m++)
            if (has_marker(w, cv->cues[m])) w->cue[c] |= 1u << m;
    }
}

#define HAS(w, c, m) (((w)->mk[c] >> (m)) & 1u)

/* Does a cue of convention c appear in any Latin word of the name? */
static int name_has_cue(const word *words, size_t nw, int c)
{
    for (size_t j = 0; j < nw; j++)
        if (words[j].cue[c]) return 1;
    return 0;
}

static int name_holds(const word *words, size_t nw, const char *const *list);

/* A string of list in word k, or one of two letters or more in another
 * Latin word of the name. */
static int never_in_name(const word *words, size_t nw, size_t k, const char *const *list)
{
    for (const char *const *n = list; *n; n++)
        for (size_t j = 0; j < nw; j++)
            if (!words[j].cyrillic && (j == k || strlen(*n) > 1) && has_marker(&words[j], *n))
                return 1;
    return 0;
}

/* The first convention (not generic) with a strong marker in word k (or a
 * cued marker whose cue is in the name), or -1; *spreads is set when that
 * marker also speaks for the other words. */
static int word_strong(const word *words, size_t nw, size_t k, int *spreads)
{
    const word *w = &words[k];
    for (int c = 0; c < PN_NCONV - 1; c++) {
        const pn_convention *cv = &pn_conventions[c];
        for (size_t m = 0; cv->markers[m]; m++) {
            int f = cv->mflags[m];
            if (f == 2 || f == 4 || !HAS(w, c, m)) continue;
            if (f == 3 && !name_has_cue(words, nw, c)) continue;
            /* a marker yields to a string the convention never writes
             * (Spanish jm beside zj: DSTU 9112 B Kuzjma; Swedish sj in a
             * name with sh: Andresjuk Shevchuk); a single letter counts in the
             * marker's own word only, as a given name may be Western
             * (German Valentina Tereschkowa) */
            if (never_in_name(words, nw, k, cv->never)) continue;
            if (spreads) *spreads = f != 1;
            return c;
        }
    }
    return -1;
}

static int lists_weak(int c, const char *marker)
{
    const pn_convention *cv = &pn_conventions[c];
    for (size_t m = 0; cv->markers[m]; m++)
        if (cv->mflags[m] == 2 && !strcmp(cv->markers[m], marker)) return 1;
    return 0;
}

/* The convention of word k of the name (see tables/names/latin.txt). */
/* The first convention with a fallback marker in w, or -1. */
static int word_fallback(const word *w)
{
    for (int c = 0; c < PN_NCONV - 1; c++) {
        const pn_convention *cv = &pn_conventions[c];
        for (size_t m = 0; cv->markers[m]; m++)
            if (cv->mflags[m] == 4 && HAS(w, c, m) && !name_holds(w, 1, cv->never)) return c;
    }
    return -1;
}

/* A weak marker in word k: the name's convention if it lists it, else the
 * first convention listing it with a cue in the name, else the first
 * listing it; -1 if the word has no weak marker. */
static int word_weak(const word *words, size_t nw, size_t k, int name_conv)
{
    const word *w = &words[k];
    for (int a = 0; a < PN_NCONV - 1; a++) {
        const pn_convention *cv = &pn_conventions[a];
        for (size_t m = 0; cv->markers[m]; m++) {
            if (cv->mflags[m] != 2 || !HAS(w, a, m)) continue;
            const char *mk = cv->markers[m];
            if (name_conv >= 0 && lists_weak(name_conv, mk)) return name_conv;
            for (int b = 0; b < PN_NCONV - 1; b++)
                if (lists_weak(b, mk) && name_has_cue(words, nw, b)) return b;
            return a;
        }
    }
    return -1;
}

/* The convention of word k. name_conv: the one the name's strong or weak
 * markers show (or -1); name_fb: the one its fallback markers show (or -1). */
static int word_convention(const word *words, size_t nw, size_t k, int name_conv, int name_fb)
{
    int spreads = 0;
    int c = word_strong(words, nw, k, &spreads);
    /* a word-only marker (French ou) yields to the name's own convention
     * (Polish "Swiatłana Cichanouska") */
    if (c >= 0 && (spreads || name_conv < 0)) return c;
    if (c >= 0) return name_conv;
    if ((c = word_weak(words, nw, k, name_conv)) >= 0) return c;
    if (name_conv >= 0) return name_conv;
    c = word_fallback(&words[k]);
    return c >= 0 ? c : name_fb;
}

static const pn_rule *best_rule(const pn_rule *rules, const char *s, size_t len, size_t i,
                                const pn_rule *best)
{
    for (const pn_rule *r = rules; r->from; r++) {
        /* the second byte too: the Cyrillic rules all start with D0 or D1 */
        if (r->from[0] != s[i] || r->fromlen > len - i) continue;
        if (r->fromlen > 1 && r->from[1] != s[i + 1]) continue;
        if ((r->anchor & 1) && i != 0) continue;
        if ((r->anchor & 2) && i + r->fromlen != len) continue;
        if (memcmp(s + i, r->from, r->fromlen)) continue;
        if (!best || r->fromlen > best->fromlen) best = r;
    }
    return best;
}

/* The base letter of c (a-z) after removing diacritics, or 0. */
static char base_letter(unsigned c, const UNormalizer2 *nfd)
{
    if (c < 0x80) return (c >= 'a' && c <= 'z') ? (char)c : 0;
    UChar d[8];
    UErrorCode ec = U_ZERO_ERROR;
    int32_t n = nfd ? unorm2_getDecomposition(nfd, (UChar32)c, d, 8, &ec) : 0;
    if (U_SUCCESS(ec) && n > 0 && d[0] >= 'a' && d[0] <= 'z') return (char)d[0];
    return 0;
}

/* A Latin word that ends in a vowel and u after a consonant (-au, -ou, -eu:
 * Belarusian -аў, -оў, -еў, Bagalepau = Багалепаў, Harbachou): the name is
 * Belarusian, whose г the key reads h (Havryla) and whose presses write g
 * (German, Polish and Czech Gauryla, Bagalepau): its g is h. Russian and
 * Ukrainian names do not end so (French -ou after g, Choïgou, excepted). */
static int belarusian_latin(const word *w)
{
    size_t n = w->len;
    if (w->cyrillic || n < 4 || w->s[n - 1] != 'u' || !strchr("aeo", w->s[n - 2])) return 0;
    char c = w->s[n - 3];
    return c >= 'b' && c <= 'z' && !strchr("aeiouyg", c);
}

static int latin_consonant(char c)
{
    return c >= 'b' && c <= 'z' && !strchr("eiouy", c);
}

/* flags: 1, g is h (a Belarusian name); 2, kh is h (the text is Bulgarian,
 * Macedonian or Serbian, whose х the key reads h: BGN/PCGN's Bulgarian
 * Mikhaela = Михаела; issue 9, branch names9) */
static int latin_word(const word *w, int conv, int flags, pisar_buf *out, const UNormalizer2 *nfd)
{
    int g_is_h = flags & 1;
    const pn_rule *generic = pn_conventions[PN_NCONV - 1].rules;
    /* w in a word with a letter the German and Polish presses, whose w is в,
     * never write (v, ts but tsch, sh, zh, kh, y before a vowel) is Belarusian ў in
     * BGN/PCGN (Ivanow = Іваноў, Artsyamowski = Арцямоўскі) */
    int w_is_u = 0;
    if (memchr(w->s, 'w', w->len)) {
        w_is_u = memchr(w->s, 'v', w->len) != NULL;
        for (size_t k = 0; k + 1 < w->len && !w_is_u; k++) {
            char a = w->s[k], b = w->s[k + 1];
            w_is_u = (a == 't' && b == 's' && (k + 3 >= w->len || memcmp(w->s + k + 2, "ch", 2))) ||
                     ((a == 's' || a == 'z' || a == 'k') && b == 'h') ||
                     (a == 'y' && strchr("aeou", b)) ||
                     /* a lone h, BGN/PCGN's г (German writes h only in ch, sch) */
                     (b == 'h' && !strchr("cszkg", a)) || (k == 0 && a == 'h') ||
                     /* BGN/PCGN's soft sign ʹ, which the presses never write
                      * (Ramanʹkow = Раманькоў; issue 9, branch names9) */
                     w->prime;
        }
        /* but BGN/PCGN writes й y, ш sh, ч ch, ц ts, and no letter beyond
         * ASCII but its soft sign ʹ: a word with j, sch, sz, cz or another
         * letter is the German or Polish press's (Hejdariw = Гейдарів,
         * Hołowanow = Голованов: its initial h is the Ukrainian г; issue 9,
         * branch names9) */
        for (size_t k = 0; w_is_u && k < w->len; k++) {
            unsigned char a = (unsigned char)w->s[k];
            char b = k + 1 < w->len ? w->s[k + 1] : 0;
            if (a == 'j' || ((a == 's' || a == 'c') && b == 'z') ||
                (k + 2 < w->len && !memcmp(w->s + k, "sch", 3)))
                w_is_u = 0;
            if (a >= 0x80 && !(a == 0xca && (unsigned char)b == 0xb9) && a != 0xe2) w_is_u = 0;
            /* the Ukrainian -ів in German (Mohyliw = Могилів): Belarusian
             * ends -аў, -оў, -еў, not -іў */
            if (a == 'i' && b == 'w' && k + 2 == w->len) w_is_u = 0;
            if (a >= 0x80) k++; /* skip the second byte (three for U+2019) */
            if (a == 0xe2) k++;
        }
        /* then the word is not German or Polish, whose ch is х: its ch is ч
         * (Harbachow = Гарбачоў, Yewdachenka = Еўдачэнка) */
        if (w_is_u && conv >= 0 && conv < PN_NCONV - 1 &&
            (!strcmp(pn_conventions[conv].id, "w") || !strcmp(pn_conventions[conv].id, "de") ||
             !strcmp(pn_conventions[conv].id, "pl")))
            conv = -1;
    }
    /* a word with GOST 7.79 B's backtick is read by the generic rules (its
     * j is й, ch ч, x х), its cz being ц (Zariczky`j = Заріцький, not the
     * Polish ч; issue 9, branch names9) */
    if (w->gostb) conv = -1;
    /* so is a word with ŭ after a consonant, BGN/PCGN's Bulgarian ъ (below):
     * its ch is ч (Vŭlchanov = Вълчанов), not the Czech х */
    for (size_t k = 1; k + 1 < w->len; k++)
        if ((unsigned char)w->s[k] == 0xc5 && (unsigned char)w->s[k + 1] == 0xad &&
            latin_consonant(w->s[k - 1]))
            conv = -1;
    int es = conv >= 0 && !strcmp(pn_conventions[conv].id, "es");
    size_t i = 0;
    while (i < w->len) {
        if (g_is_h && w->s[i] == 'g' && (i + 1 >= w->len || w->s[i + 1] != 'h')) {
            if (pisar_buf_puts(out, "h")) return PISAR_ENOMEM;
            i++;
            continue;
        }
        /* ŭ after a consonant is BGN/PCGN's Bulgarian ъ (Vŭrbanova =
         * Върбанова), the key's a: Belarusian ў, which ISO 9 and the
         * national system write ŭ, follows a vowel (issue 9, branch names9) */
        if (i > 0 && i + 1 < w->len && (unsigned char)w->s[i] == 0xc5 &&
            (unsigned char)w->s[i + 1] == 0xad && w->s[i - 1] >= 'a' && w->s[i - 1] <= 'z' &&
            !strchr("aeiouy", w->s[i - 1])) {
            if (pisar_buf_puts(out, "a")) return PISAR_ENOMEM;
            i += 2;
            continue;
        }
        if (w_is_u && w->s[i] == 'w') {
            if (pisar_buf_puts(out, "u")) return PISAR_ENOMEM;
            i++;
            continue;
        }
        if ((flags & 2) && w->s[i] == 'k' && i + 1 < w->len && w->s[i + 1] == 'h') {
            if (pisar_buf_puts(out, "h")) return PISAR_ENOMEM;
            i += 2;
            continue;
        }
        if (w->gostb && w->s[i] == 'c' && i + 1 < w->len && w->s[i + 1] == 'z') {
            if (pisar_buf_puts(out, "ts")) return PISAR_ENOMEM;
            i += 2;
            continue;
        }
        /* the Spanish press's y is a glide, й, but between two consonants
         * ы (Naryshkin = Нарышкин), as in ICU's Cyrillic-Latin, whose í
         * reads as Spanish (Kíryla = Кірыла; issue 9, branch names9) */
        if (es && w->s[i] == 'y' && i > 0 && i + 1 < w->len && latin_consonant(w->s[i - 1]) &&
            latin_consonant(w->s[i + 1])) {
            if (pisar_buf_puts(out, "y")) return PISAR_ENOMEM;
            i++;
            continue;
        }
        /* the convention's own rules first, then the generic ones */
        const pn_rule *r = NULL;
        if (conv >= 0) r = best_rule(pn_conventions[conv].rules, w->s, w->len, i, NULL);
        if (!r) r = best_rule(generic, w->s, w->len, i, NULL);
        if (r) {
            if (pisar_buf_puts(out, r->to)) return PISAR_ENOMEM;
            i += r->fromlen;
            continue;
        }
        unsigned c = pn_utf8_next(w->s, w->len, &i);
        char b = base_letter(c, nfd);
        if (b && pisar_buf_append(out, &b, 1)) return PISAR_ENOMEM;
    }
    return PISAR_OK;
}

static int cyr_consonant(unsigned c)
{
    static const char vowels[] = "аеёиоуыэюяіїєў";
    if (!pn_is_cyrillic(c)) return 0;
    if (c == 0x44a || c == 0x44c) return 0; /* ъ ь */
    /* vowels listed in UTF-8: compare code points */
    size_t i = 0, n = sizeof vowels - 1;
    while (i < n)
        if (pn_utf8_next(vowels, n, &i) == c) return 0;
    return 1;
}

/* A Belarusian word by its own letters: ў, or і with ы or э (its э is the
 * plain e of the language: Арэст, Arest), or by the ending -энка, -энька
 * (the Belarusian -енко: Лукашэнка, Lukashenka; Жэнька; Russian has
 * neither). */
static int ends_with(const word *w, const char *e)
{
    size_t n = strlen(e);
    return w->len > n && !memcmp(w->s + w->len - n, e, n);
}

static int belarusian_word(const word *w)
{
    if (ends_with(w, "\xd1\x8d\xd0\xbd\xd0\xba\xd0\xb0") ||       /* энка */
        ends_with(w, "\xd1\x8d\xd0\xbd\xd1\x8c\xd0\xba\xd0\xb0")) /* энька */
        return 1;
    int i_dot = 0, hard = 0;
    for (size_t i = 0; i < w->len;) {
        unsigned c = pn_utf8_next(w->s, w->len, &i);
        if (c == 0x45e) return 1;
        if (c == 0x456) i_dot = 1;
        if (c == 0x44b || c == 0x44d) hard = 1;
    }
    return i_dot && hard;
}

/* A Ukrainian word by its own letters (і ї є ґ) or, where the text's
 * language is not known, by a shape Ukrainian names have and Russian ones do
 * not (tables/names/ukrainian.txt: -енко, -ський, Дмитро, Кирило ...). Its и is
 * the vowel y, the key letter of ы (Калинина is Kalynyna in Ukrainian,
 * Kalinina in Russian: two different names of one language keep two keys). */
static int uk_letters(const word *w)
{
    for (size_t i = 0; i < w->len;) {
        unsigned c = pn_utf8_next(w->s, w->len, &i);
        if (c == 0x456 || c == 0x457 || c == 0x454 || c == 0x491) return 1;
    }
    return 0;
}

static int ukrainian_word(const word *w, int lang)
{
    if (uk_letters(w) || lang == L_UK) return 1;
    if (lang >= 0) return 0;
    for (const char *const *e = pn_uk_endings; *e; e++) {
        size_t n = strlen(*e);
        if (w->len > n + 2 && !memcmp(w->s + w->len - n, *e, n)) return 1;
    }
    size_t lo = 0, hi = PN_UK_NGIVEN;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strncmp(pn_uk_given[mid], w->s, w->len);
        if (!c && pn_uk_given[mid][w->len]) c = 1;
        if (!c) return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Languages whose х is h and г is g (Bulgarian, Macedonian, Serbian: Hristo,
 * Hadžić), by their own letters (ѓ ќ ѕ ђ ћ џ ј љ њ, ъ before a consonant) or by
 * the text's language. */
static int h_for_kh(const word *w, int lang)
{
    unsigned prev = 0;
    for (size_t i = 0; i < w->len;) {
        unsigned c = pn_utf8_next(w->s, w->len, &i);
        if (c == 0x453 || c == 0x45c || c == 0x455 || c == 0x452 || c == 0x45b || c == 0x45f ||
            c == 0x458 || c == 0x459 || c == 0x45a)
            return 1;
        if (prev == 0x44a && cyr_consonant(c)) return 1;
        if (c == 0x44b || c == 0x44d || c == 0x451 || c == 0x45e || c == 0x456 || c == 0x457 ||
            c == 0x454 || c == 0x491)
            return 0; /* ы э ё ў і ї є ґ: not these languages */
        prev = c;
    }
    return lang == L_BG || lang == L_MK || lang == L_SR;
}

static int cyrillic_word(const word *w, int lang, pisar_buf *out)
{
    size_t i = 0;
    int first = 1, be = belarusian_word(w) || (lang == L_BE && !uk_letters(w));
    int uk = !be && ukrainian_word(w, lang), south = !uk && !be && h_for_kh(w, lang);
    while (i < w->len) {
        int at_start = first;
        first = 0;
        unsigned c = pn_utf8_next(w->s, w->len, &i);
        /* э inside a word is not е (Фадэев, Фадеев): a key letter of its
         * own, E; at a word's start the schemes write both e (Эдуард,
         * Elena); Belarusian э is the plain e (Арэст, Arest) */
        if (c == 0x44d && !at_start && !be) {
            if (pisar_buf_puts(out, "E")) return PISAR_ENOMEM;
            continue;
        }
        if (c == 0x44b || (c == 0x438 && uk)) {
            /* ы, Ukrainian и: the vowel y; before a vowel a glide, as the
             * schemes' y there (Веныамин, Venyamin) */
            size_t j = i;
            unsigned nx = j < w->len ? pn_utf8_next(w->s, w->len, &j) : 0;
            int glide =
                nx && pn_is_cyrillic(nx) && !cyr_consonant(nx) && nx != 0x44a && nx != 0x44c;
            if (pisar_buf_puts(out, glide ? "y" : "Y")) return PISAR_ENOMEM;
            continue;
        }
        /* г is h in Ukrainian and Belarusian (Hryhorii, Hrodna), g elsewhere;
         * х is kh in Russian, Ukrainian and Belarusian, h in Bulgarian,
         * Macedonian and Serbian (Hristo): Петухов and Петугов, Игорь and
         * Ихорь keep two keys */
        if (c == 0x433 && (uk || be)) {
            if (pisar_buf_puts(out, "h")) return PISAR_ENOMEM;
            continue;
        }
        if (c == 0x445 && south) {
            if (pisar_buf_puts(out, "h")) return PISAR_ENOMEM;
            continue;
        }
        if (c == 0x44a) { /* ъ */
            size_t j = i;
            if (j < w->len && cyr_consonant(pn_utf8_next(w->s, w->len, &j)))
                if (pisar_buf_puts(out, "a")) return PISAR_ENOMEM;
            continue;
        }
        if (c >= 0x400 && c <= 0x4ff && pn_cyr[c - 0x400]) {
            const char *v = pn_cyr[c - 0x400];
            /* д before я ю є ё: d and a glide i, not the dj of ђ (Дяків is
             * Diakiv, Dyakiv) */
            if (v[0] == 'j' && v[1] && out->len && out->data[out->len - 1] == 'd') {
                if (pisar_buf_puts(out, "i") || pisar_buf_puts(out, v + 1)) return PISAR_ENOMEM;
                continue;
            }
            if (pisar_buf_puts(out, v)) return PISAR_ENOMEM;
        } else if (c >= 'a' && c <= 'z') {
            char b = (char)c;
            if (pisar_buf_append(out, &b, 1)) return PISAR_ENOMEM;
        }
    }
    return PISAR_OK;
}

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'E' || c == 'Y';
}

/*
 * The common folding, in place on a NUL-terminated a-z string (the result is
 * never longer). Internally the merged classes are single symbols:
 * S = sh; Z = zh; C = ch; X = kh, x (х; Czech and Polish х is ch, Spanish j,
 * GOST 7.79 B and scholarly х x); G = g (г, ґ); H = h, gh (Ukrainian and
 * Belarusian г, Bulgarian, Macedonian and Serbian х; DSTU 9112 B gh); Y = ы
 * and Ukrainian и (a Latin y after a consonant, not before a vowel);
 * T = ts; D = dzh, dj (Serbian ђ and џ, which Russian writes дж alike);
 * E = э inside a word (Cyrillic only, and ISO 9 è: Фадэев is not Фадеев;
 * Belarusian э, the plain e of that language, excepted). They are spelled out again at the end. z
 * and s, zh and sh stay apart (Зорин and Сорин, Жуков and Шуков are different names): the German
 * press, which writes з and с alike as s and ж and ш alike as sch, is read by its own rules
 * (tables/names/latin.txt, "de": sch is ш, a single s between vowels is з), and its ambiguous
 * spellings take one reading.
 */
static void fold(char *s, pisar_buf *out)
{
    size_t n = 0, len = strlen(s);
    /* every symbol below becomes at most two bytes: with this room no append
     * can fail (out->data stays NULL when it cannot be had) */
    if (pisar_buf_reserve(out, 2 * len + 1)) return;
    out->data[out->len] = '\0'; /* a key that folds to nothing is "" */
    /* 0: symbols */
    for (size_t i = 0; i < len;) {
        const char *p = s + i;
        char c;
        if (!strncmp(p, "dzh", 3)) {
            c = 'D';
            i += 3;
        } else if (!strncmp(p, "dj", 2)) {
            c = 'D';
            i += 2;
        } else if (!strncmp(p, "sh", 2)) {
            c = 'S';
            i += 2;
        } else if (!strncmp(p, "zh", 2)) {
            c = 'Z';
            i += 2;
        } else if (!strncmp(p, "ch", 2) || !strncmp(p, "tch", 3)) {
            /* тч is ч: French tch (Gortchakov) and тч (Vitchenko = Вітченко)
             * are one spelling; no near-miss pair parts тч from ч */
            c = 'C';
            i += *p == 't' ? 3 : 2;
        } else if (!strncmp(p, "kh", 2)) {
            c = 'X';
            i += 2;
        } else if (!strncmp(p, "gh", 2)) { /* DSTU 9112 B: г is gh */
            c = 'H';
            i += 2;
        } else if (!strncmp(p, "ts", 2)) {
            c = 'T';
            i += 2;
        } else {
            c = *p;
            i++;
            if (c == 's' && n && s[n - 1] == 'd')
                c = 'z'; /* дс is дз: German writes дз ds (Arkads = Аркадзь,
                          * Radsiwon); no near-miss pair parts them */
            else if (c == 'x')
                c = 'X';
            else if (c == 'g')
                c = 'G';
            else if (c == 'h')
                c = 'H';
            else if (c == 'j' && n && !is_vowel(s[n - 1]) && s[n - 1] != 'i' &&
                     (!s[i] || !strchr("aeiouyj", s[i])))
                continue; /* a soft sign: Aljberto, Kuzjma (DSTU 9112, scholarly) */
            else if (c == 'y' && n && !is_vowel(s[n - 1]) && (!s[i] || !strchr("aeou", s[i])) &&
                     (s[i] != 'i' || (s[i + 1] && strchr("aeou", s[i + 1]))))
                c = 'Y'; /* ы, Ukrainian и: a vowel y after a consonant (Krylov, Kalynyna);
                          * before an i and a consonant a soft sign (Medelyin =
                          * Медельин; but Kyianovskyi = Кияновський) */
            else if (c == 'E' && !n)
                c = 'e'; /* э at a word's start: the schemes write it e (Эдуард, Ėduard) */
            else if (c == 'y' || c == 'j')
                c = 'i';
            else if (c != 'E' && c != 'Y' && c != 'G' && c != 'H' && (c < 'a' || c > 'z'))
                continue;
        }
        /* 1: runs of i are one i */
        if (c == 'i' && n && s[n - 1] == 'i') continue;
        s[n++] = c;
    }
    s[n] = 0;
    /* 2: glides */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == 'i' && i + 1 < n) {
            char nx = s[i + 1];
            int after_cons = m && !is_vowel(s[m - 1]);
            if (nx == 'e') continue;
            if (after_cons && nx == 'o') {
                s[i + 1] = 'e';
                continue;
            }
        }
        s[m++] = c;
    }
    s[m] = 0;
    n = m;
    /* 3: au, eu before a consonant or at the end are av, ev (Belarusian ў:
     * Быкаў, Bykau, Bykaw); ou, oe are u (Belarusian оў as well: Ціханоўская,
     * Tsikhanouskaya) (French ou; Dutch oe; Белоусов,
     * Достоевский on both sides); o after a hush is e; doubled consonants
     * are single */
    m = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if ((c == 'a' || c == 'e') && i + 1 < n && s[i + 1] == 'u' &&
            (i + 2 == n || !is_vowel(s[i + 2]))) {
            s[i + 1] = 'v';
        }
        if (c == 'o' && i + 1 < n && (s[i + 1] == 'u' || s[i + 1] == 'e')) {
            s[i + 1] = 'u';
            continue;
        }
        if (c == 'o' && m && (s[m - 1] == 'S' || s[m - 1] == 'Z' || s[m - 1] == 'C')) c = 'e';
        if (!is_vowel(c) && m && s[m - 1] == c) continue;
        s[m++] = c;
    }
    s[m] = 0;
    /* 3b: the ending -yy, -yi, -y, -ий, -ый is one i (Krasnyy, Yury, Юрий) */
    {
        size_t e = m;
        int had_y = 0;
        while (e && (s[e - 1] == 'Y' || s[e - 1] == 'i'))
            had_y |= s[--e] == 'Y';
        if (had_y && e < m) {
            s[e++] = 'i';
            s[m = e] = 0;
        }
    }
    /* 4: -aia after a consonant is -a (adjectival feminine surnames:
     * -skaya, -skaja, Polish -ska, Czech -ská; Navalnaya, Nawalna, Navalná) */
    if (m >= 5 && !strcmp(s + m - 3, "aia") && !is_vowel(s[m - 4])) s[m -= 2] = 0;
    for (size_t i = 0; i < m; i++) {
        switch (s[i]) {
        case 'S':
            pisar_buf_puts(out, "sh");
            break;
        case 'Z':
            pisar_buf_puts(out, "zh");
            break;
        case 'C':
            pisar_buf_puts(out, "ch");
            break;
        case 'X':
            pisar_buf_puts(out, "kh");
            break;
        case 'G':
            pisar_buf_puts(out, "g");
            break;
        case 'H':
            pisar_buf_puts(out, "h");
            break;
        case 'Y':
            pisar_buf_puts(out, "y");
            break;
        case 'E': /* not "eh": that is e + h (х) */
            pisar_buf_puts(out, "\xc3\xa8");
            break;
        case 'T':
            pisar_buf_puts(out, "ts");
            break;
        case 'D':
            pisar_buf_puts(out, "dj");
            break;
        default:
            pisar_buf_append(out, &s[i], 1);
        }
    }
    if (!out->data) pisar_buf_append(out, "", 0);
}

/* A patronymic by its ending; a bare -ich (Ильич, Кузьмич) only inside a
 * name, since a last -ich is a Serbian or Croatian surname. */
static int is_patronymic(const char *k, int last)
{
    static const char *const ends[] = {"ovich", "evich", "ovna", "evna", "ichna", "ivna", "ich"};
    size_t n = strlen(k);
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        size_t e = strlen(ends[i]);
        if (last && !strcmp(ends[i], "ich")) continue;
        if (n >= e + 2 && !strcmp(k + n - e, ends[i])) return 1;
    }
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

#define PN_MAX_WORDS 16

/* A Latin word of the name holds one of the strings of list. */
static int name_holds(const word *words, size_t nw, const char *const *list)
{
    for (const char *const *n = list; *n; n++)
        for (size_t k = 0; k < nw; k++)
            if (!words[k].cyrillic && has_marker(&words[k], *n)) return 1;
    return 0;
}

/* Whether s[k] is k or K, past a macron below (U+0331) that ICU's
 * upper-casing writes after ʹ. */
static int next_is_k(const char *s, size_t len, size_t k)
{
    if (k + 1 < len && (unsigned char)s[k] == 0xcc && (unsigned char)s[k + 1] == 0xb1) k += 2;
    return k < len && (s[k] == 'k' || s[k] == 'K');
}

/* The phonetic key; force >= 0 reads every Latin word under convention
 * `force` and returns NO_READING (key unchanged) if the name has no Latin
 * word or holds one of the convention's "never" strings. */
#define NO_READING 1
static int phonetic(const char *s, size_t len, int force, int lang, pisar_buf *key)
{
    word words[PN_MAX_WORDS];
    size_t nw = 0;
    int rc = PISAR_OK;
    UErrorCode ec = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&ec);
    const UNormalizer2 *nfd = U_SUCCESS(ec) ? unorm2_getNFDInstance(&ec) : NULL;
    if (U_FAILURE(ec)) return PISAR_EICU;

    /* Split into words, lower-case, NFC. */
    size_t i = 0;
    UChar u16[256], n16[256];
    while (i < len && nw < PN_MAX_WORDS) {
        size_t start = i;
        unsigned c = pn_utf8_next(s, len, &i);
        if (!pn_is_name_letter(c)) continue;
        int32_t u = 0;
        int cyr = 0, prime = 0, gostb = 0;
        size_t j = start;
        while (j < len) {
            size_t k = j;
            c = pn_utf8_next(s, len, &k);
            /* ICU's capitals' macron below after ' and " (AL'̱BERT) is
             * dropped, as after ʹ and ʺ below */
            if ((c == '\'' || c == '"') && k + 1 < len && (unsigned char)s[k] == 0xcc &&
                (unsigned char)s[k + 1] == 0xb1)
                k += 2;
            /* ICU's Latin-ASCII writes ISO 9's ʺ as " (V"lkana = Вълкана):
             * " between two letters is ʺ (issue 9, branch names10) */
            if (c == '"' && u && k < len && pn_is_name_letter((unsigned char)s[k]) && s[k] != '"' &&
                s[k] != '\'')
                c = 0x02ba;
            /* and ʹ as ': -s'k-, -c'k-, -z'k- is ISO 9's Ukrainian -sʹk-
             * (Vigovs'kij = Виговський), and ' after a consonant before a,
             * u, e, o is ь before я, ю, е, ё, whose ISO 9 â, û, ë lost their
             * marks (Ul'an = Ульян, Il'enko = Ильенко): the key's i. Not
             * after one letter (d'Alembert, O'Hara). */
            /* h' is SFS 4900's Ukrainian х (Myh'ailo = Михайло, H'arkiv =
             * Харків), whose г is h: x, which the rules read х; no scheme
             * puts the Ukrainian apostrophe after г, and ISO 9's h' is хь
             * (issue 9, branch names11). Not after s, z, c, k, g (ш, ж, ч,
             * х, the Ukrainian г of DSTU 9112 B, with a soft sign). */
            if ((c == '\'' || c == 0x2019) && u >= 1 && !cyr && u16[u - 1] == 'h' &&
                (u == 1 || !strchr("szckg", (char)(u16[u - 2] < 0x80 ? u16[u - 2] : '?')))) {
                u16[u - 1] = 'x';
                j = k;
                continue;
            }
            /* g' is the Ukrainian ґ of the npm transliteration package
             * (Avg'usta = Авґуста, G'udz' = Ґудзь): a g, no soft sign */
            if ((c == '\'' || c == 0x2019) && u >= 1 && !cyr && u16[u - 1] == 'g') {
                j = k;
                continue;
            }
            if (c == '\'' && u >= 2 && k < len && !cyr) {
                char nx = (char)(s[k] | 0x20);
                UChar pv = u16[u - 1];
                if ((pv == 's' || pv == 'c' || pv == 'z') && nx == 'k') {
                    c = 0x02b9;
                } else if (pv < 0x80 && latin_consonant((char)pv) && strchr("aue", nx) &&
                           (unsigned char)s[k] < 0x80) {
                    if (u < 250) u16[u++] = 'i';
                    j = k;
                    continue;
                }
            }
            if (!pn_is_name_letter(c)) break;
            size_t at = j;
            j = k;
            /* ICU's upper-casing writes ʹ and ʺ with a macron below (U+0331:
             * BAČINSʹ̱KIJ); the mark is dropped (issue 9, branch names9) */
            if (c == 0x331 && at >= 2 && at - start >= 2) {
                size_t q = at - 2;
                unsigned pc = pn_utf8_next(s, len, &q);
                if (pc == 0x02b9 || pc == 0x02ba) continue;
            }
            /* ʺ before a consonant is kept: the Bulgarian vowel ъ of ISO 9
             * (Vʺlčanov), read by tables/names/latin.txt */
            /* GOST 7.79 system B writes э e` (Se`rebryakov = Сэребряков): no
             * other scheme puts ` after e, which is then the è of ISO 9 and
             * the scholarly system, the key's э */
            if (c == 0x60) gostb = 1;
            if (c == 0x60 && u && u16[u - 1] == 'e') {
                u16[u - 1] = 0xe8;
                continue;
            }
            /* and the Ukrainian г g` (G`ry`czenko = Гриценко), the key's h */
            if (c == 0x60 && u && (u16[u - 1] == 'g' || u16[u - 1] == 'G')) {
                u16[u - 1] = 'h';
                continue;
            }
            if (c == 0x02b9) prime = 1;
            /* ISO 9's ʹ (ь) in a Ukrainian -ський, -цький, -зький is kept
             * for tables/names/latin.txt, which reads -sʹkij as Ukrainian
             * ISO 9 (Russian -ский has no ь) */
            if (c == 0x02b9 && u && u < 250 &&
                (u16[u - 1] == 's' || u16[u - 1] == 'c' || u16[u - 1] == 'z') &&
                next_is_k(s, len, k)) {
                u16[u++] = (UChar)c;
                continue;
            }
            if (is_apostrophe(c) && !(c == 0x02ba && before_consonant(s, len, k))) continue;
            /* ё after a Latin letter is ë: iuliia's schemes leave the
             * Cyrillic ё in their Latin (Mogilёvščina, Aksёn; issue 9,
             * branch names11), and the word stays Latin */
            if ((c == 0x451 || c == 0x401) && u && u16[u - 1] < 0x250 && u_isalpha(u16[u - 1]))
                c = c == 0x451 ? 0xeb : 0xcb;
            if (pn_is_cyrillic(c)) cyr = 1;
            UChar32 lc = u_tolower((UChar32)c);
            if (u < 250) U16_APPEND_UNSAFE(u16, u, lc);
        }
        i = j;
        if (!u) continue;
        ec = U_ZERO_ERROR;
        int32_t nn = unorm2_normalize(nfc, u16, u, n16, 256, &ec);
        if (U_FAILURE(ec)) return PISAR_EICU;
        pisar_buf w = {0};
        for (int32_t q = 0; q < nn;) {
            UChar32 cp;
            U16_NEXT(n16, q, nn, cp);
            if ((rc = pn_utf8_put(&w, (unsigned)cp))) break;
        }
        if (rc) {
            pisar_buf_free(&w);
            goto out;
        }
        words[nw].s = w.data;
        words[nw].len = w.len;
        words[nw].cyrillic = cyr;
        words[nw].prime = prime;
        words[nw].gostb = gostb;
        find_markers(&words[nw]);
        nw++;
    }

    if (force >= 0) {
        int latin = 0;
        for (size_t k = 0; k < nw; k++)
            latin |= !words[k].cyrillic;
        const pn_convention *cv = &pn_conventions[force];
        if (!latin || name_holds(words, nw, cv->never) ||
            (cv->needs[0] && !name_holds(words, nw, cv->needs))) {
            rc = NO_READING;
            goto out;
        }
    }
    /* The name-level convention: the first that a Latin word shows by a
     * marker that speaks for the whole name. */
    int name_conv = -1;
    for (size_t k = 0; k < nw; k++) {
        if (words[k].cyrillic) continue;
        int spreads = 0;
        int c = word_strong(words, nw, k, &spreads);
        if (c >= 0 && spreads && (name_conv < 0 || c < name_conv)) name_conv = c;
    }
    /* else a convention that a weak marker chose speaks for the name too
     * ("Szergej Nariskin") */
    for (size_t k = 0; k < nw && name_conv < 0; k++)
        if (!words[k].cyrillic && word_strong(words, nw, k, NULL) < 0)
            name_conv = word_weak(words, nw, k, -1);
    /* and last a fallback marker (Central European -ij, -ej) */
    int name_fb = -1;
    for (size_t k = 0; k < nw && name_fb < 0; k++)
        if (!words[k].cyrillic) name_fb = word_fallback(&words[k]);

    int be_latin = 0;
    for (size_t k = 0; k < nw; k++)
        be_latin |= belarusian_latin(&words[k]);
    char *keys[PN_MAX_WORDS];
    size_t nk = 0;
    for (size_t k = 0; k < nw; k++) {
        pisar_buf t = {0};
        if (words[k].cyrillic) {
            rc = cyrillic_word(&words[k], lang, &t);
        } else {
            int c = force >= 0 ? force : word_convention(words, nw, k, name_conv, name_fb);
            int south = lang == L_BG || lang == L_MK || lang == L_SR;
            rc = latin_word(&words[k], c, be_latin | (south ? 2 : 0), &t, nfd);
        }
        if (!rc && !t.data) rc = pisar_buf_append(&t, "", 0);
        if (rc) {
            pisar_buf_free(&t);
            break;
        }
        pisar_buf f = {0};
        fold(t.data, &f);
        pisar_buf_free(&t);
        if (!f.data) {
            rc = PISAR_ENOMEM;
            break;
        }
        if (*f.data)
            keys[nk++] = f.data;
        else
            free(f.data);
    }
    if (!rc) {
        size_t kept = nk;
        if (nk >= 3)
            for (size_t k = 0; k < nk; k++)
                if (is_patronymic(keys[k], k == nk - 1) && kept > 2) {
                    keys[k][0] = 0;
                    kept--;
                }
        qsort(keys, nk, sizeof *keys, cmp_str);
        int first = 1;
        for (size_t k = 0; k < nk && !rc; k++) {
            if (!keys[k][0]) continue;
            if (!first) rc = pisar_buf_append(key, " ", 1);
            if (!rc) rc = pisar_buf_puts(key, keys[k]);
            first = 0;
        }
    }
    for (size_t k = 0; k < nk; k++)
        free(keys[k]);
out:
    for (size_t k = 0; k < nw; k++)
        free(words[k].s);
    return rc;
}

int pn_phonetic(const char *s, size_t len, pisar_buf *key)
{
    return phonetic(s, len, -1, -1, key);
}

int pn_phonetic_lang(const char *s, size_t len, int lang, pisar_buf *key)
{
    return phonetic(s, len, -1, lang, key);
}

int pn_readings(const char *s, size_t len, pn_reading_fn fn, void *user)
{
    pisar_buf k = {0};
    int rc = PISAR_OK;
    for (int c = 0; c < PN_NCONV && !rc; c++) {
        pisar_buf_clear(&k);
        rc = phonetic(s, len, c, -1, &k);
        if (rc == NO_READING) {
            rc = PISAR_OK;
            continue;
        }
        if (!rc && k.len) rc = fn(k.data, pn_conventions[c].alike, user);
    }
    pisar_buf_free(&k);
    return rc;
}

void pn_fold_alike(char *key, int alike)
{
    char *words[PN_MAX_WORDS], *p = key;
    size_t nw = 0, len = 0;
    for (char *c = key; *c; c++) {
        if ((alike & PN_ALIKE_VOICING) && *c == 'z') *c = 's';
        if ((alike & PN_ALIKE_IY) && *c == 'y') *c = 'i';
        if ((alike & (PN_ALIKE_GH | PN_ALIKE_G2H)) && *c == 'g') *c = 'h';
        if ((alike & PN_ALIKE_GH) && *c == 'h' && len && key[len - 1] == 'k') {
            key[len - 1] = 'h'; /* kh */
            continue;
        }
        /* sh, zh are s, z: drop the h */
        if ((alike & PN_ALIKE_HUSHES) && *c == 'h' && len &&
            (key[len - 1] == 's' || key[len - 1] == 'z'))
            continue;
        key[len++] = *c;
    }
    key[len] = 0;
    /* the words in order again (Залужний: "valeri zaluzhni" is "salushni valeri") */
    if (!memchr(key, ' ', len)) return; /* one word */
    char buf[256], *copy = len < sizeof buf ? buf : malloc(len + 1);
    if (!copy) return; /* unsorted: a lost match, not a wrong one */
    memcpy(copy, key, len + 1);
    for (char *save = NULL, *w = strtok_r(copy, " ", &save); w && nw < PN_MAX_WORDS;
         w = strtok_r(NULL, " ", &save))
        words[nw++] = w;
    qsort(words, nw, sizeof *words, cmp_str);
    for (size_t k = 0; k < nw; k++) {
        size_t n = strlen(words[k]);
        if (k) *p++ = ' ';
        memcpy(p, words[k], n);
        p += n;
    }
    *p = 0;
    if (copy != buf) free(copy);
}

const pn_suffix *pn_suffix_table(void)
{
    return pn_suffixes;
}

/* Binary search of the sorted generated list (its size known at compile
 * time: the lists end with NULL). */
#define IN_SORTED(list, s, n) in_sorted(list, sizeof list / sizeof *list - 1, s, n)
static inline int sorted_cmp(const char *item, const char *s, size_t n)
{
    int c = strncmp(item, s, n);
    return !c && item[n] ? 1 : c;
}

static int in_sorted(const char *const *list, size_t hi, const char *s, size_t n)
{
    size_t lo = 0;
    /* outside the list's first and last words (a Cyrillic word against a
     * list of Latin words): absent after two comparisons, not log2(hi) */
    if (!hi || sorted_cmp(list[hi - 1], s, n) < 0 || sorted_cmp(list[0], s, n) > 0) return 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strncmp(list[mid], s, n);
        if (!c && list[mid][n]) c = 1;
        if (c < 0)
            lo = mid + 1;
        else if (c > 0)
            hi = mid;
        else
            return 1;
    }
    return 0;
}

int pn_is_notname(const char *s, size_t n)
{
    return IN_SORTED(pn_notnames, s, n);
}
int pn_is_nounlang_word(const char *s, size_t n)
{
    return IN_SORTED(pn_nounlang, s, n);
}

int pn_is_determiner(const char *s, size_t n)
{
    return IN_SORTED(pn_determiners, s, n);
}

int pn_lower_first(const char *s, size_t n, pisar_buf *out)
{
    size_t i = 0;
    unsigned c = pn_utf8_next(s, n, &i);
    pisar_buf_clear(out);
    int rc = pn_utf8_put(out, (unsigned)u_tolower((UChar32)c));
    if (!rc) rc = pisar_buf_append(out, s + i, n - i);
    return rc;
}

int pn_is_lower(unsigned c)
{
    if (c < 0x80) return c >= 'a' && c <= 'z';
    return u_islower((UChar32)c);
}

int pn_upper_copy(const char *s, size_t n, pisar_buf *out)
{
    int rc = PISAR_OK;
    for (size_t i = 0; i < n && !rc;)
        rc = pn_utf8_put(out, (unsigned)u_toupper((UChar32)pn_utf8_next(s, n, &i)));
    return rc;
}

int pn_is_all_upper(const char *s, size_t n)
{
    int letters = 0;
    for (size_t i = 0; i < n;) {
        unsigned c = pn_utf8_next(s, n, &i);
        if (!pn_is_name_letter(c) || c == '\'') continue;
        if (!pn_is_upper(c)) return 0;
        letters++;
    }
    return letters > 1;
}
