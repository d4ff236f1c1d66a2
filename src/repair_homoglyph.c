/*
 * repair_homoglyph.c -- Latin look-alikes in Cyrillic words and Cyrillic
 * look-alikes in Latin words, mapped to the word's script.
 *
 * A word (a run of letters and combining marks) with letters of both scripts
 * gets the script of its letters that have no look-alike in the other script
 * ("Pоссия": и and я are Cyrillic only). When it has such letters in both
 * scripts it is left alone (a genuinely mixed token); when it has none
 * ("Mоsсоw" without the w would be such a word) it gets the line's dominant
 * script, counted the same way, and is left alone when the line has none.
 * Upper-case words made only of Roman-numeral look-alikes ("ХIХ") are Latin.
 * Words that look like two words glued together (one change of script, two or
 * more letters to convert: "DМАКРОС"), Latin words with a Cyrillic case
 * ending in a Cyrillic line ("manpathа") and identifiers or options ("-CЧИСЛО",
 * "Oназва_файла") are left alone.
 * Words of one script ("iPhone", "COVID", Serbian Latin) are never touched.
 * The look-alike pairs come from ICU's confusable data (confusables.h,
 * generated at build time by tools/gen_confusables.c).
 */
#include "repair.h"
#include "repair_scan.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "confusables.h"
#include "lookalike_words.h"

enum { HG_OTHER = 0, HG_LATIN, HG_CYRILLIC };

static int script_of(int32_t c)
{
    if (c < 0x41) return HG_OTHER;
    /* the common ranges without ICU (the same answers: test_normalize's
     * test_script_ranges) */
    if (c < 0x80) return (c <= 'Z' || (c >= 'a' && c <= 'z')) ? HG_LATIN : HG_OTHER;
    if (c >= 0x400 && c < 0x530 && c != 0x485 && c != 0x486) return HG_CYRILLIC; /* (inherited) */
    if (c >= 0xC0 && c < 0x250) return (c == 0xD7 || c == 0xF7) ? HG_OTHER : HG_LATIN;
    UErrorCode ue = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &ue);
    if (U_FAILURE(ue)) return HG_OTHER;
    return sc == USCRIPT_LATIN ? HG_LATIN : sc == USCRIPT_CYRILLIC ? HG_CYRILLIC : HG_OTHER;
}

static int32_t lookup(const struct hg_pair *t, int n, int32_t c)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (t[mid].from == c) return t[mid].to;
        if (t[mid].from < c)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* The look-alike of c in the other script, or -1. */
static int32_t partner(int32_t c, int script)
{
    /* the Macedonian dze looks like s, but a Latin s in a Cyrillic word is far
     * more often an identifier than a misplaced dze */
    if (script == HG_LATIN && (c == 's' || c == 'S')) return -1;
    /* ... while a Cyrillic dze in a Latin word is the look-alike ("Perѕona") */
    if (c == 0x0455) return 's';
    if (c == 0x0405) return 'S';
    return script == HG_LATIN ? lookup(HG_LAT2CYR, HG_LAT2CYR_COUNT, c)
                              : lookup(HG_CYR2LAT, HG_CYR2LAT_COUNT, c);
}

static int is_word_char(int32_t c)
{
    /* the common ranges without ICU (the same answers: every one of these
     * is alphabetic) */
    if (c < 0x80) return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if ((c >= 0x410 && c < 0x450) || (c >= 0xE0 && c < 0x100 && c != 0xF7)) return 1;
    return c >= 0 && (u_isalpha(c) || (c >= 0x300 && u_getCombiningClass(c) > 0));
}

/* Count letters of each script with no look-alike in the other, over s[a, b). */
static void count_unambiguous(const unsigned char *s, size_t a, size_t b, size_t *lat, size_t *cyr)
{
    for (size_t i = a; i < b;) {
        int32_t c = u8_next(s, b, &i);
        int sc = script_of(c);
        if (sc == HG_OTHER || partner(c, sc) >= 0) continue;
        if (sc == HG_LATIN)
            ++*lat;
        else
            ++*cyr;
    }
}

void repair_hg_init(repair_hg *m)
{
    memset(m, 0, sizeof *m);
    for (int32_t c = 0; c < 0x800; c++) {
        int sc = script_of(c);
        if (sc != HG_OTHER && partner(c, sc) < 0) m->two[c] = sc == HG_LATIN ? 1 : 2;
    }
}

/* count_unambiguous() over s[a, b) with the characters below U+0800 looked
 * up in m (one table, no branch on the script) */
static void count_unambiguous_m(const repair_hg *m, const unsigned char *s, size_t a, size_t b,
                                size_t *lat, size_t *cyr)
{
    size_t l = 0, k = 0;
    for (size_t i = a; i < b;) {
        unsigned char c = s[i];
        unsigned v;
        if (c < 0x80) {
            v = m->two[c];
            i++;
        } else if (c >= 0xC2 && c < 0xE0 && i + 1 < b && (s[i + 1] & 0xC0) == 0x80) {
            v = m->two[(c & 0x1Fu) << 6 | (s[i + 1] & 0x3Fu)];
            i += 2;
        } else {
            size_t j = i;
            u8_next(s, b, &i);
            count_unambiguous(s, j, i, lat, cyr);
            continue;
        }
        l += v & 1;
        k += v >> 1;
    }
    *lat += l;
    *cyr += k;
}

void repair_hg_count(const repair_hg *m, const char *s, size_t n, size_t *lat, size_t *cyr,
                     int reference)
{
    *lat = *cyr = 0;
    if (reference)
        count_unambiguous((const unsigned char *)s, 0, n, lat, cyr);
    else
        count_unambiguous_m(m, (const unsigned char *)s, 0, n, lat, cyr);
}

static int roman_lookalike(int32_t c)
{
    switch (c) {
    case 'I':
    case 'V':
    case 'X':
    case 'L':
    case 'C':
    case 'D':
    case 'M':
    case 0x0406:
    case 0x0425:
    case 0x0421:
    case 0x041C: /* І Х С М */
        return 1;
    default:
        return 0;
    }
}

/* Nonzero when the character before s[at] is a letter ("из-зa": a hyphen
 * inside a compound, not an option's dash). */
static int word_before(const unsigned char *s, size_t at)
{
    if (at == 0) return 0;
    size_t j = at - 1;
    while (j > 0 && (s[j] & 0xC0) == 0x80)
        j--;
    return is_word_char(u8_next(s, at, &j));
}

/* The script of the word that starts or ends at s[j] (dir +1: starts, -1:
 * ends before j): the script of its letters that have no look-alike when they
 * are all of one script ("сoгласие" with a Latin o is Cyrillic), else that of
 * the letter next to s[a, b); *lower: the word has no capital. */
