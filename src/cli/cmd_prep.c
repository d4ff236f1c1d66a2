/* cmd_prep.c -- pisar prep: detect -> decode -> repair -> segment -> names ->
 * emit, from files in any encoding to translator-ready files.
 *
 * Each input is read twice: once to detect its encoding and to check that it
 * decodes (so a bad input is rejected before any of it is written), then
 * again to decode, repair, segment and emit it paragraph by paragraph, so
 * memory is bounded by the largest paragraph (an input the first pass
 * proved to be UTF-8 is not decoded again: u8pass below). Standard input is held in
 * memory up to 4 MB and spooled to a temporary file past that (spool.c).
 * Outputs are written to a temporary file and renamed into place. */
#include "cli.h"
#include "u8chunk.h"
#include "paragraphs.h"
#include "prep_names.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SUB "prep"
#define CHUNK 65536
#define SAMPLE (1u << 20)
#define MAX_PARAGRAPH (1u << 20) /* a longer paragraph is cut (paragraph_cut) */

static void usage(FILE *f)
{
    fprintf(f,
            "usage: pisar prep [OPTIONS] FILE...\n\n"
            "The whole pipeline: detect the encoding and language of each FILE ('-' = stdin),\n"
            "decode to UTF-8, repair, split into sentences, find names, and write files for\n"
            "translators.\n\n"
            "options:\n"
            "  -f, --format F       xliff (XLIFF 1.2, default), xliff-segsource, xliff2 (2.1),\n"
            "                       tmx, po, tsv, jsonl, txt\n"
            "  -o, --output OUT     an existing directory or a path ending in '/': one file per\n"
            "                       input, named after it; any other path: one combined file;\n"
            "                       default: stdout\n"
            "      --lang L         source language (default: detected)\n"
            "      --from ENC       source encoding (default: detected)\n"
            "      --target-lang L  target language\n"
            "      --copy-source    copy each source sentence into its target (OmegaT 3.6)\n"
            "      --report FILE    what was detected, repaired and canonicalised ('-' = stderr)\n"
            "      --paragraphs M   auto (default): a paragraph a line when the text's lines\n"
            "                       are paragraphs (scraped articles), else at empty lines;\n"
            "                       blank: at empty lines; line: at every line break\n"
            "      --jsonl          JSON Lines records on stdin, one result each on stdout\n"
            "      --html PAGE      also write a self-contained review page\n"
            "  -h, --help           this help\n\n"
            "Exit status: 0 all done, 1 some inputs failed (the others were written), 2 usage.\n");
}

typedef struct {
    pisar_format format;
    const char *lang, *from, *target;
    unsigned flags;
    FILE *report;
    char *first_lang; /* combined output: the first document's language */
} prep_opts;

/* Where one input comes from: a file read again for each pass, or stdin
 * held in memory or spooled during the first (cli_input, spool.c). */
typedef struct {
    const char *path;
    cli_input in;
    int failed; /* a read failed (reported) */
} source;

static size_t src_read(source *s, char *buf, size_t n)
{
    long r = s->failed ? 0 : cli_input_read(&s->in, buf, n);
    if (r < 0) s->failed = 1;
    return r > 0 ? (size_t)r : 0;
}

static int src_rewind(source *s)
{
    return cli_input_rewind(&s->in);
}

static int src_error(source *s)
{
    return s->failed;
}

/* Output sink: a FILE written from the emitter's buffer as it fills. */
typedef struct {
    FILE *f;
    char *final, *tmp; /* NULL for stdout; tmp NULL too for a device or FIFO */
    int failed;
} sink;

static int sink_open(sink *k, const char *path)
{
    memset(k, 0, sizeof *k);
    if (!path) {
        k->f = stdout;
        return 0;
    }
    size_t n = strlen(path);
    k->final = malloc(n + 1);
    k->tmp = malloc(n + 16);
    if (!k->final || !k->tmp) {
        cli_error(SUB, "out of memory");
        return -1;
    }
    memcpy(k->final, path, n + 1);
    /* a device or a FIFO (-o /dev/null, -o /dev/stdout) is written as it
     * is: a file renamed over it would replace the device */
    if (cli_not_regular(path)) {
        free(k->tmp);
        k->tmp = NULL;
        if (!(k->f = fopen(path, "wb"))) {
            cli_error(SUB, "%s: cannot open: %s", path, strerror(errno));
            return -1;
        }
        return 0;
    }
    /* temporary file beside the final one, so rename() is atomic */
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(k->tmp, n + 16, "%.*s.%s.XXXXXX", (int)dir, path, path + dir);
    int fd = mkstemp(k->tmp);
    if (fd < 0 || !(k->f = fdopen(fd, "wb"))) {
        cli_error(SUB, "%s: cannot create: %s", path, strerror(errno));
        if (fd >= 0) close(fd), unlink(k->tmp);
        return -1;
    }
    fchmod(fd, 0644);
    return 0;
}

