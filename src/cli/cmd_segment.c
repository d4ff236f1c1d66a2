/* cmd_segment.c -- pisar segment: sentences, one per line (or TSV / JSON Lines).
 *
 * The input is read paragraph by paragraph (a paragraph ends at an empty line),
 * so memory is bounded by the largest paragraph. A regular file is checked for
 * valid UTF-8 before anything is written, so bad input gives no partial output;
 * a pipe is checked as it streams and output stops at the bad byte. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <sys/types.h>
#include <stdlib.h>
#include <string.h>

enum fmt { FMT_TXT, FMT_TSV, FMT_JSONL };

static void help(FILE *f)
{
    fputs("usage: pisar segment [--lang L] [--srx FILE] [-f txt|tsv|jsonl] [FILE]\n"
          "       pisar segment --export-srx [--lang L]\n\n"
          "Split UTF-8 text into sentences. FILE is '-' or absent for stdin.\n\n"
          "  --lang L       language (ru uk be bg mk sr kk en de fr es it pl cs sk sl hr hu ro nl pt);\n"
          "                 default: detected from the text, else language-neutral rules\n"
          "  --srx FILE     use the rules of an SRX 2.0 file (a CAT tool's) for L\n"
          "  --export-srx   write pisar's rules for L as SRX 2.0 and exit\n"
          "  -f FORMAT      txt (default): one sentence a line, an empty line between\n"
          "                 paragraphs; tsv: paragraph, sentence, start, end, text;\n"
          "                 jsonl: one JSON object a sentence with byte offsets\n"
          "  -h, --help     this help\n\n"
          "A paragraph break (an empty line) always ends a sentence. Offsets are byte\n"
          "offsets into the input, 0-based, end exclusive.\n"
          "Exit status: 0 done, 1 invalid input (message names the byte offset), 2 usage.\n",
          f);
}

/* Length of a valid UTF-8 prefix; *bad = 1 when an invalid sequence follows it,
 * 2 when the data ends inside a character. */
static size_t utf8_valid(const unsigned char *s, size_t n, int *bad)
{
    size_t i = 0;
    *bad = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t k;
        unsigned lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) k = 2;
        else if (c >= 0xE0 && c <= 0xEF) {
            k = 3;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 4;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            *bad = 1;
            return i;
        }
        for (size_t j = 1; j < k; j++) {
            if (i + j >= n) {
                *bad = 2;
                return i;
            }
            unsigned b = s[i + j];
            if (b < (j == 1 ? lo : 0x80) || b > (j == 1 ? hi : 0xBF)) {
                *bad = 1;
                return i;
            }
        }
        i += k;
    }
    return i;
}

typedef struct {
    FILE *in;
    char *data; /* the current line (getline's buffer) */
    size_t cap;
    size_t len;
    int eof;
} reader;

/* Read one line (with its '\n'); returns 1, 0 at the end of input, -1 on error. */
static int read_line(reader *r, const char *path)
{
    r->len = 0;
    if (r->eof) return 0;
    errno = 0;
    ssize_t n = getline(&r->data, &r->cap, r->in);
    if (n < 0) {
        r->eof = 1;
        if (ferror(r->in)) {
            cli_error("segment", "%s: read error: %s", path, strerror(errno ? errno : EIO));
            return -1;
        }
        return 0;
    }
    r->len = (size_t)n;
    if (!n || r->data[n - 1] != '\n') r->eof = 1;
    return 1;
}

static int blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') return 0;
    return 1;
}

typedef struct {
    enum fmt fmt;
    size_t sentence;  /* running sentence number */
    size_t paragraph; /* running paragraph number */
    int para_open;    /* a sentence of the current paragraph was written */
    int any;          /* anything written */
    pisar_buf out;
} writer;

static void put_json_string(pisar_buf *o, const char *s, size_t n)
{
    pisar_buf_puts(o, "\"");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        switch (c) {
        case '"': pisar_buf_puts(o, "\\\""); break;
        case '\\': pisar_buf_puts(o, "\\\\"); break;
        case '\n': pisar_buf_puts(o, "\\n"); break;
        case '\r': pisar_buf_puts(o, "\\r"); break;
        case '\t': pisar_buf_puts(o, "\\t"); break;
        default:
            if (c < 0x20) {
                snprintf(esc, sizeof esc, "\\u%04x", c);
                pisar_buf_puts(o, esc);
            } else pisar_buf_append(o, &s[i], 1);
        }
    }
    pisar_buf_puts(o, "\"");
}

