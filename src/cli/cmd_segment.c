/* cmd_segment.c -- pisar segment: sentences, one per line (or TSV / JSON Lines).
 *
 * The input is read in blocks and segmented up to the last paragraph break (an
 * empty line), or, in a long stretch without one, up to the last complete
 * sentence, so memory is bounded by the largest paragraph (or sentence) plus
 * two blocks. The whole input is checked for valid UTF-8 before anything is
 * written, so bad input gives no partial output: a regular file is checked,
 * then read again; a pipe is read once, each block checked as it comes, and
 * the output is held back (in memory while short, else in an unlinked
 * temporary file: cli_hold, spool.c) until the end shows the input good. */
#include "cli.h"
#include "segment_internal.h"
#include "utf8.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

enum fmt { FMT_TXT, FMT_TSV, FMT_JSONL };

static void help(FILE *f)
{
    fputs("usage: pisar segment [--lang L] [--srx FILE] [--paragraphs auto|blank|line]\n"
          "                     [-f txt|tsv|jsonl] [FILE]\n"
          "       pisar segment --export-srx [--lang L]\n\n"
          "Split UTF-8 text into sentences. FILE is '-' or absent for stdin.\n\n"
          "  --lang L       language (ru uk be bg mk sr kk en de fr es it pl cs sk sl hr hu ro nl "
          "pt);\n"
          "                 default: detected from the text, else language-neutral rules\n"
          "  --srx FILE     use the rules of an SRX 2.0 file (a CAT tool's) for L\n"
          "  --export-srx   write pisar's rules for L as SRX 2.0 and exit\n"
          "  --paragraphs M auto (default): lines are paragraphs when nearly every line\n"
          "                 break falls between sentences (scraped articles), else only\n"
          "                 empty lines end a paragraph; blank: only empty lines; line:\n"
          "                 every line break outside a sentence\n"
          "  -f FORMAT      txt (default): one sentence a line, an empty line between\n"
          "                 paragraphs; tsv: paragraph, sentence, start, end, text;\n"
          "                 jsonl: one JSON object a sentence with byte offsets\n"
          "  --jsonl        JSON Lines records on stdin, one result each on stdout\n"
          "  -h, --help     this help\n\n"
          "A paragraph break (an empty line) always ends a sentence. Offsets are byte\n"
          "offsets into the input, 0-based, end exclusive.\n"
          "Exit status: 0 done, 1 invalid input (message names the byte offset), 2 usage.\n",
          f);
}

#define BLOCK ((size_t)1 << 20)
/* Output is passed on every 64 KB: a buffer that stays in the cache, and
 * that is not a megabyte of fresh pages (a page fault each) */
#define OUT_FLUSH ((size_t)1 << 16)

/* The offset of the last '\n' in p[lo, hi), or (size_t)-1; with SSE2
 * sixteen bytes at a step from the end (the byte loop does the head). */
static size_t last_lf(const char *p, size_t lo, size_t hi)
{
#if defined(__SSE2__)
    const __m128i lf = _mm_set1_epi8('\n');
    for (; hi >= lo + 16; hi -= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + hi - 16));
        unsigned bits = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf));
        if (bits) return hi - 16 + (size_t)(31 - __builtin_clz(bits));
    }
#endif
    while (hi > lo)
        if (p[--hi] == '\n') return hi;
    return (size_t)-1;
}

/* The end of the last paragraph break ("\n", blanks, "\n") in p[0, n) that
 * ends after `from`, or 0. The search goes backwards from the end, so it
 * usually stops within the last paragraph. */
static size_t paragraph_cut(const char *p, size_t n, size_t from)
{
    size_t lo = from > 0 ? from - 1 : 0;
    /* a break that ends after `from` may begin a few blanks before it */
    while (lo > 0 && (p[lo - 1] == ' ' || p[lo - 1] == '\t' || p[lo - 1] == '\r'))
        lo--;
    if (lo > 0 && p[lo - 1] == '\n') lo--;
    /* the last '\n' at m >= lo with only blanks between it and an earlier
     * '\n' at or after lo: the break ends at m + 1 */
    for (size_t hi = n; hi > lo;) {
        size_t m = last_lf(p, lo, hi);
        if (m == (size_t)-1) break;
        size_t r = m;
        while (r > lo && (p[r - 1] == ' ' || p[r - 1] == '\t' || p[r - 1] == '\r'))
            r--;
        if (r > lo && p[r - 1] == '\n') return m + 1;
        hi = r; /* the '\n' before m, if any, is at most at r - 1 */
    }
    return 0;
}

