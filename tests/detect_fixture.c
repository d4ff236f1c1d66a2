/*
 * detect_fixture.c -- one detection fixture through the tool, for CTest.
 *
 *   detect_fixture PISAR FILE EXPECTED [KNOWN-FAILURE-REASON]
 *
 * Runs `PISAR detect FILE`, takes the encoding from its output line
 * (PATH<TAB>ENCODING<TAB>CONFIDENCE<TAB>LANGUAGE) and accepts it when it is
 * EXPECTED or gives the same text: the policy of tests/detect_accept.h
 * detect-score.py (pure ASCII: ascii, utf-8 or any single-byte code page; two
 * single-byte code pages that decode every byte of the file alike).
 *
 * Exit 0 when accepted, 1 when wrong. Anything else (the tool cannot be run,
 * exits non-zero, dies, or prints something unparsable; an unknown encoding
 * name) is not an answer at all: the driver then aborts, so CTest counts a
 * crash, which fails the test even when it is marked WILL_FAIL as a known
 * failure (tests/detect_fixtures.cmake).
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pisar/pisar.h"
#include "codepage.h"
#include "detect_accept.h"

extern char **environ;

static _Noreturn void broken(const char *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "detect_fixture: %s: ", file);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
    abort();
}

/* Run `pisar detect file`; its whole stdout into out (NUL-terminated). */
static void run_tool(const char *pisar, const char *file, char *out, size_t cap)
{
    int fd[2];
    if (pipe(fd)) broken(file, "pipe: %s", strerror(errno));
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
    posix_spawn_file_actions_addclose(&fa, fd[0]);
    posix_spawn_file_actions_addclose(&fa, fd[1]);
    char *argv[] = {(char *)pisar, "detect", (char *)file, NULL};
    pid_t pid;
    int e = posix_spawn(&pid, pisar, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fd[1]);
    if (e) broken(file, "cannot run the tool: %s", strerror(e));
    size_t len = 0;
    for (;;) {
        ssize_t k = read(fd[0], out + len, cap - 1 - len);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) break;
        len += (size_t)k;
        if (len == cap - 1) break;
    }
    out[len] = 0;
    close(fd[0]);
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) broken(file, "waitpid: %s", strerror(errno));
    if (WIFSIGNALED(st)) broken(file, "the tool died of signal %s", strsignal(WTERMSIG(st)));
    if (WEXITSTATUS(st)) broken(file, "the tool exited with status %d", WEXITSTATUS(st));
}

int main(int argc, char **argv)
{
    if (argc < 4 || argc > 5) {
        fprintf(stderr, "usage: detect_fixture PISAR FILE EXPECTED [KNOWN-FAILURE-REASON]\n");
        return 2;
    }
    const char *pisar = argv[1], *file = argv[2], *expected = argv[3];
    pisar_encoding truth = pisar_encoding_from_name(expected);
    if (truth == PISAR_ENC_UNKNOWN)
        broken(file, "'%s' (from the path) is not an encoding pisar knows", expected);

    char out[4096];
    run_tool(pisar, file, out, sizeof out);
    /* PATH<TAB>ENCODING<TAB>CONFIDENCE<TAB>LANGUAGE\n, PATH being FILE as given */
    size_t fl = strlen(file);
    if (strncmp(out, file, fl) || out[fl] != '\t') broken(file, "unexpected output: %s", out);
    char *enc = out + fl + 1, *tab = strchr(enc, '\t'), *nl = strchr(enc, '\n');
    if (!tab || !nl || nl[1]) broken(file, "unexpected output: %s", out);
    *tab = 0;
    *nl = 0;
    char *conf = tab + 1, *lang = strchr(conf, '\t');
    if (!lang) broken(file, "unexpected output: %s", conf);
    *lang++ = 0;
    pisar_encoding got = pisar_encoding_from_name(enc);
    if (got == PISAR_ENC_UNKNOWN) broken(file, "the tool answered an unknown encoding '%s'", enc);

    size_t n;
    unsigned char *p = slurp(file, &n);
    if (!p) broken(file, "cannot read: %s", strerror(errno));
    int ok = acceptable(truth, got, p, n);
    free(p);
    printf("%s: expected %s, got %s (confidence %s, language %s)%s\n", file, expected, enc, conf,
           lang, ok ? (truth == got ? "" : " -- same text") : " -- WRONG");
    if (argc == 5) printf("known failure (fixtures/detect/KNOWN_FAILURES): %s\n", argv[4]);
    return ok ? 0 : 1;
}
