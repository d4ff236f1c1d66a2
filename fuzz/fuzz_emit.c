/* fuzz_emit.c -- every writer on arbitrary bytes: the first byte picks the
 * format and flags, the rest is a paragraph cut into sentences at '.' and
 * '\n'. Invalid UTF-8 must be refused (PISAR_EILSEQ); anything accepted must
 * give a well-formed XML file (checked by parsing it back with libxml2) or, for
 * JSONL, lines that jansson parses. */
#include <jansson.h>
#include <libxml/parser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pisar/pisar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    pisar_format fmt = (pisar_format)(data[0] % PISAR_FORMAT_COUNT);
    unsigned flags = (data[0] & 0x80) ? PISAR_EMIT_COPY_SOURCE : 0;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    pisar_sentence *s = malloc((len + 1) * sizeof *s);
    if (!s) return 0;
    size_t n = 0, start = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '.' || text[i] == '\n') {
            s[n++] = (pisar_sentence){start, i + 1, 0};
            start = i + 1;
        }
    if (start < len) s[n++] = (pisar_sentence){start, len, 0};
    pisar_buf out = {0};
    pisar_emitter *em = NULL;
    if (pisar_emitter_new(&em, fmt, flags, &out, NULL)) abort();
    if (pisar_emitter_begin_document(em, "fuzz.txt", "ru", (data[0] & 0x40) ? "en" : NULL, NULL))
        abort();
    pisar_error err;
    int rc = pisar_emitter_paragraph(em, text, len, s, n, NULL, &err);
    if (rc && rc != PISAR_EILSEQ) abort();
    /* the whole input as one bilingual unit as well */
    rc = pisar_emitter_pair(em, text, len / 2, text + len / 2, len - len / 2, NULL, &err);
    if (rc && rc != PISAR_EILSEQ) abort();
    if (pisar_emitter_finish(em, NULL)) abort();
    if (pisar_format_is_xml(fmt)) {
        xmlDocPtr doc = xmlReadMemory(out.data, (int)out.len, "fuzz.xml", NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        if (!doc) abort();
        xmlFreeDoc(doc);
    } else if (fmt == PISAR_FORMAT_JSONL) {
        for (char *p = out.data; p && *p;) {
            char *e = strchr(p, '\n');
            if (!e) abort();
            json_error_t je;
            json_t *o = json_loadb(p, (size_t)(e - p), 0, &je);
            if (!o) abort();
            json_decref(o);
            p = e + 1;
        }
    }
    if (out.data && strlen(out.data) != out.len) abort(); /* no NUL in any output */
    pisar_emitter_free(em);
    pisar_buf_free(&out);
    free(s);
    return 0;
}
