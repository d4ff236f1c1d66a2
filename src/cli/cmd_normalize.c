/*
 * cmd_normalize.c -- pisar normalize: detect, decode, repair mojibake and
 * homoglyphs, NFC; UTF-8 to stdout line for line (line endings kept).
 *
 * The whole input is read and processed before anything is written, so an
 * undecodable file gives a message and exit 1 with no partial output.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define SUB "normalize"

typedef struct note {
    size_t line, column, offset;
    pisar_repair_kind kind;
    char *before, *after, *how;
} note;

typedef struct state {
    note *v;
    size_t n, cap;
    size_t line, line_start, out_base; /* of the line being normalized */
    int oom;
} state;

static void on_repair(void *ctx, const pisar_repair *r)
{
    state *s = ctx;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        note *v = realloc(s->v, cap * sizeof *v);
        if (!v) {
            s->oom = 1;
            return;
        }
        s->v = v, s->cap = cap;
    }
    note *n = &s->v[s->n];
    n->line = s->line;
    n->column = r->offset + 1;
    n->offset = s->line_start + r->offset;
    n->kind = r->kind;
    n->before = strndup(r->before, r->before_len);
    n->after = strndup(r->after, r->after_len);
    n->how = strdup(r->how ? r->how : "");
    if (!n->before || !n->after || !n->how) {
        free(n->before), free(n->after), free(n->how);
        s->oom = 1;
        return;
    }
    s->n++;
}

static int write_report(const char *path, int json, const state *s)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        cli_error(SUB, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (!json) fputs("line\tcolumn\toffset\tkind\tbefore\tafter\thow\n", f);
    for (size_t i = 0; i < s->n; i++) {
        const note *n = &s->v[i];
        const char *kind = n->kind == PISAR_REPAIR_MOJIBAKE ? "mojibake" : "homoglyph";
        if (!json) {
            fprintf(f, "%zu\t%zu\t%zu\t%s\t", n->line, n->column, n->offset, kind);
            cli_tsv_field(f, n->before);
            fputc('\t', f);
            cli_tsv_field(f, n->after);
            fputc('\t', f);
            cli_tsv_field(f, n->how);
            fputc('\n', f);
            continue;
        }
        fprintf(f,
                "{\"line\":%zu,\"column\":%zu,\"offset\":%zu,\"kind\":\"%s\",\"before\":", n->line,
                n->column, n->offset, kind);
        cli_json_string(f, n->before);
        fputs(",\"after\":", f);
        cli_json_string(f, n->after);
        fputs(",\"how\":", f);
        cli_json_string(f, n->how);
        fputs("}\n", f);
    }
    int bad = ferror(f);
    if (fclose(f)) bad = 1;
    if (bad) cli_error(SUB, "%s: write error", path);
    return bad ? -1 : 0;
}

static void usage(FILE *f)
{
    fputs("usage: pisar normalize [OPTIONS] [FILE]\n\n"
          "Decode FILE (or standard input) from its detected encoding, repair mojibake\n"
          "(UTF-8 read as windows-1251, KOI8-R, IBM866, windows-1252 or ISO-8859-1;\n"
          "windows-1251 read as KOI8-R or windows-1252, KOI8-R read as windows-1251;\n"
          "such chains twice) and homoglyphs (Latin look-alikes in Cyrillic words and\n"
          "the reverse), put the text in NFC and write it as UTF-8 to standard output,\n"
          "line for line, line endings kept. "
          "Clean text is never changed.\n\n"
          "options:\n"
          "      --from ENC            the input's encoding (default: detected)\n"
          "      --no-mojibake         do not repair mojibake\n"
          "      --no-homoglyph        do not repair homoglyphs\n"
          "      --no-nfc              do not normalize to NFC\n"
          "      --report FILE         list every repair in FILE\n"
          "      --report-format tsv|json   TSV with a header (default: line, column,\n"
          "                            offset, kind, before, after, how) or JSON lines\n"
          "  -h, --help                this help\n\n"
          "Exit status: 0 done, 1 the input could not be read or decoded, 2 usage error.\n",
          f);
}