/* Segment one paragraph chunk that starts at byte `base` of the input. */
static int segment_chunk(pisar_segmenter *seg, writer *w, const char *text, size_t len, size_t base)
{
    int rc = pisar_segmenter_set_text(seg, text, len);
    if (rc) return rc;
    pisar_sentence s;
    size_t last_para = 0;
    int first = 1;
    while ((rc = pisar_segmenter_next(seg, &s)) == 1) {
        if (first && w->para_open) { /* a new chunk is a new paragraph */
            w->paragraph++;
            if (w->fmt == FMT_TXT) pisar_buf_puts(&w->out, "\n");
        } else if (!first && s.paragraph != last_para) {
            w->paragraph++;
            if (w->fmt == FMT_TXT) pisar_buf_puts(&w->out, "\n");
        }
        first = 0;
        last_para = s.paragraph;
        w->para_open = 1;
        const char *p = text + s.start;
        size_t n = s.end - s.start;
        char num[128];
        switch (w->fmt) {
        case FMT_TXT:
            /* line breaks inside a sentence become spaces: one sentence a line */
            for (size_t i = 0; i < n; i++) {
                char c = p[i];
                if (c == '\r' && i + 1 < n && p[i + 1] == '\n') continue;
                if (c == '\n' || c == '\r') c = ' ';
                pisar_buf_append(&w->out, &c, 1);
            }
            pisar_buf_puts(&w->out, "\n");
            break;
        case FMT_TSV:
            snprintf(num, sizeof num, "%zu\t%zu\t%zu\t%zu\t", w->paragraph, w->sentence, base + s.start,
                     base + s.end);
            pisar_buf_puts(&w->out, num);
            for (size_t i = 0; i < n; i++) {
                char c = p[i];
                if (c == '\t') pisar_buf_puts(&w->out, "\\t");
                else if (c == '\n') pisar_buf_puts(&w->out, "\\n");
                else if (c == '\r') pisar_buf_puts(&w->out, "\\r");
                else if (c == '\\') pisar_buf_puts(&w->out, "\\\\");
                else pisar_buf_append(&w->out, &c, 1);
            }
            pisar_buf_puts(&w->out, "\n");
            break;
        case FMT_JSONL:
            snprintf(num, sizeof num, "{\"paragraph\":%zu,\"sentence\":%zu,\"start\":%zu,\"end\":%zu,\"text\":",
                     w->paragraph, w->sentence, base + s.start, base + s.end);
            pisar_buf_puts(&w->out, num);
            put_json_string(&w->out, p, n);
            pisar_buf_puts(&w->out, "}\n");
            break;
        }
        w->sentence++;
    }
    return rc;
}

static int flush_out(writer *w)
{
    if (cli_write("segment", stdout, w->out.data, w->out.len)) return -1;
    pisar_buf_clear(&w->out);
    return 0;
}

