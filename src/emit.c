/* emit.c -- translator files: XLIFF 1.2 (unit per sentence, or seg-source),
 * XLIFF 2.1, TMX 1.4b (XML through libxml2's xmlTextWriter), PO, TSV, JSONL
 * (through jansson's encoder) and plain text. */
#include "pisar/emit.h"
#include "emit_scan.h"
#include "utf8.h"

#include <jansson.h>
#include <libxml/xmlwriter.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XLIFF12_NS "urn:oasis:names:tc:xliff:document:1.2"
#define XLIFF2_NS "urn:oasis:names:tc:xliff:document:2.0"

static const struct {
    const char *name, *ext;
} formats[PISAR_FORMAT_COUNT] = {
    [PISAR_FORMAT_XLIFF12] = {"xliff", "xlf"},
    [PISAR_FORMAT_XLIFF12_SEGSOURCE] = {"xliff-segsource", "xlf"},
    [PISAR_FORMAT_XLIFF21] = {"xliff2", "xlf"},
    [PISAR_FORMAT_TMX] = {"tmx", "tmx"},
    [PISAR_FORMAT_PO] = {"po", "po"},
    [PISAR_FORMAT_TSV] = {"tsv", "tsv"},
    [PISAR_FORMAT_JSONL] = {"jsonl", "jsonl"},
    [PISAR_FORMAT_TXT] = {"txt", "txt"},
};

int pisar_format_from_name(const char *name)
{
    if (!name) return PISAR_EUNKNOWN;
    for (int i = 0; i < PISAR_FORMAT_COUNT; i++)
        if (!strcmp(name, formats[i].name)) return i;
    if (!strcmp(name, "xliff12") || !strcmp(name, "xliff1")) return PISAR_FORMAT_XLIFF12;
    if (!strcmp(name, "xliff21")) return PISAR_FORMAT_XLIFF21;
    return PISAR_EUNKNOWN;
}

const char *pisar_format_name(pisar_format f)
{
    return (unsigned)f < PISAR_FORMAT_COUNT ? formats[f].name : "unknown";
}

const char *pisar_format_extension(pisar_format f)
{
    return (unsigned)f < PISAR_FORMAT_COUNT ? formats[f].ext : "txt";
}

int pisar_format_is_xml(pisar_format f)
{
    return f == PISAR_FORMAT_XLIFF12 || f == PISAR_FORMAT_XLIFF12_SEGSOURCE ||
           f == PISAR_FORMAT_XLIFF21 || f == PISAR_FORMAT_TMX;
}

enum { ST_NEW, ST_OPEN, ST_IN_DOC, ST_DONE, ST_FAILED };

struct pisar_emitter {
    pisar_format format;
    unsigned flags;
    pisar_buf *out;
    int state;
    xmlTextWriterPtr w;
    pisar_drop_fn drop_fn;
    void *drop_ctx;
    uint64_t drops, units;
    /* the current document */
    size_t doc, para, pairs, doc_units;
    char *name, *slang, *tlang;
    int header_done;          /* PO header, XML root */
    int first_para_out;       /* TXT: a paragraph was written (for the blank line) */
    pisar_buf t1, t2, t3, t4; /* scratch: cleaned pieces */
    pisar_buf esc;            /* scratch: text escaped for XML */
};

/* ---------------------------------------------------------------- UTF-8 */

/* The text must be UTF-8: utf8_valid_prefix() (utf8.h, sixteen bytes at a
 * step over ASCII and two-byte characters) finds the first ill-formed
 * sequence, the offset utf8_next() would stop at. */
static int check_utf8(const char *s, size_t n, pisar_error *err)
{
    const unsigned char *u = (const unsigned char *)s;
    int cut;
    size_t i = utf8_valid_prefix(u, n, &cut);
    if (i == n) return PISAR_OK;
    if (err) {
        memset(err, 0, sizeof *err);
        err->offset = i;
        err->nbytes = n - i < 4 ? n - i : 4;
        memcpy(err->bytes, u + i, err->nbytes);
        snprintf(err->message, sizeof err->message, "invalid UTF-8 at byte %zu", i);
    }
    return PISAR_EILSEQ;
}

static int xml_forbidden(uint32_t cp)
{
    return (cp < 0x20 && cp != 0x09 && cp != 0x0A && cp != 0x0D) || cp == 0xFFFE || cp == 0xFFFF;
}

/* 1 when valid UTF-8 s[0..n) may hold a character xml_forbidden() rejects
 * (emit_scan.h). */
static int may_hold_forbidden(const unsigned char *u, size_t n)
{
    return emit_may_forbid(u, n);
}

/*
 * Append s[0..n) (valid UTF-8) to dst without the characters no format may
 * carry, reporting each; `base` is the offset of s in the paragraph.
 */
static int clean(pisar_emitter *em, const char *s, size_t n, size_t base, pisar_buf *dst,
                 int report)
{
    pisar_buf_clear(dst);
    if (pisar_buf_reserve(dst, n)) return PISAR_ENOMEM;
    const unsigned char *u = (const unsigned char *)s;
    if (!may_hold_forbidden(u, n)) { /* the common text: nothing to drop */
        pisar_buf_append(dst, s, n);
        if (!dst->data) return pisar_buf_append(dst, "", 0);
        return PISAR_OK;
    }
    size_t run = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t l = utf8_next(u, n, i, &cp);
        if (!l) l = 1; /* cannot happen: validated before */
        if (xml_forbidden(cp)) {
            pisar_buf_append(dst, s + run, i - run);
            if (report) em->drops++;
            if (report && em->drop_fn) {
                pisar_drop d = {em->doc, em->para, base + i, cp};
                em->drop_fn(em->drop_ctx, &d);
            }
            run = i + l;
        }
        i += l;
    }
    pisar_buf_append(dst, s + run, n - run);
    if (!dst->data) return pisar_buf_append(dst, "", 0);
    return PISAR_OK;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int all_ws(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_ws(s[i])) {
            /* U+00A0 and other Unicode spaces count as content: rare, harmless */
            return 0;
        }
    return 1;
}

