/* repair_homoglyph.c -- placeholder until the confusables table lands. */
#include "repair.h"

int repair_homoglyph(const char *s, size_t n, size_t from, size_t to, repair_list *out)
{
    (void)s; (void)n; (void)from; (void)to; (void)out;
    return 0;
}
