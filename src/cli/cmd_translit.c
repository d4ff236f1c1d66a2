/* cmd_translit.c -- pisar translit: romanize Cyrillic text under a named scheme. */
#include "cli.h"
#include "utf8.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void help(FILE *f)
{
    fprintf(
        f,
        "usage: pisar translit [-s SCHEME | --scheme-file F] [--lang L|auto] [--reverse] "
        "[FILE...]\n\n"
        "Romanize Cyrillic text (stdin, or each FILE; '-' is stdin) to stdout, line for\n"
        "line. Everything that is not Cyrillic passes through byte for byte.\n\n"
        "  -s, --scheme ID     a built-in scheme (pisar schemes lists them)\n"
        "  --scheme-file F     a scheme file of your own (format: tables/translit/README.md)\n"
        "  -l, --lang L        the default scheme of language L: ru ru-bgn, uk uk-national,\n"
        "                      be be-national, bg bg-streamlined, mk mk-official, sr sr-latin;\n"
        "                      'auto' identifies the language of the text first (ru if unsure).\n"
        "                      With -s, the same system for language L: -s bgn (or -s ru-bgn)\n"
        "                      --lang uk is uk-bgn; -s iso9 --lang auto is each text's ISO 9\n"
        "  -r, --reverse       Latin to Cyrillic (schemes marked reversible: iso9, sr-latin, ...)\n"
        "      --jsonl         JSON Lines records on stdin, one result each on stdout\n"
        "  -h, --help          this help\n\n"
        "Without -s, --scheme-file or --lang the scheme is ru-bgn.\n"
        "Input must be UTF-8 (see pisar normalize); invalid UTF-8 is reported with the\n"
        "file and byte offset, and nothing of that file is written.\n"
        "Exit status: 0 all done, 1 some inputs failed, 2 usage error.\n");
}

/* The scheme of system `given` (an id, with or without its language:
 * "ru-bgn", "bgn") for language `lang`, written into buf; NULL if that
 * language has none ("iso9" serves any language). */
static const char *scheme_for(const char *given, const char *lang, char *buf, size_t size)
{
    const char *sys = given;
    size_t n = pisar_translit_scheme_count();
    for (size_t i = 0; i < n; i++) {
        const pisar_scheme_info *in = pisar_translit_scheme(i);
        size_t l = strlen(in->language);
        if (strcmp(in->language, "*") && !strncmp(given, in->language, l) && given[l] == '-') {
            sys = given + l + 1;
            break;
        }
    }
    snprintf(buf, size, "%s-%s", lang, sys);
    const char *fallback = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *id = pisar_translit_scheme(i)->id;
        if (!strcmp(id, buf)) return buf;
        if (!strcmp(id, sys) && !strcmp(pisar_translit_scheme(i)->language, "*")) fallback = id;
    }
    return fallback;
}

static int open_scheme(pisar_translit **t, const char *scheme, const char *file, unsigned flags)
{
    pisar_error err;
    memset(&err, 0, sizeof err);
    int rc = file ? pisar_translit_load(t, file, flags, &err)
                  : pisar_translit_open(t, scheme, flags, &err);
    if (rc) cli_error("translit", "%s", err.message[0] ? err.message : pisar_strerror(rc));
    return rc;
}

/* Bytes read at a time; the language of --lang auto is detected on the
 * first SAMPLE bytes (cut back to a character boundary). */
#define CHUNK ((size_t)1 << 18)
#define SAMPLE ((size_t)65536)

static void report_bad(const char *name, int rc, const pisar_error *err)
{
    if (rc == PISAR_EILSEQ || rc == PISAR_ETRUNC)
        cli_error("translit", "%s: %s at byte offset %llu", name,
                  rc == PISAR_ETRUNC ? "truncated UTF-8 sequence" : "invalid UTF-8",
                  (unsigned long long)err->offset);
    else
        cli_error("translit", "%s: %s", name, pisar_strerror(rc));
}

/* --lang auto: the scheme for the language of sample[0..nsample) (the
 * first SAMPLE + 1 bytes of an input of `size` bytes); opened into *auto_t.
 * 0, or -1 (reported). */
