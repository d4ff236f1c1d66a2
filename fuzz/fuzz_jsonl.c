/*
 * fuzz_jsonl.c -- the `--jsonl` reader of the tool (src/cli/jsonl.c: lines,
 * JSON records through jansson, "text"/"base64"/"path", error records) on
 * arbitrary input: standard input is the fuzz input, standard output goes to
 * /dev/null, and every subcommand's handler runs on it in turn. Nothing may
 * crash, leak or read out of bounds; the exit status is 0 or 1.
 * "path" records name files, and a file such as /dev/zero never ends: the
 * handler that reads them (detect) runs only on inputs that cannot spell
 * "path" (no such substring, no \u escape).
 */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* what src/cli/main.c defines for the tool */
int cli_jsonl = 1;
const char *cli_html_page;
void cli_error(const char *sub, const char *fmt, ...)
{
    (void)sub;
    (void)fmt;
}
int cli_stderr_is_tty(void)
{
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *devnull;
    if (!devnull && !(devnull = freopen("/dev/null", "w", stdout))) abort();
    static pisar_translit *t;
    if (!t && pisar_translit_open(&t, "ru-bgn", 0, NULL) != PISAR_OK) abort();
    int paths = memmem(data, size, "path", 4) || memmem(data, size, "\\u", 2);
    for (int which = paths ? 1 : 0; which < 5; which++) {
        FILE *in = fmemopen((void *)data, size ? size : 1, "r");
        if (!in) abort();
        FILE *saved = stdin;
        stdin = in;
        int rc = 0;
        switch (which) {
        case 0:
            rc = cli_jsonl_detect(0);
            break;
        case 1:
            rc = cli_jsonl_normalize(0);
            break;
        case 2:
            rc = cli_jsonl_translit(t, 0);
            break;
        case 3:
            rc = cli_jsonl_segment("ru", NULL);
            break;
        case 4:
            rc = cli_jsonl_names(1, 0, 1, NULL, NULL, NULL);
            break;
        }
        stdin = saved;
        fclose(in);
        if (rc != 0 && rc != 1) abort();
    }
    return 0;
}