/* Just past the last line break of p[0, n), or 0. */
static size_t line_cut(const char *p, size_t n)
{
    size_t m = last_lf(p, 0, n);
    return m == (size_t)-1 ? 0 : m + 1;
}

typedef struct {
    enum fmt fmt;
    size_t sentence;  /* running sentence number */
    size_t paragraph; /* running paragraph number */
    int para_open;    /* a sentence of the current paragraph was written */
    int continues;    /* the next chunk goes on with the current paragraph */
    int any;          /* anything written */
    pisar_buf out;
    cli_hold *hold; /* where out goes until the input is known good, or NULL */
} writer;

/* The numbers of a sentence row (paragraph, sentence, start, end), each
 * after its label, and the label that ends them. */
static const char *const tsv_labels[5] = {"", "\t", "\t", "\t", "\t"};
static const char *const jsonl_labels[5] = {
    "{\"paragraph\":", ",\"sentence\":", ",\"start\":", ",\"end\":", ",\"text\":"};

/* Append label[k] and v[k] in decimal for each k, then label[4]: what
 * snprintf would write, without its cost (it was a sixth of -f tsv).
 * Returns 0 or a pisar_status. */
static int put_numbers(pisar_buf *o, const char *const label[5], const size_t v[4])
{
    char row[160], *q = row; /* labels of at most 15 bytes, numbers of at most 20 digits */
    for (int k = 0; k < 5; k++) {
        size_t l = strlen(label[k]);
        memcpy(q, label[k], l);
        q += l;
        if (k == 4) break;
        char d[24];
        int nd = 0;
        size_t x = v[k];
        do {
            d[nd++] = (char)('0' + x % 10);
        } while (x /= 10);
        while (nd > 0)
            *q++ = d[--nd];
    }
    return pisar_buf_append(o, row, (size_t)(q - row));
}

/* Copy p[0, n) to o with every '\n' as ' '; with SSE2 sixteen bytes at a
 * step (the byte loop is the reference, and does the tail). Returns nonzero
 * when p[0, n) holds a '\r' (the caller then writes the sentence again). */
static int copy_lf_to_space(char *o, const char *p, size_t n)
{
    size_t i = 0;
    int cr = 0;
#if defined(__SSE2__)
    const __m128i lf = _mm_set1_epi8('\n'), d = _mm_set1_epi8(' ' ^ '\n'),
                  crv = _mm_set1_epi8('\r');
    __m128i seen = _mm_setzero_si128();
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        seen = _mm_or_si128(seen, _mm_cmpeq_epi8(v, crv));
        v = _mm_xor_si128(v, _mm_and_si128(_mm_cmpeq_epi8(v, lf), d));
        _mm_storeu_si128((__m128i *)(void *)(o + i), v);
    }
    cr = _mm_movemask_epi8(seen) != 0;
#endif
    for (; i < n; i++) {
        cr |= p[i] == '\r';
        o[i] = p[i] == '\n' ? ' ' : p[i];
    }
    return cr;
}

/* Write one sentence of `text` (which starts at byte `base` of the input) to
 * w->out; returns 0 or a pisar_status (out of memory). */