/* ---------------------------------------------------------------- XML helpers */

static int xml_write_cb(void *ctx, const char *buf, int len)
{
    pisar_emitter *em = ctx;
    if (len < 0 || pisar_buf_append(em->out, buf, (size_t)len)) return -1;
    return len;
}

static int xml_close_cb(void *ctx)
{
    (void)ctx;
    return 0;
}

#define X(call)                                                                                    \
    do {                                                                                           \
        if ((call) < 0) return xml_fail(em, err);                                                  \
    } while (0)

static int xml_fail(pisar_emitter *em, pisar_error *err)
{
    em->state = ST_FAILED;
    if (err) {
        memset(err, 0, sizeof *err);
        snprintf(err->message, sizeof err->message, "XML writer failed");
    }
    return PISAR_EIO;
}

static const xmlChar *C(const char *s)
{
    return (const xmlChar *)s;
}

/* Element-only whitespace: a newline and two spaces per level. */
static int nl(pisar_emitter *em, int depth)
{
    static const char sp[] = "\n                        ";
    int n = 1 + 2 * depth;
    if (n > (int)sizeof sp - 1) n = (int)sizeof sp - 1;
    return xmlTextWriterWriteRawLen(em->w, C(sp), n);
}

/* Element content, escaped as xmlTextWriterWriteString() escapes it there
 * (xmlEncodeSpecialChars: & < > " and CR), in one write of the runs between
 * escapes rather than a copy made and freed per call. */
static int put_text(pisar_emitter *em, const char *s)
{
    pisar_buf *b = &em->esc;
    pisar_buf_clear(b);
    int rc = 0;
    for (const char *run = s;;) {
        const char *p = run + strcspn(run, "&<>\"\r");
        if (p > run) rc |= pisar_buf_append(b, run, (size_t)(p - run));
        if (!*p) break;
        const char *e = *p == '&'   ? "&amp;"
                        : *p == '<' ? "&lt;"
                        : *p == '>' ? "&gt;"
                        : *p == '"' ? "&quot;"
                                    : "&#13;";
        rc |= pisar_buf_puts(b, e);
        run = p + 1;
    }
    if (rc || b->len > INT_MAX) return -1;
    return xmlTextWriterWriteRawLen(em->w, C(b->data ? b->data : ""), (int)b->len);
}

static int elem_text(pisar_emitter *em, const char *name, const char *text)
{
    if (xmlTextWriterStartElement(em->w, C(name)) < 0) return -1;
    if (*text && put_text(em, text) < 0) return -1;
    /* FullEndElement: <target></target> rather than <target/>, as clients expect */
    return xmlTextWriterFullEndElement(em->w);
}

static int attr(pisar_emitter *em, const char *name, const char *value)
{
    return xmlTextWriterWriteAttribute(em->w, C(name), C(value));
}

static void flush(pisar_emitter *em)
{
    if (em->w) xmlTextWriterFlush(em->w);
}

/* ---------------------------------------------------------------- lifecycle */

int pisar_emitter_new(pisar_emitter **out, pisar_format format, unsigned flags, pisar_buf *buf,
                      pisar_error *err)
{
    (void)err;
    if (!out || !buf) return PISAR_EINVAL;
    *out = NULL;
    if ((unsigned)format >= PISAR_FORMAT_COUNT) return PISAR_EUNKNOWN;
    pisar_emitter *em = calloc(1, sizeof *em);
    if (!em) return PISAR_ENOMEM;
    em->format = format;
    em->flags = flags;
    em->out = buf;
    if (pisar_format_is_xml(format)) {
        xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(xml_write_cb, xml_close_cb, em, NULL);
        if (!ob || !(em->w = xmlNewTextWriter(ob))) {
            if (ob) xmlOutputBufferClose(ob);
            free(em);
            return PISAR_ENOMEM;
        }
    }
    *out = em;
    return PISAR_OK;
}

void pisar_emitter_on_drop(pisar_emitter *em, pisar_drop_fn fn, void *ctx)
{
    if (!em) return;
    em->drop_fn = fn;
    em->drop_ctx = ctx;
}

uint64_t pisar_emitter_drops(const pisar_emitter *em)
{
    return em ? em->drops : 0;
}
uint64_t pisar_emitter_units(const pisar_emitter *em)
{
    return em ? em->units : 0;
}

void pisar_emitter_free(pisar_emitter *em)
{
    if (!em) return;
    if (em->w) xmlFreeTextWriter(em->w);
    free(em->name);
    free(em->slang);
    free(em->tlang);
    pisar_buf_free(&em->t1);
    pisar_buf_free(&em->t2);
    pisar_buf_free(&em->esc);
    pisar_buf_free(&em->t3);
    pisar_buf_free(&em->t4);
    free(em);
}

