/*
 * pisar/align.h -- sentence alignment of a text and its translation.
 *
 * Dynamic programming over sentence lengths after Gale & Church (1993), "A
 * Program for Aligning Sentences in Bilingual Corpora", Computational
 * Linguistics 19(1): the cost of a link is -log P(match) - log P(delta | match)
 * with delta = (l2 - c*l1) / sqrt(s2 * l1) on lengths in characters, the
 * priors P(1-1) = 0.89, P(1-0) = P(0-1) = 0.0099 (pisar: 0.04), P(2-1) = P(1-2) = 0.089,
 * P(2-2) = 0.011, and s2 = 6.8. The ratio c is estimated from the two texts
 * (total target length / total source length), since pisar aligns across
 * languages and scripts where c = 1 is far from true, and re-estimated from
 * the 1-1 links of a first pass (sentences without counterpart skew the
 * totals). Unlike Gale & Church, a 1-0 or 0-1 link costs its prior alone:
 * with their length term a dropped sentence almost never beats a merge.
 *
 * On top of lengths, anchors that survive translation lower the cost of links
 * that share them and raise it for links that separate them: numbers (keyed
 * across conventions: 1,200 = 1 200 = 1.200 = 1200), '?' and '!', quotation
 * marks, and name keys (the same key for Ушаков and Ushakov) of capitalised
 * words other than a sentence's first when a name-key function is supplied;
 * a sentence without counterpart pays half the cost of its anchors. Words of four letters or
 * more that both sides share (lower-cased, Cyrillic letters spelt in Latin
 * ones: names and terms kept in Latin letters, commands, cognates such as
 * программа ~ program) lower a link's cost, as do, with a bilingual
 * lexicon, source words whose translation is on the target side; a sentence
 * of a 2-1 or 1-2 link whose lexicon words have no translation on the other
 * side raises it (it looks like a sentence without counterpart). After a
 * first pass, the text's own word pairs are learnt from its 1-1 links (after
 * Moore 2002: a source and a target word that are each other's best partner
 * by Dice's coefficient, together in two links or more) and count as
 * lexicon pairs in the next passes. The
 * dynamic programming's band is capped at 16 M cells (151 MB). Paragraph boundaries are hard
 * anchors when both texts have the same number of paragraphs (each paragraph
 * pair is aligned on its own), soft ones otherwise (a link that merges
 * sentences across a paragraph boundary costs more).
 *
 * Thread safety: pisar_align() is reentrant; it allocates only its own
 * working memory.
 */
#ifndef PISAR_ALIGN_H
#define PISAR_ALIGN_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One sentence to align: UTF-8 text and its 0-based paragraph. */
typedef struct pisar_align_sentence {
    const char *text;
    size_t len;
    size_t paragraph;
} pisar_align_sentence;

/**
 * One link: source sentences [src, src + nsrc) with target sentences
 * [tgt, tgt + ntgt); nsrc and ntgt are 0, 1 or 2 (1-0, 0-1, 1-1, 1-2, 2-1,
 * 2-2). `cost` is the link's cost (lower is better).
 */
typedef struct pisar_link {
    size_t src, nsrc;
    size_t tgt, ntgt;
    double cost;
} pisar_link;

/** Alignment flags. */
enum {
    PISAR_ALIGN_NO_ANCHORS = 1u << 0,    /**< lengths only: plain Gale-Church */
    PISAR_ALIGN_NO_PARAGRAPHS = 1u << 1, /**< ignore paragraph boundaries */
    PISAR_ALIGN_NO_LEARN = 1u << 2       /**< no word pairs learnt from the text */
};

/**
 * A name-key function: writes into `key` (capacity `cap`, NUL-terminated)
 * a script-independent key for the word `word` (`len` bytes), and returns
 * its length, 0 when the word is not a name, or a negative pisar_status.
 */
typedef int (*pisar_name_key_fn)(void *ctx, const char *word, size_t len, char *key, size_t cap);

/**
 * A bilingual lexicon: pairs of a source-language word and one of its
 * translations. Read from text by pisar_lexicon_parse(): UTF-8, one pair a
 * line, `SOURCE<TAB>TRANSLATION`, one word a side (letters, with ' ’ and -
 * inside), empty lines and lines starting with '#' ignored, CR LF accepted.
 * Words are compared lower-cased on their first five letters, so that the
 * dictionary form matches longer inflected forms (собака ~ собаку, translate ~
 * translated). A word may have several lines (translations); at most eight
 * of them are used (which eight is not specified).
 */
typedef struct pisar_lexicon pisar_lexicon;

/**
 * Parse a lexicon from `data` (`len` bytes) into *out (free it with
 * pisar_lexicon_free()). On a bad line returns PISAR_EPARSE with err->line
 * (1-based), err->offset (byte offset of the offending byte) and
 * err->message; PISAR_ENOMEM or PISAR_EINVAL otherwise. An empty text is a
 * valid, empty lexicon.
 */
PISAR_API int pisar_lexicon_parse(const char *data, size_t len, pisar_lexicon **out,
                                  pisar_error *err);
/** Number of distinct word pairs of `lx` (0 for NULL). */
PISAR_API size_t pisar_lexicon_size(const pisar_lexicon *lx);
/** Free a lexicon (NULL is ignored). */
PISAR_API void pisar_lexicon_free(pisar_lexicon *lx);

/** Options of pisar_align(); zero-initialise for the defaults. */
typedef struct pisar_align_options {
    unsigned flags;             /**< PISAR_ALIGN_* */
    pisar_name_key_fn name_key; /**< NULL: no name anchors */
    void *name_key_ctx;
    /** NULL: no lexicon. Otherwise a link whose two sides hold a word and
     *  one of its translations costs less (source words are looked up,
     *  target words matched against the translations). */
    const pisar_lexicon *lexicon;
} pisar_align_options;

/**
 * Align `src` (`nsrc` sentences) with `tgt` (`ntgt`). Writes the links in
 * order into `links`, which must have room for nsrc + ntgt links, and their
 * number into *nlinks. Every sentence is in exactly one link.
 * `opt` may be NULL. Returns PISAR_OK, PISAR_EINVAL or PISAR_ENOMEM.
 */
PISAR_API int pisar_align(const pisar_align_sentence *src, size_t nsrc,
                          const pisar_align_sentence *tgt, size_t ntgt,
                          const pisar_align_options *opt, pisar_link *links, size_t *nlinks,
                          pisar_error *err);

#ifdef __cplusplus
}
#endif
#endif