static int emit_sentence(writer *w, const char *text, size_t base, const pisar_sentence *sp)
{
    pisar_sentence s = *sp;
    const char *p = text + s.start;
    size_t n = s.end - s.start;
    const size_t num[4] = {w->paragraph, w->sentence, base + s.start, base + s.end};
    int rc = 0;
    switch (w->fmt) {
    case FMT_TXT: {
        /* line breaks inside a sentence become spaces: one sentence a line;
         * without a carriage return in the sentence that is one copy */
        if ((rc = pisar_buf_reserve(&w->out, n + 1))) break;
        char *o = w->out.data + w->out.len;
        if (!copy_lf_to_space(o, p, n)) {
            o[n] = '\n';
            o[n + 1] = 0;
            w->out.len += n + 1;
            break;
        }
        /* a '\r' inside: written again over the copy, "\r\n" as one space */
        size_t run = 0;
        for (size_t i = 0; i < n && !rc; i++) {
            char c = p[i];
            if (c != '\n' && c != '\r') continue;
            rc = pisar_buf_append(&w->out, p + run, i - run);
            if (!rc && !(c == '\r' && i + 1 < n && p[i + 1] == '\n'))
                rc = pisar_buf_append(&w->out, " ", 1);
            run = i + 1;
        }
        if (!rc) rc = pisar_buf_append(&w->out, p + run, n - run);
        if (!rc) rc = pisar_buf_append(&w->out, "\n", 1);
        break;
    }
    case FMT_TSV:
        rc = put_numbers(&w->out, tsv_labels, num);
        if (!rc) rc = cli_tsv_append(&w->out, p, n);
        if (!rc) rc = pisar_buf_puts(&w->out, "\n");
        break;
    case FMT_JSONL:
        rc = put_numbers(&w->out, jsonl_labels, num);
        if (!rc) rc = cli_json_append(&w->out, p, n);
        if (!rc) rc = pisar_buf_puts(&w->out, "}\n");
        break;
    }
    w->sentence++;
    return rc;
}

static int flush_out(writer *w);

/*
 * Segment a chunk that starts at byte `base` of the input. `final`: the chunk
 * ends at a paragraph break or the end of the input, so every sentence in it
 * is complete; otherwise the last sentence may go on in the next block and is
 * left for it: *cut receives where it begins (len when nothing is left).
 * `w->continues` says the chunk goes on with the paragraph of the last
 * sentence written. Returns 0, 1 when writing failed (reported), or a
 * pisar_status.
 */
static int segment_chunk(pisar_segmenter *seg, writer *w, const char *text, size_t len, size_t base,
                         int final, size_t *cut)
{
    int rc = seg_set_text_valid(seg, text, len); /* checked whole before */
    if (rc) return rc;
    pisar_sentence s, prev = {0, 0, 0};
    int have = 0, first = 1;
    size_t last_para = 0;
    *cut = len;
    for (;;) {
        rc = pisar_segmenter_next(seg, &s);
        if (rc < 0) return rc;
        if (have && (rc == 1 || final)) {
            int brk = first ? w->para_open && (!w->continues || prev.paragraph > 0)
                            : prev.paragraph != last_para;
            if (brk) {
                w->paragraph++;
                int e = w->fmt == FMT_TXT ? pisar_buf_puts(&w->out, "\n") : 0;
                if (e) return e;
            }
            first = 0;
            last_para = prev.paragraph;
            w->para_open = 1;
            int e = emit_sentence(w, text, base, &prev);
            if (e) return e;
            if (w->out.len >= OUT_FLUSH && flush_out(w)) return 1;
        }
        if (rc == 0) break;
        prev = s;
        have = 1;
    }
    if (have && !final) {
        *cut = prev.start;
        /* the next chunk goes on with this paragraph unless a break came before prev */
        w->continues = first ? w->continues : prev.paragraph == last_para;
    } else
        w->continues = 0;
    return 0;
}

static void bad_utf8(const char *path, unsigned long long at, int cut)
{
    cli_error("segment", "%s: invalid UTF-8 at byte offset %llu%s", path, at,
              cut ? " (truncated character at the end)" : "");
}

static int flush_out(writer *w)
{
    if (w->hold ? cli_hold_put(w->hold, w->out.data, w->out.len)
                : cli_write("segment", stdout, w->out.data, w->out.len))
        return -1;
    pisar_buf_clear(&w->out);
    return 0;
}

/* A first pass over the input: is it all valid UTF-8? (The library's strict
 * validator, utf8_valid_prefix, the check pisar_segmenter_set_text makes:
 * sixteen bytes at a step with SSE2, thirty-two with AVX2 where the CPU has
 * it, utf8_valid_prefix_wide.) The check goes on from byte `base`, with the
 * `npre` (< 4) bytes of a character cut by a block end read already. */