static char *dupstr(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

/* The XML declaration and root element, written once, at the first document. */
static int open_root(pisar_emitter *em, pisar_error *err)
{
    X(xmlTextWriterStartDocument(em->w, "1.0", "UTF-8", NULL));
    switch (em->format) {
    case PISAR_FORMAT_XLIFF12:
    case PISAR_FORMAT_XLIFF12_SEGSOURCE:
        X(xmlTextWriterStartElement(em->w, C("xliff")));
        X(attr(em, "version", "1.2"));
        X(attr(em, "xmlns", XLIFF12_NS));
        break;
    case PISAR_FORMAT_XLIFF21:
        X(xmlTextWriterStartElement(em->w, C("xliff")));
        X(attr(em, "xmlns", XLIFF2_NS));
        X(attr(em, "version", "2.1"));
        /* XLIFF 2 has one language pair per file: the first document's. */
        X(attr(em, "srcLang", em->slang));
        if (em->tlang) X(attr(em, "trgLang", em->tlang));
        break;
    case PISAR_FORMAT_TMX:
        X(xmlTextWriterWriteDTD(em->w, C("tmx"), NULL, C("tmx14.dtd"), NULL));
        X(xmlTextWriterWriteRaw(em->w, C("\n")));
        X(xmlTextWriterStartElement(em->w, C("tmx")));
        X(attr(em, "version", "1.4"));
        X(nl(em, 1));
        X(xmlTextWriterStartElement(em->w, C("header")));
        X(attr(em, "creationtool", "pisar"));
        X(attr(em, "creationtoolversion", pisar_version()));
        X(attr(em, "segtype", "sentence"));
        X(attr(em, "o-tmf", "pisar"));
        X(attr(em, "adminlang", "en"));
        X(attr(em, "srclang", em->slang));
        X(attr(em, "datatype", "plaintext"));
        X(xmlTextWriterEndElement(em->w));
        X(nl(em, 1));
        X(xmlTextWriterStartElement(em->w, C("body")));
        break;
    default:
        break;
    }
    return PISAR_OK;
}

static int po_header(pisar_emitter *em)
{
    pisar_buf *o = em->out;
    int rc = pisar_buf_puts(o, "# Sentences for translation, written by pisar ");
    rc |= pisar_buf_puts(o, pisar_version());
    /* the header fields msgfmt --check asks for; the translator's own are
     * left as gettext's template placeholders */
    rc |= pisar_buf_puts(o, ".\nmsgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: ");
    for (const char *p = em->name; *p; p++) /* a file name in a PO string */
        rc |= pisar_buf_append(o, (*p == '"' || *p == '\\') ? "_" : p, 1);
    rc |= pisar_buf_puts(o, "\\n\"\n"
                            "\"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n\"\n"
                            "\"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n\"\n"
                            "\"Language-Team: LANGUAGE <LL@li.org>\\n\"\n"
                            "\"Language: ");
    rc |= pisar_buf_puts(o, em->tlang ? em->tlang : "");
    rc |= pisar_buf_puts(o, "\\n\"\n"
                            "\"MIME-Version: 1.0\\n\"\n"
                            "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
                            "\"Content-Transfer-Encoding: 8bit\\n\"\n");
    rc |= pisar_buf_puts(o, "\"X-Source-Language: ");
    rc |= pisar_buf_puts(o, em->slang);
    rc |= pisar_buf_puts(o, "\\n\"\n\"X-Generator: pisar\\n\"\n");
    return rc ? PISAR_ENOMEM : PISAR_OK;
}

/* A language tag is written into attributes and headers: keep it to [A-Za-z0-9-]. */
static int lang_ok(const char *l)
{
    if (!*l || strlen(l) > 35) return 0;
    for (const char *p = l; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '-'))
            return 0;
    return 1;
}

int pisar_emitter_begin_document(pisar_emitter *em, const char *name, const char *source_lang,
                                 const char *target_lang, pisar_error *err)
{
    if (!em) return PISAR_EINVAL;
    if (em->state != ST_NEW && em->state != ST_OPEN) return PISAR_ESTATE;
    if (!source_lang) source_lang = "und";
    if (!lang_ok(source_lang) || (target_lang && !lang_ok(target_lang))) {
        if (err) {
            memset(err, 0, sizeof *err);
            snprintf(err->message, sizeof err->message, "invalid language tag");
        }
        return PISAR_EINVAL;
    }
    if (!name || !*name) name = "-";
    free(em->name);
    free(em->slang);
    free(em->tlang);
    em->name = dupstr(name);
    em->slang = dupstr(source_lang);
    em->tlang = target_lang ? dupstr(target_lang) : NULL;
    if (!em->name || !em->slang || (target_lang && !em->tlang)) return PISAR_ENOMEM;
    /* the file name goes into attributes and JSON: bytes that are not UTF-8
     * (a Latin-1 file name) and control characters become '?' */
    {
        unsigned char *u = (unsigned char *)em->name;
        size_t n = strlen(em->name);
        for (size_t i = 0; i < n;) {
            uint32_t cp;
            size_t l = utf8_next(u, n, i, &cp);
            if (!l || xml_forbidden(cp)) {
                memset(u + i, '?', l ? l : 1);
                i += l ? l : 1;
            } else {
                i += l;
            }
        }
    }
    em->doc++;
    em->para = em->pairs = em->doc_units = 0;
    int rc;
    if (em->state == ST_NEW) {
        if (em->w && (rc = open_root(em, err))) return rc;
        if (em->format == PISAR_FORMAT_PO && (rc = po_header(em))) return rc;
        em->state = ST_OPEN;
    }
    char id[32];
    snprintf(id, sizeof id, "d%zu", em->doc);
    switch (em->format) {
    case PISAR_FORMAT_XLIFF12:
    case PISAR_FORMAT_XLIFF12_SEGSOURCE:
        X(nl(em, 1));
        X(xmlTextWriterStartElement(em->w, C("file")));
        X(attr(em, "original", em->name));
        X(attr(em, "source-language", em->slang));
        if (em->tlang) X(attr(em, "target-language", em->tlang));
        X(attr(em, "datatype", "plaintext"));
        X(nl(em, 2));
        X(xmlTextWriterStartElement(em->w, C("header")));
        X(xmlTextWriterStartElement(em->w, C("tool")));
        X(attr(em, "tool-id", "pisar"));
        X(attr(em, "tool-name", "pisar"));
        X(attr(em, "tool-version", pisar_version()));
        X(xmlTextWriterEndElement(em->w));
        X(xmlTextWriterEndElement(em->w));
        X(nl(em, 2));
        X(xmlTextWriterStartElement(em->w, C("body")));
        break;
    case PISAR_FORMAT_XLIFF21:
        X(nl(em, 1));
        X(xmlTextWriterStartElement(em->w, C("file")));
        X(attr(em, "id", id));
        X(attr(em, "original", em->name));
        break;
    default:
        break;
    }
    em->state = ST_IN_DOC;
    flush(em);
    return PISAR_OK;
}

