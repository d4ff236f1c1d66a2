/*
 * pisar/names.h -- name keys, the gazetteer, canonical spellings.
 *
 * The same person reaches an editor as "Yuriy Ushakov", "Iurii Ushakov",
 * "Jurij Ušakov", "Iouri Ouchakov", "Juri Uschakow", "Jurij Uszakow" and
 * "Юрий Ушаков". pisar_name_key() maps every one of them to one key:
 *
 *  - Cyrillic (ru, uk, be, bg, mk, sr) goes through one lossy key scheme;
 *  - Latin is folded by the press convention the spelling shows (German
 *    sch/tsch/w/j, French ou/ch/-ine/-ï, Polish sz/cz/w/ł/rz, Czech š/č/ž/ř
 *    and -ová, Hungarian s/sz/cs/gy, English y/ie/ii/iy, Dutch oe/sj/tsj,
 *    Scandinavian j/sj), so that both ends meet in one key alphabet;
 *  - given names the presses translate (Peter, Pierre, Piotr = Пётр) and the
 *    Ukrainian and Belarusian forms of Russian given names meet in one class;
 *  - a name the gazetteer knows (Ким Чен Ын, Kim Jong Un; Киев, Kyiv, Kijów)
 *    gets the key of its gazetteer entry, "@<entry-id>".
 *
 * The folding rules and the built-in gazetteer are data (tables/names/, whose
 * README.md documents the formats), compiled into the library; a user's
 * gazetteer in the same format loads at run time (pisar_names_load_gazetteer()).
 *
 * A pisar_names handle collects the name mentions of any number of documents,
 * groups them by key and chooses one canonical spelling per group: the
 * gazetteer's form first, then the house style's transliteration of a
 * Cyrillic original, then the most frequent Latin variant of the most words
 * (a lone surname that joined a full name is not chosen over it).
 *
 * Thread safety: pisar_name_key() is stateless and reentrant. A pisar_names
 * handle is not synchronised: use one handle per thread, or lock around every
 * call on a shared handle (even the read-only ones: they may finalise the
 * grouping lazily). Distinct handles are independent.
 */
#ifndef PISAR_NAMES_H
#define PISAR_NAMES_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The key of one personal or place name (one or more words, UTF-8).
 *
 * Spellings of the same name under any romanization or press convention get
 * the same key; different names get different keys (Шуйский/Щуйский,
 * Алеев/Алиев, Ушаков/Ушакова, Зорин/Сорин, Жуков/Шуков). The key is
 * ASCII: lower-case letters and
 * single spaces between words, or "@<entry-id>" for a name of the built-in
 * gazetteer. Word order does not matter (Ушаков Юрий = Юрий Ушаков), nor
 * does a patronymic in a name of three or more words. The name is taken as
 * written (no case ending is stripped: a nominative form is expected; see
 * pisar_names_add_text() for running text).
 *
 * @param name  UTF-8 text, need not be NUL-terminated; may be NULL if len is 0.
 * @param len   its length in bytes.
 * @param key   caller-owned buffer; the key is appended (NUL-terminated).
 *              An empty or letterless name appends nothing and returns PISAR_OK.
 * @return PISAR_OK; PISAR_EILSEQ for invalid UTF-8 (including a NUL byte) or
 *         PISAR_ETRUNC for a truncated final character (key unchanged);
 *         PISAR_EINVAL for a NULL key; PISAR_ENOMEM.
 * Thread safety: reentrant, no state.
 */
PISAR_API int pisar_name_key(const char *name, size_t len, pisar_buf *key);

/**
 * Like pisar_name_key() for a name of a text whose language is known: lang
 * ("ru", "uk", "be", "bg", "mk", "sr") says how the Cyrillic words read
 * where their letters leave it open. In Ukrainian и is the vowel the key
 * writes for Russian and Belarusian ы (Крилов in a Ukrainian text has the key
 * of Крылов in a Russian one, Kryliv/Krylov alike), elsewhere и is i
 * (Калинина and Калынина keep two keys). A word's own letters win (і ї є ґ
 * are Ukrainian, ў Belarusian in any text). NULL or another language: as
 * pisar_name_key(), which reads a word with no Ukrainian letter as Ukrainian
 * only by the endings and given names of tables/names/ukrainian.txt
 * (-ський, Дмитро). Latin words read the same in every language.
 * Same return values as pisar_name_key().
 */