static int word_script(const unsigned char *s, size_t n, size_t j, int dir, int *lower)
{
    size_t wa = j, wb = j;
    if (dir > 0) {
        for (size_t i = j; i < n;) {
            if (!is_word_char(u8_next(s, n, &i))) break;
            wb = i;
        }
    } else {
        while (wa > 0) {
            size_t k = wa - 1;
            while (k > 0 && (s[k] & 0xC0) == 0x80)
                k--;
            size_t m = k;
            if (!is_word_char(u8_next(s, n, &m))) break;
            wa = k;
        }
    }
    *lower = 1;
    for (size_t i = wa; i < wb;)
        *lower &= !u_isupper(u8_next(s, wb, &i));
    size_t lat = 0, cyr = 0;
    count_unambiguous(s, wa, wb, &lat, &cyr);
    if (lat && !cyr) return HG_LATIN;
    if (cyr && !lat) return HG_CYRILLIC;
    size_t k = dir > 0 ? j : j - 1;
    if (dir < 0)
        while (k > 0 && (s[k] & 0xC0) == 0x80)
            k--;
    return script_of(u8_next(s, n, &k));
}

/* The script of the word next to s[a, b) on one side (dir -1: before, +1:
 * after) across spaces and commas only; HG_OTHER when there is none, or a
 * sentence end, a digit, a symbol or markup comes first. *edge: nothing but
 * spaces before the line's start or a sentence end (dir -1). *lower: that
 * word has no capital. */
static int neighbour(const unsigned char *s, size_t n, size_t a, size_t b, int dir, int *edge,
                     int *lower)
{
    *edge = 0;
    *lower = 0;
    if (dir < 0) {
        size_t j = a;
        while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == ','))
            j--;
        if (j == 0 || s[j - 1] == '.' || s[j - 1] == '!' || s[j - 1] == '?') {
            *edge = j == 0 || j < a;
            return HG_OTHER;
        }
        if (j == a) return HG_OTHER; /* glued to something */
        /* across a number standing alone ("32, а za", "1 o 2"): the word
         * before it */
        if (s[j - 1] >= '0' && s[j - 1] <= '9') {
            size_t k = j;
            while (k > 0 &&
                   ((s[k - 1] >= '0' && s[k - 1] <= '9') || s[k - 1] == '.' || s[k - 1] == ','))
                k--;
            if (k == 0 || s[k - 1] != ' ') return HG_OTHER;
            while (k > 0 && s[k - 1] == ' ')
                k--;
            if (k == 0 || s[k - 1] < 'A') return HG_OTHER;
            j = k;
        }
        return word_script(s, n, j, -1, lower);
    }
    size_t j = b;
    while (j < n && (s[j] == ' ' || s[j] == ','))
        j++;
    if (j == b || j >= n) return HG_OTHER;
    /* across a number standing alone ("y 2300 кБ", "c 2010 года") */
    if (s[j] >= '0' && s[j] <= '9') {
        while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.' || s[j] == ','))
            j++;
        if (j >= n || s[j] != ' ') return HG_OTHER;
        while (j < n && s[j] == ' ')
            j++;
        if (j >= n || s[j] < 'A') return HG_OTHER;
    }
    return word_script(s, n, j, 1, lower);
}

/* Nonzero when nothing but spaces follow s[b] to the line's end (a man
 * page's line ends inside a sentence: "от наличия мандатов y"; a mark after
 * the letter, "типу c:", "параметром a.", makes it a name, not a
 * preposition); the line's end may be in s (the stream's lines keep theirs). */
static int line_end_after(const unsigned char *s, size_t n, size_t b)
{
    for (size_t j = b; j < n; j++) {
        if (s[j] == '\n' || s[j] == '\r') return 1;
        if (s[j] != ' ') return 0;
    }
    return 1;
}

/* Nonzero when a letter starts at s[at]. */
static int word_at(const unsigned char *s, size_t n, size_t at)
{
    return at < n && is_word_char(u8_next(s, n, &at));
}

/* Nonzero when s[at] starts the line or follows a space. */
static int standalone_before(const unsigned char *s, size_t at)
{
    return at == 0 || s[at - 1] == ' ';
}

/* Nonzero when the line has a letter of the Ukrainian or Belarusian
 * alphabets that Russian lacks (і ї є ґ ў), so that a lone Latin i is і. */
static int has_i_alphabet(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if ((s[i] == 0xD1 &&
             (s[i + 1] == 0x96 || s[i + 1] == 0x97 || s[i + 1] == 0x94 || s[i + 1] == 0x9E)) ||
            (s[i] == 0xD2 && s[i + 1] == 0x91) ||
            (s[i] == 0xD0 &&
             (s[i + 1] == 0x86 || s[i + 1] == 0x87 || s[i + 1] == 0x84 || s[i + 1] == 0x8E)))
            return 1;
    return 0;
}

/* Nonzero when the line has a letter of Bulgarian (ъ) or of Serbian and
 * Macedonian (ј љ њ ћ ђ џ ѓ ќ ѕ) and none of those only Russian, Ukrainian
 * or Belarusian use (ы э ё і ї є ґ ў): a lone е is a word there ("is"). */
static int south_slavic(const unsigned char *s, size_t n)
{
    int yes = 0;
    for (size_t i = 0; i + 1 < n;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t c = u8_next(s, n, &i);
        if (c == 0x44B || c == 0x44D || c == 0x451 || c == 0x456 || c == 0x457 || c == 0x454 ||
            c == 0x491 || c == 0x45E)
            return 0;
        if (c == 0x44A || c == 0x458 || c == 0x459 || c == 0x45A || c == 0x45B || c == 0x452 ||
            c == 0x45F || c == 0x453 || c == 0x45C || c == 0x455)
            yes = 1;
    }
    return yes;
}

/* Nonzero when the line has a Latin letter outside ASCII (U+00C0-U+024F). */
static int latin_diacritic(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] >= 0xC3 && s[i] <= 0xC9 &&
            !(s[i] == 0xC3 && (s[i + 1] == 0x97 || s[i + 1] == 0xB7)))
            return 1;
    return 0;
}

/* Nonzero when the line reads like code or maths, where lone Latin letters
 * are names ("от a до z", "x и y", "s = таблица[c]"): it has = [ { or
 * another lone ASCII letter that is no look-alike candidate. The reference
 * of code_like() below, which reads the line once (test_homoglyph_gate
 * compares them). */
static int code_like_ref(const unsigned char *s, size_t n, size_t a, size_t b)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '=' || s[i] == '[' || s[i] == '{') return 1;
        if (i >= a && i < b) continue;
        int letter = (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z';
        if (!letter) continue;
        /* (an option's letter, "-L", "-U uuid", is no variable) */
        if (i > 0 && s[i - 1] == '-') continue;
        int alone = (i == 0 ||
                     !(s[i - 1] >= 0x80 || ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z') ||
                       (s[i - 1] >= '0' && s[i - 1] <= '9'))) &&
                    (i + 1 == n ||
                     !(s[i + 1] >= 0x80 || ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z') ||
                       (s[i + 1] >= '0' && s[i + 1] <= '9')));
        if (alone && !strchr("aocyiAOYI", s[i])) return 1;
    }
    return 0;
}

