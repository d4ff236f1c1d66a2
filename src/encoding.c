/* encoding.c -- names and aliases of the encodings pisar knows. */
#include "pisar/encoding.h"

#include <string.h>

static const struct {
    const char *name;  /* WHATWG/IANA label, lower case */
    const char *iconv; /* glibc/GNU iconv name */
} encs[PISAR_ENC_COUNT] = {
    [PISAR_ENC_UNKNOWN] = {"unknown", NULL},
    [PISAR_ENC_BINARY] = {"binary", NULL},
    [PISAR_ENC_ASCII] = {"ascii", "ASCII"},
    [PISAR_ENC_UTF8] = {"utf-8", "UTF-8"},
    [PISAR_ENC_UTF16LE] = {"utf-16le", "UTF-16LE"},
    [PISAR_ENC_UTF16BE] = {"utf-16be", "UTF-16BE"},
    [PISAR_ENC_UTF32LE] = {"utf-32le", "UTF-32LE"},
    [PISAR_ENC_UTF32BE] = {"utf-32be", "UTF-32BE"},
    [PISAR_ENC_WINDOWS_1251] = {"windows-1251", "CP1251"},
    [PISAR_ENC_KOI8_R] = {"koi8-r", "KOI8-R"},
    [PISAR_ENC_KOI8_U] = {"koi8-u", "KOI8-U"},
    [PISAR_ENC_ISO_8859_5] = {"iso-8859-5", "ISO-8859-5"},
    [PISAR_ENC_IBM866] = {"ibm866", "IBM866"},
    [PISAR_ENC_IBM855] = {"ibm855", "IBM855"},
    [PISAR_ENC_CP1125] = {"cp1125", "CP1125"},
    [PISAR_ENC_X_MAC_CYRILLIC] = {"x-mac-cyrillic", "MAC-CYRILLIC"},
    [PISAR_ENC_WINDOWS_1250] = {"windows-1250", "CP1250"},
    [PISAR_ENC_WINDOWS_1252] = {"windows-1252", "CP1252"},
    [PISAR_ENC_WINDOWS_1254] = {"windows-1254", "CP1254"},
    [PISAR_ENC_WINDOWS_1257] = {"windows-1257", "CP1257"},
    [PISAR_ENC_ISO_8859_1] = {"iso-8859-1", "ISO-8859-1"},
    [PISAR_ENC_ISO_8859_2] = {"iso-8859-2", "ISO-8859-2"},
    [PISAR_ENC_ISO_8859_3] = {"iso-8859-3", "ISO-8859-3"},
    [PISAR_ENC_ISO_8859_4] = {"iso-8859-4", "ISO-8859-4"},
    [PISAR_ENC_ISO_8859_9] = {"iso-8859-9", "ISO-8859-9"},
    [PISAR_ENC_ISO_8859_13] = {"iso-8859-13", "ISO-8859-13"},
    [PISAR_ENC_ISO_8859_15] = {"iso-8859-15", "ISO-8859-15"},
    [PISAR_ENC_ISO_8859_16] = {"iso-8859-16", "ISO-8859-16"},
    [PISAR_ENC_IBM437] = {"ibm437", "IBM437"},
    [PISAR_ENC_IBM850] = {"ibm850", "IBM850"},
    [PISAR_ENC_IBM852] = {"ibm852", "IBM852"},
    [PISAR_ENC_IBM775] = {"ibm775", "IBM775"},
    [PISAR_ENC_MACINTOSH] = {"macintosh", "MACINTOSH"},
    [PISAR_ENC_X_MAC_CE] = {"x-mac-ce", "MAC-CENTRALEUROPE"},
    [PISAR_ENC_ISO_8859_10] = {"iso-8859-10", "ISO-8859-10"},
    [PISAR_ENC_ISO_8859_14] = {"iso-8859-14", "ISO-8859-14"},
};

