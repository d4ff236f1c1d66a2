/* main.c -- the pisar tool: dispatch to subcommands. */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A pipe on stdin or stdout gets a 1 MB buffer instead of the kernel's
 * 64 KB, so pisar and the command beside it wake each other 16 times less
 * often (a pipe row of bench/speed/cpu.sh: segment 32 MB 110 -> 100 ms CPU,
 * cat's included). Where the kernel refuses (pipe-max-size, per-user pipe
 * memory), the pipe stays as it was. */
static void widen_pipe(int fd)
{
#ifdef F_SETPIPE_SZ
    struct stat st;
    if (!fstat(fd, &st) && S_ISFIFO(st.st_mode)) (void)fcntl(fd, F_SETPIPE_SZ, 1 << 20);
#else
    (void)fd;
#endif
}

static const struct {
    const char *name;
    int (*run)(int, char **);
    const char *synopsis;
} commands[] = {
    {"detect", cmd_detect,
     "detect [--json] [--sample N] FILE...       encoding, confidence, language"},
    {"convert", cmd_convert,
     "convert [-r] [-o DIR | --in-place] [--from ENC] [--repair] [-j N] [--report F] PATH..."},
    {"normalize", cmd_normalize,
     "normalize [FILE]                          decode + NFC + repairs, to stdout"},
    {"translit", cmd_translit, "translit [-s SCHEME] [--lang L] [--reverse] [FILE]"},
    {"schemes", cmd_schemes,
     "schemes                                   the transliteration schemes"},
    {"names", cmd_names, "names [--style S] [--gazetteer F] [--rewrite] [--key] FILE..."},
    {"segment", cmd_segment, "segment [--lang L] [--srx F] [-f FORMAT] [FILE]"},
    {"prep", cmd_prep, "prep [--target-lang L] [-f FORMAT] [-o OUT] FILE...   the whole pipeline"},
    {"align", cmd_align, "align SOURCE TRANSLATION [-f tmx|tsv]"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: pisar COMMAND [OPTIONS] [ARGS]\n\n"
               "Prepare multilingual news text for translators.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  pisar %s\n", commands[i].synopsis);
    fprintf(f,
            "\n  --jsonl       (prep normalize translit segment names detect convert) JSON Lines\n"
            "                records on stdin, {\"id\":...,\"text\":...}, one record out each\n"
            "  --html PAGE   (prep convert) also write a self-contained review page\n");
    fprintf(f, "\n  pisar COMMAND --help   help on one command\n"
               "  pisar --version        versions of pisar and of Unicode\n\n"
               "Exit status: 0 all done, 1 some inputs failed, 2 usage error.\n");
}

void cli_error(const char *sub, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "pisar %s: ", sub);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_stderr_is_tty(void)
{
    return isatty(STDERR_FILENO);
}

int cli_jsonl;
const char *cli_html_page;

/* Take --jsonl and --html PAGE out of argv (before a "--"), for the
 * subcommands that have them; 0, or EXIT_USAGE after a message. */
static int take_common_options(const char *sub, int *argc, char **argv)
{
    int jsonl_ok = !strcmp(sub, "prep") || !strcmp(sub, "normalize") || !strcmp(sub, "translit") ||
                   !strcmp(sub, "segment") || !strcmp(sub, "names") || !strcmp(sub, "detect") ||
                   !strcmp(sub, "convert");
    int html_ok = !strcmp(sub, "prep") || !strcmp(sub, "convert");
    int o = 1;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            while (i < *argc)
                argv[o++] = argv[i++];
            break;
        }
        if (!strcmp(a, "--jsonl") && jsonl_ok) {
            cli_jsonl = 1;
        } else if ((!strcmp(a, "--html") || !strncmp(a, "--html=", 7)) && html_ok) {
            if (a[6] == '=')
                cli_html_page = a + 7;
            else if (i + 1 < *argc)
                cli_html_page = argv[++i];
            if (!cli_html_page || !*cli_html_page) {
                cli_error(sub, "--html needs a file name (the page to write)");
                return EXIT_USAGE;
            }
        } else {
            argv[o++] = argv[i];
        }
    }
    argv[o] = NULL;
    *argc = o;
    if (cli_jsonl && cli_html_page) {
        cli_error(sub, "--jsonl and --html exclude each other");
        return EXIT_USAGE;
    }
    return 0;
}

int main(int argc, char **argv)
{
    /* A file-size limit (ulimit -f) is an error on one output like a full
     * disk: write() fails with EFBIG, which each command reports with the
     * file's name before it removes its temp file and goes on. */
    signal(SIGXFSZ, SIG_IGN);
    widen_pipe(STDIN_FILENO);
    widen_pipe(STDOUT_FILENO);
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return EXIT_ALL_DONE;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("pisar %s (Unicode %s)\n", pisar_version(), pisar_unicode_version());
        return EXIT_ALL_DONE;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (strcmp(argv[1], commands[i].name)) continue;
        int sub_argc = argc - 1;
        if (take_common_options(commands[i].name, &sub_argc, argv + 1)) return EXIT_USAGE;
        int status = commands[i].run(sub_argc, argv + 1);
        /* what is still buffered for stdout goes out now, where a failure
         * (a full disk, a closed pipe) can still be reported */
        if (fflush(stdout) && status == EXIT_ALL_DONE) {
            cli_error(commands[i].name, "write error on standard output: %s", strerror(errno));
            status = EXIT_SOME_FAILED;
        }
        return status;
    }
    fprintf(stderr, "pisar: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