int pisar_emitter_end_document(pisar_emitter *em, pisar_error *err)
{
    if (!em) return PISAR_EINVAL;
    if (em->state != ST_IN_DOC) return PISAR_ESTATE;
    switch (em->format) {
    case PISAR_FORMAT_XLIFF12:
    case PISAR_FORMAT_XLIFF12_SEGSOURCE:
        X(nl(em, 2));
        X(xmlTextWriterEndElement(em->w)); /* body */
        X(nl(em, 1));
        X(xmlTextWriterEndElement(em->w)); /* file */
        break;
    case PISAR_FORMAT_XLIFF21:
        if (!em->doc_units) {
            /* <file> needs a unit: an empty document gets one empty,
             * untranslatable unit */
            char id[40];
            snprintf(id, sizeof id, "d%zu.empty", em->doc);
            X(nl(em, 2));
            X(xmlTextWriterStartElement(em->w, C("unit")));
            X(attr(em, "id", id));
            X(attr(em, "translate", "no"));
            X(xmlTextWriterStartElement(em->w, C("segment")));
            X(elem_text(em, "source", ""));
            X(xmlTextWriterEndElement(em->w));
            X(xmlTextWriterEndElement(em->w));
        }
        X(nl(em, 1));
        X(xmlTextWriterEndElement(em->w)); /* file */
        break;
    default:
        break;
    }
    em->state = ST_OPEN;
    flush(em);
    return PISAR_OK;
}

int pisar_emitter_finish(pisar_emitter *em, pisar_error *err)
{
    if (!em) return PISAR_EINVAL;
    if (em->state == ST_IN_DOC) {
        int rc = pisar_emitter_end_document(em, err);
        if (rc) return rc;
    }
    if (em->state == ST_DONE) return PISAR_OK;
    if (em->state == ST_FAILED) return PISAR_ESTATE;
    if (em->state == ST_NEW && em->w) {
        /* nothing was written: still a valid, empty file */
        int rc = pisar_emitter_begin_document(em, "-", "und", NULL, err);
        if (!rc) rc = pisar_emitter_end_document(em, err);
        if (rc) return rc;
    }
    if (em->w) {
        switch (em->format) {
        case PISAR_FORMAT_TMX:
            X(nl(em, 1));
            X(xmlTextWriterEndElement(em->w)); /* body */
            X(xmlTextWriterWriteRaw(em->w, C("\n")));
            X(xmlTextWriterEndElement(em->w)); /* tmx */
            break;
        default:
            X(xmlTextWriterWriteRaw(em->w, C("\n")));
            X(xmlTextWriterEndElement(em->w)); /* xliff */
            break;
        }
        X(xmlTextWriterEndDocument(em->w)); /* writes the final newline */
        flush(em);
    }
    em->state = ST_DONE;
    return PISAR_OK;
}

/* ---------------------------------------------------------------- units */

/* The location note of a unit. */
static void location(pisar_emitter *em, char *buf, size_t cap, size_t sent)
{
    if (sent)
        snprintf(buf, cap, "%s, paragraph %zu, sentence %zu", em->name, em->para, sent);
    else if (em->para)
        snprintf(buf, cap, "%s, paragraph %zu", em->name, em->para);
    else
        snprintf(buf, cap, "%s, link %zu", em->name, em->pairs);
}

/* XLIFF 1.2 trans-unit holding one sentence (or one pair). */
static int x12_unit(pisar_emitter *em, const char *id, const char *src, const char *tgt,
                    const char *loc, const char *note, int depth, pisar_error *err)
{
    X(nl(em, depth));
    X(xmlTextWriterStartElement(em->w, C("trans-unit")));
    X(attr(em, "id", id));
    X(attr(em, "xml:space", "preserve"));
    X(nl(em, depth + 1));
    X(elem_text(em, "source", src));
    X(nl(em, depth + 1));
    X(xmlTextWriterStartElement(em->w, C("target")));
    if (em->tlang) X(attr(em, "xml:lang", em->tlang));
    X(attr(em, "state", *tgt ? "needs-translation" : "new"));
    if (*tgt) X(put_text(em, tgt));
    X(xmlTextWriterFullEndElement(em->w));
    X(nl(em, depth + 1));
    X(xmlTextWriterStartElement(em->w, C("note")));
    X(attr(em, "from", "pisar"));
    X(put_text(em, loc));
    X(xmlTextWriterEndElement(em->w));
    if (note && *note) {
        X(nl(em, depth + 1));
        X(xmlTextWriterStartElement(em->w, C("note")));
        X(attr(em, "from", "pisar"));
        X(attr(em, "annotates", "source"));
        X(put_text(em, note));
        X(xmlTextWriterEndElement(em->w));
    }
    X(nl(em, depth));
    X(xmlTextWriterEndElement(em->w));
    return PISAR_OK;
}

