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

/* Write s as a TSV field in PostgreSQL's text format: tab, LF, CR and the
 * backslash escaped as \t, \n, \r and \\; everything else as it is. */
void cli_tsv_field(FILE *f, const char *s);

/* Append the n bytes at s to o as a TSV field, escaped as by cli_tsv_field;
 * returns 0 or a pisar_status from pisar_buf_append. */
int cli_tsv_append(pisar_buf *o, const char *s, size_t n);

/* True when stderr is a terminal (progress bars only then). */
int cli_stderr_is_tty(void);

#endif
