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
typedef struct repair_enc {
    int16_t b[REPAIR_NSTEPS][REPAIR_ENC_SPAN];
} repair_enc;
void repair_enc_init(repair_enc *t);

/* Mojibake: find unambiguous repairs in s (valid UTF-8), append them to out in
 * order of offset. */
int repair_mojibake(const repair_enc *t, const char *s, size_t n, repair_list *out);

/* Homoglyphs: find mixed-script words in s[from, to) and append their
 * repairs. s[0, n) is the whole line, whose dominant script is computed on
 * the first call that needs it and kept in *line_script (set it to -1 before
 * the first call for a line). */
int repair_homoglyph(const char *s, size_t n, size_t from, size_t to, int *line_script,
                     repair_list *out);

#endif