static int choose_scheme(const char *name, const char *sample, size_t nsample,
                         unsigned long long size, unsigned flags, const char *system,
                         pisar_translit **auto_t)
{
    const char *code = "und";
    double conf = 0;
    size_t n = size < SAMPLE ? (size_t)size : SAMPLE;
    if (n > nsample) n = nsample;
    while (n < size && n > 0 && ((unsigned char)sample[n] & 0xC0) == 0x80)
        n--;
    pisar_language_detect(sample, n, &code, &conf);
    char sbuf[64];
    const char *id = system ? scheme_for(system, code ? code : "und", sbuf, sizeof sbuf)
                            : pisar_translit_default_scheme(code);
    if (!id && system) {
        id = pisar_translit_default_scheme(code);
        if (id)
            cli_error("translit", "%s: language '%s' has no scheme of system '%s'; using %s", name,
                      code, system, id);
    }
    if (!id) {
        /* ru-bgn has no reverse; iso9 reads any Cyrillic back */
        id = flags & PISAR_TRANSLIT_REVERSE ? "iso9" : "ru-bgn";
        cli_error("translit", "%s: language '%s' has no Cyrillic scheme; using %s", name,
                  code ? code : "und", id);
    }
    return open_scheme(auto_t, id, NULL, flags) ? -1 : 0;
}

/*
 * A stream (a pipe, a terminal): one pass. Each piece read (cut just after
 * its last line feed, as run_one's second pass cuts) is romanized at once:
 * pisar_translit_apply checks its UTF-8 on the way, with the verdict and
 * offset of the first pass of a file. The output, not the input, is held
 * back until the end: in memory while it is shorter than CLI_HOLD, past
 * that in an unlinked temporary file (cli_temp_fd), then written whole to
 * stdout; so a bad byte still leaves nothing on stdout, and the stream is
 * read once instead of being spooled and read again (and the output of
 * Cyrillic text is shorter than its input). Past a bad byte the stream is
 * read to its end all the same, so that its writer is not cut off.
 */
static int run_stream(cli_input *in, const char *name, unsigned flags,
                      pisar_translit *const *shared, const char *system)
{
    pisar_buf buf = {0}, piece = {0}, held = {0};
    pisar_translit *auto_t = NULL, *t = *shared;
    int status = EXIT_SOME_FAILED, hold_fd = -1, bad = PISAR_OK;
    pisar_error err;
    memset(&err, 0, sizeof err);
    unsigned long long base = 0; /* input offset of buf.data[0] */
    in->spool = -1;              /* read once: nothing kept by cli_input_read */
    for (int eof = 0, firstread = 1; !eof;) {
        if (pisar_buf_reserve(&buf, CHUNK)) {
            cli_error("translit", "%s: out of memory", name);
            goto done;
        }
        long n = cli_input_read(in, buf.data + buf.len, CHUNK);
        if (n < 0) goto done;
        eof = n == 0;
        size_t from = buf.len, cut = buf.len += (size_t)n;
        if (firstread) {
            firstread = 0;
            /* the whole input when shorter than a read (it ends there) */
            if (!t &&
                choose_scheme(name, buf.data, buf.len, eof || buf.len < CHUNK ? buf.len : ~0ull,
                              flags, system, &auto_t))
                goto done;
            if (!t) t = auto_t;
        }
        if (bad) { /* read on to the end, keep nothing */
            buf.len = 0;
            continue;
        }
        if (!eof) {
            /* what was kept from before holds no line feed */
            while (cut > from && buf.data[cut - 1] != '\n')
                cut--;
            if (cut == from) continue; /* none in what came either: read on */
        }
        pisar_buf_clear(&piece);
        int rc = pisar_translit_apply_with_errors(t, buf.data, cut, &piece, &err);
        if (rc) {
            bad = rc;
            err.offset += base;
            buf.len = 0;
            continue;
        }
        if (hold_fd < 0 && held.len + piece.len > CLI_HOLD) {
            if ((hold_fd = cli_temp_fd()) < 0) {
                cli_error("translit", "%s: cannot create a temporary file in %s: %s", name,
                          getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
                          strerror(errno));
                goto done;
            }
        }
        if (hold_fd >= 0) {
            if ((held.len && cli_write_fd(hold_fd, held.data, held.len)) ||
                cli_write_fd(hold_fd, piece.data, piece.len)) {
                cli_error("translit", "%s: cannot hold the output back: %s", name, strerror(errno));
                goto done;
            }
            pisar_buf_clear(&held);
        } else if (pisar_buf_append(&held, piece.data, piece.len)) {
            cli_error("translit", "%s: out of memory", name);
            goto done;
        }
        base += cut;
        memmove(buf.data, buf.data + cut, buf.len - cut);
        buf.len -= cut;
    }
    if (bad) {
        report_bad(name, bad, &err);
        goto done;
    }
    if (hold_fd >= 0) {
        /* the output held in the file, to stdout */
        if (lseek(hold_fd, 0, SEEK_SET) < 0) {
            cli_error("translit", "%s: cannot read the output back: %s", name, strerror(errno));
            goto done;
        }
        if (pisar_buf_reserve(&piece, CHUNK)) {
            cli_error("translit", "%s: out of memory", name);
            goto done;
        }
        for (;;) {
            ssize_t r = read(hold_fd, piece.data, CHUNK);
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) {
                cli_error("translit", "%s: cannot read the output back: %s", name, strerror(errno));
                goto done;
            }
            if (r == 0) break;
            if (cli_write("translit", stdout, piece.data, (size_t)r)) goto done;
        }
    } else if (cli_write("translit", stdout, held.data, held.len)) {
        goto done;
    }
    status = EXIT_ALL_DONE;