/* A first pass over a regular file: is it all valid UTF-8? */
static int check_file(FILE *f, const char *path)
{
    unsigned char buf[65536 + 4];
    size_t keep = 0, off = 0;
    for (;;) {
        size_t n = fread(buf + keep, 1, 65536, f);
        size_t have = keep + n;
        int bad;
        size_t ok = utf8_valid(buf, have, &bad);
        if (bad == 1 || (bad == 2 && n == 0)) {
            cli_error("segment", "%s: invalid UTF-8 at byte offset %zu%s", path, off + ok,
                      bad == 2 ? " (truncated character at the end)" : "");
            return -1;
        }
        if (n == 0) break;
        keep = have - ok;
        memmove(buf, buf + ok, keep);
        off += ok;
    }
    if (ferror(f)) {
        cli_error("segment", "%s: read error: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

int cmd_segment(int argc, char **argv)
{
    const char *lang = NULL, *srx = NULL, *path = "-";
    int export_srx = 0, have_path = 0;
    enum fmt fmt = FMT_TXT;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            help(stdout);
            return EXIT_ALL_DONE;
        } else if (!strcmp(a, "--lang") || !strcmp(a, "-l")) {
            if (++i >= argc) goto missing;
            lang = argv[i];
        } else if (!strncmp(a, "--lang=", 7)) {
            lang = a + 7;
        } else if (!strcmp(a, "--srx")) {
            if (++i >= argc) goto missing;
            srx = argv[i];
        } else if (!strcmp(a, "--export-srx")) {
            export_srx = 1;
        } else if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
            if (++i >= argc) goto missing;
            const char *f = argv[i];
            if (!strcmp(f, "txt")) fmt = FMT_TXT;
            else if (!strcmp(f, "tsv")) fmt = FMT_TSV;
            else if (!strcmp(f, "jsonl")) fmt = FMT_JSONL;
            else {
                cli_error("segment", "unknown format '%s' (txt, tsv or jsonl)", f);
                return EXIT_USAGE;
            }
        } else if (a[0] == '-' && a[1]) {
            cli_error("segment", "unknown option '%s' (see pisar segment --help)", a);
            return EXIT_USAGE;
        } else {
            if (have_path) {
                cli_error("segment", "one FILE at most (see pisar segment --help)");
                return EXIT_USAGE;
            }
            path = a;
            have_path = 1;
        }
        continue;
    missing:
        cli_error("segment", "%s needs a value (see pisar segment --help)", a);
        return EXIT_USAGE;
    }

    if (export_srx) {
        if (srx || have_path) {
            cli_error("segment", "--export-srx takes only --lang");
            return EXIT_USAGE;
        }
        pisar_buf b = {0};
        int rc = pisar_segmenter_export_srx(lang ? lang : "und", &b);
        if (rc) {
            cli_error("segment", "cannot export SRX: %s", pisar_strerror(rc));
            pisar_buf_free(&b);
            return EXIT_SOME_FAILED;
        }
        int wr = cli_write("segment", stdout, b.data, b.len);
        pisar_buf_free(&b);
        return wr ? EXIT_SOME_FAILED : EXIT_ALL_DONE;
    }

    if (lang) {
        const char *const *codes;
        size_t n = pisar_segment_languages(&codes), i = 0;
        size_t l = strcspn(lang, "-_");
        for (; i < n; i++)
            if (strlen(codes[i]) == l && !strncmp(codes[i], lang, l)) break;
        if (i == n && strcmp(lang, "und") && !srx)
            cli_error("segment", "no rules of its own for language '%s'; using language-neutral rules", lang);
    }

    FILE *in = cli_open_input("segment", path);
    if (!in) return EXIT_SOME_FAILED;
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    /* a regular file: check all of it first, so bad input writes nothing */
    int checked = 0;
    if (in != stdin || fseek(in, 0, SEEK_CUR) == 0) {
        long here = ftell(in);
        if (here >= 0) {
            if (check_file(in, name)) {
                if (in != stdin) fclose(in);
                return EXIT_SOME_FAILED;
            }
            if (fseek(in, here, SEEK_SET) == 0) checked = 1;
            else {
                cli_error("segment", "%s: cannot rewind: %s", name, strerror(errno));
                if (in != stdin) fclose(in);
                return EXIT_SOME_FAILED;
            }
        }
    }
    (void)checked;

    reader r = {in, NULL, 0, 0, 0};
    writer w = {fmt, 0, 0, 0, 0, {0}};
    pisar_buf para = {0};
    pisar_segmenter *seg = NULL;
    int status = EXIT_ALL_DONE;
    size_t base = 0;      /* input offset of para.data[0] */
    size_t validated = 0; /* bytes of para already checked */
    if (fmt == FMT_TSV) pisar_buf_puts(&w.out, "paragraph\tsentence\tstart\tend\ttext\n");

    for (;;) {
        int got = read_line(&r, name);
        if (got < 0) {
            status = EXIT_SOME_FAILED;
            break;
        }
        if (got) {
            if (pisar_buf_append(&para, r.data, r.len)) {
                cli_error("segment", "%s: out of memory", name);
                status = EXIT_SOME_FAILED;
                break;
            }
            int bad;
            size_t ok = validated + utf8_valid((unsigned char *)para.data + validated, para.len - validated, &bad);
            if (bad == 1 || (bad == 2 && r.eof)) {
                cli_error("segment", "%s: invalid UTF-8 at byte offset %zu", name, base + ok);
                status = EXIT_SOME_FAILED;
                break;
            }
            validated = ok;
            if ((!blank_line(r.data, r.len) || blank_line(para.data, para.len)) && !r.eof) continue;
        }
        /* a paragraph is complete (an empty line, or the end of the input) */
        if (para.len) {
            if (!seg) {
                int rc;
                pisar_error err;
                memset(&err, 0, sizeof err);
                const char *l = lang;
                double conf = 0;
                if (!l && pisar_language_detect(para.data, para.len, &l, &conf) != PISAR_OK) l = "und";
                if (!l) l = "und";
                if (srx) rc = pisar_segmenter_new_srx(&seg, srx, l, &err);
                else rc = pisar_segmenter_new(&seg, l, &err);
                if (rc) {
                    if (srx && err.line)
                        cli_error("segment", "%s:%zu: %s", srx, err.line,
                                  err.message[0] ? err.message : pisar_strerror(rc));
                    else if (srx)
                        cli_error("segment", "%s: %s", srx, err.message[0] ? err.message : pisar_strerror(rc));
                    else cli_error("segment", "%s", err.message[0] ? err.message : pisar_strerror(rc));
                    status = EXIT_SOME_FAILED;
                    break;
                }
            }
            int rc = segment_chunk(seg, &w, para.data, para.len, base);
            if (rc < 0) {
                cli_error("segment", "%s: %s", name, pisar_strerror(rc));
                status = EXIT_SOME_FAILED;
                break;
            }
            if (flush_out(&w)) {
                status = EXIT_SOME_FAILED;
                break;
            }
            base += para.len;
            pisar_buf_clear(&para);
            validated = 0;
        }
        if (!got || r.eof) break;
    }
    if (status == EXIT_ALL_DONE && flush_out(&w)) status = EXIT_SOME_FAILED;
    if (fflush(stdout)) status = EXIT_SOME_FAILED;
    pisar_segmenter_free(seg);
    pisar_buf_free(&para);
    free(r.data);
    pisar_buf_free(&w.out);
    if (in != stdin) fclose(in);
    return status;
}