static int x2_notes(pisar_emitter *em, const char *loc, const char *note, int depth,
                    pisar_error *err)
{
    X(nl(em, depth));
    X(xmlTextWriterStartElement(em->w, C("notes")));
    X(nl(em, depth + 1));
    X(xmlTextWriterStartElement(em->w, C("note")));
    X(attr(em, "category", "location"));
    X(put_text(em, loc));
    X(xmlTextWriterEndElement(em->w));
    if (note && *note) {
        X(nl(em, depth + 1));
        X(xmlTextWriterStartElement(em->w, C("note")));
        X(attr(em, "category", "names"));
        X(attr(em, "appliesTo", "source"));
        X(put_text(em, note));
        X(xmlTextWriterEndElement(em->w));
    }
    X(nl(em, depth));
    X(xmlTextWriterEndElement(em->w));
    return PISAR_OK;
}

static int x2_segment(pisar_emitter *em, const char *id, const char *src, const char *tgt,
                      int depth, pisar_error *err)
{
    X(nl(em, depth));
    X(xmlTextWriterStartElement(em->w, C("segment")));
    X(attr(em, "id", id));
    X(attr(em, "state", *tgt ? "translated" : "initial"));
    X(nl(em, depth + 1));
    X(elem_text(em, "source", src));
    if (*tgt && em->tlang) {
        X(nl(em, depth + 1));
        X(elem_text(em, "target", tgt));
    }
    X(nl(em, depth));
    X(xmlTextWriterEndElement(em->w));
    return PISAR_OK;
}

static int tmx_tu(pisar_emitter *em, const char *id, const char *src, const char *tgt,
                  const char *loc, const char *note, pisar_error *err)
{
    X(nl(em, 2));
    X(xmlTextWriterStartElement(em->w, C("tu")));
    X(attr(em, "tuid", id));
    X(nl(em, 3));
    X(xmlTextWriterStartElement(em->w, C("prop")));
    X(attr(em, "type", "x-location"));
    X(put_text(em, loc));
    X(xmlTextWriterEndElement(em->w));
    if (note && *note) {
        X(nl(em, 3));
        X(elem_text(em, "note", note));
    }
    X(nl(em, 3));
    X(xmlTextWriterStartElement(em->w, C("tuv")));
    X(attr(em, "xml:lang", em->slang));
    X(elem_text(em, "seg", src));
    X(xmlTextWriterEndElement(em->w));
    if (em->tlang) {
        X(nl(em, 3));
        X(xmlTextWriterStartElement(em->w, C("tuv")));
        X(attr(em, "xml:lang", em->tlang));
        X(elem_text(em, "seg", tgt));
        X(xmlTextWriterEndElement(em->w));
    }
    X(nl(em, 2));
    X(xmlTextWriterEndElement(em->w));
    return PISAR_OK;
}

/* PO string: "..." with \\ \" \n \t \r escaped; a multi-line text is split
 * after each \n the way msgcat does it. */
static int po_string(pisar_buf *o, const char *kw, const char *s)
{
    int rc = pisar_buf_puts(o, kw);
    rc |= pisar_buf_puts(o, " \"");
    const char *nlp = strchr(s, '\n');
    if (nlp && nlp[1]) rc |= pisar_buf_puts(o, "\"\n\"");
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '\\':
            rc |= pisar_buf_puts(o, "\\\\");
            break;
        case '"':
            rc |= pisar_buf_puts(o, "\\\"");
            break;
        case '\t':
            rc |= pisar_buf_puts(o, "\\t");
            break;
        case '\r':
            rc |= pisar_buf_puts(o, "\\r");
            break;
        case '\n':
            rc |= pisar_buf_puts(o, "\\n");
            if (p[1]) rc |= pisar_buf_puts(o, "\"\n\"");
            break;
        default:
            rc |= pisar_buf_append(o, p, 1);
            break;
        }
    }
    rc |= pisar_buf_puts(o, "\"\n");
    return rc ? PISAR_ENOMEM : PISAR_OK;
}

/* PO comment lines: "#. " + text, one comment line per line of text. */
static int po_comment(pisar_buf *o, const char *s)
{
    int rc = pisar_buf_puts(o, "#. ");
    for (const char *p = s; *p; p++) {
        if (*p == '\n' || *p == '\r') {
            if (p[1]) rc |= pisar_buf_puts(o, "\n#. ");
        } else {
            rc |= pisar_buf_append(o, p, 1);
        }
    }
    rc |= pisar_buf_puts(o, "\n");
    return rc ? PISAR_ENOMEM : PISAR_OK;
}

