/* lm.c -- STUB until the trained models land: no models. */
#include "lm.h"

int lm_count(void) { return 0; }
const char *lm_code(int i) { (void)i; return 0; }
int lm_find(const char *code) { (void)code; return -1; }
int lm_is_cyrillic(int i) { (void)i; return 0; }
double lm_score_utf8(int lang, const char *s, size_t n, size_t *npairs)
{
    (void)lang; (void)s; (void)n;
    if (npairs) *npairs = 0;
    return 0;
}
int lm_best_utf8(const char *s, size_t n, double *score)
{
    (void)s; (void)n;
    if (score) *score = 0;
    return -1;
}