done:
    if (hold_fd >= 0) close(hold_fd);
    pisar_translit_free(auto_t);
    pisar_buf_free(&buf);
    pisar_buf_free(&piece);
    pisar_buf_free(&held);
    return status;
}

/*
 * Romanize one input with *shared, or (--lang auto: *shared is NULL) with
 * the default scheme of the language detected in it, or with its scheme of
 * `system` (-s given with --lang auto).
 *
 * Two passes, so that a bad byte never leaves half a file on stdout and
 * memory stays bounded however large the input: the first checks that all
 * of it is UTF-8 (utf8_valid_prefix_wide, 32 bytes a step with AVX2, whose verdict and
 * offset are those of pisar_translit_apply: the same strict UTF-8, the
 * first bad sequence, ETRUNC only when the input ends inside a character),
 * keeping the first bytes for --lang auto (a stream goes to run_stream
 * instead: one pass, its output held back). The second romanizes the input
 * in pieces cut
 * just after a line feed. That cut changes nothing: the context rules look
 * one character (combining marks skipped) beyond a letter, and a line feed
 * is no letter, no apostrophe, no mark, no capital and in no set of the
 * schemes, so "the line feed before" is seen exactly as "nothing before" at
 * the start of a piece, and no source of a rule spans a line feed. (A scheme
 * file of one's own could name U+000A in a rule with a \u escape; that is
 * the one case where the pieces could differ from the whole.) A line longer
 * than the buffer makes the buffer grow: memory is bounded by the longest
 * line.
 */
