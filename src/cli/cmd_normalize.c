/*
 * cmd_normalize.c -- pisar normalize: detect, decode, repair mojibake and
 * homoglyphs, NFC; UTF-8 to stdout line for line (line endings kept).
 *
 * In passes over the input, in bounded memory, with no partial output for an
 * input that cannot be decoded (a pipe is spooled to a temporary file by
 * cli_input for the later passes):
 *  1. without --from, the encoding is detected: the detector is fed the whole
 *     input in chunks, which gives the answer pisar_detect() gives on all of
 *     it at once (it counts byte pairs, carrying the last byte of a chunk over
 *     to the next, and validates UTF-8 across chunks);
 *  2. the input is decoded in PISAR_DECODE_CHECK mode, which finds the first
 *     undecodable byte (or the end inside a character) as decoding does;
 *  3. it is decoded again in chunks (the same text as decoding it at once: the
 *     decoder carries a character split between chunks over), and every
 *     complete line is normalized and written. The normalizer works on one
 *     line at a time and keeps nothing from one line to the next (its repairs
 *     never cross the ends of what it is given), which is what the one-shot
 *     version did too: it was already called line by line, so nothing is
 *     decided per document. Line numbers and offsets in the report count on
 *     across chunks.
 * Memory is bounded by the longest line plus a chunk; the repair report is
 * kept in an unlinked temporary file until the text is out, then copied to
 * --report.
 */
#include "cli.h"
#include "u8chunk.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SUB "normalize"
#define CHUNK ((size_t)1 << 18)

/* The repairs of the report, written as they come to a temporary file
 * (`spill`) in the report's format, and copied to --report at the end. */
typedef struct state {
    FILE *spill; /* NULL: no report asked for */
    int json;
    size_t line, line_start; /* of the line being normalized */
    int oom;
} state;

/* s[0, n) up to its first NUL, as a C string (NULL when out of memory). */
static char *cstr(const char *s, size_t n)
{
    return strndup(s, n);
}

static void on_repair(void *ctx, const pisar_repair *r)
{
    state *s = ctx;
    if (!s->spill) return;
    char *before = cstr(r->before, r->before_len), *after = cstr(r->after, r->after_len);
    const char *how = r->how ? r->how : "";
    const char *kind = r->kind == PISAR_REPAIR_MOJIBAKE ? "mojibake" : "homoglyph";
    FILE *f = s->spill;
    if (!before || !after) {
        s->oom = 1;
    } else if (!s->json) {
        fprintf(f, "%zu\t%zu\t%zu\t%s\t", s->line, r->offset + 1, s->line_start + r->offset, kind);
        cli_tsv_field(f, before);
        fputc('\t', f);
        cli_tsv_field(f, after);
        fputc('\t', f);
        cli_tsv_field(f, how);
        fputc('\n', f);
    } else {
        fprintf(f,
                "{\"line\":%zu,\"column\":%zu,\"offset\":%zu,\"kind\":\"%s\",\"before\":", s->line,
                r->offset + 1, s->line_start + r->offset, kind);
        cli_json_string(f, before);
        fputs(",\"after\":", f);
        cli_json_string(f, after);
        fputs(",\"how\":", f);
        cli_json_string(f, how);
        fputs("}\n", f);
    }
    free(before);
    free(after);
}

static int write_report(const char *path, const state *s)
{
    char chunk[65536];
    if (fflush(s->spill) || ferror(s->spill) || fseek(s->spill, 0, SEEK_SET)) {
        cli_error(SUB, "%s: cannot keep the report in a temporary file: %s", path, strerror(errno));
        return -1;
    }
    FILE *f = fopen(path, "w");
    if (!f) {
        cli_error(SUB, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (!s->json) fputs("line\tcolumn\toffset\tkind\tbefore\tafter\thow\n", f);
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, s->spill)) > 0)
        if (fwrite(chunk, 1, n, f) != n) break;
    int bad = ferror(f) || ferror(s->spill);
    if (fclose(f)) bad = 1;
    if (bad) cli_error(SUB, "%s: write error", path);
    return bad ? -1 : 0;
}

