/* cmd_translit.c -- pisar translit: romanize Cyrillic text under a named scheme. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
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
        "                      'auto' identifies the language of the text first (ru if unsure)\n"
        "  -r, --reverse       Latin to Cyrillic (schemes marked reversible: iso9, sr-latin, ...)\n"
        "  -h, --help          this help\n\n"
        "Without -s, --scheme-file or --lang the scheme is ru-bgn.\n"
        "Input must be UTF-8 (see pisar normalize); invalid UTF-8 is reported with the\n"
        "file and byte offset, and nothing of that file is written.\n"
        "Exit status: 0 all done, 1 some inputs failed, 2 usage error.\n");
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

/* Romanize one input with *shared, or (--lang auto: *shared is NULL) with
 * the default scheme of the language detected in it. */
static int run_one(const char *path, unsigned flags, pisar_translit *const *shared)
{
    pisar_buf in = {0}, out = {0};
    pisar_translit *auto_t = NULL;
    int status = EXIT_ALL_DONE;
    const char *name = strcmp(path, "-") ? path : "(stdin)";
    /* A regular file is mapped (no copy); anything else is read. */
    const char *data = NULL;
    size_t size = 0;
    void *map = MAP_FAILED;
    struct stat st;
    int fd = strcmp(path, "-") ? open(path, O_RDONLY) : STDIN_FILENO;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (uint64_t)st.st_size < SIZE_MAX / 2 && lseek(fd, 0, SEEK_CUR) == 0) {
        map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (map != MAP_FAILED) {
            data = map;
            size = (size_t)st.st_size;
        }
    }
    if (fd >= 0 && fd != STDIN_FILENO) close(fd);
    if (map == MAP_FAILED) {
        if (cli_read_all("translit", path, &in)) {
            status = EXIT_SOME_FAILED;
            goto done;
        }
        data = in.data ? in.data : "";
        size = in.len;
    }
    pisar_translit *t = *shared;
    if (!t) {
        /* --lang auto: the scheme depends on this input's language. */
        const char *code = "und";
        double conf = 0;
        size_t sample = size < 65536 ? size : 65536;
        while (sample < size && sample > 0 && ((unsigned char)data[sample] & 0xC0) == 0x80)
            sample--;
        pisar_language_detect(data, sample, &code, &conf);
        const char *id = pisar_translit_default_scheme(code);
        if (!id) {
            /* ru-bgn has no reverse; iso9 reads any Cyrillic back */
            id = flags & PISAR_TRANSLIT_REVERSE ? "iso9" : "ru-bgn";
            cli_error("translit", "%s: language '%s' has no Cyrillic scheme; using %s", name,
                      code ? code : "und", id);
        }
        if (open_scheme(&auto_t, id, NULL, flags)) {
            status = EXIT_SOME_FAILED;
            goto done;
        }
        t = auto_t;
    }
    /* One pass over the whole input; the result is written only when all of
     * it was valid, so a bad byte never leaves half a file on stdout. */
    {
        pisar_error err;
        memset(&err, 0, sizeof err);
        int rc = pisar_translit_apply_with_errors(t, data, size, &out, &err);
        if (rc == PISAR_EILSEQ || rc == PISAR_ETRUNC) {
            cli_error("translit", "%s: %s at byte offset %llu", name,
                      rc == PISAR_ETRUNC ? "truncated UTF-8 sequence" : "invalid UTF-8",
                      (unsigned long long)err.offset);
            status = EXIT_SOME_FAILED;
        } else if (rc) {
            cli_error("translit", "%s: %s", name, pisar_strerror(rc));
            status = EXIT_SOME_FAILED;
        } else if (cli_write("translit", stdout, out.data, out.len)) {
            status = EXIT_SOME_FAILED;
        }
    }
done:
    pisar_translit_free(auto_t);
    if (map != MAP_FAILED) munmap(map, size);
    pisar_buf_free(&in);
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
    if (!scheme && !sfile && lang && strcmp(lang, "auto")) {
        scheme = pisar_translit_default_scheme(lang);
        if (!scheme) {
            cli_error("translit", "no scheme for language '%s' (ru, uk, be, bg, mk, sr or auto)",
                      lang);
            free(files);
            return EXIT_USAGE;
        }
    }
    int auto_lang = !scheme && !sfile && lang && !strcmp(lang, "auto");
    if (!scheme && !sfile && !auto_lang) scheme = "ru-bgn";
    if (!auto_lang && open_scheme(&t, scheme, sfile, flags)) {
        free(files);
        return sfile ? EXIT_SOME_FAILED : EXIT_USAGE;
    }
    int status = EXIT_ALL_DONE;
    for (int f = 0; f < nfiles; f++)
        if (run_one(files[f], flags, &t) != EXIT_ALL_DONE) status = EXIT_SOME_FAILED;
    if (fflush(stdout)) {
        cli_error("translit", "write error");
        status = EXIT_SOME_FAILED;
    }
    pisar_translit_free(t);
    free(files);
    return status;
}