static int run_one(const char *path, unsigned flags, pisar_translit *const *shared,
                   const char *system)
{
    pisar_buf buf = {0}, out = {0};
    pisar_translit *auto_t = NULL;
    pisar_decoder *check = NULL;
    cli_input in;
    int status = EXIT_SOME_FAILED;
    const char *name = strcmp(path, "-") ? path : "(stdin)";
    char sample[SAMPLE + 1];
    size_t nsample = 0;
    if (cli_input_open(&in, "translit", path, name)) return EXIT_SOME_FAILED;
    if (in.spool == -2) { /* a stream: one pass */
        status = run_stream(&in, name, flags, shared, system);
        cli_input_close(&in);
        return status;
    }
    if (pisar_buf_reserve(&buf, CHUNK + 4) ||
        pisar_decoder_new(&check, PISAR_ENC_UTF8, PISAR_DECODE_CHECK | PISAR_DECODE_KEEP_BOM)) {
        cli_error("translit", "%s: out of memory", name);
        goto done;
    }
    /* pass 1: is it all UTF-8? (the library's validator, 32 bytes a step with AVX2;
     * up to 3 bytes of a character cut by the end of a chunk are carried
     * into the next; the verdict and offset are pisar_translit_apply's) */
    pisar_error err;
    memset(&err, 0, sizeof err);
    int bad = PISAR_OK;
    size_t ncarry = 0, base = 0; /* base: input offset of buf.data[0] */
    for (;;) {
        long n = cli_input_read(&in, buf.data + ncarry, CHUNK);
        if (n < 0) goto done;
        if (nsample <= SAMPLE) {
            size_t k = (size_t)n < SAMPLE + 1 - nsample ? (size_t)n : SAMPLE + 1 - nsample;
            memcpy(sample + nsample, buf.data + ncarry, k);
            nsample += k;
        }
        if (!bad) {
            size_t len = ncarry + (size_t)n;
            int cut;
            size_t ok = utf8_valid_prefix_wide((const unsigned char *)buf.data, len, &cut);
            if (ok == len) {
                ncarry = 0;
            } else if (cut && n) {
                ncarry = len - ok; /* at most 3: the start of a character */
                memmove(buf.data, buf.data + ok, ncarry);
            } else {
                bad = cut ? PISAR_ETRUNC : PISAR_EILSEQ;
                err.offset = base + ok;
            }
            base += len - ncarry;
        }
        if (n == 0) break;
        /* past a bad byte, a file is read no further than the sample; a
         * pipe is read to its end all the same, so its writer is not cut off */
        if (bad && in.spool < 0 && nsample > SAMPLE) break;
    }
    pisar_translit *t = *shared;
    if (!t) {
        /* --lang auto: the scheme depends on this input's language. */
        if (choose_scheme(name, sample, nsample, in.size, flags, system, &auto_t)) goto done;
        t = auto_t;
    }
    if (bad) {
        report_bad(name, bad, &err);
        goto done;
    }
    /* pass 2: romanize, a piece ending in a line feed at a time */
    if (cli_input_rewind(&in)) goto done;
    buf.len = 0;
    for (int eof = 0; !eof;) {
        if (pisar_buf_reserve(&buf, CHUNK)) {
            cli_error("translit", "%s: out of memory", name);
            goto done;
        }
        long n = cli_input_read(&in, buf.data + buf.len, CHUNK);
        if (n < 0) goto done;
        eof = n == 0;
        size_t from = buf.len, cut = buf.len += (size_t)n;
        if (!eof) {
            /* what was kept from before holds no line feed */
            while (cut > from && buf.data[cut - 1] != '\n')
                cut--;
            if (cut == from) continue; /* none in what came either: read on */
        }
        pisar_buf_clear(&out);
        memset(&err, 0, sizeof err);
        int rc = pisar_translit_apply_with_errors(t, buf.data, cut, &out, &err);
        if (rc) {
            /* only when the file changed since the check */
            err.offset += in.pos - buf.len;
            report_bad(name, rc, &err);
            goto done;
        }
        if (cli_write("translit", stdout, out.data, out.len)) goto done;
        memmove(buf.data, buf.data + cut, buf.len - cut);
        buf.len -= cut;
    }
    status = EXIT_ALL_DONE;
done:
    cli_input_close(&in);
    pisar_decoder_free(check);
    pisar_translit_free(auto_t);
    pisar_buf_free(&buf);
    pisar_buf_free(&out);
    return status;
}

