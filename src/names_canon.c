/* names_canon.c -- the canonical spelling of a group: the gazetteer's, or
 * the house style's scheme on the group's Cyrillic original, or its most
 * frequent Latin spelling. */
#include "pisar/names.h"
#include "pisar/translit.h"
#include "names_internal.h"
#include "names_handle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The scheme each house style uses for a Cyrillic original, per language
 * (ru, uk, be, bg, mk, sr); ids of include/pisar/translit.h. Ukrainian,
 * Belarusian, Bulgarian, Macedonian and Serbian names follow their national
 * systems (which their passports, and so the agencies, use) under every style
 * but iso9 and scholarly. */
static const char *const style_schemes[][L_N] = {
    /* bgn */ {"ru-bgn", "uk-bgn", "be-bgn", "bg-streamlined", "mk-bgn", "sr-latin"},
    /* icao */
    {"ru-icao", "uk-national", "be-national", "bg-streamlined", "mk-official", "sr-latin"},
    /* wikipedia */
    {"ru-wikipedia", "uk-national", "be-national", "bg-streamlined", "mk-official", "sr-latin"},
    /* ap */
    {"ru-wikipedia", "uk-national", "be-national", "bg-streamlined", "mk-official", "sr-latin"},
    /* iso9 */ {"ru-iso9", "uk-iso9", "be-iso9", "bg-iso9", "mk-iso9", "sr-iso9"},
    /* scholarly */ {"ru-scholarly", "uk-scholarly", "be-iso9", "bg-iso9", "mk-iso9", "sr-latin"},
    /* national */
    {"ru-icao", "uk-national", "be-national", "bg-streamlined", "mk-official", "sr-latin"},
};

/* The language of a Cyrillic name, from the letters only one language has;
 * `hint` (or -1) where none shows. */
int pn_cyr_language(const char *s, int hint)
{
    size_t n = strlen(s), i = 0;
    int uk = 0, be = 0, mk = 0, sr = 0, bg = 0, ru = 0;
    unsigned prev = 0;
    while (i < n) {
        unsigned c = pn_utf8_next(s, n, &i);
        if (c >= 0x400 && c < 0x410)
            c += 0x50; /* upper Ѐ-Џ to lower */
        else if (c >= 0x410 && c < 0x430)
            c += 0x20;
        switch (c) {
        case 0x454:
        case 0x457:
        case 0x491:
            uk = 1;
            break; /* є ї ґ */
        case 0x456:
            uk |= 2;
            break; /* і (uk, be) */
        case 0x45e:
            be = 1;
            break; /* ў */
        case 0x453:
        case 0x45c:
        case 0x455:
            mk = 1;
            break; /* ѓ ќ ѕ */
        case 0x452:
        case 0x45b:
        case 0x45f:
            sr = 1;
            break; /* ђ ћ џ */
        case 0x458:
        case 0x459:
        case 0x45a:
            sr |= 2;
            break; /* ј љ њ */
        case 0x44b:
        case 0x44d:
        case 0x451:
            ru = 1;
            break; /* ы э ё */
        default:
            break;
        }
        if (prev == 0x44a && c >= 0x430 && c < 0x450 && c != 0x435 && c != 0x44e && c != 0x44f)
            bg = 1; /* ъ before a consonant */
        prev = c;
    }
    if (be) return L_BE;
    if (uk) return (uk & 1) || !ru ? L_UK : L_BE;
    if (mk) return L_MK;
    if (sr) return L_SR;
    if (bg) return L_BG;
    if (hint >= 0 && !ru) return hint;
    return L_RU;
}

static int cmp_variant(const void *a, const void *b)
{
    const pisar_name_variant *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return strcmp(x->text, y->text);
}

/* Sort the group's variants (most frequent first) and choose its canonical
 * spelling, source and kind. */
int pn_choose_canonical(pisar_names *h, group *g)
{
    qsort(g->variants, g->nvariants, sizeof *g->variants, cmp_variant);
    const pn_gaz_entry *e = pn_entry_of(h, g->key);
    const char *canon = NULL;
    if (e) {
        canon = e->canonical;
        g->source = PISAR_NAME_FROM_GAZETTEER;
        snprintf(g->source_text, sizeof g->source_text, "gazetteer:%s", e->id);
        g->kind = e->kind;
    } else {
        g->kind = "";
        /* the house style's scheme on the most frequent Cyrillic original
         * of the most words (the full name a lone surname joined) */
        const char *cyr = NULL;
        size_t cyr_words = 0;
        for (size_t v = 0; v < g->nvariants; v++) {
            const char *t = g->variants[v].text;
            if (pn_is_latin_text(t)) continue;
            size_t nwords = 1;
            for (const char *c = t; *c; c++)
                nwords += *c == ' ';
            if (nwords > cyr_words) {
                cyr = t;
                cyr_words = nwords;
            }
        }
        if (cyr) {
            int lang = pn_cyr_language(cyr, h->lang_hint);
            const char *id = style_schemes[h->style_index][lang];
            if (!h->tr[lang] && pisar_translit_open(&h->tr[lang], id, PISAR_TRANSLIT_FORWARD, NULL))
                h->tr[lang] = NULL;
            pisar_buf r = {0};
            if (h->tr[lang] && !pisar_translit_apply(h->tr[lang], cyr, strlen(cyr), &r) && r.len) {
                g->canonical = r.data;
                g->source = PISAR_NAME_FROM_SCHEME;
                snprintf(g->source_text, sizeof g->source_text, "scheme:%s", id);
                return PISAR_OK;
            }
            pisar_buf_free(&r);
        }
        /* the most frequent Latin variant of the most words: a lone
         * surname that joined a full name is not the group's spelling */
        size_t canon_words = 0;
        for (size_t v = 0; v < g->nvariants; v++) {
            const char *t = g->variants[v].text;
            if (!pn_is_latin_text(t)) continue;
            size_t nwords = 1;
            for (const char *c = t; *c; c++)
                nwords += *c == ' ';
            if (nwords > canon_words) {
                canon = t;
                canon_words = nwords;
            }
        }
        if (!canon) canon = g->variants[0].text;
        g->source = PISAR_NAME_FROM_FREQUENCY;
        snprintf(g->source_text, sizeof g->source_text, "frequency");
    }
    if (!(g->canonical = pn_dup(canon, strlen(canon)))) return PISAR_ENOMEM;
    return PISAR_OK;
}
