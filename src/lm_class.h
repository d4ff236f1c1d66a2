/*
 * lm_class.h -- the symbol classes of the letter-pair models (internal).
 *
 * Shared by the trainer (tools/train_lm.c) and the library (src/lm.c), so a
 * code point falls in the same class at training and at scoring time. A model's
 * symbols are these classes, then its alphabet's lower-case letters, then their
 * upper-case forms.
 */
#ifndef PISAR_LM_CLASS_H
#define PISAR_LM_CLASS_H

#include <stdint.h>
#include <unicode/uchar.h>

enum {
    LM_SP, /* space, tab, line breaks, the Unicode spaces U+2000-U+200A */
    LM_PU, /* punctuation, ASCII symbols, currency signs: . , ; « » — … № € */
    LM_DG, /* ASCII digits */
    LM_FA, /* a basic Latin letter not in the language's alphabet */
    LM_FL, /* any other letter not in the alphabet (accented, other scripts) */
    LM_OT, /* everything else: controls, box drawing, currency, maths */
    LM_NCLASS
};

/* The class of a code point that is not a letter of the model's alphabet. */
static inline int lm_class_of(uint32_t c)
{
    if (c < 0x80) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return LM_SP;
        if (c >= '0' && c <= '9') return LM_DG;
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return LM_FA;
        if (c > 0x20 && c < 0x7F) return LM_PU;
        return LM_OT;
    }
    /* U+00A0 no-break space counts as "other": it is rare between letters in
     * real text, but a byte 0xA0 read in the wrong code page (á in IBM437, а in
     * IBM866) puts it inside words */
    if ((c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x3000) return LM_SP;
    if (c < 0xA0) return LM_OT; /* C1 controls */
    /* currency signs are punctuation-like (100 €, $5), except U+00A4 ¤, which
     * text almost never has but 0xA4 read in the wrong ISO 8859 part gives */
    if (c == 0x2116 || u_ispunct((UChar32)c) ||
        (c != 0xA4 && u_charType((UChar32)c) == U_CURRENCY_SYMBOL))
        return LM_PU;
    if (u_isalpha((UChar32)c)) return LM_FL;
    return LM_OT;
}

/* Names of the classes in the model tables. */
static const char *const lm_class_names[LM_NCLASS] = {"_sp", "_pu", "_dg", "_fa", "_fl", "_ot"};

/* Scores in the tables are round(-LM_SCALE * ln P), capped at LM_MAXQ. */
#define LM_SCALE 16
#define LM_MAXQ 255

#endif