PISAR_API int pisar_name_key_lang(const char *name, size_t len, const char *lang, pisar_buf *key);

/**
 * Like pisar_name_key() without the gazetteer: the phonetic key alone
 * (given-name classes included). Useful to see why two names meet (or not).
 * Same return values as pisar_name_key().
 */
PISAR_API int pisar_name_key_phonetic(const char *name, size_t len, pisar_buf *key);

/** A collection of name mentions with gazetteer and house style (opaque). */
typedef struct pisar_names pisar_names;

/**
 * Create a handle with the built-in gazetteer.
 *
 * @param out    receives the handle (free with pisar_names_free()).
 * @param style  house style: "bgn", "icao", "wikipedia", "ap", "iso9",
 *               "scholarly", "national", or NULL for "bgn" (pisar_names_style()
 *               lists them). The style names the transliteration scheme
 *               (include/pisar/translit.h) applied to the Cyrillic original of
 *               a name with no gazetteer form, chosen by the original's
 *               language: bgn = ru-bgn, uk-bgn, be-bgn, bg-streamlined, mk-bgn,
 *               sr-latin; icao and national = ru-icao, uk-national,
 *               be-national, bg-streamlined, mk-official, sr-latin; wikipedia
 *               and ap = ru-wikipedia and the national systems; iso9 = the
 *               ISO 9 table of each language; scholarly = ru-scholarly,
 *               uk-scholarly and ISO 9 for the others.
 * @param err    optional details.
 * @return PISAR_OK; PISAR_EUNKNOWN for an unknown style; PISAR_ENOMEM.
 */
PISAR_API int pisar_names_new(pisar_names **out, const char *style, pisar_error *err);

/**
 * The language of the Cyrillic text to come ("ru", "uk", "be", "bg", "mk",
 * "sr"), or NULL to tell it per name. It chooses the house style's scheme
 * for an original that has no letter peculiar to one language (Олег Сенцов
 * is Oleg in Russian, Oleh in Ukrainian); letters that only one language has
 * (і, ї, є, ґ, ў, ђ, ћ, џ, ѓ, ќ, ѕ, ъ before a consonant) still decide.
 * @return PISAR_OK; PISAR_EUNKNOWN for another code.
 */
PISAR_API int pisar_names_set_language(pisar_names *h, const char *lang);

/**
 * The language the Cyrillic letters of text[0, len) show ("ru", "uk", "be",
 * "mk", "sr"), or NULL when they show none or disagree: є ї ґ and і are
 * Ukrainian (і with ў Belarusian), ў Belarusian, ы э ё Russian (with ў
 * Belarusian), ѓ ќ ѕ Macedonian, ђ ћ Serbian; a letter of another of these
 * languages anywhere in the text gives NULL. For a collection of names read
 * together (`pisar names --key --resolve`): given to
 * pisar_names_set_language(), it keys Дмитре as the Ukrainian of a list that
 * writes Дмітре elsewhere.
 */
PISAR_API const char *pisar_names_text_language(const char *text, size_t len);

/** Free a handle and everything it owns (NULL is allowed). */
PISAR_API void pisar_names_free(pisar_names *h);

/**
 * Forget the collection (every name and text added, and the groups) but keep
 * the settings: the style, the language, a loaded gazetteer, and what the
 * handle prepared for them. The handle then behaves as a new one with the
 * same settings, more cheaply (pisar prep starts a collection per
 * paragraph). NULL is allowed.
 */
PISAR_API void pisar_names_reset(pisar_names *h);

/**
 * Add a gazetteer file (format: tables/names/README.md) to the handle. Its
 * entries take precedence over the built-in ones with the same names. One
 * user gazetteer at a time: a second successful load replaces the first.
 * Mentions already added keep the keys they were given.
 *
 * @return PISAR_OK; PISAR_EIO if the file cannot be read; PISAR_EPARSE with
 *         err->line and err->message for a syntax error (nothing is added);
 *         PISAR_EILSEQ for invalid UTF-8 (err->offset).
 */
