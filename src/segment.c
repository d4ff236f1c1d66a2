/* segment.c -- STUB until the real segmenter lands: splits after . ! ? followed by
 * a space, and at empty lines. */
#include "pisar/segment.h"

#include <stdlib.h>

struct pisar_segmenter {
    const char *text;
    size_t len, pos, para;
};

int pisar_segmenter_new(pisar_segmenter **out, const char *language, pisar_error *err)
{
    (void)language; (void)err;
    if (!out) return PISAR_EINVAL;
    *out = calloc(1, sizeof **out);
    return *out ? 0 : PISAR_ENOMEM;
}
int pisar_segmenter_new_srx(pisar_segmenter **out, const char *srx_path, const char *language,
                            pisar_error *err)
{
    (void)out; (void)srx_path; (void)language; (void)err;
    return PISAR_EUNKNOWN;
}
int pisar_segmenter_set_text(pisar_segmenter *s, const char *text, size_t len)
{
    if (!s || (!text && len)) return PISAR_EINVAL;
    s->text = text;
    s->len = len;
    s->pos = s->para = 0;
    return 0;
}
static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
int pisar_segmenter_next(pisar_segmenter *s, pisar_sentence *out)
{
    if (!s || !out) return PISAR_EINVAL;
    size_t nl = 0;
    while (s->pos < s->len && is_space(s->text[s->pos])) nl += s->text[s->pos++] == '\n';
    if (s->pos >= s->len) return 0;
    if (nl >= 2 && s->pos > 0) s->para++;
    size_t start = s->pos, i = start;
    for (; i < s->len; i++) {
        char c = s->text[i];
        if (c == '\n' && i + 1 < s->len && s->text[i + 1] == '\n') break;
        if ((c == '.' || c == '!' || c == '?') && (i + 1 == s->len || is_space(s->text[i + 1]))) {
            i++;
            break;
        }
    }
    size_t end = i;
    while (end > start && is_space(s->text[end - 1])) end--;
    out->start = start;
    out->end = end;
    out->paragraph = s->para;
    s->pos = i;
    return 1;
}
void pisar_segmenter_free(pisar_segmenter *s) { free(s); }
int pisar_segmenter_export_srx(const char *language, pisar_buf *out)
{
    (void)language; (void)out;
    return PISAR_EUNKNOWN;
}