static int sink_write(sink *k, pisar_buf *b)
{
    if (!k->failed && b->len && fwrite(b->data, 1, b->len, k->f) != b->len) {
        cli_error(SUB, "%s: write error: %s", k->final ? k->final : "stdout", strerror(errno));
        k->failed = 1;
    }
    pisar_buf_clear(b);
    return k->failed ? -1 : 0;
}

/* Close; keep the output (rename into place) only when `keep` and all went well. */
static int sink_close(sink *k, int keep)
{
    int rc = 0;
    if (k->f == stdout) {
        if (fflush(stdout)) rc = -1;
    } else if (k->f && !k->tmp) {
        if (fclose(k->f)) k->failed = 1;
        rc = k->failed ? -1 : 0;
    } else if (k->f) {
        if (fflush(k->f) || fsync(fileno(k->f))) k->failed = 1;
        if (fclose(k->f)) k->failed = 1;
        if (keep && !k->failed) {
            if (rename(k->tmp, k->final)) {
                cli_error(SUB, "%s: %s", k->final, strerror(errno));
                rc = -1;
            }
        } else {
            unlink(k->tmp);
            rc = k->failed ? -1 : 0;
        }
    }
    free(k->final);
    free(k->tmp);
    k->f = NULL;
    k->final = k->tmp = NULL;
    return rc;
}

/* What happened to one input, for the report. */
typedef struct {
    const char *path;
    FILE *report;
    size_t paragraph; /* current, 1-based */
    uint64_t repairs, drops, names, paragraphs, sentences;
} stats;