/* Aliases, compared after dropping everything but [a-z0-9]. */
static const struct {
    const char *alias;
    pisar_encoding enc;
} aliases[] = {
    {"usascii", PISAR_ENC_ASCII},
    {"ansix341968", PISAR_ENC_ASCII},
    {"utf8", PISAR_ENC_UTF8},
    {"utf8sig", PISAR_ENC_UTF8},
    {"utf16", PISAR_ENC_UTF16LE},
    {"ucs2le", PISAR_ENC_UTF16LE},
    {"ucs2be", PISAR_ENC_UTF16BE},
    {"cp1251", PISAR_ENC_WINDOWS_1251},
    {"win1251", PISAR_ENC_WINDOWS_1251},
    {"koi8r", PISAR_ENC_KOI8_R},
    {"koi8", PISAR_ENC_KOI8_R},
    {"koi8u", PISAR_ENC_KOI8_U},
    {"iso88595", PISAR_ENC_ISO_8859_5},
    {"cyrillic", PISAR_ENC_ISO_8859_5},
    {"cp866", PISAR_ENC_IBM866},
    {"866", PISAR_ENC_IBM866},
    {"ibm866", PISAR_ENC_IBM866},
    {"cp855", PISAR_ENC_IBM855},
    {"855", PISAR_ENC_IBM855},
    {"cp1125", PISAR_ENC_CP1125},
    {"ruscii", PISAR_ENC_CP1125},
    {"ibm1125", PISAR_ENC_CP1125},
    {"maccyrillic", PISAR_ENC_X_MAC_CYRILLIC},
    {"xmacukrainian", PISAR_ENC_X_MAC_CYRILLIC},
    {"xmaccyrillic", PISAR_ENC_X_MAC_CYRILLIC},
    {"cp1250", PISAR_ENC_WINDOWS_1250},
    {"cp1252", PISAR_ENC_WINDOWS_1252},
    {"cp1254", PISAR_ENC_WINDOWS_1254},
    {"cp1257", PISAR_ENC_WINDOWS_1257},
    {"latin1", PISAR_ENC_ISO_8859_1},
    {"iso88591", PISAR_ENC_ISO_8859_1},
    {"l1", PISAR_ENC_ISO_8859_1},
    {"latin2", PISAR_ENC_ISO_8859_2},
    {"iso88592", PISAR_ENC_ISO_8859_2},
    {"latin3", PISAR_ENC_ISO_8859_3},
    {"iso88593", PISAR_ENC_ISO_8859_3},
    {"latin4", PISAR_ENC_ISO_8859_4},
    {"iso88594", PISAR_ENC_ISO_8859_4},
    {"latin5", PISAR_ENC_ISO_8859_9},
    {"iso88599", PISAR_ENC_ISO_8859_9},
    {"latin7", PISAR_ENC_ISO_8859_13},
    {"iso885913", PISAR_ENC_ISO_8859_13},
    {"latin9", PISAR_ENC_ISO_8859_15},
    {"iso885915", PISAR_ENC_ISO_8859_15},
    {"latin10", PISAR_ENC_ISO_8859_16},
    {"iso885916", PISAR_ENC_ISO_8859_16},
    {"cp437", PISAR_ENC_IBM437},
    {"437", PISAR_ENC_IBM437},
    {"cp850", PISAR_ENC_IBM850},
    {"850", PISAR_ENC_IBM850},
    {"cp852", PISAR_ENC_IBM852},
    {"852", PISAR_ENC_IBM852},
    {"cp775", PISAR_ENC_IBM775},
    {"775", PISAR_ENC_IBM775},
    {"macroman", PISAR_ENC_MACINTOSH},
    {"mac", PISAR_ENC_MACINTOSH},
    {"maclatin2", PISAR_ENC_X_MAC_CE},
    {"maccentraleurope", PISAR_ENC_X_MAC_CE},
    {"xmacce", PISAR_ENC_X_MAC_CE},
    {"macce", PISAR_ENC_X_MAC_CE},
    {"latin6", PISAR_ENC_ISO_8859_10},
    {"iso885910", PISAR_ENC_ISO_8859_10},
    {"l6", PISAR_ENC_ISO_8859_10},
    {"latin8", PISAR_ENC_ISO_8859_14},
    {"iso885914", PISAR_ENC_ISO_8859_14},
    {"l8", PISAR_ENC_ISO_8859_14},
    {"isoceltic", PISAR_ENC_ISO_8859_14},
    /* the spellings of the declarations pisar reads (src/declare.c): hunspell
     * (microsoft-cp1251), LaTeX inputenc (ansinew, applemac, macce, maccyr,
     * macukr), Emacs coding systems (iso-latin-N, cyrillic-koi8,
     * cyrillic-alternativnyj, cyrillic-iso-8bit, windows-125N), Python codecs */
    {"microsoftcp1250", PISAR_ENC_WINDOWS_1250},
    {"microsoftcp1251", PISAR_ENC_WINDOWS_1251},
    {"microsoftcp1252", PISAR_ENC_WINDOWS_1252},
    {"ansinew", PISAR_ENC_WINDOWS_1252},
    {"applemac", PISAR_ENC_MACINTOSH},
    {"maccyr", PISAR_ENC_X_MAC_CYRILLIC},
    {"macukr", PISAR_ENC_X_MAC_CYRILLIC},
    {"isolatin1", PISAR_ENC_ISO_8859_1},
    {"isolatin2", PISAR_ENC_ISO_8859_2},
    {"isolatin3", PISAR_ENC_ISO_8859_3},
    {"isolatin4", PISAR_ENC_ISO_8859_4},
    {"isolatin5", PISAR_ENC_ISO_8859_9},
    {"isolatin7", PISAR_ENC_ISO_8859_13},
    {"isolatin9", PISAR_ENC_ISO_8859_15},
    {"latin0", PISAR_ENC_ISO_8859_15},
    {"cyrillickoi8", PISAR_ENC_KOI8_R},
    {"cyrillicalternativnyj", PISAR_ENC_IBM866},
    {"cyrilliciso8bit", PISAR_ENC_ISO_8859_5},
    {"l2", PISAR_ENC_ISO_8859_2},
};

