/*
 * repair.h -- internals of the text repairs behind pisar_normalizer (not
 * exported). A repair finder looks at one line of valid UTF-8 and appends the
 * spans it would replace to a repair_list (repair_list.h, which needs nothing
 * of the finders); normalize.c calls the finders and applies the list.
 */
#ifndef PISAR_REPAIR_H
#define PISAR_REPAIR_H

#include <stddef.h>
#include <stdint.h>

#include "pisar/normalize.h"
#include "repair_list.h"

/* The bytes the mojibake steps' wrong code pages give the characters most
 * garbled text is made of (U+0080..U+04FF and U+2000..U+25FF), so that
 * re-encoding is a table look-up; -1 for none. Filled once per normalizer by
 * repair_enc_init(), read-only afterwards. */
#define REPAIR_NSTEPS 13
#define REPAIR_ENC_SPAN (0x480 + 0x600)
#define REPAIR_LM_SPAN 0xB00 /* U+0000..U+04FF, then U+2000..U+25FF */
typedef struct repair_enc {
    int16_t b[REPAIR_NSTEPS][REPAIR_ENC_SPAN];
    /* The language models' symbols of the same characters (and ASCII), so
     * that scoring a candidate needs no search nor ICU call per character:
     * lm_sym[model * REPAIR_LM_SPAN + index]; lm_cls: the class (lm_class.h)
     * of each; nlm models. */
    uint8_t *lm_sym;
    uint8_t lm_cls[REPAIR_LM_SPAN];
    int nlm;
} repair_enc;
/* Fill t; PISAR_OK or PISAR_ENOMEM (then nothing to free). */
int repair_enc_init(repair_enc *t);
void repair_enc_free(repair_enc *t);
/* The best language model for UTF-8 s and its mean score, as lm_best_utf8()
 * gives them (the same numbers: test_normalize's test_lm_tables), from t's
 * tables. */
int repair_lm_best(const repair_enc *t, const char *s, size_t n, double *score);
/* The mean score of s under model `lang`, as lm_score_utf8(). */
double repair_lm_score(const repair_enc *t, int lang, const char *s, size_t n);

/* Mojibake: find unambiguous repairs in s (valid UTF-8), append them to out in
 * order of offset. */
int repair_mojibake(const repair_enc *t, const char *s, size_t n, repair_list *out);
/* The same; fast = 0 skips the fast path that proves a line cannot be
 * repaired before the chains are tried (for tests: the results must be the
 * same either way). */
int repair_mojibake_opt(const repair_enc *t, const char *s, size_t n, repair_list *out, int fast);
/* The same with the token and candidate arrays and the buffers kept in w from
 * call to call (no allocation per line once they have grown); w from
 * repair_ws_new() (NULL: out of memory), freed by repair_ws_free(). */
typedef struct repair_ws repair_ws;
repair_ws *repair_ws_new(void);
void repair_ws_free(repair_ws *w);
/* For the tests: the answers the workspace's cache of token inversions gave
 * (hits), and how often it was emptied. */
void repair_ws_stats(const repair_ws *w, size_t *hits, size_t *clears);
/* The same of the cache of the models' judgements of runs (lm_judge()). */
void repair_ws_judge_stats(const repair_ws *w, size_t *hits, size_t *clears);
int repair_mojibake_ws(const repair_enc *t, repair_ws *w, const char *s, size_t n, repair_list *out,
                       int fast);

/* For every code point below U+0800 (ASCII, Latin-1, Latin Extended,
 * Cyrillic), whether it is a letter with no look-alike in the other script:
 * 1 Latin, 2 Cyrillic, 0 neither (a look-alike, or not a letter of the two
 * scripts), so that a line is counted a byte table look-up per character.
 * Filled once per normalizer by repair_hg_init(), read-only afterwards. */
typedef struct repair_hg {
    uint8_t two[0x800];
} repair_hg;
void repair_hg_init(repair_hg *m);
/* The unambiguous letters of s[0, n) (valid UTF-8) of each script, counted
 * through m (reference = 0) or character by character without it
 * (reference = 1; the two must agree: test_normalize). */
void repair_hg_count(const repair_hg *m, const char *s, size_t n, size_t *lat, size_t *cyr,
                     int reference);

/* From i (a character boundary of valid UTF-8 outside a word), the end of
 * the stretch of ASCII non-letters and basic Cyrillic letters (U+0410..U+044F)
 * that repair_homoglyph() passes over in a line not mainly Latin, backed up to
 * the start of its last word when it ends before `to`. reference = 1: a byte
 * at a time; 0: 16 bytes at a step where SSE2 is present (the two must agree:
 * test_normalize). */
size_t repair_hg_stretch(const char *s, size_t i, size_t to, int reference);

/* Homoglyphs: find mixed-script words in s[from, to) and append their
 * repairs (m: filled by repair_hg_init()). s[0, n) is the whole line, whose dominant script is
 * computed on the first call that needs it and kept in *line_script (set it to -1 before the first
 * call for a line). */
int repair_homoglyph(const repair_hg *m, const char *s, size_t n, size_t from, size_t to,
                     int *line_script, repair_list *out);
/* The line's script from its letters with no look-alike in the other
 * (repair_hg_count()): 1 Latin, 2 Cyrillic, 0 neither (as repair_hg.two). */
int repair_hg_dominant(size_t lat, size_t cyr);
/* The same pass on the words of s[from, to) alone, in a line s[0, n) of
 * that script (repair_hg_dominant()), without its quick exit: from and to
 * are word boundaries, and the pass's repairs over a line are those of its
 * words taken one by one (repair_hg_line(), repair_scan.h). */
/* What the pass's code_like() finds in a line s[0, n), whatever word it
 * leaves out: a sign = [ {, and the first and last lone Latin letters that
 * count (first == SIZE_MAX: none); read once per line, on the first
 * question (known). One per line, zeroed, for all the line's calls of
 * repair_homoglyph_words() (NULL: one of its own). */
typedef struct repair_hg_memo {
    int known, sign;
    size_t first, last;
} repair_hg_memo;
int repair_homoglyph_words(const char *s, size_t n, size_t from, size_t to, int dominant,
                           repair_hg_memo *memo, repair_list *out);
/* For the tests: how often the look-alike pass's code_like(), which reads a
 * line once for all its words, differs from its reference on s[0, n), asked
 * for every word (bytes between spaces) and every single byte of the line
 * in turn, one memo for them all; and *asked, the number of questions. */
size_t repair_hg_code_like_check(const char *s, size_t n, size_t *asked);

#endif