typedef repair_hg_memo code_memo;

/* code_like_ref(s, n, a, b), the line read once for all its words: the
 * letters that count do not depend on [a, b), which only leaves out those
 * inside it, so one lies outside when the first is before a or the last at
 * b or after. */
static int code_like(code_memo *m, const unsigned char *s, size_t n, size_t a, size_t b)
{
    if (!m->known) {
        m->known = 1;
        m->sign = 0;
        m->first = m->last = SIZE_MAX;
        for (size_t i = 0; i < n; i++) {
            if (s[i] == '=' || s[i] == '[' || s[i] == '{') {
                m->sign = 1;
                break;
            }
            if (!((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')) continue;
            if (i > 0 && s[i - 1] == '-') continue;
            int alone = (i == 0 || !(s[i - 1] >= 0x80 ||
                                     ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z') ||
                                     (s[i - 1] >= '0' && s[i - 1] <= '9'))) &&
                        (i + 1 == n || !(s[i + 1] >= 0x80 ||
                                         ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z') ||
                                         (s[i + 1] >= '0' && s[i + 1] <= '9')));
            if (alone && !strchr("aocyiAOYI", s[i])) {
                if (m->first == SIZE_MAX) m->first = i;
                m->last = i;
            }
        }
    }
    int r = m->sign || (m->first != SIZE_MAX && (m->first < a || m->last >= b));
#ifdef PLAIN_CHECK
    if (r != code_like_ref(s, n, a, b)) abort();
#endif
    return r;
}

size_t repair_hg_code_like_check(const char *str, size_t n, size_t *asked)
{
    const unsigned char *s = (const unsigned char *)str;
    code_memo m = {0};
    size_t bad = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t a = i;
        while (i < n && s[i] != ' ')
            i++;
        if (i == a) break;
        bad += code_like(&m, s, n, a, i) != code_like_ref(s, n, a, i);
        ++*asked;
    }
    for (size_t i = 0; i < n; i++) {
        bad += code_like(&m, s, n, i, i + 1) != code_like_ref(s, n, i, i + 1);
        ++*asked;
    }
    return bad;
}

/* The word that ends before s[a] across spaces (and a comma when comma is
 * set): its bytes in s[*wa, *wb), 0 when none (a sentence end, a bracket,
 * the line's start come first). */
static int word_before_span(const unsigned char *s, size_t a, int comma, size_t *wa, size_t *wb)
{
    size_t j = a;
    while (j > 0 && (s[j - 1] == ' ' || (comma && s[j - 1] == ',')))
        j--;
    if (j == a || j == 0) return 0;
    size_t e = j;
    while (j > 0) {
        size_t k = j - 1;
        while (k > 0 && (s[k] & 0xC0) == 0x80)
            k--;
        size_t m = k;
        if (!is_word_char(u8_next(s, e, &m))) break;
        j = k;
    }
    if (j == e) return 0;
    *wa = j;
    *wb = e;
    return 1;
}

/* Nonzero when s[a, b) is one of the words of the list (UTF-8, NUL-ended,
 * the list ended by NULL), in small letters. */
static int word_in(const unsigned char *s, size_t a, size_t b, const char *const *list)
{
    /* a capital first letter of U+0410..U+042F in small letters */
    unsigned char w[64];
    if (b - a > sizeof w) return 0;
    memcpy(w, s + a, b - a);
    if (b - a >= 2 && w[0] == 0xD0 && w[1] >= 0x90 && w[1] <= 0xAF) {
        if (w[1] < 0xA0)
            w[1] += 0x20;
        else
            w[0] = 0xD1, w[1] -= 0x20;
    }
    for (; *list; list++)
        if (strlen(*list) == b - a && !memcmp(w, *list, b - a)) return 1;
    return 0;
}

/* Words after which a lone Latin letter is the name of a variable, a point,
 * an axis ("координата y", "точка a", "змінна x"), and the prepositions
 * after which a one-letter preposition cannot follow ("в y, чтобы": y is
 * a variable), in Russian, Ukrainian, Belarusian, Bulgarian, Serbian and
 * Macedonian. */
static const char *const NAMES_A_LETTER[] = {
    /* (names of a letter, a variable, a point, an axis: not the words a
     * preposition often follows, "значення у байтах", "змінної у
     * попередній") */
    "координата", "координаты", "координату", "переменная", "переменную", "змінна", "змінну",
    "точка", "точки", "точку", "тачка", "тачке", "ось", "оси", "вісь", "вектор", "вектора",
    "функция", "функции", "матрица", "матрицы", "константа", "буква", "буквы", "букву", "буквата",
    "літера", "літери", "літеру", "символ", "символа", "символы", "символу", "символом", "параметр",
    "параметра", "параметром", "параметре", "параметру", "променлива", "променливата",
    /* prepositions */
    "в", "на", "с", "к", "о", "у", "из", "от", "по", "за", "до", "для", "про", "при", "над", "под",
    "без", "між", "между", "через", "ў", "з", "ад", "па", "со", "во", "од", "са", "ка", NULL};

/* The prepositions a small c, o, y stand for and the conjunctions a, i (і):
 * the word after one of them is no punctuation; after c (с) in Russian and
 * Bulgarian and before a capital C (С) at a sentence's start, the word is
 * in the instrumental or the genitive: these endings. */
static int case_after_s(const unsigned char *s, size_t n, size_t j)
{
    static const char *const ends[] = {"ом",  "ем",  "ём",  "ой",  "ей", "ью", "ами", "ями",
                                       "ими", "ыми", "ого", "его", "ых", "их", "ия",  "ий",
                                       "ов",  "ев",  "ним", "ым",  "им", NULL};
    size_t e = j;
    while (e < n) {
        size_t k = e;
        int32_t c = u8_next(s, n, &k);
        if (!is_word_char(c) || script_of(c) != HG_CYRILLIC) break;
        e = k;
    }
    if (e - j < 6) return 0; /* two letters and an ending at least */
    for (const char *const *x = ends; *x; x++) {
        size_t l = strlen(*x);
        if (e - j > l && !memcmp(s + e - l, *x, l)) return 1;
    }
    return 0;
}

static int word_cmp(const void *key, const void *elem)
{
    const pisar_buf *k = key;
    const char *w = ((const struct hg_word *)elem)->from;
    size_t wl = strlen(w);
    int c = memcmp(k->data, w, k->len < wl ? k->len : wl);
    return c ? c : (k->len > wl) - (k->len < wl);
}

/* Nonzero when s[a, b) reads as part of an identifier, a path, an option, a
 * number or a format: a mark glued to it that words do not take. */
static int glued_mark(const unsigned char *s, size_t n, size_t a, size_t b)
{
    if (a > 0 && strchr("-_/\\.=$@%#&+*:'0123456789", s[a - 1])) return 1;
    if (b < n && strchr("_=(@/\\'+*0123456789", s[b])) return 1;
    /* a dot, colon or hyphen between this word and more of the token */
    if (b + 1 < n && strchr(".:-", s[b]) && s[b + 1] != ' ') return 1;
    return 0;
}

/*
 * A whole word written in the look-alikes of the other script ("ca" for
 * Bulgarian "са", "CCCP" for "СССР", Cyrillic "іѕ" in an English line),
 * listed in tables/repair/lookalike-words.txt (a word of the target script
 * whose twin is no common word of the other: tools/lookalike_words.py), with
 * a word of the target script on each side (or, for a capitalised word, a
 * sentence's start before it), in a line of the target script. Into Latin
 * only in a line without a Cyrillic letter that has no look-alike. Returns
 * 1 when it repaired the word, 0 when not, or an error (PISAR_ENOMEM).
 */
static int fix_known_word(const unsigned char *s, size_t n, size_t a, size_t b, int target,
                          int dominant, repair_list *out)
{
    if (dominant != target || glued_mark(s, n, a, b)) return 0;
    pisar_buf key = {(char *)s + a, b - a, b - a};
    const struct hg_word *w = bsearch(&key, HG_WORDS, HG_WORDS_COUNT, sizeof *HG_WORDS, word_cmp);
    if (!w || w->kind != (target == HG_CYRILLIC ? 'c' : 'l')) return 0;
    if (target == HG_LATIN) {
        size_t lat = 0, cyr = 0;
        count_unambiguous(s, 0, n, &lat, &cyr);
        if (cyr) return 0;
    }
    int edge, after_edge, lower_before, lower_after;
    int before = neighbour(s, n, a, b, -1, &edge, &lower_before),
        after = neighbour(s, n, a, b, 1, &after_edge, &lower_after);
    int32_t first = u8_next(s, b, &(size_t){a});
    if (after != target) return 0;
    if (before != target && !(edge && u_isupper(first))) return 0;
    int rc = repair_list_add(out, a, b - a, w->to, strlen(w->to),
                             target == HG_CYRILLIC ? "latin->cyrillic" : "cyrillic->latin",
                             PISAR_REPAIR_HOMOGLYPH);
    return rc ? rc : 1;
}

/*
 * A short word of look-alikes alone among words of the other script in a
 * line of that script (target). Into Cyrillic: a one-letter word (c, o, y, a for с, о, у, а; i for
 * і in Ukrainian or Belarusian text) or a lower-case word of two or three letters (Macedonian
 * "ja"), with a Cyrillic word after it and a Cyrillic word or a sentence's
 * start before it. Capital one-letter words (A O Y I, not C) only at a
 * sentence's start (a lone I elsewhere is a Roman numeral: "Пётр I").
 * Into Latin, the same for Cyrillic а о у і (Polish "a", "i", Czech "o").
 * A neighbour's script is that of its letters without look-alikes
 * (word_script). A small one-letter word standing alone between spaces may
 * also have a word of the other script on one side (relaxed, below).
 */
static int fix_lone(const unsigned char *s, size_t n, size_t a, size_t b, int target, int dominant,
                    code_memo *cm, pisar_buf *tmp, repair_list *out)
{
    int from = target == HG_CYRILLIC ? HG_LATIN : HG_CYRILLIC;
    size_t len = 0, upper = 0;
    /* a word of more than 2 characters is never changed here (len > 2
     * below): no need to look its letters up */
    size_t chars = 0;
    for (size_t i = a; i < b && chars <= 2; i++)
        chars += (s[i] & 0xC0) != 0x80;
    if (chars >= 2) {
        int r = fix_known_word(s, n, a, b, target, dominant, out);
        if (r) return r > 0 ? PISAR_OK : r; /* (1: repaired) */
    }
    if (chars > 2) return 0;
    int32_t c0 = -1;
    for (size_t i = a; i < b;) {
        int32_t c = u8_next(s, b, &i);
        if (script_of(c) != from || partner(c, from) < 0) return 0;
        if (c0 < 0) c0 = c;
        len++;
        upper += u_isupper(c) != 0;
    }
    if (len > 2 || (len > 1 && upper)) return 0;
    /* a dze (ѕ, Ѕ) after an apostrophe in a Latin line is the s of a
     * possessive ("thread'ѕ"; a lone one elsewhere is a character in a table) */
    int dze = target == HG_LATIN && len == 1 && (c0 == 0x455 || c0 == 0x405) &&
              dominant == HG_LATIN && a > 1 && s[a - 1] == '\'' &&
              ((s[a - 2] | 0x20) >= 'a' && (s[a - 2] | 0x20) <= 'z');
    /* a longer word only with a Latin j for ј (Macedonian "ja", Serbian
     * "je"): "ipc" in a Russian line is a name */
    if (len > 1 && (target != HG_CYRILLIC || !memchr(s + a, 'j', b - a))) return 0;
    /* into Latin only in a line with no other Cyrillic letter and a Latin
     * letter with a diacritic (Polish, Czech...): "proc і nfs" in a Ukrainian
     * line, "Brian Fox і Chet Ramey" in a Ukrainian page are Ukrainian */
    int diacritic = 0;
    if (dze) {
        /* (below) */
    } else if (target == HG_LATIN) {
        size_t lat = 0, cyr = 0;
        count_unambiguous(s, 0, a, &lat, &cyr);
        count_unambiguous(s, b, n, &lat, &cyr);
        diacritic = latin_diacritic(s, n);
        if (cyr) return 0;
    } else if (code_like(cm, s, n, a, b)) {
        return 0;
    }
    int edge, after_edge, lower_before, lower_after;
    int before = neighbour(s, n, a, b, -1, &edge, &lower_before),
        after = neighbour(s, n, a, b, 1, &after_edge, &lower_after);
    /* into Latin in a line with no letter with a diacritic (English,
     * Italian): а and о only, between two lower-case words ("used аs the" is
     * rare; "failglob і dotglob", "Brian Fox і Chet Ramey" in a Ukrainian page
     * are Ukrainian) */
    if (!dze && target == HG_LATIN && !diacritic &&
        (!lower_before || !lower_after || (c0 != 0x430 && c0 != 0x43E && c0 != 0x435)))
        return 0;
    /* a small one-letter word in a line of the target script may also have
     * a word of the other script or the line's end on one side ("совместимое
     * c RFC 1337", "Linux, a также") */
    int standalone = (a == 0 || s[a - 1] == ' ') && b < n && s[b] == ' ';
    /* (in a line of both scripts too, with a word of the target script
     * before it: "(начиная c Linux 3.12)" among identifiers) */
    int relaxed = standalone && !upper && len == 1 &&
                  (dominant == target || (dominant == HG_OTHER && before == target)) &&
                  before != HG_OTHER && after != HG_OTHER && (after == target || before == target);
    int lone = len == 1 && !upper && dominant == target && target == HG_CYRILLIC;
    /* a case ending after an abbreviation's hyphen ("ДНС-a", "РЕГИЗР-a") */
    if (lone && a > 1 && s[a - 1] == '-' && !word_at(s, n, b)) {
        int lw;
        if (word_script(s, n, a - 1, -1, &lw) == HG_CYRILLIC && c0 != 'i') relaxed = 1;
    }
    /* at the line's start before a word of the line's script ("o драйвере",
     * a man page's line that goes on a sentence; not y, often a variable) */
    if (lone && a == 0 && after == target && b < n && s[b] == ' ' &&
        (c0 == 'o' || c0 == 'a' || c0 == 'c'))
        relaxed = 1;
    /* (y too before a small Cyrillic word of 3+ letters where the line is
     * Ukrainian or Belarusian, "y файлі", and Serbian je, "je доступно") */
    if (target == HG_CYRILLIC && dominant == target && a == 0 && after == target && b + 1 < n &&
        s[b] == ' ' &&
        ((len == 1 && c0 == 'y' && has_i_alphabet(s, n)) || (c0 == 'j' && south_slavic(s, n)))) {
        int lw = 0;
        size_t e = b + 1, k = 0;
        while (e < n) {
            size_t q = e;
            if (!is_word_char(u8_next(s, n, &q))) break;
            e = q;
            k++;
        }
        if (word_script(s, n, b + 1, 1, &lw) == HG_CYRILLIC && lw && k >= 3 &&
            !code_like(cm, s, n, a, b))
            relaxed = 1;
    }
    /* at the line's end: Serbian je after a Cyrillic word ("ако je"), a
     * capital Y after a sentence's end ("... слова. Y", the sentence goes on
     * on the next line) */
    if (target == HG_CYRILLIC && dominant == target && line_end_after(s, n, b) &&
        standalone_before(s, a) &&
        ((c0 == 'j' && before == target && south_slavic(s, n)) ||
         (len == 1 && c0 == 'Y' && edge && a >= 3 && s[a - 2] == '.')))
        relaxed = 1;
    /* at the line's end after a word of the line's script ("мандатов y") */
    if (lone && before == target && standalone_before(s, a) && line_end_after(s, n, b)) relaxed = 1;
    /* a Ukrainian or Belarusian і between two Latin names in a Cyrillic
     * line ("Mike Parker i David MacKenzie", "bzip2, bunzip2 i bzcat") */
    if (len == 1 && c0 == 'i' && target == HG_CYRILLIC && dominant != HG_LATIN && standalone &&
        before == from && after == from &&
        !(b + 3 < n && s[b + 1] == 'i' && s[b + 2] == 'n' && s[b + 3] == ' ')) /* "for i in" */
        relaxed = 1;
    /* Into Cyrillic, decided by the neighbours whatever the line's script
     * (a man page's line of identifiers, "(начиная c Linux 3.5)", "или je
     * доступна"): a small c, o, y, a (i where the line has a letter of
     * Ukrainian or Belarusian; Serbian je, Macedonian ja) followed by one
     * space and a Cyrillic word, or c, i before a Latin word, after a
     * Cyrillic word (across a comma for the conjunctions a, i) or after an
     * opening bracket or quote ("(c помощью", "«y файлі"), where that word
     * is no preposition and no name of a variable ("в y, чтобы", "координата
     * y"). */
    int local = 0;
    size_t wa = 0, wb = 0;
    int conj = c0 == 'a' || c0 == 'i';
    if (target == HG_CYRILLIC && !dze && !upper && b + 1 < n && s[b] == ' ' &&
        (len == 1 ? strchr("acoyi", (int)c0) != NULL : c0 == 'j')) {
        /* (the prepositions only: "(i є необов'язковим" is a variable) */
        int opened =
            !conj && a > 0 && (s[a - 1] == '(' || s[a - 1] == '"') && (a == 1 || s[a - 2] == ' ');
        if (!opened && !conj && a >= 2 && s[a - 2] == 0xC2 && s[a - 1] == 0xAB) /* « */
            opened = a == 2 || s[a - 3] == ' ';
        int after_ok = after == target || ((c0 == 'c' || c0 == 'i') && after == from);
        int lw = 0;
        int next = word_at(s, n, b + 1) ? word_script(s, n, b + 1, 1, &lw) : HG_OTHER;
        int prep = c0 == 'c' || c0 == 'o' || c0 == 'y';
        /* (a preposition before a quote, a path, a variable: "y „staff“",
         * "y /etc/manpath.config", "o «физическом»") */
        unsigned char nb = s[b + 1];
        int opens = nb == '/' || nb == '$' || nb == '"' ||
                    (nb == 0xC2 && b + 2 < n && s[b + 2] == 0xAB) ||
                    (nb == 0xE2 && b + 3 < n && s[b + 2] == 0x80 && s[b + 3] == 0x9E); /* « „ */
        if (after_ok && next == after) {
            if (opened)
                local = after == target;
            else if (standalone_before(s, a) && word_before_span(s, a, conj, &wa, &wb) &&
                     word_script(s, n, wb, -1, &lw) == HG_CYRILLIC)
                local = 1;
        } else if (prep && opens && standalone_before(s, a) &&
                   word_before_span(s, a, 0, &wa, &wb) &&
                   word_script(s, n, wb, -1, &lw) == HG_CYRILLIC) {
            local = 1;
        }
        /* a preposition after a name, a call, a number ("write(2) c места",
         * "exit(3) y поставкама") before a small Cyrillic word (for c, one
         * in the instrumental or the genitive); Serbian je, Macedonian ja
         * after anything before a Cyrillic word, in a line of their letters
         * ("grub-file je одржавана") */
        /* the conjunction a after a comma before a small Cyrillic word
         * ("библиотеки C, a не для"); Serbian je after a Cyrillic word
         * before anything but a Latin word ("основно je 80", "ако je") */
        if (!local && c0 == 'a' && next == target && lw && a >= 2 && s[a - 1] == ' ' &&
            s[a - 2] == ',')
            local = 1;
        if (!local && c0 == 'j' && next != from && south_slavic(s, n) && standalone_before(s, a) &&
            word_before_span(s, a, 0, &wa, &wb) && word_script(s, n, wb, -1, &lw) == HG_CYRILLIC)
            local = 1;
        if (!local && !opened && next == target && lw && a > 0 && s[a - 1] == ' ' && !edge &&
            ((prep && (c0 != 'c' || case_after_s(s, n, b + 1))) ||
             (c0 == 'j' && south_slavic(s, n))))
            local = 1;
        if (local && (c0 == 'i' && !has_i_alphabet(s, n))) local = 0;
        /* Ukrainian and Belarusian have no preposition с (they write з) */
        if (local && c0 == 'c' && has_i_alphabet(s, n)) local = 0;
    }
    /* a capital at a sentence's start before a small Cyrillic word: Y, O, A
     * (I in Ukrainian or Belarusian; C before the instrumental or the
     * genitive, not in those two) */
    if (target == HG_CYRILLIC && !dze && upper && len == 1 && edge && after == target &&
        b + 1 < n && s[b] == ' ' && strchr("YOAIC", (int)c0)) {
        int lw = 0;
        if (word_at(s, n, b + 1) && word_script(s, n, b + 1, 1, &lw) == HG_CYRILLIC && lw &&
            !code_like(cm, s, n, a, b)) {
            if (c0 == 'I')
                local = has_i_alphabet(s, n);
            else if (c0 == 'C')
                local = !has_i_alphabet(s, n) && case_after_s(s, n, b + 1);
            else
                local = 1;
        }
        if (local && code_like(cm, s, n, a, b)) local = 0;
    }
    /* the conjunction і in a Ukrainian or Belarusian line between options,
     * names, numbers ("параметри -b, -m i -s", "cgroup i" at the line's end,
     * "i він може" at its start): a Latin i standing alone there, before a
     * word, a number, an option, a path, a quote or the line's end, is
     * і; not in code (code_like), not "for i in", "i++", "i =", "i —",
     * not after a bracket ("(i є необов'язковим цілим аргументом"); in a
     * line mostly Cyrillic, or of both scripts beside a Cyrillic word (a
     * Polish line with a Cyrillic і put into a word keeps its "i") */
    if (target == HG_CYRILLIC && !local && len == 1 && c0 == 'i' && !dze &&
        (a == 0 || s[a - 1] == ' ') && has_i_alphabet(s, n) &&
        (dominant == HG_CYRILLIC ||
         (dominant == HG_OTHER && (before == target || after == target)))) {
        int end = line_end_after(s, n, b);
        unsigned char nb = b + 1 < n ? s[b + 1] : 0;
        int next_ok = b + 1 < n && s[b] == ' ' &&
                      (word_at(s, n, b + 1) || (nb >= '0' && nb <= '9') || nb == '-' || nb == '/' ||
                       nb == '$' || nb == '"' || nb == 0xC2 || nb == 0xE2);
        int for_in =
            (a >= 4 && !memcmp(s + a - 4, "for ", 4)) || (b + 3 < n && !memcmp(s + b, " in ", 4));
        if ((end || next_ok) && !for_in && !(nb == '=' || nb == '+') &&
            !(standalone_before(s, a) && word_before_span(s, a, 0, &wa, &wb) &&
              word_in(s, wa, wb, NAMES_A_LETTER)))
            local = 1;
    }
    if (local) relaxed = 1;
    if (target == HG_CYRILLIC && len == 1 && c0 == 'c' && has_i_alphabet(s, n)) return 0;
    /* a preposition is never followed by a comma ("параметр c, ключове") */
    if (target == HG_CYRILLIC && len == 1 && (c0 == 'c' || c0 == 'o' || c0 == 'y') && b < n &&
        s[b] == ',')
        return 0;
    /* a word before it that names a letter or is a preposition: the Latin
     * letter is a variable ("координата y", "в y") */
    if (target == HG_CYRILLIC && !dze && standalone_before(s, a) &&
        word_before_span(s, a, 0, &wa, &wb) && word_in(s, wa, wb, NAMES_A_LETTER))
        return 0;
    /* a capital C at a sentence's start before a word in the instrumental
     * or the genitive ("C параметром -v", "C некоторыми RTC"): the
     * preposition С; before anything else it is the language ("C и C++",
     * "C является") */
    int cap_c = c0 == 'C' && local;
    if (!relaxed && !dze) {
        if (after != target) return 0;
        if (upper ? !edge : before != target) return 0;
    }
    /* in a line of both scripts only before a word of the other script
     * ("начиная c Linux", "Parker i David"): between two words of the target
     * script a lone Latin letter there is as often a variable ("в y, чтобы") */
    if (!local && dominant == HG_OTHER && (after != from || c0 == 'y' || c0 == 'e')) return 0;
    if (len == 1 && !dze && !cap_c) {
        /* (a capital C alone is too often the language: "C и C++") */
        static const int32_t lat[] = {'a', 'o', 'c', 'y', 'i', 'e', 'A', 'O', 'Y', 'I', 0};
        static const int32_t cyr[] = {0x430, 0x43E, 0x443, 0x456, 0x435, 0x410, 0x41E, 0x406, 0};
        const int32_t *ok = target == HG_CYRILLIC ? lat : cyr;
        while (*ok && *ok != c0)
            ok++;
        if (!*ok) return 0;
        if ((c0 == 'i' || c0 == 'I') && !has_i_alphabet(s, n)) return 0;
        /* e is the Bulgarian, Macedonian and Serbian word "е" only */
        if (c0 == 'e' && !south_slavic(s, n)) return 0;
    }
    pisar_buf_clear(tmp);
    for (size_t i = a; i < b;) {
        int32_t l = u8_next(s, b, &i);
        int32_t c = l == 'i' ? 0x0456 : l == 'I' ? 0x0406 : partner(l, from); /* і, І */
        if (u8_put(tmp, (uint32_t)c)) return PISAR_ENOMEM;
    }
    return repair_list_add(out, a, b - a, tmp->data, tmp->len,
                           target == HG_CYRILLIC ? "latin->cyrillic" : "cyrillic->latin",
                           PISAR_REPAIR_HOMOGLYPH);
}

/* The word s[a, b) is in lower case, Capitalised or in capitals
 * ("ПРЕФИКСaa" is none: a suffix glued on). */
static int well_cased(const unsigned char *s, size_t a, size_t b)
{
    size_t k = 0, up = 0, up_rest = 0;
    for (size_t i = a; i < b; k++) {
        int u = u_isupper(u8_next(s, b, &i)) != 0;
        up += u;
        up_rest += u && k > 0;
    }
    return up == 0 || up == k || (up == 1 && up_rest == 0);
}

/* Characters that join two words without being mojibake: the apostrophe,
 * the no-break space and the Unicode hyphens (none is in a single-byte code
 * page whose misreading leaves such symbols inside words). */
static int joiner(int32_t c)
{
    return c == 0x2019 || c == 0xA0 || c == 0x2010 || c == 0x2011;
}

static int fix_word(const unsigned char *s, size_t n, size_t a, size_t b, int dominant,
                    code_memo *cm, pisar_buf *tmp, repair_list *out)
{
    size_t lat = 0, cyr = 0, lat_all = 0, cyr_all = 0;
    int roman = 1;
    for (size_t i = a; i < b;) {
        int32_t c = u8_next(s, b, &i);
        int sc = script_of(c);
        if (sc == HG_LATIN)
            lat_all++;
        else if (sc == HG_CYRILLIC)
            cyr_all++;
        else if (c != 0x2BC && !(c >= 0x300 && u_getCombiningClass(c) > 0))
            return 0; /* other scripts (the apostrophe ʼ of Belarusian and
                       * Ukrainian, a letter to ICU, is part of the word) */
        roman &= roman_lookalike(c);
    }
    /* (a lone i also in a line of both scripts: "є Mike Parker i David") */
    if (lat_all && !cyr_all &&
        (dominant == HG_CYRILLIC ||
         (dominant != HG_CYRILLIC && b == a + 1 && strchr("aoceyi", s[a])) ||
         (dominant != HG_CYRILLIC && b == a + 2 && s[a] == 'j' &&
          (s[a + 1] == 'a' || s[a + 1] == 'e'))))
        return fix_lone(s, n, a, b, HG_CYRILLIC, dominant, cm, tmp, out);
    if (cyr_all && !lat_all && dominant == HG_LATIN)
        return fix_lone(s, n, a, b, HG_LATIN, dominant, cm, tmp, out);
    if (!lat_all || !cyr_all) return 0;
    count_unambiguous(s, a, b, &lat, &cyr);
    int target;
    if (lat && cyr) return 0;
    if (cyr)
        target = HG_CYRILLIC;
    else if (lat)
        target = HG_LATIN;
    else
        target = dominant;
    if (roman && lat_all + cyr_all > 1) target = HG_LATIN;
    if (target == HG_OTHER) return 0;
    /* Two words glued together ("ABSTIMEи", "DМАКРОС"): one change of script
     * and two or more letters to convert. A stray look-alike is one letter,
     * or sits inside the word. */
    int changes = 0, prev = HG_OTHER, convert_upper = 1;
    size_t convert = 0;
    for (size_t i = a; i < b;) {
        int32_t c = u8_next(s, b, &i);
        int sc = script_of(c);
        if (sc == HG_OTHER) continue;
        if (prev != HG_OTHER && sc != prev) changes++;
        prev = sc;
        if (sc != target) {
            convert++;
            convert_upper &= u_isupper(c) != 0;
        }
    }
    /* (a mixed-case or lower-case part is a look-alike at a word's edge:
     * "Taк", "півтоpa") */
    if (changes == 1 && convert >= 2 && !roman && (convert_upper || !well_cased(s, a, b))) return 0;
    /* A Latin word with a Cyrillic case ending in a Cyrillic line ("manpathа")
     * is an inflected foreign word, not a homoglyph. */
    if (changes == 1 && convert == 1 && prev != target && prev == dominant) return 0;
    /* Identifiers, command-line options, codes: "-CЧИСЛО", "назва_файла", "%CПроц", "x512".
     * (A Latin word with Latin-only letters and Cyrillic look-alikes is
     * repaired there too: "signаlfd(2)", "/proc/sys/kernel/pаnic".) */
    int latin_ident = target == HG_LATIN && lat > 0 && dominant == HG_LATIN;
    int ident =
        (a > 0 && (s[a - 1] == '_' || (s[a - 1] == '-' && !word_before(s, a - 1)) ||
                   s[a - 1] == '/' || s[a - 1] == '\\' || s[a - 1] == '=' || s[a - 1] == '$' ||
                   s[a - 1] == '@' || s[a - 1] == '%' || (s[a - 1] >= '0' && s[a - 1] <= '9'))) ||
        (b < n && (s[b] == '_' || s[b] == '=' || s[b] == '(' || s[b] == '@' ||
                   (s[b] >= '0' && s[b] <= '9')));
    /* (format strings and variables stay: "%lluс" is a count of seconds) */
    int code = a > 0 && (s[a - 1] == '%' || s[a - 1] == '$' || s[a - 1] == '\\');
    if (ident && (!latin_ident || code)) return 0;
    /* Mojibake that could not be repaired ("societР“В"): a symbol between this
     * word and more letters is no place for a homoglyph repair. */
    if (b < n && s[b] >= 0x80) {
        size_t j = b;
        int32_t c = u8_next(s, n, &j);
        if (!is_word_char(c) && !joiner(c) && j < n && is_word_char(u8_next(s, n, &j))) return 0;
    }
    if (a > 0 && s[a - 1] >= 0x80) {
        size_t j = a - 1;
        while (j > 0 && (s[j] & 0xC0) == 0x80)
            j--;
        size_t k = j, m = j;
        int32_t c = u8_next(s, n, &m);
        if (!is_word_char(c) && !joiner(c) && k > 0) {
            size_t q = k - 1;
            while (q > 0 && (s[q] & 0xC0) == 0x80)
                q--;
            if (is_word_char(u8_next(s, n, &q))) return 0;
        }
    }
    pisar_buf_clear(tmp);
    for (size_t i = a; i < b;) {
        int32_t c = u8_next(s, b, &i);
        int sc = script_of(c);
        if (sc != HG_OTHER && sc != target) {
            c = partner(c, sc);
            if (c < 0) return 0;
        }
        if (u8_put(tmp, (uint32_t)c)) return PISAR_ENOMEM;
    }
    return repair_list_add(out, a, b - a, tmp->data, tmp->len,
                           target == HG_CYRILLIC ? "latin->cyrillic" : "cyrillic->latin",
                           PISAR_REPAIR_HOMOGLYPH);
}

/* s[i] starts one of U+0410..U+044F (the letters of Russian but ё). */
static inline int basic_cyrillic(const unsigned char *s, size_t to, size_t i)
{
    if (i + 1 >= to) return 0;
    unsigned char b = s[i], b2 = s[i + 1];
    return (b == 0xD0 && b2 >= 0x90 && b2 <= 0xBF) || (b == 0xD1 && b2 >= 0x80 && b2 <= 0x8F);
}

/* From i (a character boundary outside a word), past the ASCII non-letters
 * and basic Cyrillic letters, then back to the start of the last word when
 * the stretch ends before `to` (that word may go on past it); one byte at a
 * time. */
static size_t stretch_ref(const unsigned char *s, size_t i, size_t to)
{
    size_t r = i;
    while (r < to) {
        unsigned char b = s[r], l = b | 0x20;
        if (b < 0x80) {
            if (l >= 'a' && l <= 'z') break;
            r++;
        } else if (basic_cyrillic(s, to, r)) {
            r += 2;
        } else {
            break;
        }
    }
    if (r < to)
        while (r > i && s[r - 1] >= 0x80) /* the second byte of a letter */
            r -= 2;
    return r;
}

/* The same, 16 bytes at a step where SSE2 is present (signed compares: the
 * bytes from 0x80 are negative): a byte is passed when it is an ASCII
 * non-letter, a lead D0 before 90..BF or D1 before 80..8F (the next byte,
 * from a load one byte on), or the byte after such a lead. */
static size_t cyrillic_stretch(const unsigned char *s, size_t i, size_t to)
{
    size_t r = i;
#if defined(__SSE2__)
    const __m128i x20 = _mm_set1_epi8(0x20), a = _mm_set1_epi8(0x60), z = _mm_set1_epi8(0x7B);
    const __m128i zero = _mm_setzero_si128(), d0 = _mm_set1_epi8(-48), d1 = _mm_set1_epi8(-47);
    const __m128i lo = _mm_set1_epi8(-113), hi = _mm_set1_epi8(-64); /* 0x8F, 0xC0 */
    while (r + 17 <= to) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + r));
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + r + 1));
        __m128i l = _mm_or_si128(v, x20);
        __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(l, a), _mm_cmplt_epi8(l, z));
        __m128i high = _mm_cmplt_epi8(v, zero);
        __m128i w90 = _mm_and_si128(_mm_cmpgt_epi8(w, lo), _mm_cmplt_epi8(w, hi));
        __m128i w80 = _mm_cmplt_epi8(w, _mm_set1_epi8(-112)); /* 0x80..0x8F */
        __m128i good = _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(v, d0), w90),
                                    _mm_and_si128(_mm_cmpeq_epi8(v, d1), w80));
        __m128i pass = _mm_or_si128(good, _mm_slli_si128(good, 1));
        int bad = _mm_movemask_epi8(_mm_or_si128(letter, _mm_andnot_si128(pass, high)));
        if (bad) break; /* the bytes before it are read again below */
        r += 16 + ((_mm_movemask_epi8(good) >> 15) & 1);
    }
