/*
 * langid.c -- language identification (include/pisar/detect.h:
 * pisar_language_detect, pisar_languages; src/langid.h for the detector).
 *
 * The language of a text is read with the letter-pair models of src/lm.c
 * (one per language, tables/charset/<lang>.txt): lower-case words count
 * fully, capitalised ones (names) at a weight, and a Cyrillic text's letters
 * rule out languages whose alphabet lacks them.
 */
#include "langid.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lm.h"
#include "lm_class.h"
#include "pisar/detect.h"
#include "utf8.h"

#define MAXLANG 64

/* Softmax-style confidence from score differences in nats: P(best) against the rest. */
static double conf_from(const double *delta, int n)
{
    double z = 0;
    for (int i = 0; i < n; i++)
        z += exp(-delta[i]);
    return z > 0 ? 1.0 / z : 0;
}

/* A copy of the text with every word that starts with a capital letter
 * blanked out, but for the first word of a sentence (malloc'd, *outlen
 * bytes; NULL if memory is short), *kept letters left. News is
 * full of names of other languages ("Vučić", "Lavrov", "Sybiha"), and a name
 * says little of the language of the sentence around it. */
static char *lowercase_words(const char *text, size_t len, size_t *outlen, size_t *kept)
{
    char *o = malloc(len ? len : 1);
    *outlen = *kept = 0;
    if (!o) return NULL;
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0, n = 0;
    int in_word = 0, skip = 0, sentence = 1; /* the first word of a sentence is kept */
    while (i < len) {
        uint32_t c;
        size_t l = utf8_next(p, len, i, &c);
        if (!l) {
            o[n++] = text[i++];
            in_word = 0;
            continue;
        }
        int letter = u_isalpha((UChar32)c) || c == '\'' || c == 0x2019;
        if (letter && !in_word) {
            skip = !sentence && (u_isupper((UChar32)c) || u_istitle((UChar32)c));
            sentence = 0;
        }
        if (c == '.' || c == '!' || c == '?' || c == '\n') sentence = 1;
        in_word = letter;
        if (letter && skip) {
            if (!n || o[n - 1] != ' ') o[n++] = ' ';
        } else {
            memcpy(o + n, text + i, l);
            n += l;
            *kept += (size_t)letter;
        }
        i += l;
    }
    *outlen = n;
    return o;
}

/* Letters say what scores may not: a Cyrillic text whose lower-case words
 * hold a letter outside the best language's alphabet (і in "зіграв унічию",
 * ђ, ў, ы) is not in that language if another language of the script has
 * all its letters. Returns the best-scoring model (score[m], higher is
 * better, -INFINITY for none) among those that miss the fewest letters of
 * t, or `best` when it misses none or the script is not Cyrillic. */
static int alphabet_best(const char *t, size_t n, const double *score, int nm, int best)
{
    if (best < 0 || !lm_is_cyrillic(best)) return best;
    int miss[MAXLANG] = {0}, any = 0;
    const unsigned char *p = (const unsigned char *)t;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        size_t l = utf8_next(p, n, i, &c);
        i += l ? l : 1;
        if (!l || c < 0x400 || c > 0x52F || !u_isalpha((UChar32)c)) continue;
        for (int m = 0; m < nm; m++)
            if (lm_is_cyrillic(m) && lm_symbol(m, c) < LM_NCLASS) miss[m]++, any = 1;
    }
    if (!any || !miss[best]) return best;
    int fewest = miss[best], pick = best;
    for (int m = 0; m < nm; m++)
        if (lm_is_cyrillic(m) && score[m] > -INFINITY &&
            (miss[m] < fewest || (miss[m] == fewest && score[m] > score[pick])))
            fewest = miss[m], pick = m;
    return pick;
}

/* The language of text in a single-byte code page, decided once the code
 * page is: a sample of 100 bytes or more decoded and read as Unicode text is
 * (pisar_language_detect), if that gives a language of the script the code
 * page was chosen for; a shorter one keeps the language whose model chose
 * the code page, unless its letters say otherwise (alphabet_best). */
const char *langid_sbcs(const char *text, size_t n, size_t sample_bytes, int chosen,
                        const uint64_t *cost, int nm)
{
    if (sample_bytes >= 100) {
        const char *lang;
        if (!pisar_language_detect(text, n, &lang, NULL)) {
            int m = lm_find(lang);
            if (m >= 0 && lm_is_cyrillic(m) == lm_is_cyrillic(chosen)) return lm_code(m);
        }
    } else {
        /* a line or two: the joint model of bytes and language, which did
         * better there (on fixtures/detect's 16-48 character pieces), but
         * not against the letters */
        double score[MAXLANG];
        for (int m = 0; m < nm; m++)
            score[m] = cost[m] == UINT64_MAX ? -INFINITY : -(double)cost[m];
        size_t fl, kept;
        char *f = lowercase_words(text, n, &fl, &kept);
        const char *r = f ? lm_code(alphabet_best(f, fl, score, nm, chosen)) : NULL;
        free(f);
        return r;
    }
    return NULL;
}

int pisar_language_detect(const char *text, size_t len, const char **language, double *confidence)
{
    if (!language || (!text && len)) return PISAR_EINVAL;
    *language = "und";
    if (confidence) *confidence = 0;
    if (lm_best_utf8(text, len, NULL) < 0) return PISAR_OK;
    /* the lower-case words count fully, the capitalised ones (names, in news
     * often of other languages) at a weight */
    size_t flen, kept;
    char *f = lowercase_words(text, len, &flen, &kept);
    const double wname = 0.3; /* on fixtures/detect and the news set, 0.2-0.3 did best */
    int weighted = f && kept >= 20;
    int nm = lm_count() < MAXLANG ? lm_count() : MAXLANG, best = -1;
    double tot[MAXLANG], bt = 0;
    for (int m = 0; m < nm; m++) {
        size_t np, fp;
        double all = lm_score_utf8_words(m, text, len, &np) * (double)np;
        tot[m] = all;
        if (weighted) {
            double low = lm_score_utf8_words(m, f, flen, &fp) * (double)fp;
            tot[m] = low + wname * (all - low);
        }
        if (best < 0 || tot[m] > bt) best = m, bt = tot[m];
    }
    int pick = alphabet_best(f ? f : text, f ? flen : len, tot, nm, best);
    if (pick != best) best = pick, bt = tot[pick];
    double ld[MAXLANG];
    for (int m = 0; m < nm; m++)
        ld[m] = bt - tot[m] > 0 ? bt - tot[m] : 0;
    *language = lm_code(best);
    if (confidence) *confidence = conf_from(ld, nm);
    free(f);
    return PISAR_OK;
}

size_t pisar_languages(const char *const **codes)
{
    static const char *const list[] = {"ru", "uk", "be", "bg", "mk", "sr", "kk", "sr-Latn",
                                       "en", "de", "fr", "es", "it", "pl", "cs", "sk",
                                       "sl", "hr", "hu", "ro", "tr", "lt", "lv", "et",
                                       "nl", "pt", "da", "sv", "no", "fi", NULL};
    if (codes) *codes = list;
    return sizeof list / sizeof *list - 1;
}