static int po_unit(pisar_emitter *em, const char *id, const char *src, const char *tgt,
                   const char *loc, const char *note)
{
    pisar_buf *o = em->out;
    int rc = pisar_buf_puts(o, "\n");
    rc |= po_comment(o, loc);
    if (note && *note) rc |= po_comment(o, note);
    rc |= po_string(o, "msgctxt", id);
    rc |= po_string(o, "msgid", src);
    rc |= po_string(o, "msgstr", tgt);
    return rc ? PISAR_ENOMEM : PISAR_OK;
}

/* TSV field: \t \n \r \\ escaped as in PostgreSQL's text format. */
static int tsv_field(pisar_buf *o, const char *s)
{
    int rc = 0;
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '\\':
            rc |= pisar_buf_puts(o, "\\\\");
            break;
        case '\t':
            rc |= pisar_buf_puts(o, "\\t");
            break;
        case '\n':
            rc |= pisar_buf_puts(o, "\\n");
            break;
        case '\r':
            rc |= pisar_buf_puts(o, "\\r");
            break;
        default:
            rc |= pisar_buf_append(o, p, 1);
            break;
        }
    }
    return rc ? PISAR_ENOMEM : PISAR_OK;
}

static int jsonl_unit(pisar_emitter *em, const char *id, size_t sent, const char *src,
                      const char *tgt, const char *note)
{
    json_t *o = json_object();
    if (!o) return PISAR_ENOMEM;
    int rc = 0;
    rc |= json_object_set_new(o, "id", json_string(id));
    rc |= json_object_set_new(o, "document", json_string(em->name));
    if (em->para) {
        rc |= json_object_set_new(o, "paragraph", json_integer((json_int_t)em->para));
        rc |= json_object_set_new(o, "sentence", json_integer((json_int_t)sent));
    }
    rc |= json_object_set_new(o, "source_lang", json_string(em->slang));
    rc |= json_object_set_new(o, "source", json_string(src));
    if (em->tlang) rc |= json_object_set_new(o, "target_lang", json_string(em->tlang));
    rc |= json_object_set_new(o, "target", json_string(tgt));
    if (note && *note) rc |= json_object_set_new(o, "note", json_string(note));
    char *s = rc ? NULL : json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!s) return PISAR_ENOMEM;
    rc = pisar_buf_puts(em->out, s);
    rc |= pisar_buf_puts(em->out, "\n");
    free(s);
    return rc ? PISAR_ENOMEM : PISAR_OK;
}

/* The sentence s[0, n) on one line: its line breaks become spaces (appended
 * a run at a time, the breaks found 16 bytes at a step: emit_scan.h). */
static int txt_line_n(pisar_buf *o, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (pisar_buf_reserve(o, n + 1)) return PISAR_ENOMEM;
    int rc = 0;
    size_t run = 0;
    for (size_t p = emit_line_break(u, n); p < n; p = run + emit_line_break(u + run, n - run)) {
        rc |= pisar_buf_append(o, s + run, p - run);
        rc |= pisar_buf_append(o, " ", 1);
        run = p + 1;
    }
    rc |= pisar_buf_append(o, s + run, n - run);
    rc |= pisar_buf_append(o, "\n", 1);
    return rc ? PISAR_ENOMEM : PISAR_OK;
}

static int txt_line(pisar_buf *o, const char *s)
{
    return txt_line_n(o, s, strlen(s));
}

/* One sentence unit in the formats that have one unit per sentence. */
static int sentence_unit(pisar_emitter *em, size_t sent, const char *src, const char *note,
                         pisar_error *err)
{
    char id[64], loc[512];
    id[0] = loc[0] = '\0';
    if (em->format != PISAR_FORMAT_TXT) { /* TXT writes neither */
        snprintf(id, sizeof id, "d%zu.p%zu.s%zu", em->doc, em->para, sent);
        location(em, loc, sizeof loc, sent);
    }
    const char *tgt = (em->flags & PISAR_EMIT_COPY_SOURCE) ? src : "";
    int rc = PISAR_OK;
    switch (em->format) {
    case PISAR_FORMAT_XLIFF12:
        rc = x12_unit(em, id, src, tgt, loc, note, 4, err);
        break;
    case PISAR_FORMAT_TMX:
        rc = tmx_tu(em, id, src, tgt, loc, note, err);
        break;
    case PISAR_FORMAT_PO:
        rc = po_unit(em, id, src, tgt, loc, note);
        break;
    case PISAR_FORMAT_TSV:
        rc = pisar_buf_puts(em->out, id) | pisar_buf_puts(em->out, "\t") | tsv_field(em->out, src) |
             pisar_buf_puts(em->out, "\t") | tsv_field(em->out, tgt) |
             pisar_buf_puts(em->out, "\n");
        if (rc) rc = PISAR_ENOMEM;
        break;
    case PISAR_FORMAT_JSONL:
        rc = jsonl_unit(em, id, sent, src, tgt, note);
        break;
    case PISAR_FORMAT_TXT:
        rc = txt_line(em->out, src);
        break;
    default:
        rc = PISAR_EINVAL;
        break;
    }
    if (!rc) em->units++, em->doc_units++;
    return rc;
}

