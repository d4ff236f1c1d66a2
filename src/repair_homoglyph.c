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

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "confusables.h"

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

static int fix_word(const unsigned char *s, size_t n, size_t a, size_t b, int dominant,
                    pisar_buf *tmp, repair_list *out)
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
        else if (!(c >= 0x300 && u_getCombiningClass(c) > 0))
            return 0; /* other scripts */
        roman &= roman_lookalike(c);
    }
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
    if (changes == 1 && convert >= 2 && !roman && convert_upper) return 0;
    /* A Latin word with a Cyrillic case ending in a Cyrillic line ("manpathа")
     * is an inflected foreign word, not a homoglyph. */
    if (changes == 1 && convert == 1 && prev != target && prev == dominant) return 0;
    /* Identifiers, command-line options, codes: "-CЧИСЛО", "назва_файла", "%CПроц", "x512". */
    if ((a > 0 && (s[a - 1] == '_' || s[a - 1] == '-' || s[a - 1] == '/' || s[a - 1] == '\\' ||
                   s[a - 1] == '=' || s[a - 1] == '$' || s[a - 1] == '@' || s[a - 1] == '%' ||
                   (s[a - 1] >= '0' && s[a - 1] <= '9'))) ||
        (b < n && (s[b] == '_' || s[b] == '=' || s[b] == '(' || s[b] == '@' ||
                   (s[b] >= '0' && s[b] <= '9'))))
        return 0;
    /* Mojibake that could not be repaired ("societР“В"): a symbol between this
     * word and more letters is no place for a homoglyph repair. */
    if (b < n && s[b] >= 0x80) {
        size_t j = b;
        int32_t c = u8_next(s, n, &j);
        if (!is_word_char(c) && c != 0x2019 && c != 0xA0 && j < n &&
            is_word_char(u8_next(s, n, &j)))
            return 0;
    }
    if (a > 0 && s[a - 1] >= 0x80) {
        size_t j = a - 1;
        while (j > 0 && (s[j] & 0xC0) == 0x80)
            j--;
        size_t k = j, m = j;
        int32_t c = u8_next(s, n, &m);
        if (!is_word_char(c) && c != 0x2019 && c != 0xA0 && k > 0) {
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

int repair_homoglyph(const char *str, size_t n, size_t from, size_t to, int *line_script,
                     repair_list *out)
{
    const unsigned char *s = (const unsigned char *)str;
    /* quick exit: a line without both scripts has nothing to do */
    int seen = 0;
    for (size_t i = from; i < to && seen != 3;) {
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
        count_unambiguous(s, 0, n, &lat, &cyr);
        *line_script = cyr >= 2 * lat && cyr   ? HG_CYRILLIC
                       : lat >= 2 * cyr && lat ? HG_LATIN
                                               : HG_OTHER;
    }
    int dominant = *line_script;
    pisar_buf tmp = {0};
    int rc = 0;
    for (size_t i = from; i < to && !rc;) {
        size_t k = i;
        int32_t c = u8_next(s, to, &i);
        if (!is_word_char(c)) continue;
        size_t a = k, b = i;
        for (;;) {
            size_t j = b;
            if (j >= to || !is_word_char(u8_next(s, to, &j))) break;
            b = j;
        }
        rc = fix_word(s, n, a, b, dominant, &tmp, out);
        i = b;
    }
    pisar_buf_free(&tmp);
    return rc;
}