static int check_input(cli_input *in, const char *path, const char *pre, size_t npre,
                       unsigned long long base)
{
    enum { CHECK_BLOCK = 1 << 16 };
    static unsigned char buf[CHECK_BLOCK + 4];
    size_t keep = npre; /* bytes of a character cut by the end of the last block */
    if (npre) memcpy(buf, pre, npre);
    for (;;) {
        long got = cli_input_read(in, (char *)buf + keep, CHECK_BLOCK);
        if (got < 0) return -1;
        size_t n = keep + (size_t)got;
        int cut = 0;
        size_t ok = utf8_valid_prefix_wide(buf, n, &cut);
        if (ok < n && cut && got > 0) { /* the rest of the character comes next */
            memmove(buf, buf + ok, n - ok);
            base += ok;
            keep = n - ok;
            continue;
        }
        if (ok < n) {
            bad_utf8(path, base + ok, cut);
            return -1;
        }
        if (!got) return 0;
        base += n;
        keep = 0;
    }
}

int cmd_segment(int argc, char **argv)
{
    const char *lang = NULL, *srx = NULL, *path = "-";
    int export_srx = 0, have_path = 0, paras = -1;
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
        } else if (!strcmp(a, "--paragraphs") || !strncmp(a, "--paragraphs=", 13)) {
            const char *m = a[12] == '=' ? a + 13 : NULL;
            if (!m) {
                if (++i >= argc) goto missing;
                m = argv[i];
            }
            if (!strcmp(m, "auto"))
                paras = -1;
            else if (!strcmp(m, "blank"))
                paras = PISAR_PARAGRAPHS_BLANK;
            else if (!strcmp(m, "line"))
                paras = PISAR_PARAGRAPHS_LINE;
            else {
                cli_error("segment", "unknown --paragraphs '%s' (auto, blank or line)", m);
                return EXIT_USAGE;
            }
        } else if (!strcmp(a, "--export-srx")) {
            export_srx = 1;
        } else if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
            if (++i >= argc) goto missing;
            const char *f = argv[i];
            if (!strcmp(f, "txt"))
                fmt = FMT_TXT;
            else if (!strcmp(f, "tsv"))
                fmt = FMT_TSV;
            else if (!strcmp(f, "jsonl"))
                fmt = FMT_JSONL;
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
            cli_error("segment",
                      "no rules of its own for language '%s'; using language-neutral rules", lang);
    }

    if (cli_jsonl) /* --jsonl: records on stdin (jsonl.c) */
        return cli_jsonl_stdin_only("segment", &path, have_path) ? EXIT_USAGE
                                                                 : cli_jsonl_segment(lang, srx);
    const char *name = strcmp(path, "-") ? path : "(stdin)";
    cli_input in;
    if (cli_input_open(&in, "segment", path, name)) return EXIT_SOME_FAILED;
    /* bad input writes nothing: a stream is read once, each block checked as
     * it comes, and the output held back to the end; a file is checked whole
     * first, then read again */
    cli_hold hold;
    cli_hold_init(&hold, "segment");
    int once = cli_input_once(&in);
    if (!once && (check_input(&in, name, NULL, 0, 0) || cli_input_rewind(&in))) {
        cli_input_close(&in);
        return EXIT_SOME_FAILED;
    }

    writer w = {fmt, 0, 0, 0, 0, 0, {0}, once ? &hold : NULL};
    pisar_buf buf = {0};
    pisar_segmenter *seg = NULL;
    int status = EXIT_ALL_DONE, eof = 0;
    size_t base = 0;     /* input offset of buf.data[0] */
    size_t searched = 0; /* buf.data[0, searched) holds no paragraph break */
    size_t checked = 0;  /* buf.data[0, checked) is valid UTF-8 (once) */
    int line_paras = 0;  /* decided with the segmenter, from the first block */
    if (fmt == FMT_TSV && pisar_buf_puts(&w.out, "paragraph\tsentence\tstart\tend\ttext\n")) {
        cli_error("segment", "out of memory");
        status = EXIT_SOME_FAILED;
        eof = 1; /* nothing more to do */
    }

    /* Read blocks; segment everything up to the last paragraph break (an
     * empty line) and keep the rest: memory stays bounded by the largest
     * paragraph plus one block. */
    while (!eof) {
        if (pisar_buf_reserve(&buf, BLOCK)) {
            cli_error("segment", "%s: out of memory", name);
            status = EXIT_SOME_FAILED;
            break;
        }
        long n = cli_input_read(&in, buf.data + buf.len, BLOCK);
        if (n < 0) {
            status = EXIT_SOME_FAILED;
            break;
        }
        buf.len += (size_t)n;
        if ((size_t)n < BLOCK) eof = 1;
        if (once) { /* up to a character the block's end cuts, unless it is the last */
            int part = 0;
            checked += utf8_valid_prefix_wide((const unsigned char *)buf.data + checked,
                                              buf.len - checked, &part);
            if (checked < buf.len && (!part || eof)) {
                bad_utf8(name, base + checked, part);
                status = EXIT_SOME_FAILED;
                break;
            }
        }
        size_t cut = eof || line_paras ? buf.len : paragraph_cut(buf.data, buf.len, searched);
        int final = 1;
        searched = buf.len;
        if (!eof && line_paras) {
            /* a paragraph a line: segment up to the last line break; the last
             * sentence before it is left for the next block, in case it goes
             * on across that line break */
            cut = line_cut(buf.data, buf.len);
            final = 0;
        } else if (!cut && buf.len >= 2 * BLOCK) {
            /* a long stretch without an empty line (one paragraph a line, say):
             * cut after the last complete sentence instead */
            size_t q = buf.len;
            while (q > 0 && buf.data[q - 1] != '\n')
                q--; /* whole lines only, so no split character */
            if (q > 0) {
                cut = q;
                final = 0;
            }
        }
        if (!cut) continue;
        if (!seg) {
            int rc;
            pisar_error err;
            memset(&err, 0, sizeof err);
            const char *l = lang;
            double conf = 0;
            if (!l &&
                pisar_language_detect(buf.data, cut < 65536 ? cut : 65536, &l, &conf) != PISAR_OK)
                l = "und";
            if (!l) l = "und";
            if (srx)
                rc = pisar_segmenter_new_srx(&seg, srx, l, &err);
            else
                rc = pisar_segmenter_new(&seg, l, &err);
            if (!rc) {
                int mode = paras >= 0 ? paras : pisar_segment_guess_paragraphs(buf.data, buf.len);
                rc = pisar_segmenter_set_paragraphs(seg, mode);
                line_paras = mode == PISAR_PARAGRAPHS_LINE;
            }
            /* a stream's bad bytes further on are told first, as for a file */
            if (rc && once &&
                check_input(&in, name, buf.data + checked, buf.len - checked, base + checked)) {
                status = EXIT_SOME_FAILED;
                break;
            }
            if (rc) {
                if (srx && err.line)
                    cli_error("segment", "%s:%zu: %s", srx, err.line,
                              err.message[0] ? err.message : pisar_strerror(rc));
                else if (srx)
                    cli_error("segment", "%s: %s", srx,
                              err.message[0] ? err.message : pisar_strerror(rc));
                else
                    cli_error("segment", "%s", err.message[0] ? err.message : pisar_strerror(rc));
                status = EXIT_SOME_FAILED;
                break;
            }
        }
        size_t done;
        int rc = segment_chunk(seg, &w, buf.data, cut, base, final, &done);
        if (rc == 0 && !final &&
            done == 0) { /* one sentence longer than the buffer: keep reading */
            continue;
        }
        if (rc == 0) cut = done;
        if (rc > 0) { /* a write failed (reported) */
            status = EXIT_SOME_FAILED;
            break;
        }
        if (rc < 0) {
            cli_error("segment", "%s: %s", name, pisar_strerror(rc));
            status = EXIT_SOME_FAILED;
            break;
        }
        if (flush_out(&w)) {
            status = EXIT_SOME_FAILED;
            break;
        }
        memmove(buf.data, buf.data + cut, buf.len - cut);
        buf.len -= cut;
        base += cut;
        searched = 0;
        checked -= cut;
    }
    if (status == EXIT_ALL_DONE && flush_out(&w)) status = EXIT_SOME_FAILED;
    if (status == EXIT_ALL_DONE && once && cli_hold_write(&hold, stdout)) status = EXIT_SOME_FAILED;
    if (fflush(stdout) && status == EXIT_ALL_DONE) {
        cli_error("segment", "write error on standard output: %s", strerror(errno));
        status = EXIT_SOME_FAILED;
    }
    pisar_segmenter_free(seg);
    pisar_buf_free(&buf);
    pisar_buf_free(&w.out);
    cli_hold_free(&hold);
    cli_input_close(&in);
    return status;
}