int pisar_emitter_paragraph(pisar_emitter *em, const char *text, size_t len,
                            const pisar_sentence *s, size_t n, const char *const *notes,
                            pisar_error *err)
{
    if (!em || (!text && len) || (!s && n)) return PISAR_EINVAL;
    if (em->state != ST_IN_DOC) return PISAR_ESTATE;
    size_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i].start < prev || s[i].end < s[i].start || s[i].end > len) return PISAR_EINVAL;
        prev = s[i].end;
    }
    int rc = check_utf8(text, len, err);
    if (rc) return rc;
    em->para++;
    /* the sentences that hold something */
    size_t first = n, last = 0, count = 0;
    for (size_t i = 0; i < n; i++)
        if (!all_ws(text + s[i].start, s[i].end - s[i].start)) {
            if (first == n) first = i;
            last = i;
            count++;
        }
    if (!count) return PISAR_OK;
    char id[64], loc[512];
    snprintf(id, sizeof id, "d%zu.p%zu", em->doc, em->para);
    int copy = (em->flags & PISAR_EMIT_COPY_SOURCE) != 0;

    switch (em->format) {
    case PISAR_FORMAT_XLIFF12:
        X(nl(em, 3));
        X(xmlTextWriterStartElement(em->w, C("group")));
        X(attr(em, "id", id));
        X(attr(em, "restype", "x-paragraph"));
        break;
    case PISAR_FORMAT_XLIFF12_SEGSOURCE:
    case PISAR_FORMAT_XLIFF21: {
        /* one unit for the paragraph: notes gathered from its sentences */
        pisar_buf *nb = &em->t3;
        pisar_buf_clear(nb);
        int nrc = 0;
        for (size_t i = first; notes && i <= last; i++)
            if (notes[i] && *notes[i]) {
                if (nb->len) nrc |= pisar_buf_puts(nb, "\n");
                nrc |= pisar_buf_puts(nb, notes[i]);
            }
        if (nrc || pisar_buf_append(nb, "", 0)) return PISAR_ENOMEM;
        pisar_buf *note = &em->t4;
        if ((rc = clean(em, nb->data, nb->len, 0, note, 0))) return rc;
        /* note text may contain forbidden characters too: cleaned silently
         * above (reported against offset 0 of the paragraph) */
        location(em, loc, sizeof loc, 0);
        if (em->format == PISAR_FORMAT_XLIFF21) {
            X(nl(em, 2));
            X(xmlTextWriterStartElement(em->w, C("unit")));
            X(attr(em, "id", id));
            X(attr(em, "xml:space", "preserve"));
            rc = x2_notes(em, loc, note->data, 3, err);
            if (rc) return rc;
            size_t k = 0, gap = 0;
            for (size_t i = first; i <= last; i++) {
                if (all_ws(text + s[i].start, s[i].end - s[i].start)) continue;
                if (k) {
                    /* the text between two sentences, kept as <ignorable> */
                    size_t a = s[gap].end, b = s[i].start;
                    if (b > a) {
                        char iid[96];
                        snprintf(iid, sizeof iid, "%s.i%zu", id, k);
                        if ((rc = clean(em, text + a, b - a, a, &em->t1, 1))) return rc;
                        X(nl(em, 3));
                        X(xmlTextWriterStartElement(em->w, C("ignorable")));
                        X(attr(em, "id", iid));
                        X(elem_text(em, "source", em->t1.data));
                        X(xmlTextWriterEndElement(em->w));
                    }
                }
                k++;
                gap = i;
                char sid[96];
                snprintf(sid, sizeof sid, "%s.s%zu", id, k);
                if ((rc = clean(em, text + s[i].start, s[i].end - s[i].start, s[i].start, &em->t1,
                                1)))
                    return rc;
                if ((rc = x2_segment(em, sid, em->t1.data, copy ? em->t1.data : "", 3, err)))
                    return rc;
                em->units++, em->doc_units++;
            }
            X(nl(em, 2));
            X(xmlTextWriterEndElement(em->w));
        } else {
            size_t a = s[first].start, b = s[last].end;
            if ((rc = clean(em, text + a, b - a, a, &em->t1, 1))) {
                return rc;
            }
            X(nl(em, 4));
            X(xmlTextWriterStartElement(em->w, C("trans-unit")));
            X(attr(em, "id", id));
            X(attr(em, "xml:space", "preserve"));
            X(nl(em, 5));
            X(elem_text(em, "source", em->t1.data));
            /* seg-source, then target with the same mrk structure */
            for (int pass = 0; pass < 2; pass++) {
                X(nl(em, 5));
                X(xmlTextWriterStartElement(em->w, C(pass ? "target" : "seg-source")));
                if (pass) {
                    if (em->tlang) X(attr(em, "xml:lang", em->tlang));
                    X(attr(em, "state", copy ? "needs-translation" : "new"));
                }
                size_t k = 0, gap = 0;
                for (size_t i = first; i <= last; i++) {
                    if (all_ws(text + s[i].start, s[i].end - s[i].start)) continue;
                    if (k && s[i].start > s[gap].end) {
                        if ((rc = clean(em, text + s[gap].end, s[i].start - s[gap].end, s[gap].end,
                                        &em->t2, 0))) {
                            return rc;
                        }
                        X(put_text(em, em->t2.data));
                    }
                    k++;
                    gap = i;
                    char mid[32];
                    snprintf(mid, sizeof mid, "%zu", k);
                    X(xmlTextWriterStartElement(em->w, C("mrk")));
                    X(attr(em, "mtype", "seg"));
                    X(attr(em, "mid", mid));
                    if (!pass || copy) {
                        if ((rc = clean(em, text + s[i].start, s[i].end - s[i].start, s[i].start,
                                        &em->t2, 0))) {
                            return rc;
                        }
                        X(put_text(em, em->t2.data));
                    }
                    X(xmlTextWriterFullEndElement(em->w));
                    if (!pass) em->units++, em->doc_units++;
                }
                X(xmlTextWriterFullEndElement(em->w));
            }
            X(nl(em, 5));
            X(xmlTextWriterStartElement(em->w, C("note")));
            X(attr(em, "from", "pisar"));
            X(put_text(em, loc));
            X(xmlTextWriterEndElement(em->w));
            if (note->len) {
                X(nl(em, 5));
                X(xmlTextWriterStartElement(em->w, C("note")));
                X(attr(em, "from", "pisar"));
                X(attr(em, "annotates", "source"));
                X(put_text(em, note->data));
                X(xmlTextWriterEndElement(em->w));
            }
            X(nl(em, 4));
            X(xmlTextWriterEndElement(em->w));
        }
        flush(em);
        return rc;
    }
    case PISAR_FORMAT_TXT:
        if (em->first_para_out && (rc = pisar_buf_puts(em->out, "\n"))) return PISAR_ENOMEM;
        em->first_para_out = 1;
        break;
    default:
        break;
    }
    size_t k = 0;
    for (size_t i = first; i <= last; i++) {
        const char *src = text + s[i].start;
        size_t sl = s[i].end - s[i].start;
        if (all_ws(src, sl)) continue;
        k++;
        /* TXT and a sentence with nothing to drop (the common one): written
         * from the paragraph, not through a cleaned copy */
        int direct = em->format == PISAR_FORMAT_TXT && !may_hold_forbidden((const void *)src, sl);
        if (!direct && (rc = clean(em, src, sl, s[i].start, &em->t1, 1))) return rc;
        const char *note = notes ? notes[i] : NULL;
        if (note && *note) {
            if ((rc = check_utf8(note, strlen(note), err))) return rc;
            if ((rc = clean(em, note, strlen(note), 0, &em->t2, 0))) return rc;
            note = em->t2.data;
        }
        if (direct) {
            if ((rc = txt_line_n(em->out, src, sl))) return rc;
            em->units++, em->doc_units++;
            continue;
        }
        if ((rc = sentence_unit(em, k, em->t1.data, note, err))) return rc;
    }
    if (em->format == PISAR_FORMAT_XLIFF12) {
        X(nl(em, 3));
        X(xmlTextWriterEndElement(em->w));
    }
    flush(em);
    return PISAR_OK;
}