static void rprintf(stats *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void rprintf(stats *st, const char *fmt, ...)
{
    if (!st->report) return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(st->report, fmt, ap);
    va_end(ap);
}

static void on_repair(void *ctx, const pisar_repair *r)
{
    stats *st = ctx;
    st->repairs++;
    rprintf(st, "  repair: paragraph %zu, byte %zu: %s \"%.*s\" -> \"%.*s\" (%s)\n", st->paragraph,
            r->offset, r->kind == PISAR_REPAIR_MOJIBAKE ? "mojibake" : "homoglyph",
            (int)r->before_len, r->before, (int)r->after_len, r->after, r->how ? r->how : "");
}

static void on_drop(void *ctx, const pisar_drop *d)
{
    stats *st = ctx;
    st->drops++;
    cli_error(SUB,
              "%s: paragraph %zu, byte %zu of the paragraph: removed U+%04X (not allowed "
              "in the output)",
              st->path, d->paragraph, d->offset, (unsigned)d->codepoint);
    rprintf(st, "  removed: paragraph %zu, byte %zu: U+%04X\n", d->paragraph, d->offset,
            (unsigned)d->codepoint);
}

/* Pass 1: detect the encoding (bounded sample) and check the input decodes. */
static int check_input(source *s, const prep_opts *o, pisar_encoding *enc, const char **lang,
                       pisar_detection *det, int *checked)
{
    *checked = 0;
    char *chunk = malloc(CHUNK);
    if (!chunk) return -1;
    memset(det, 0, sizeof *det);
    det->language = "und";
    if (o->from) {
        *enc = pisar_encoding_from_name(o->from);
        det->encoding = *enc;
        det->confidence = 1;
    } else {
        pisar_detector *d = pisar_detector_new();
        if (!d) {
            cli_error(SUB, "%s: out of memory", s->path);
            free(chunk);
            return -1;
        }
        pisar_detector_set_sample(d, SAMPLE);
        size_t n;
        while ((n = src_read(s, chunk, CHUNK)) > 0)
            if (pisar_detector_feed(d, chunk, n) == 1) break;
        int drc = pisar_detector_finish(d);
        if (drc >= 0) drc = pisar_detector_result(d, det);
        pisar_detector_free(d);
        if (drc < 0) {
            cli_error(SUB, "%s: detection failed: %s", s->path, pisar_strerror(drc));
            free(chunk);
            return -1;
        }
        *enc = det->encoding;
        if (src_error(s) || src_rewind(s)) {
            free(chunk);
            return -1;
        }
    }
    if (*enc == PISAR_ENC_BINARY || *enc == PISAR_ENC_UNKNOWN) {
        cli_error(SUB, "%s: %s", s->path,
                  *enc == PISAR_ENC_BINARY ? "not text (binary data)" : "encoding not recognised");
        free(chunk);
        return -1;
    }
    *lang = o->lang ? o->lang : (det->language ? det->language : "und");
    if (*enc == PISAR_ENC_UTF8 || *enc == PISAR_ENC_ASCII) {
        /* checked in place (u8chunk.h); the decoder below runs only to say
         * where the input fails */
        u8chunk u = {.ascii = *enc == PISAR_ENC_ASCII};
        int ok = 1;
        size_t n;
        while (ok && (n = src_read(s, chunk, CHUNK)) > 0)
            ok = u8chunk_feed(&u, (const unsigned char *)chunk, n);
        int io = src_error(s);
        if (src_rewind(s)) io = 1;
        if (io || (ok && u8chunk_finish(&u))) {
            free(chunk);
            *checked = !io;
            return io ? -1 : 0;
        }
    }
    pisar_decoder *dec = NULL;
    int rc = pisar_decoder_new(&dec, *enc, 0);
    pisar_buf out = {0};
    pisar_error err = {0};
    size_t n;
    while (!rc && (n = src_read(s, chunk, CHUNK)) > 0) {
        rc = pisar_decoder_feed(dec, chunk, n, &out, &err);
        pisar_buf_clear(&out);
    }
    if (!rc) rc = src_error(s) ? PISAR_EIO : pisar_decoder_finish(dec, &out, &err);
    if (rc && rc != PISAR_EIO) {
        if (rc == PISAR_EILSEQ || rc == PISAR_ETRUNC)
            cli_error(SUB, "%s: byte %llu: %s as %s", s->path, (unsigned long long)err.offset,
                      rc == PISAR_ETRUNC ? "input ends inside a character"
                                         : "invalid byte sequence",
                      pisar_encoding_name(*enc));
        else
            cli_error(SUB, "%s: %s", s->path, pisar_strerror(rc));
    }
    pisar_decoder_free(dec);
    pisar_buf_free(&out);
    free(chunk);
    if (!rc && src_rewind(s)) rc = PISAR_EIO;
    return rc ? -1 : 0;
}

/* --paragraphs: -1 auto (guessed from each input's first block), or
 * PISAR_PARAGRAPHS_BLANK / _LINE. */
static int prep_paragraphs = -1;

typedef struct {
    pisar_normalizer *norm;
    pisar_segmenter *seg;
    prep_names *names;
    pisar_emitter *em;
    pisar_buf text; /* the repaired paragraph */
    pisar_sentence *sent;
    char **notes;
    size_t cap;
    stats *st;
} pipeline;

static int is_sp(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Repair, segment, find names in and emit one paragraph. */
static int do_paragraph(pipeline *p, const char *t, size_t n, sink *k, pisar_buf *out)
{
    while (n && is_sp(*t))
        t++, n--;
    while (n && is_sp(t[n - 1]))
        n--;
    if (!n) return 0;
    pisar_error err = {0};
    p->st->paragraph++;
    pisar_buf_clear(&p->text);
    int rc = pisar_normalizer_apply(p->norm, t, n, &p->text, &err);
    if (rc) {
        cli_error(SUB, "%s: paragraph %zu: repair failed: %s", p->st->path, p->st->paragraph,
                  pisar_strerror(rc));
        return -1;
    }
    size_t ns = 0;
    if (!p->text.data && (rc = pisar_buf_append(&p->text, "", 0))) {
        cli_error(SUB, "%s: paragraph %zu: %s", p->st->path, p->st->paragraph, pisar_strerror(rc));
        return -1;
    }
    pisar_sentence s;
    int set = pisar_segmenter_set_text(p->seg, p->text.data, p->text.len);
    rc = set;
    while (!set && (rc = pisar_segmenter_next(p->seg, &s)) == 1) {
        if (ns == p->cap) {
            size_t cap = p->cap ? 2 * p->cap : 64;
            pisar_sentence *ns2 = realloc(p->sent, cap * sizeof *ns2);
            char **nn = ns2 ? realloc(p->notes, cap * sizeof *nn) : NULL;
            if (ns2) p->sent = ns2;
            if (!nn) {
                cli_error(SUB, "%s: paragraph %zu: out of memory", p->st->path, p->st->paragraph);
                return -1;
            }
            p->notes = nn;
            p->cap = cap;
        }
        p->notes[ns] = NULL;
        p->sent[ns++] = s;
    }
    if (rc < 0) {
        cli_error(SUB, "%s: paragraph %zu: segmentation failed: %s", p->st->path, p->st->paragraph,
                  pisar_strerror(rc));
        return -1;
    }
    /* a paragraph the names stage refuses only goes without notes; running
     * out of memory fails the input; without a names stage (no one would
     * read its notes) there are none */
    int names_oom = p->names && prep_names_paragraph(p->names, p->text.data, p->text.len) &&
                    prep_names_oom(p->names);
    for (size_t i = 0; i < ns && !names_oom && p->names; i++) {
        p->notes[i] = prep_names_note(p->names, p->text.data + p->sent[i].start,
                                      p->sent[i].end - p->sent[i].start);
        if (!p->notes[i] && prep_names_oom(p->names)) names_oom = 1;
        /* the report lists each spelling that differs from the canonical one */
        for (const char *c = prep_names_changes(p->names); *c;) {
            const char *e = strchr(c, '\n');
            size_t l = e ? (size_t)(e - c) : strlen(c);
            rprintf(p->st, "  name: paragraph %zu, sentence %zu: %.*s\n", p->st->paragraph, i + 1,
                    (int)l, c);
            c += l + (e != NULL);
        }
    }
    p->st->paragraphs++;
    p->st->sentences += ns;
    rc = names_oom ? PISAR_ENOMEM
                   : pisar_emitter_paragraph(p->em, p->text.data, p->text.len, p->sent, ns,
                                             (const char *const *)p->notes, &err);
    for (size_t i = 0; i < ns; i++)
        free(p->notes[i]);
    if (rc) {
        cli_error(SUB, "%s: paragraph %zu: %s", p->st->path, p->st->paragraph,
                  err.message[0] ? err.message : pisar_strerror(rc));
        return -1;
    }
    return sink_write(k, out);
}

/* Where to cut t[0..n) (n > MAX_PARAGRAPH, no paragraph break in it): the
 * length of the first piece, at most MAX_PARAGRAPH, never inside a UTF-8
 * character. */
static size_t paragraph_cut(const char *t, size_t n)
{
    size_t lim = n < MAX_PARAGRAPH ? n : MAX_PARAGRAPH, any = 0;
    for (size_t i = lim; i > lim / 2; i--) {
        if (t[i - 1] != '\n') continue;
        size_t j = i - 1;
        while (j > 0 && (t[j - 1] == ' ' || t[j - 1] == '\t' || t[j - 1] == '\r'))
            j--;
        unsigned char c = j ? (unsigned char)t[j - 1] : 0;
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '"' ||
            c == 0xBB /* the end of » and … */ || c == 0xA6)
            return i;
        if (!any) any = i;
    }
    if (any) return any;
    for (size_t i = lim; i > lim / 2; i--)
        if (t[i - 1] == ' ') return i;
    size_t i = lim;
    while (i > 1 && ((unsigned char)t[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* Pass 2 of an input the first pass proved to be UTF-8 (or ASCII): what
 * the decoder with PISAR_DECODE_EOL_LF makes of it, without decoding it
 * again -- the byte order mark at offset 0 dropped, CR LF and a lone CR
 * made LF (a CR LF cut by a chunk's end too), a character cut by a chunk's
 * end held back for the next -- copied a run at a time. */
typedef struct {
    unsigned char head[4]; /* the first bytes (for the BOM), then a cut character */
    size_t nhead;
    int started, cr;
} u8pass;

static int u8pass_eol(u8pass *u, const char *s, size_t n, pisar_buf *t)
{
    size_t run = 0;
    int rc;
    if (u->cr && n && s[0] == '\n') run = 1; /* the LF of a CR LF: written with the CR */
    const char *p = s + run;
    while ((p = memchr(p, '\r', n - (size_t)(p - s)))) {
        size_t i = (size_t)(p - s);
        if ((rc = pisar_buf_append(t, s + run, i - run)) || (rc = pisar_buf_append(t, "\n", 1)))
            return rc;
        run = i + 1;
        if (run < n && s[run] == '\n') run++;
        p = s + run;
    }
    if (n) u->cr = s[n - 1] == '\r';
    return run < n ? pisar_buf_append(t, s + run, n - run) : PISAR_OK;
}

static int u8pass_feed(u8pass *u, const char *s, size_t n, pisar_buf *t)
{
    int rc;
    if (!u->started) {
        while (u->nhead < 3 && n)
            u->head[u->nhead++] = (unsigned char)*s++, n--;
        if (u->nhead < 3) return PISAR_OK;
        u->started = 1;
        int bom = u->head[0] == 0xEF && u->head[1] == 0xBB && u->head[2] == 0xBF;
        size_t keep = 3, j = 3;
        /* a character of the first three bytes that goes on past them */
        while (j > 0 && (u->head[j - 1] & 0xC0) == 0x80)
            j--;
        if (!bom && j > 0 && u->head[j - 1] >= 0xC0) {
            unsigned char b = u->head[j - 1];
            size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
            if (3 - (j - 1) < need) keep = j - 1;
        }
        if (!bom && (rc = u8pass_eol(u, (const char *)u->head, keep, t))) return rc;
        u->nhead = bom ? 0 : 3 - keep;
        if (u->nhead) memmove(u->head, u->head + keep, u->nhead);
    }
    /* complete the character cut by the last chunk's end */
    while (u->nhead && n) {
        unsigned char b = u->head[0];
        size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        if (u->nhead >= need) break; /* (a lead byte heads the cut character) */
        u->head[u->nhead++] = (unsigned char)*s++, n--;
        if (u->nhead == need) {
            if ((rc = u8pass_eol(u, (const char *)u->head, need, t))) return rc;
            u->nhead = 0;
        }
    }
    if (!n) return PISAR_OK;
    /* hold back a character cut by this chunk's end */
    size_t j = n, end = n;
    while (j > 0 && n - j < 3 && ((unsigned char)s[j - 1] & 0xC0) == 0x80)
        j--;
    if (j > 0 && (unsigned char)s[j - 1] >= 0xC0) {
        unsigned char b = (unsigned char)s[j - 1];
        size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        if (n - (j - 1) < need) end = j - 1;
    }
    if ((rc = u8pass_eol(u, s, end, t))) return rc;
    u->nhead = n - end;
    memcpy(u->head, s + end, u->nhead);
    return PISAR_OK;
}

/* The end of the input: the first bytes of a text shorter than 3 bytes
 * (no BOM fits; a valid text has no cut character left). */
static int u8pass_finish(u8pass *u, pisar_buf *t)
{
    int rc = PISAR_OK;
    if (u->nhead) rc = u8pass_eol(u, (const char *)u->head, u->nhead, t);
    u->nhead = 0;
    u->started = 1;
    return rc;
}

/* Pass 2: decode, split into paragraphs, and run each through the pipeline
 * (with the names stage when `names`). */
static int process(source *s, pisar_encoding enc, const char *lang, pisar_emitter *em, sink *k,
                   pisar_buf *out, stats *st, int names, int checked)
{
    u8pass u8 = {0};
    pipeline p = {0};
    p.em = em;
    p.st = st;
    pisar_decoder *dec = NULL;
    pisar_buf raw = {0};
    char *chunk = malloc(CHUNK);
    int rc = chunk ? 0 : PISAR_ENOMEM;
    if (!rc) rc = pisar_normalizer_new(&p.norm, PISAR_NORM_ALL);
    if (rc) {
        cli_error(SUB, "%s: %s", s->path, pisar_strerror(rc));
        rc = -1;
    }
    if (!rc) pisar_normalizer_on_repair(p.norm, on_repair, st);
    if (!rc && pisar_segmenter_new(&p.seg, lang, NULL) &&
        pisar_segmenter_new(&p.seg, "und", NULL)) {
        cli_error(SUB, "%s: no sentence rules for language %s", s->path, lang);
        rc = -1;
    }
    if (!rc && names && !(p.names = prep_names_new(lang))) {
        cli_error(SUB, "%s: out of memory", s->path);
        rc = -1;
    }
    int drc;
    if (!rc && !checked && (drc = pisar_decoder_new(&dec, enc, PISAR_DECODE_EOL_LF))) {
        cli_error(SUB, "%s: cannot decode %s: %s", s->path, pisar_encoding_name(enc),
                  pisar_strerror(drc));
        rc = -1;
    }
    pisar_error err = {0};
    size_t scan = 0, n;
    int lines = -1;
    while (!rc) {
        n = src_read(s, chunk, CHUNK);
        int last = n == 0;
        if (last) {
            if (src_error(s)) { /* src_error reports it */
                rc = -1;
                break;
            }
            if ((drc =
                     checked ? u8pass_finish(&u8, &raw) : pisar_decoder_finish(dec, &raw, &err))) {
                cli_error(SUB, "%s: byte %llu: cannot decode: %s", s->path,
                          (unsigned long long)err.offset, pisar_strerror(drc));
                rc = -1;
                break;
            }
        } else if (checked ? u8pass_feed(&u8, chunk, n, &raw)
                           : pisar_decoder_feed(dec, chunk, n, &raw, &err)) {
            cli_error(SUB, "%s: byte %llu: cannot decode", s->path, (unsigned long long)err.offset);
            rc = -1;
            break;
        }
        size_t pend, next, done = 0;
        if (lines < 0)
            lines = prep_paragraphs >= 0 ? prep_paragraphs
                                         : pisar_segment_guess_paragraphs(raw.data, raw.len);
        while (!rc && (next = prep_find_break(raw.data, raw.len, scan > done ? scan : done, &pend,
                                              lines, done, 1))) {
            rc = do_paragraph(&p, raw.data + done, pend - done, k, out);
            done = next;
        }
        if (last) {
            if (!rc) rc = do_paragraph(&p, raw.data + done, raw.len - done, k, out);
            break;
        }
        /* an unfinished paragraph past MAX_PARAGRAPH (a text without empty
         * lines whose lines are not paragraphs) is cut, so memory stays
         * bounded: after its last line that ends a sentence, else after its
         * last line, else at its last space */
        while (!rc && raw.len - done > MAX_PARAGRAPH) {
            size_t cut = paragraph_cut(raw.data + done, raw.len - done);
            rc = do_paragraph(&p, raw.data + done, cut, k, out);
            done += cut;
        }
        /* keep the unfinished paragraph; rescan only its last line */
        if (done) {
            memmove(raw.data, raw.data + done, raw.len - done);
            raw.len -= done;
            raw.data[raw.len] = '\0';
        }
        scan = raw.len;
        while (scan > 0 && raw.data[scan - 1] != '\n')
            scan--;
        scan = scan ? scan - 1 : 0;
        while (scan > 0 && raw.data[scan - 1] != '\n')
            scan--;
    }
    pisar_decoder_free(dec);
    pisar_normalizer_free(p.norm);
    pisar_segmenter_free(p.seg);
    st->names = prep_names_mentions(p.names);
    prep_names_free(p.names);
    pisar_buf_free(&p.text);
    pisar_buf_free(&raw);
    free(p.sent);
    free(p.notes);
    free(chunk);
    return rc;
}

static int open_source(source *s, const char *path)
{
    memset(s, 0, sizeof *s);
    s->path = strcmp(path, "-") ? path : "(stdin)"; /* for messages */
    struct stat sb;
    if (strcmp(path, "-") && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        cli_error(SUB, "%s: is a directory", path);
        return -1;
    }
    return cli_input_open(&s->in, SUB, path, strcmp(path, "-") ? path : "(stdin)");
}

static void close_source(source *s)
{
    cli_input_close(&s->in);
}

/* One input into emitter `em` (already created); returns 0 or -1. */
static int prep_one(const char *path, prep_opts *o, pisar_emitter *em, sink *k, pisar_buf *out)
{
    source s;
    stats st = {.path = path, .report = o->report};
    pisar_emitter_on_drop(em, on_drop, &st);
    if (open_source(&s, path)) {
        rprintf(&st, "%s: failed\n", path);
        return -1;
    }
    pisar_encoding enc;
    const char *lang;
    pisar_detection det;
    int checked;
    int rc = check_input(&s, o, &enc, &lang, &det, &checked);
    if (rc) {
        rprintf(&st, "%s: failed\n", path);
        close_source(&s);
        return -1;
    }
    rprintf(&st, "%s: encoding %s (confidence %.2f%s), language %s%s\n", path,
            pisar_encoding_name(enc), det.confidence, o->from ? ", given" : "", lang,
            o->lang ? " (given)" : "");
    pisar_error err = {0};
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (!strcmp(path, "-")) base = "stdin";
    /* XLIFF 2 and TMX name one source language for the whole file */
    if ((o->format == PISAR_FORMAT_XLIFF21 || o->format == PISAR_FORMAT_TMX) && o->first_lang) {
        if (!o->first_lang[0])
            snprintf(o->first_lang, 36, "%s", lang);
        else if (strcmp(o->first_lang, lang))
            cli_error(SUB,
                      "warning: %s: language %s, but this %s file's source language is %s "
                      "(use -o DIR/ for one file per input)",
                      path, lang, pisar_format_name(o->format), o->first_lang);
    }
    rc = pisar_emitter_begin_document(em, base, lang, o->target, &err);
    if (rc) {
        cli_error(SUB, "%s: %s", path, err.message[0] ? err.message : pisar_strerror(rc));
    } else {
        /* the names stage writes notes, which TXT and TSV have no place
         * for, and the report's lines: without either, it is skipped */
        int names = o->report || (o->format != PISAR_FORMAT_TXT && o->format != PISAR_FORMAT_TSV);
        rc = process(&s, enc, lang, em, k, out, &st, names, checked);
        if (!rc && pisar_emitter_end_document(em, &err)) rc = -1;
        if (!rc) rc = sink_write(k, out);
    }
    rprintf(&st,
            "%s: %llu paragraphs, %llu sentences, %llu repairs, %llu name mentions, %llu removed "
            "characters: %s\n",
            path, (unsigned long long)st.paragraphs, (unsigned long long)st.sentences,
            (unsigned long long)st.repairs, (unsigned long long)st.names,
            (unsigned long long)st.drops, rc ? "failed" : "ok");
    close_source(&s);
    return rc ? -1 : 0;
}

static int seen_before(const char **paths, size_t n, const char *p)
{
    for (size_t i = 0; i < n; i++)
        if (paths[i] && !strcmp(paths[i], p)) return 1;
    return 0;
}

static int is_dir_target(const char *o)
{
    struct stat sb;
    size_t n = strlen(o);
    return (n && o[n - 1] == '/') || (stat(o, &sb) == 0 && S_ISDIR(sb.st_mode));
}

int cmd_prep(int argc, char **argv)
{
    prep_opts o = {.format = PISAR_FORMAT_XLIFF12};
    const char *outpath = NULL, *report = NULL;
    const char **files = calloc((size_t)argc, sizeof *files);
    size_t nfiles = 0;
    if (!files) return EXIT_SOME_FAILED;
    int only_files = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDV                                                                                      \
    do {                                                                                           \
        if (!v) {                                                                                  \
            cli_error(SUB, "%s needs a value", a);                                                 \
            free(files);                                                                           \
            return EXIT_USAGE;                                                                     \
        }                                                                                          \
        i++;                                                                                       \
    } while (0)
        if (only_files || a[0] != '-' || !strcmp(a, "-"))
            files[nfiles++] = a;
        else if (!strcmp(a, "--"))
            only_files = 1;
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            free(files);
            return EXIT_ALL_DONE;
        } else if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
            NEEDV;
            int f = pisar_format_from_name(v);
            if (f < 0) {
                cli_error(SUB,
                          "unknown format '%s' (xliff, xliff-segsource, xliff2, tmx, po, "
                          "tsv, jsonl, txt)",
                          v);
                free(files);
                return EXIT_USAGE;
            }
            o.format = (pisar_format)f;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            NEEDV;
            outpath = v;
        } else if (!strcmp(a, "--lang")) {
            NEEDV;
            o.lang = v;
        } else if (!strcmp(a, "--from")) {
            NEEDV;
            o.from = v;
            if (pisar_encoding_from_name(v) == PISAR_ENC_UNKNOWN) {
                cli_error(SUB, "unknown encoding '%s'", v);
                free(files);
                return EXIT_USAGE;
            }
        } else if (!strcmp(a, "--paragraphs")) {
            NEEDV;
            if (!strcmp(v, "auto"))
                prep_paragraphs = -1;
            else if (!strcmp(v, "blank"))
                prep_paragraphs = PISAR_PARAGRAPHS_BLANK;
            else if (!strcmp(v, "line"))
                prep_paragraphs = PISAR_PARAGRAPHS_LINE;
            else {
                cli_error(SUB, "unknown --paragraphs '%s' (auto, blank or line)", v);
                free(files);
                return EXIT_USAGE;
            }
        } else if (!strcmp(a, "--target-lang")) {
            NEEDV;
            o.target = v;
        } else if (!strcmp(a, "--copy-source"))
            o.flags |= PISAR_EMIT_COPY_SOURCE;
        else if (!strcmp(a, "--report")) {
            NEEDV;
            report = v;
        } else {
            cli_error(SUB, "unknown option '%s' (see pisar prep --help)", a);
            free(files);
            return EXIT_USAGE;
        }
#undef NEEDV
    }
    if (cli_jsonl) { /* --jsonl: records on stdin (jsonl.c) */
        int st = cli_jsonl_stdin_only(SUB, files, nfiles)
                     ? EXIT_USAGE
                     : cli_jsonl_prep(o.lang, o.from, o.target);
        free(files);
        return st;
    }
    if (!nfiles) {
        usage(stderr);
        free(files);
        return EXIT_USAGE;
    }
    int status = EXIT_ALL_DONE;
    if (report) {
        if (!strcmp(report, "-"))
            o.report = stderr;
        else if (!(o.report = fopen(report, "w"))) {
            cli_error(SUB, "%s: %s", report, strerror(errno));
            free(files);
            return EXIT_SOME_FAILED;
        }
    }
    pisar_buf out = {0};
    if (outpath && is_dir_target(outpath)) {
        char **done = calloc(nfiles + 1, sizeof *done);
        if (!done) nfiles = 0, status = EXIT_SOME_FAILED;
        if (mkdir(outpath, 0777) && errno != EEXIST) {
            cli_error(SUB, "%s: %s", outpath, strerror(errno));
            status = EXIT_SOME_FAILED;
            nfiles = 0;
        }
        for (size_t i = 0; i < nfiles; i++) {
            const char *base = strrchr(files[i], '/');
            base = base ? base + 1 : files[i];
            if (!strcmp(files[i], "-")) base = "stdin";
            const char *ext = pisar_format_extension(o.format);
            size_t n = strlen(outpath) + strlen(base) + strlen(ext) + 3;
            char *path = malloc(n);
            if (!path) {
                status = EXIT_SOME_FAILED;
                break;
            }
            size_t ol = strlen(outpath);
            snprintf(path, n, "%s%s%s.%s", outpath, outpath[ol - 1] == '/' ? "" : "/", base, ext);
            /* two inputs with the same name (a/x.txt, b/x.txt): x.txt.xlf, x.txt-2.xlf */
            for (unsigned dup = 2; seen_before((const char **)done, i, path); dup++) {
                char *p2 = malloc(n + 16);
                if (!p2) break;
                snprintf(p2, n + 16, "%s%s%s-%u.%s", outpath, outpath[ol - 1] == '/' ? "" : "/",
                         base, dup, ext);
                free(path);
                path = p2;
            }
            done[i] = path;
            sink k;
            pisar_emitter *em = NULL;
            int ok = sink_open(&k, path) == 0;
            if (ok && pisar_emitter_new(&em, o.format, o.flags, &out, NULL)) ok = 0;
            if (ok) ok = prep_one(files[i], &o, em, &k, &out) == 0;
            if (ok) ok = pisar_emitter_finish(em, NULL) == 0 && sink_write(&k, &out) == 0;
            pisar_buf_clear(&out);
            if (k.f && sink_close(&k, ok)) ok = 0;
            if (!ok) status = EXIT_SOME_FAILED;
            pisar_emitter_free(em);
        }
        for (size_t i = 0; i < nfiles; i++)
            free(done[i]);
        free(done);
    } else {
        /* one combined output: inputs that fail are checked before any of
         * their text is written, so they leave nothing behind */
        sink k;
        pisar_emitter *em = NULL;
        char first[36] = "";
        o.first_lang = first;
        int ok = sink_open(&k, outpath) == 0, done = 0;
        if (ok && pisar_emitter_new(&em, o.format, o.flags, &out, NULL)) ok = 0;
        /* after a write error the combined file is lost: stop there */
        for (size_t i = 0; ok && !k.failed && i < nfiles; i++) {
            if (prep_one(files[i], &o, em, &k, &out))
                status = EXIT_SOME_FAILED;
            else
                done++;
        }
        if (ok) ok = pisar_emitter_finish(em, NULL) == 0 && sink_write(&k, &out) == 0;
        /* no output file at all when every input failed */
        if (k.f && sink_close(&k, ok && done > 0)) ok = 0;
        if (!ok) status = EXIT_SOME_FAILED;
        pisar_emitter_free(em);
    }
    pisar_buf_free(&out);
    if (cli_html_page && cli_html_prep(cli_html_page, files, nfiles, o.lang, o.from))
        status = EXIT_SOME_FAILED; /* --html PAGE: the review page (html.c) */
    if (o.report && o.report != stderr) fclose(o.report);
    free(files);
    return status;
}
