/* cmd_detect.c -- pisar detect: the encoding, confidence and language of each file. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *f)
{
    fprintf(f, "usage: pisar detect [--json] [--sample N] FILE...\n\n"
               "Detect the character encoding and the language of each FILE (\"-\" = stdin).\n"
               "One line per file: PATH<TAB>ENCODING<TAB>CONFIDENCE<TAB>LANGUAGE.\n\n"
               "  --json       one JSON object per line: path, encoding, confidence, language,\n"
               "               bom, runner_up, runner_up_confidence, bytes, markup (the input\n"
               "               was read as HTML/XML: only its text scored), declared (the\n"
               "               charset the file declares: charset as written, source (xml,\n"
               "               meta, http-equiv, mime, css, po, emacs, python, vim, latex,\n"
               "               hunspell, aspell, first-line, keymap, pascal), line, offset\n"
               "               (of the label), encoding (null: not supported), followed\n"
               "               true|false; null if none)\n"
               "  --sample N   examine only the first N bytes of each file (default: all)\n"
               "  --jsonl      JSON Lines records (text, path or base64) on stdin\n"
               "  -h, --help   this help\n\n"
               "Encodings are named by their WHATWG/IANA labels (utf-8, windows-1251, koi8-r,\n"
               "ibm866, x-mac-cyrillic, iso-8859-2, ...); \"binary\" for input that is not text.\n"
               "Languages are codes (ru, uk, sr, sr-Latn, en, ...), \"und\" when unknown.\n"
               "Exit status: 0 all files read, 1 some could not be read, 2 usage error.\n");
}

/* Read the file in chunks into the detector; returns 0 or -1 after a message. */
static int run_one(pisar_detector *det, const char *path)
{
    FILE *f = cli_open_input("detect", path);
    if (!f) return -1;
    static unsigned char buf[1 << 16];
    int rc = 0;
    for (;;) {
        size_t n = fread(buf, 1, sizeof buf, f);
        int fr = n ? pisar_detector_feed(det, buf, n) : 0;
        if (fr < 0) {
            cli_error("detect", "%s: %s", path, pisar_strerror(fr));
            rc = -1;
            break;
        }
        if (fr == 1) break; /* the sample is full */
        if (n < sizeof buf) {
            if (ferror(f)) {
                cli_error("detect", "%s: read error: %s", path, strerror(errno));
                rc = -1;
            }
            break;
        }
    }
    if (f != stdin) fclose(f);
    if (!rc) {
        int fr = pisar_detector_finish(det);
        if (fr < 0) {
            cli_error("detect", "%s: %s", path, pisar_strerror(fr));
            rc = -1;
        }
    }
    return rc;
}

int cmd_detect(int argc, char **argv)
{
    int json = 0, i;
    uint64_t sample = 0;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            i++;
            break;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            help(stdout);
            return EXIT_ALL_DONE;
        }
        if (!strcmp(a, "--json"))
            json = 1;
        else if (!strcmp(a, "--sample") || !strncmp(a, "--sample=", 9)) {
            const char *v = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
            char *end;
            if (!v || !*v || *v == '-') {
                cli_error("detect", "--sample needs a positive number of bytes");
                return EXIT_USAGE;
            }
            errno = 0;
            unsigned long long n = strtoull(v, &end, 10);
            if (*end || errno || n == 0) {
                cli_error("detect", "--sample: '%s' is not a positive number of bytes", v);
                return EXIT_USAGE;
            }
            sample = n;
        } else if (a[0] == '-' && a[1]) {
            cli_error("detect", "unknown option '%s' (try --help)", a);
            return EXIT_USAGE;
        } else
            break;
    }
    if (cli_jsonl) /* --jsonl: records on stdin (jsonl.c) */
        return cli_jsonl_stdin_only("detect", (const char **)argv + i, argc - i)
                   ? EXIT_USAGE
                   : cli_jsonl_detect(sample);
    if (i >= argc) {
        cli_error("detect", "no FILE given (use - for stdin; try --help)");
        return EXIT_USAGE;
    }
    pisar_detector *det = pisar_detector_new();
    if (!det) {
        cli_error("detect", "out of memory");
        return EXIT_SOME_FAILED;
    }
    if (pisar_detector_set_sample(det, sample)) { /* cannot fail on a handle */
        cli_error("detect", "cannot set the sample size");
        pisar_detector_free(det);
        return EXIT_SOME_FAILED;
    }
    int status = EXIT_ALL_DONE;
    for (; i < argc; i++) {
        const char *path = argv[i];
        pisar_detector_reset(det);
        pisar_detection r;
        if (run_one(det, path) < 0 || pisar_detector_result(det, &r) < 0) {
            status = EXIT_SOME_FAILED;
            continue;
        }
        if (json) {
            fputs("{\"path\":", stdout);
            cli_json_string(stdout, path);
            printf(",\"encoding\":\"%s\",\"confidence\":%.2f,\"language\":",
                   pisar_encoding_name(r.encoding), r.confidence);
            cli_json_string(stdout, r.language ? r.language : "und");
            printf(",\"bom\":%s", r.bom_length ? "true" : "false");
            if (r.runner_up != PISAR_ENC_UNKNOWN)
                printf(",\"runner_up\":\"%s\",\"runner_up_confidence\":%.2f",
                       pisar_encoding_name(r.runner_up), r.runner_up_confidence);
            else
                fputs(",\"runner_up\":null,\"runner_up_confidence\":null", stdout);
            printf(",\"bytes\":%llu", (unsigned long long)r.bytes_seen);
            printf(",\"markup\":%s", pisar_detector_markup(det) ? "true" : "false");
            const char *label, *source;
            int followed;
            uint64_t offset, line;
            pisar_encoding de;
            if (pisar_detector_declared(det, &label, &source, &followed) == 1 &&
                pisar_detector_declaration(det, &offset, &line, &de) == 1) {
                fputs(",\"declared\":{\"charset\":", stdout);
                cli_json_string(stdout, label);
                printf(",\"source\":\"%s\",\"line\":%llu,\"offset\":%llu,\"encoding\":", source,
                       (unsigned long long)line, (unsigned long long)offset);
                if (de != PISAR_ENC_UNKNOWN)
                    printf("\"%s\"", pisar_encoding_name(de));
                else
                    fputs("null", stdout);
                printf(",\"followed\":%s}}\n", followed ? "true" : "false");
            } else {
                fputs(",\"declared\":null}\n", stdout);
            }
        } else {
            printf("%s\t%s\t%.2f\t%s\n", path, pisar_encoding_name(r.encoding), r.confidence,
                   r.language ? r.language : "und");
        }
        if (fflush(stdout)) {
            cli_error("detect", "write error on standard output: %s", strerror(errno));
            pisar_detector_free(det);
            return EXIT_SOME_FAILED;
        }
    }
    pisar_detector_free(det);
    return status;
}