int pisar_emitter_pair(pisar_emitter *em, const char *src, size_t slen, const char *tgt,
                       size_t tlen, const char *note, pisar_error *err)
{
    if (!em || (!src && slen) || (!tgt && tlen)) return PISAR_EINVAL;
    if (em->state != ST_IN_DOC) return PISAR_ESTATE;
    int rc;
    if ((rc = check_utf8(src ? src : "", slen, err)) ||
        (rc = check_utf8(tgt ? tgt : "", tlen, err)))
        return rc;
    if (note && (rc = check_utf8(note, strlen(note), err))) return rc;
    em->pairs++;
    size_t para = em->para;
    em->para = 0;
    rc = clean(em, src ? src : "", slen, 0, &em->t1, 1);
    if (!rc) rc = clean(em, tgt ? tgt : "", tlen, 0, &em->t2, 1);
    if (!rc) rc = clean(em, note ? note : "", note ? strlen(note) : 0, 0, &em->t3, 0);
    em->para = para;
    if (rc) return rc;
    char id[64], loc[512];
    snprintf(id, sizeof id, "d%zu.u%zu", em->doc, em->pairs);
    location(em, loc, sizeof loc, 0);
    snprintf(loc, sizeof loc, "%s, link %zu", em->name, em->pairs);
    const char *S = em->t1.data, *T = em->t2.data, *N = em->t3.data;
    switch (em->format) {
    case PISAR_FORMAT_XLIFF12:
    case PISAR_FORMAT_XLIFF12_SEGSOURCE:
        /* the 1.2 schema wants a non-empty unit; a 0-1 link keeps an empty source */
        rc = x12_unit(em, id, S, T, loc, N, 3, err);
        break;
    case PISAR_FORMAT_XLIFF21:
        X(nl(em, 2));
        X(xmlTextWriterStartElement(em->w, C("unit")));
        X(attr(em, "id", id));
        X(attr(em, "xml:space", "preserve"));
        if ((rc = x2_notes(em, loc, N, 3, err))) return rc;
        {
            char sid[96];
            snprintf(sid, sizeof sid, "%s.s1", id);
            if ((rc = x2_segment(em, sid, S, T, 3, err))) return rc;
        }
        X(nl(em, 2));
        X(xmlTextWriterEndElement(em->w));
        break;
    case PISAR_FORMAT_TMX:
        rc = tmx_tu(em, id, S, T, loc, N, err);
        break;
    case PISAR_FORMAT_PO:
        rc = po_unit(em, id, S, T, loc, N);
        break;
    case PISAR_FORMAT_TSV:
        rc = tsv_field(em->out, S) | pisar_buf_puts(em->out, "\t") | tsv_field(em->out, T) |
             pisar_buf_puts(em->out, "\n");
        if (rc) rc = PISAR_ENOMEM;
        break;
    case PISAR_FORMAT_JSONL:
        rc = jsonl_unit(em, id, 0, S, T, N);
        break;
    case PISAR_FORMAT_TXT:
        rc = tsv_field(em->out, S) | pisar_buf_puts(em->out, "\t") | tsv_field(em->out, T) |
             pisar_buf_puts(em->out, "\n");
        if (rc) rc = PISAR_ENOMEM;
        break;
    default:
        rc = PISAR_EINVAL;
        break;
    }
    if (!rc) em->units++, em->doc_units++;
    flush(em);
    return rc;
}
