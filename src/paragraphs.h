/* paragraphs.h -- where a paragraph of a prepared text ends (internal: the
 * library's pisar_prep() and the tool's streaming `pisar prep` share it). */
#ifndef PISAR_PARAGRAPHS_H
#define PISAR_PARAGRAPHS_H

#include <stddef.h>

/* Offset just past the first paragraph break at or after `from` in t[0..n)
 * (the paragraph began at `para`), with *pend = the end of the paragraph's
 * text; 0 when there is none yet. A break is a line holding only spaces or
 * tabs; with `lines` (PISAR_PARAGRAPHS_LINE) also a line break before a line
 * that does not go on in lower case ("работа идёт и" / "что итоги ..."), and
 * any line break past 1 MB of paragraph, so memory stays bounded. With
 * `streaming`, blank lines at the very end of t are not yet a break (more
 * may follow). */
size_t prep_find_break(const char *t, size_t n, size_t from, size_t *pend, int lines, size_t para,
                       int streaming);

#endif