#endif
    size_t e = stretch_ref(s, r, to);
    /* (stretch_ref backs up no further than r: back to i over the letters
     * passed here) */
    if (e < to && e == r)
        while (e > i && s[e - 1] >= 0x80)
            e -= 2;
    return e;
}

size_t repair_hg_stretch(const char *s, size_t i, size_t to, int reference)
{
    const unsigned char *u = (const unsigned char *)s;
    return reference ? stretch_ref(u, i, to) : cyrillic_stretch(u, i, to);
}

/* The line's script from its letters with no look-alike in the other. */
static int dominant_of(size_t lat, size_t cyr)
{
    return cyr >= 2 * lat && cyr ? HG_CYRILLIC : lat >= 2 * cyr && lat ? HG_LATIN : HG_OTHER;
}

static int hg_words(const unsigned char *s, size_t n, size_t from, size_t to, int dominant,
                    code_memo *cm, repair_list *out);

int repair_homoglyph(const repair_hg *m, const char *str, size_t n, size_t from, size_t to,
                     int *line_script, repair_list *out)
{
    const unsigned char *s = (const unsigned char *)str;
    /* quick exit: a line without both scripts has nothing to do; first 16
     * bytes at a step for the common Cyrillic line without a Latin letter */
    if (repair_no_latin(s + from, to - from)) return 0;
    int seen = 0;
    for (size_t i = from; i < to && seen != 3;) {
        if (s[i] < 0x80) { /* ASCII without decoding */
            unsigned char l = s[i++] | 0x20;
            if (l >= 'a' && l <= 'z') seen |= 1;
            continue;
        }
        if (basic_cyrillic(s, to, i)) {
            seen |= 2;
            i += 2;
            continue;
        }
        int32_t c = u8_next(s, to, &i);
        if (c >= 0x80 || (c >= 'A' && c <= 'z')) {
            int sc = script_of(c);
            if (sc == HG_LATIN)
                seen |= 1;
            else if (sc == HG_CYRILLIC)
                seen |= 2;
        }
    }
    if (seen != 3) return 0;
    /* the line's script, counted once per line (the caller's *line_script
     * starts at -1) */
    if (*line_script < 0) {
        size_t lat = 0, cyr = 0;
        count_unambiguous_m(m, s, 0, n, &lat, &cyr);
#ifdef PLAIN_CHECK
        size_t lat2 = 0, cyr2 = 0;
        count_unambiguous(s, 0, n, &lat2, &cyr2);
        if (lat2 != lat || cyr2 != cyr) abort();
#endif
        *line_script = dominant_of(lat, cyr);
    }
    code_memo cm = {0};
    return hg_words(s, n, from, to, *line_script, &cm, out);
}

