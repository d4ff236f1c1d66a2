/* cli.h -- shared declarations of the pisar tool's subcommands and helpers. */
#ifndef PISAR_CLI_H
#define PISAR_CLI_H

#include <stdio.h>
#include "pisar/pisar.h"

/* Exit statuses of the tool (DESIGN.md: the CLI contract). */
enum { EXIT_ALL_DONE = 0, EXIT_SOME_FAILED = 1, EXIT_USAGE = 2 };

/* Each subcommand: argv[0] is the subcommand's name. Returns an exit status. */
int cmd_detect(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_normalize(int argc, char **argv);
int cmd_translit(int argc, char **argv);
int cmd_schemes(int argc, char **argv);
int cmd_names(int argc, char **argv);
int cmd_segment(int argc, char **argv);
int cmd_prep(int argc, char **argv);
int cmd_align(int argc, char **argv);

/* Print "pisar SUB: " + message to stderr. */
void cli_error(const char *sub, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Read a whole file ("-" = stdin) into buf (appending). On failure prints a
 * message naming the path and returns a negative pisar_status.
 */
int cli_read_all(const char *sub, const char *path, pisar_buf *buf);

/* Open "-" as stdin, else fopen(path, "rb"); prints a message on failure. */
FILE *cli_open_input(const char *sub, const char *path);

/* Write n bytes to f; returns 0, or -1 after printing a message. */
int cli_write(const char *sub, FILE *f, const void *p, size_t n);

/* Write s as a JSON string (quotes included): ", \ and control characters
 * (C0 and DEL) escaped, UTF-8 passed through. */
void cli_json_string(FILE *f, const char *s);

/* Append the n bytes at s (NULs allowed) to o as a JSON string, escaped as by
 * cli_json_string; returns 0 or a pisar_status from pisar_buf_append. */
int cli_json_append(pisar_buf *o, const char *s, size_t n);

/* Write all n bytes to fd (retrying after EINTR); 0, or -1 with errno set. */
int cli_write_fd(int fd, const void *p, size_t n);

/* Write s as a TSV field in PostgreSQL's text format: tab, LF, CR and the
 * backslash escaped as \t, \n, \r and \\; everything else as it is. */
void cli_tsv_field(FILE *f, const char *s);

/* Append the n bytes at s to o as a TSV field, escaped as by cli_tsv_field;
 * returns 0 or a pisar_status from pisar_buf_append. */
int cli_tsv_append(pisar_buf *o, const char *s, size_t n);

/* True when stderr is a terminal (progress bars only then). */
int cli_stderr_is_tty(void);

/*
 * An input read in passes (spool.c): check it whole, then convert it, in
 * bounded memory. A regular file is read again from where it started; a pipe
 * or terminal is kept in memory during the first pass while it is short
 * (CLI_HOLD bytes), and past that copied to an unlinked temporary file in
 * $TMPDIR, which the later passes read. Later passes end where the first
 * one did. Every function prints its own message (naming `name`) on failure.
 */
#define CLI_HOLD (4u << 20)
typedef struct cli_input {
    const char *sub, *name;
    int fd, own;                  /* what is read; whether it is ours to close */
    int spool;                    /* the spool being written in the first pass, else -1 */
    int first;                    /* in the first pass */
    long long start;              /* offset of the input's start in fd */
    unsigned long long size, pos; /* length (seen by the first pass); read so far */
    char *mem;                    /* a stream held in memory (while spooling is -2) */
    size_t memlen;
} cli_input;

/* Open path ("-" = stdin); 0, or -1 (reported). */
int cli_input_open(cli_input *in, const char *sub, const char *path, const char *name);
/* Read up to n bytes, as many as there are: their count, 0 at the end, -1
 * on a failure (reported). */
long cli_input_read(cli_input *in, void *buf, size_t n);
/* Go back to the start for the next pass (the first pass is first read to
 * the end if it stopped early); 0, or -1 (reported). */
int cli_input_rewind(cli_input *in);
void cli_input_close(cli_input *in);
/* An unlinked temporary file in $TMPDIR (default /tmp): its descriptor, or -1
 * with errno set. */
int cli_temp_fd(void);

#endif