PISAR_API int pisar_names_load_gazetteer(pisar_names *h, const char *path, pisar_error *err);

/** The same from memory; `origin` names the text in messages (may be NULL). */
PISAR_API int pisar_names_load_gazetteer_mem(pisar_names *h, const char *text, size_t len,
                                             const char *origin, pisar_error *err);

/**
 * The key of a name under this handle's gazetteers (built-in and loaded).
 * Same contract as pisar_name_key().
 */
PISAR_API int pisar_names_key(const pisar_names *h, const char *name, size_t len, pisar_buf *key);

/**
 * Find the name mentions of one document and add them to the collection.
 *
 * Mentions are runs of capitalised words joined by single spaces (with
 * initials "В. В."), in Cyrillic or Latin. Capitalised non-names (titles,
 * articles, sentence openers: tables/names/notnames.txt) break a run; an
 * all-capital word counts only if the gazetteer knows it (КНДР, MOSCOW, not
 * TASS); a lone capitalised word at the start of a sentence counts only if
 * the gazetteer or another mention knows it, and a sentence-initial word the
 * text also writes in lower case is not a name; a gazetteer place before a
 * longer name is a mention of its own ("Москвы Сергей Собянин"). In German
 * text (its function words are 4 % or more of the lower-case words) a lone
 * capitalised word counts only if it is known, since every noun is
 * capitalised. Inflected forms ("Юрия Ушакова", "с Ушаковым",
 * "Москвой", Polish "Unem") are reduced to the nominative by the suffix
 * tables (tables/names/suffixes.txt), keeping the gender apart: an ambiguous
 * -ова is read as a masculine genitive only when the masculine is known and
 * the feminine is not. A lone surname joins the one full name ending in it.
 * A run is split where two mentions meet: a title, a place in the genitive
 * and a name ("Mer Kijowa Witalij Kliczko": the title is dropped); a name
 * the gazetteer knows, or one the collection knows followed by a known
 * word, and what follows ("Aleksandar Vučić Djokovićovi"); two known
 * surnames ("Герасимова Буданов"). An article of one language that is a
 * word of another (French and Czech "a") does not hide a known name after
 * it. When the collection is grouped, a mention of three or more words
 * whose tail is a name another mention has (or the gazetteer knows), or a
 * sentence-initial one whose surname is also a lone mention, loses its
 * leading title or noun ("Писательница Людмила Улицкая"); pisar_names_find()
 * then reports the shorter span.
 *
 * @param doc_id  a label for the document, e.g. its path; may be NULL (each
 *                call counts as one document for pisar_name_group.ndocs).
 * @param text    UTF-8 (not necessarily NUL-terminated).
 * @return PISAR_OK; PISAR_EILSEQ / PISAR_ETRUNC with err->offset for bad
 *         UTF-8 (nothing of this document is added); PISAR_ENOMEM.
 */
PISAR_API int pisar_names_add_text(pisar_names *h, const char *doc_id, const char *text, size_t len,
                                   pisar_error *err);

/** Add one name as written (not searched in text), e.g. from a glossary. */
PISAR_API int pisar_names_add_name(pisar_names *h, const char *name, size_t len, pisar_error *err);

/**
 * The key of the group a name belongs to in this collection. For a name
 * added with pisar_names_add_name() (or the nominative form of a mention)
 * it is the key its group settled on: a Latin spelling that no Cyrillic
 * mention shares a key with, but that another press's reading ties to
 * exactly one Cyrillic original of the collection, takes that original's
 * key (German "Maria Sacharowa" with Мария Захарова and no Сахарова;
 * French "Petro Porochenko" with Петро Порошенко); a lone surname takes
 * the key of the one full name ending in it. Other names get
 * pisar_names_key().
 * @return as pisar_name_key().
 * Thread safety: not synchronised (may finalise the grouping).
 */
PISAR_API int pisar_names_group_key(pisar_names *h, const char *name, size_t len, pisar_buf *key);

