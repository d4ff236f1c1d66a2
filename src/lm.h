/*
 * lm.h -- letter-pair language models (internal to the library).
 *
 * One model per language (not per code page): log-probabilities of pairs of
 * symbols, where a symbol is a letter of the language's alphabet in lower or
 * upper case, or one of a few classes (space, punctuation, digit, foreign
 * letter, other). Trained by tools/train_lm from corpora listed in
 * tables/charset/SOURCES.md; the trained tables are tables/charset/<lang>.txt,
 * compiled in at build time. Used by detection, mojibake and homoglyph repair,
 * and language identification.
 */
#ifndef PISAR_LM_H
#define PISAR_LM_H

#include <stddef.h>
#include <stdint.h>

/* Number of languages with a model. */
int lm_count(void);
/* Code of model i ("ru", "sr-Latn", ...), or NULL when out of range. */
const char *lm_code(int i);
/* Index of the model with this code, or -1. */
int lm_find(const char *code);
/* Nonzero if model i is for a Cyrillic-script language. */
int lm_is_cyrillic(int i);

/*
 * Score UTF-8 text under model `lang`: the mean log-probability per symbol
 * pair (natural log, <= 0; higher is more plausible). *npairs receives the
 * number of pairs scored (may be NULL). Text with no pairs scores 0.
 * Invalid UTF-8 bytes count as "other" symbols.
 */
double lm_score_utf8(int lang, const char *s, size_t n, size_t *npairs);

/* The best model for UTF-8 text: returns its index (or -1 for no letters) and
 * stores its mean score in *score (may be NULL). */
/* The same over the pairs that tell a language only: two letters, or a
 * letter and a space (punctuation, digits and the rest say more about the
 * kind of text than about its language). */
double lm_score_utf8_words(int lang, const char *s, size_t n, size_t *npairs);
/* lm_score_utf8_words of models 0 .. nm-1 into score[m] and npairs[m], the
 * same values, with s decoded once for all of them. */
void lm_score_utf8_words_each(const char *s, size_t n, int nm, double *score, size_t *npairs);
int lm_best_utf8(const char *s, size_t n, double *score);
/* Whether UTF-8 s holds a letter (of an alphabet or not): exactly when
 * lm_best_utf8 finds a model (>= 0), without scoring any. */
int lm_has_letter(const char *s, size_t n);

/* --- Lower-level access, for scoring many decodings fast (detection, repair) --- */

/* Number of symbols of model i (six classes, then lower, then upper letters). */
int lm_nsymbols(int lang);
/* English name of model i ("Russian"). */
const char *lm_name(int lang);
/* The symbol of code point c under model `lang`. */
int lm_symbol(int lang, uint32_t c);
/* The model's S x S matrix of pair costs: round(-16 ln P(y | x)) at [x * S + y]. */
const uint8_t *lm_pairs(int lang);
/* Nonzero if symbol s of model `lang` is an upper-case letter of its alphabet. */
int lm_symbol_is_upper(int lang, int s);
/* Nonzero if symbol s of model `lang` is a letter of its alphabet. */
int lm_symbol_is_letter(int lang, int s);
/* The detector's rules for hard pairs of code pages (tables/charset/rules.txt). */
typedef struct det_rule {
    int kind;                           /* DET_RULE_ADJOIN or DET_RULE_CASE */
    const char *name, *a, *b;           /* rule name; the two encodings' names */
    unsigned char set_a[32], set_b[32]; /* adjoin: bit sets of bytes */
} det_rule;
enum { DET_RULE_ADJOIN = 1, DET_RULE_CASE = 2 };
/* The rules, and their number in *n. */
const det_rule *lm_det_rules(int *n);
/* For tests: the encoding that the rule named `rule` chooses for `data`
 * (one of its two), or PISAR_ENC_UNKNOWN when it cannot tell (src/detect.c). */
#include "pisar/encoding.h"
pisar_encoding det_rule_winner(const char *rule, const void *data, size_t len);
/* For tests: nonzero when encoding e reads `data` as DOS line art (box
 * drawing whose pairs join and touch; src/detect.c line_art). */
int det_line_art(const void *data, size_t len, pisar_encoding e);
/* For tests: on != 0, detector d scans and clears all 65,536 cells of its
 * pair histogram (the reference) instead of the rows it touched. */
#include "pisar/detect.h"
void det_full_scan(pisar_detector *d, int on);
/* For tests: out[a << 8 | b] = how often byte b followed byte a in the plain
 * text fed to d so far (its two counting tables summed; src/detect.c). */
void det_pair_counts(const pisar_detector *d, uint64_t out[65536]);
/* For tests: the offset of plain text from which d counts only the pairs
 * that hold a rare byte (saturation, src/detect.c count_sat); 0: not yet. */
uint64_t det_saturated_at(const pisar_detector *d);
/* For tests: d's UTF-8 validation so far: ill-formed sequences and bytes
 * (*bad), complete multi-byte characters (*multi), whether it gave up. */
void det_utf8_counts(const pisar_detector *d, uint64_t *bad, uint64_t *multi, int *gave_up);
/* The preference order among encodings that decode the input alike: names, NULL-terminated. */
const char *const *lm_det_order(void);

/* Costs are in units of 1/LM_COST_SCALE nat. */
#define LM_COST_SCALE 16

#endif