const char *pisar_encoding_name(pisar_encoding e)
{
    return (unsigned)e < PISAR_ENC_COUNT ? encs[e].name : "unknown";
}

const char *pisar_encoding_iconv_name(pisar_encoding e)
{
    return (unsigned)e < PISAR_ENC_COUNT ? encs[e].iconv : NULL;
}

static void squash(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (; *in && n + 1 < cap; in++) {
        char c = *in;
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out[n++] = c;
    }
    out[n] = '\0';
}

pisar_encoding pisar_encoding_from_name(const char *name)
{
    if (!name) return PISAR_ENC_UNKNOWN;
    char key[64], cand[64];
    squash(name, key, sizeof key);
    if (!key[0]) return PISAR_ENC_UNKNOWN;
    for (int e = PISAR_ENC_ASCII; e < PISAR_ENC_COUNT; e++) {
        squash(encs[e].name, cand, sizeof cand);
        if (!strcmp(key, cand)) return (pisar_encoding)e;
        squash(encs[e].iconv, cand, sizeof cand);
        if (!strcmp(key, cand)) return (pisar_encoding)e;
    }
    for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
        if (!strcmp(key, aliases[i].alias)) return aliases[i].enc;
    return PISAR_ENC_UNKNOWN;
}

int pisar_encoding_is_single_byte(pisar_encoding e)
{
    return e >= PISAR_ENC_FIRST_SBCS && e <= PISAR_ENC_LAST_SBCS;
}

int pisar_encoding_is_cyrillic(pisar_encoding e)
{
    return e >= PISAR_ENC_WINDOWS_1251 && e <= PISAR_ENC_X_MAC_CYRILLIC;
}