/** Where a group's canonical spelling comes from. */
typedef enum pisar_name_source {
    PISAR_NAME_FROM_GAZETTEER = 0, /**< source text "gazetteer:<entry-id>" */
    PISAR_NAME_FROM_SCHEME = 1,    /**< "scheme:<scheme-id>" of the house style */
    PISAR_NAME_FROM_FREQUENCY = 2  /**< "frequency": the most frequent variant */
} pisar_name_source;

/** One variant spelling in a group (nominative form as found). */
typedef struct pisar_name_variant {
    const char *text; /**< NUL-terminated UTF-8 */
    size_t count;     /**< mentions with this spelling */
} pisar_name_variant;

/**
 * A group of mentions of one name. Every pointer stays valid until the next
 * call that adds to the handle (add_text, add_name, load_gazetteer) or frees it.
 */
typedef struct pisar_name_group {
    const char *key;                    /**< the group's key */
    const char *canonical;              /**< the canonical spelling */
    pisar_name_source source;           /**< where it comes from */
    const char *source_text;            /**< "gazetteer:<id>", "scheme:<id>", "frequency" */
    const char *kind;                   /**< "person", "place", "org" or "" if unknown */
    size_t count;                       /**< mentions in all documents */
    size_t ndocs;                       /**< documents mentioning it */
    size_t nvariants;                   /**< distinct spellings */
    const pisar_name_variant *variants; /**< by count desc, then spelling */
} pisar_name_group;

/**
 * Number of groups collected so far. Groups are ordered by count (desc), then
 * canonical spelling (byte order), so the order is stable.
 */
PISAR_API size_t pisar_names_group_count(pisar_names *h);

/** Describe the i-th group; PISAR_ERANGE if i is out of range. */
PISAR_API int pisar_names_group(pisar_names *h, size_t i, pisar_name_group *out);

/** One mention in a text, as reported by pisar_names_find(). */
typedef struct pisar_name_mention {
    size_t offset;         /**< byte offset of the mention in the text */
    size_t length;         /**< its length in bytes (as written, inflected) */
    const char *base;      /**< its nominative form (NUL-terminated) */
    const char *key;       /**< its key */
    const char *canonical; /**< the canonical spelling of its group */
    pisar_name_source source;
    const char *source_text;
    int cyrillic; /**< nonzero when written in Cyrillic */
} pisar_name_mention;

/**
 * Callback for each mention; the mention and its strings are valid during the
 * call only. Return 0 to go on, nonzero to stop (the value is returned by the
 * caller of the callback).
 */
typedef int (*pisar_name_callback)(const pisar_name_mention *m, void *user);

/**
 * Report the name mentions of a text, in text order, with byte offsets and
 * the canonical spelling of their group (from the collection if the key is
 * known there, else gazetteer, scheme or the mention itself). The text is not
 * added to the collection.
 *
 * @return PISAR_OK, a nonzero callback value, or PISAR_EILSEQ/PISAR_ETRUNC
 *         (err->offset) before any callback for invalid UTF-8.
 */
PISAR_API int pisar_names_find(pisar_names *h, const char *text, size_t len, pisar_name_callback cb,
                               void *user, pisar_error *err);

/** Flags for pisar_names_rewrite(). */
enum {
    /** Also replace Cyrillic mentions (by default only Latin-script mentions
     *  are rewritten: a Cyrillic original is inflected and is the source). */
    PISAR_NAMES_REWRITE_CYRILLIC = 1u << 0
};

/**
 * Copy `text` to `out` with every mention whose spelling differs from its
 * canonical spelling replaced by it. `cb` (may be NULL) is told of each
 * replacement before it is made (m->offset/m->length in the input, the
 * replacement is m->canonical); a nonzero return stops and is returned, with
 * `out` holding a partial copy the caller should discard.
 *
 * @return PISAR_OK, a callback value, PISAR_EILSEQ/PISAR_ETRUNC, PISAR_ENOMEM.
 */
PISAR_API int pisar_names_rewrite(pisar_names *h, const char *text, size_t len, unsigned flags,
                                  pisar_buf *out, pisar_name_callback cb, void *user,
                                  pisar_error *err);

/** The style ids pisar_names_new() accepts; NULL past the end. */
PISAR_API const char *pisar_names_style(size_t i);

#ifdef __cplusplus
}
#endif
#endif