int cmd_translit(int argc, char **argv)
{
    const char *scheme = NULL, *sfile = NULL, *lang = NULL;
    unsigned flags = PISAR_TRANSLIT_FORWARD;
    int nfiles = 0;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) return EXIT_SOME_FAILED;
    int i;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **dst = NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            help(stdout);
            free(files);
            return EXIT_ALL_DONE;
        } else if (!strcmp(a, "-r") || !strcmp(a, "--reverse")) {
            flags = PISAR_TRANSLIT_REVERSE;
            continue;
        } else if (!strcmp(a, "--")) {
            for (i++; i < argc; i++)
                files[nfiles++] = argv[i];
            break;
        } else if (!strcmp(a, "-s") || !strcmp(a, "--scheme"))
            dst = &scheme;
        else if (!strcmp(a, "--scheme-file"))
            dst = &sfile;
        else if (!strcmp(a, "-l") || !strcmp(a, "--lang"))
            dst = &lang;
        else if (!strncmp(a, "--scheme=", 9)) {
            scheme = a + 9;
            continue;
        } else if (!strncmp(a, "--scheme-file=", 14)) {
            sfile = a + 14;
            continue;
        } else if (!strncmp(a, "--lang=", 7)) {
            lang = a + 7;
            continue;
        } else if (a[0] == '-' && a[1]) {
            cli_error("translit", "unknown option '%s' (see pisar translit --help)", a);
            free(files);
            return EXIT_USAGE;
        } else {
            files[nfiles++] = argv[i];
            continue;
        }
        if (i + 1 >= argc) {
            cli_error("translit", "%s needs a value", a);
            free(files);
            return EXIT_USAGE;
        }
        *dst = argv[++i];
    }
    if ((scheme != NULL) + (sfile != NULL) > 1) {
        cli_error("translit", "give either -s or --scheme-file, not both");
        free(files);
        return EXIT_USAGE;
    }
    if (!nfiles) files[nfiles++] = "-";
    pisar_translit *t = NULL;
    char sbuf[64];
    const char *system = NULL;
    if (scheme && lang) {
        if (!strcmp(lang, "auto")) {
            system = scheme; /* resolved per input */
            scheme = NULL;
        } else if (!(scheme = scheme_for(scheme, lang, sbuf, sizeof sbuf))) {
            cli_error("translit", "language '%s' has no scheme of that system (see pisar schemes)",
                      lang);
            free(files);
            return EXIT_USAGE;
        }
    }
    if (scheme && !lang) {
        /* "-s bgn" alone: the Russian scheme of that system, if no scheme has that id */
        int known = 0;
        for (size_t i = 0; i < pisar_translit_scheme_count() && !known; i++)
            known = !strcmp(pisar_translit_scheme(i)->id, scheme);
        const char *ru = known ? NULL : scheme_for(scheme, "ru", sbuf, sizeof sbuf);
        if (ru) scheme = ru;
    }
    if (!scheme && !sfile && !system && lang && strcmp(lang, "auto")) {
        scheme = pisar_translit_default_scheme(lang);
        if (!scheme) {
            cli_error("translit", "no scheme for language '%s' (ru, uk, be, bg, mk, sr or auto)",
                      lang);
            free(files);
            return EXIT_USAGE;
        }
    }
    int auto_lang = !scheme && !sfile && lang && !strcmp(lang, "auto");
    if (sfile && lang) {
        cli_error("translit", "--lang does not apply to --scheme-file (the file names its scheme)");
        free(files);
        return EXIT_USAGE;
    }
    if (!scheme && !sfile && !auto_lang) scheme = "ru-bgn";
    if (!auto_lang && open_scheme(&t, scheme, sfile, flags)) {
        free(files);
        return sfile ? EXIT_SOME_FAILED : EXIT_USAGE;
    }
    if (cli_jsonl) { /* --jsonl: records on stdin (jsonl.c) */
        int st = cli_jsonl_stdin_only("translit", (const char **)files, nfiles)
                     ? EXIT_USAGE
                     : cli_jsonl_translit(t, flags);
        pisar_translit_free(t);
        free(files);
        return st;
    }
    int status = EXIT_ALL_DONE;
    for (int f = 0; f < nfiles; f++)
        if (run_one(files[f], flags, &t, system) != EXIT_ALL_DONE) status = EXIT_SOME_FAILED;
    if (fflush(stdout)) {
        cli_error("translit", "write error on standard output: %s", strerror(errno));
        status = EXIT_SOME_FAILED;
    }
    pisar_translit_free(t);
    free(files);
    return status;
}