int repair_hg_dominant(size_t lat, size_t cyr)
{
    return dominant_of(lat, cyr);
}

int repair_homoglyph_words(const char *str, size_t n, size_t from, size_t to, int dominant,
                           repair_hg_memo *memo, repair_list *out)
{
    code_memo cm = {0};
    return hg_words((const unsigned char *)str, n, from, to, dominant, memo ? memo : &cm, out);
}

/* The words of s[from, to) through fix_word() (their loop, below). */
static int hg_words(const unsigned char *s, size_t n, size_t from, size_t to, int dominant,
                    code_memo *cm, repair_list *out)
{
    pisar_buf tmp = {0};
    int rc = 0;
    for (size_t i = from; i < to && !rc;) {
        if (dominant != HG_LATIN) {
            /* a line not mainly Latin: the words of basic Cyrillic letters
             * ended by an ASCII non-letter (or the end) are skipped below,
             * and ASCII non-letters are no word: such a stretch is passed
             * over at once, but for its last word when it ends before the
             * end (the word may go on) */
            i = cyrillic_stretch(s, i, to);
            if (i >= to) break;
        }
        size_t k = i;
        int32_t c = u8_next(s, to, &i);
        if (!is_word_char(c)) continue;
        size_t a = k, b = i;
        /* the common words without decoding: ASCII letters and basic Cyrillic
         * ones up to an ASCII non-letter; a word of one script that fix_word()
         * would only count and leave (no script to change it to) is skipped */
        int lat = 0, cyr = 0;
        size_t e = a;
        for (;;) {
            if (e < to && s[e] < 0x80 && ((s[e] | 0x20) >= 'a' && (s[e] | 0x20) <= 'z')) {
                lat = 1;
                e++;
            } else if (basic_cyrillic(s, to, e)) {
                cyr = 1;
                e += 2;
            } else {
                break;
            }
        }
        if (e >= to || s[e] < 0x80) {
            if ((cyr && !lat && dominant != HG_LATIN) ||
                (lat && !cyr && dominant != HG_CYRILLIC &&
                 !(e == a + 1 && strchr("aoceyi", s[a])) &&
                 !(e == a + 2 && s[a] == 'j' && (s[a + 1] == 'a' || s[a + 1] == 'e')))) {
                i = e;
                continue;
            }
        }
        for (;;) {
            size_t j = b;
            if (j >= to || !is_word_char(u8_next(s, to, &j))) break;
            b = j;
        }
        rc = fix_word(s, n, a, b, dominant, cm, &tmp, out);
        i = b;
    }
    pisar_buf_free(&tmp);
    return rc;
}