int cmd_normalize(int argc, char **argv)
{
    static const struct option opts[] = {
        {"from", required_argument, 0, 'f'},   {"no-mojibake", no_argument, 0, 'M'},
        {"no-homoglyph", no_argument, 0, 'H'}, {"no-nfc", no_argument, 0, 'N'},
        {"report", required_argument, 0, 'r'}, {"report-format", required_argument, 0, 'F'},
        {"help", no_argument, 0, 'h'},         {0, 0, 0, 0},
    };
    unsigned flags = PISAR_NORM_ALL;
    const char *from = NULL, *report = NULL;
    int json = 0;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            from = optarg;
            break;
        case 'M':
            flags &= ~(unsigned)PISAR_NORM_MOJIBAKE;
            break;
        case 'H':
            flags &= ~(unsigned)PISAR_NORM_HOMOGLYPH;
            break;
        case 'N':
            flags &= ~(unsigned)PISAR_NORM_NFC;
            break;
        case 'r':
            report = optarg;
            break;
        case 'F':
            if (!strcmp(optarg, "json"))
                json = 1;
            else if (!strcmp(optarg, "tsv"))
                json = 0;
            else {
                cli_error(SUB, "--report-format takes tsv or json, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h':
            usage(stdout);
            return EXIT_ALL_DONE;
        default:
            cli_error(SUB, "unknown or incomplete option '%s'", argv[optind - 1]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (argc - optind > 1) {
        cli_error(SUB, "one input at most (got %d)", argc - optind);
        return EXIT_USAGE;
    }
    const char *path = optind < argc ? argv[optind] : "-";
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    pisar_encoding enc = PISAR_ENC_UNKNOWN;
    if (from) {
        enc = pisar_encoding_from_name(from);
        if (enc == PISAR_ENC_UNKNOWN || enc == PISAR_ENC_BINARY) {
            cli_error(SUB, "unknown encoding '%s'", from);
            return EXIT_USAGE;
        }
    }
    if (report && !strcmp(report, "-")) {
        cli_error(SUB, "the text goes to stdout: write the report to a file");
        return EXIT_USAGE;
    }

    pisar_buf raw = {0}, text = {0}, out = {0};
    pisar_normalizer *norm = NULL;
    state st = {0};
    int status = EXIT_SOME_FAILED;
    if (cli_read_all(SUB, path, &raw)) goto done;
    if (!from) {
        pisar_detection det;
        if (pisar_detect(raw.data, raw.len, &det)) {
            cli_error(SUB, "%s: detection failed", name);
            goto done;
        }
        enc = det.encoding;
        if (enc == PISAR_ENC_BINARY) {
            cli_error(SUB, "%s: not text (binary data)", name);
            goto done;
        }
        if (enc == PISAR_ENC_UNKNOWN) enc = raw.len ? PISAR_ENC_UTF8 : PISAR_ENC_ASCII;
    }
    pisar_error err;
    memset(&err, 0, sizeof err);
    int rc = raw.len ? pisar_decode(enc, raw.data, raw.len, 0, &text, &err) : PISAR_OK;
    if (rc) {
        cli_error(SUB, "%s: cannot decode as %s at byte %llu: %s", name, pisar_encoding_name(enc),
                  (unsigned long long)err.offset, pisar_strerror(rc));
        goto done;
    }
    if ((rc = pisar_normalizer_new(&norm, flags))) {
        cli_error(SUB, "%s", pisar_strerror(rc));
        goto done;
    }
    pisar_normalizer_on_repair(norm, on_repair, &st);
    for (size_t start = 0; start < text.len;) {
        const char *nl = memchr(text.data + start, '\n', text.len - start);
        size_t end = nl ? (size_t)(nl - text.data) + 1 : text.len;
        st.line++;
        st.line_start = start;
        memset(&err, 0, sizeof err);
        rc = pisar_normalizer_apply(norm, text.data + start, end - start, &out, &err);
        if (rc || st.oom) {
            cli_error(SUB, "%s: line %zu: %s", name, st.line,
                      rc ? pisar_strerror(rc) : "out of memory");
            goto done;
        }
        start = end;
    }
    if (cli_write(SUB, stdout, out.data, out.len) || fflush(stdout)) goto done;
    if (report && write_report(report, json, &st)) goto done;
    status = EXIT_ALL_DONE;
done:
    for (size_t i = 0; i < st.n; i++)
        free(st.v[i].before), free(st.v[i].after), free(st.v[i].how);
    free(st.v);
    pisar_normalizer_free(norm);
    pisar_buf_free(&raw);
    pisar_buf_free(&text);
    pisar_buf_free(&out);
    return status;
}