static void usage(FILE *f)
{
    fputs("usage: pisar normalize [OPTIONS] [FILE]\n\n"
          "Decode FILE (or standard input) from its detected encoding, repair mojibake\n"
          "(UTF-8 read as windows-1251, KOI8-R, IBM866, windows-1252, ISO-8859-1,\n"
          "windows-1250 or ISO-8859-2; windows-1251 read as KOI8-R, windows-1252 or\n"
          "IBM866; KOI8-R or IBM866 read as windows-1251; windows-1250 or ISO-8859-2\n"
          "read as windows-1252 or ISO-8859-1; the UTF-8 chains twice) and homoglyphs\n"
          "(Latin look-alikes in Cyrillic text and the reverse), put the text in NFC\n"
          "and write it as UTF-8 to standard output,\n"
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
          "      --jsonl               JSON Lines records on stdin, one result each on stdout\n"
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
    if (cli_jsonl) /* --jsonl: records on stdin (jsonl.c) */
        return cli_jsonl_stdin_only(SUB, (const char **)argv + optind, argc - optind)
                   ? EXIT_USAGE
                   : cli_jsonl_normalize(flags);
    if (argc - optind > 1) {
        cli_error(SUB, "one input at most (got %d)", argc - optind);
        return EXIT_USAGE;
    }
    const char *path = optind < argc ? argv[optind] : "-";
    const char *name = strcmp(path, "-") ? path : "(stdin)";
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

    cli_input in;
    if (cli_input_open(&in, SUB, path, name)) return EXIT_SOME_FAILED;
    char *chunk = malloc(CHUNK);
    pisar_buf text = {0}, out = {0};
    pisar_normalizer *norm = NULL;
    pisar_detector *det = NULL;
    pisar_decoder *dec = NULL;
    state st = {0};
    st.json = json;
    int status = EXIT_SOME_FAILED, rc;
    pisar_error err;
    memset(&err, 0, sizeof err);
    if (!chunk) {
        cli_error(SUB, "out of memory");
        goto done;
    }
    if (report) {
        int fd = cli_temp_fd();
        if (fd < 0 || !(st.spill = fdopen(fd, "w+"))) {
            cli_error(SUB, "%s: cannot create a temporary file for the report: %s", report,
                      strerror(errno));
            if (fd >= 0) close(fd);
            goto done;
        }
    }
    long n;
    int checked = 0; /* the input is known to be valid UTF-8 (or ASCII) */
    if (!from) {
        /* pass 1, the common case first: valid UTF-8 with no NUL and few
         * control characters (repair_ctrl_count: at most one byte in 50, as
         * detect.c counts them -- its count is never higher) is what the
         * detector answers UTF-8 for, or ASCII when no byte is above 0x7F
         * (detect.c: not binary, no NUL for UTF-16/32 without a BOM, no
         * invalid sequence, a BOM only EF BB BF), so that neither the
         * detector nor pass 2 need to run; anything else is read again */
        u8chunk u = {0};
        int ok = 1, high = 0;
        size_t ctrl = 0, nul = 0, total = 0;
        while (ok && (n = cli_input_read(&in, chunk, CHUNK)) > 0) {
            const unsigned char *c = (const unsigned char *)chunk;
            ok = u8chunk_feed(&u, c, (size_t)n);
            ctrl += repair_ctrl_count(c, (size_t)n, &nul);
            total += (size_t)n;
            if (!high) high = repair_ascii_prefix(c, (size_t)n) != (size_t)n;
        }
        if (n < 0) goto done;
        if (cli_input_rewind(&in)) goto done;
        if (ok && u8chunk_finish(&u) && !nul && ctrl <= total / 50) {
            enc = high ? PISAR_ENC_UTF8 : PISAR_ENC_ASCII;
            checked = 1;
        }
    }
    if (!from && !checked) {
        /* pass 1: the encoding */
        pisar_detection res;
        if (!(det = pisar_detector_new())) {
            cli_error(SUB, "out of memory");
            goto done;
        }
        while ((n = cli_input_read(&in, chunk, CHUNK)) > 0)
            if (pisar_detector_feed(det, chunk, (size_t)n) < 0) break;
        if (n < 0) goto done;
        if (n > 0 || pisar_detector_finish(det) < 0 || pisar_detector_result(det, &res) < 0) {
            cli_error(SUB, "%s: detection failed", name);
            goto done;
        }
        enc = res.encoding;
        if (enc == PISAR_ENC_BINARY) {
            cli_error(SUB, "%s: not text (binary data)", name);
            goto done;
        }
        if (enc == PISAR_ENC_UNKNOWN) enc = in.size ? PISAR_ENC_UTF8 : PISAR_ENC_ASCII;
        if (cli_input_rewind(&in)) goto done;
    }
    /* pass 2: does it all decode? (the first pass with --from) UTF-8 and
     * ASCII are checked in place (u8chunk.h), and the decoder runs only to
     * say where they fail; pass 3 then takes their bytes as they are */
    int raw = enc == PISAR_ENC_UTF8 || enc == PISAR_ENC_ASCII;
    if (checked) goto normalize;
    if (raw) {
        u8chunk u = {.ascii = enc == PISAR_ENC_ASCII};
        int ok = 1;
        while (ok && (n = cli_input_read(&in, chunk, CHUNK)) > 0)
            ok = u8chunk_feed(&u, (const unsigned char *)chunk, (size_t)n);
        if (ok && n < 0) goto done;
        if (ok && u8chunk_finish(&u)) {
            if (cli_input_rewind(&in)) goto done;
            goto normalize;
        }
        if (cli_input_rewind(&in)) goto done;
    }
    if ((rc = pisar_decoder_new(&dec, enc, PISAR_DECODE_CHECK))) {
        cli_error(SUB, "%s: cannot decode %s: %s", name, pisar_encoding_name(enc),
                  pisar_strerror(rc));
        goto done;
    }
    rc = PISAR_OK;
    for (;;) {
        if ((n = cli_input_read(&in, chunk, CHUNK)) < 0) goto done;
        if (n == 0 && !in.size) break; /* nothing to decode */
        rc = n ? pisar_decoder_feed(dec, chunk, (size_t)n, NULL, &err)
               : pisar_decoder_finish(dec, NULL, &err);
        if (rc || n == 0) break;
    }
    if (rc) {
        cli_error(SUB, "%s: cannot decode as %s at byte %llu: %s", name, pisar_encoding_name(enc),
                  (unsigned long long)err.offset, pisar_strerror(rc));
        goto done;
    }
    pisar_decoder_free(dec);
    dec = NULL;
    if (cli_input_rewind(&in)) goto done;

    /* pass 3: decode, normalize each complete line, write */
normalize:
    if ((rc = pisar_normalizer_new(&norm, flags)) ||
        (!raw && (rc = pisar_decoder_new(&dec, enc, 0)))) {
        cli_error(SUB, "%s", pisar_strerror(rc));
        goto done;
    }
    pisar_normalizer_on_repair(norm, on_repair, &st);
    size_t base = 0;                 /* offset in the decoded text of text.data[0] */
    int bom = enc == PISAR_ENC_UTF8; /* a UTF-8 BOM may still open the text */
    for (int eof = 0; !eof;) {
        if ((n = cli_input_read(&in, chunk, CHUNK)) < 0) goto done;
        eof = n == 0;
        size_t from_len = text.len;
        memset(&err, 0, sizeof err);
        if (!in.size) {
            rc = PISAR_OK;
        } else if (raw) {
            /* checked in pass 2: the bytes are the text, less a BOM (which
             * the decoder drops); the normalizer checks each line again */
            rc = pisar_buf_append(&text, chunk, (size_t)n);
            if (!rc && bom && (text.len >= 3 || eof)) {
                bom = 0;
                if (text.len >= 3 && !memcmp(text.data, "\xEF\xBB\xBF", 3)) {
                    memmove(text.data, text.data + 3, text.len - 3);
                    text.len -= 3;
                    from_len = 0;
                }
            }
            if (!rc && bom) continue; /* fewer than 3 bytes so far */
        } else if (n) {
            rc = pisar_decoder_feed(dec, chunk, (size_t)n, &text, &err);
        } else {
            rc = pisar_decoder_finish(dec, &text, &err);
        }
        if (rc) { /* the input changed since it was checked */
            cli_error(SUB, "%s: cannot decode as %s at byte %llu: %s", name,
                      pisar_encoding_name(enc), (unsigned long long)err.offset, pisar_strerror(rc));
            goto done;
        }
        /* the lines complete so far; what was kept from before holds no LF */
        size_t end = text.len;
        if (!eof) {
            while (end > from_len && text.data[end - 1] != '\n')
                end--;
            if (end == from_len) continue;
        }
        pisar_buf_clear(&out);
        for (size_t start = 0; start < end;) {
            const char *nl = memchr(text.data + start, '\n', end - start);
            size_t le = nl ? (size_t)(nl - text.data) + 1 : end;
            st.line++;
            st.line_start = base + start;
            memset(&err, 0, sizeof err);
            rc = pisar_normalizer_apply(norm, text.data + start, le - start, &out, &err);
            if (rc || st.oom) {
                cli_error(SUB, "%s: line %zu: %s", name, st.line,
                          rc ? pisar_strerror(rc) : "out of memory");
                goto done;
            }
            start = le;
        }
        if (cli_write(SUB, stdout, out.data, out.len)) goto done;
        memmove(text.data, text.data + end, text.len - end);
        text.len -= end;
        base += end;
    }
    if (fflush(stdout)) {
        cli_error(SUB, "write error: %s", strerror(errno));
        goto done;
    }
    if (report && write_report(report, &st)) goto done;
    status = EXIT_ALL_DONE;
done:
    if (st.spill) fclose(st.spill);
    cli_input_close(&in);
    free(chunk);
    pisar_detector_free(det);
    pisar_decoder_free(dec);
    pisar_normalizer_free(norm);
    pisar_buf_free(&text);
    pisar_buf_free(&out);
    return status;
}
