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

/* 1 if `path` exists and is not a regular file (a device such as /dev/null,
 * a FIFO): it is written as it is, never through a temporary file renamed
 * over it, which would replace the device. */
int cli_not_regular(const char *path);

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
/* A stream (not a regular file): the caller reads it once and keeps nothing
 * of it, so cli_input_read keeps no copy for a later pass; 1, else 0. */
int cli_input_once(cli_input *in);

/*
 * Output held back until the whole input is known good (spool.c): in memory
 * while it is short (CLI_HOLD_OUT bytes: an article), past that in an
 * unlinked temporary file in $TMPDIR. Less memory than CLI_HOLD, as each
 * fresh page costs a page fault (15 us on the project's virtual machine: 4 MB
 * held were 15 ms of a 100 ms run). Every function prints its own message.
 */
#define CLI_HOLD_OUT (256u << 10)
typedef struct cli_hold {
    const char *sub;
    char *mem;
    size_t len;
    int fd; /* the temporary file, else -1 */
} cli_hold;
void cli_hold_init(cli_hold *h, const char *sub);
/* Keep n more bytes; 0, or -1 (reported). */
int cli_hold_put(cli_hold *h, const void *p, size_t n);
/* Write everything held to f (after what f buffers); 0, or -1 (reported). */
int cli_hold_write(cli_hold *h, FILE *f);
void cli_hold_free(cli_hold *h);

/*
 * --jsonl and --html, taken out of the arguments by main.c before a
 * subcommand parses them (jsonl.c, html.c): cli_jsonl is nonzero for
 * --jsonl, cli_html_page the PAGE of --html PAGE (or NULL).
 */
extern int cli_jsonl;
extern const char *cli_html_page;

/* JSON Lines on stdin -> one record each on stdout (jsonl.c); each returns
 * the exit status. Called by the subcommands after their options are read. */
/* --html PAGE (html.c): the review page of a prep run (the inputs are
 * prepared again in memory with pisar_prep()), and of a convert run, one
 * row per file. Each returns 0, or -1 after a message. */
int cli_html_prep(const char *page, const char *const *files, size_t n, const char *lang,
                  const char *from);
enum { CLI_HTML_OK, CLI_HTML_FAILED, CLI_HTML_SKIPPED };
typedef struct cli_html_note {
    size_t offset; /* byte offset in the output */
    const char *before, *after, *how;
} cli_html_note;
typedef struct cli_html_row {
    const char *path, *encoding, *language, *message;
    int status; /* CLI_HTML_* */
    double confidence;
    uint64_t bytes_in, bytes_out, repairs, replacements;
    const cli_html_note *notes;
    size_t nnotes;
} cli_html_row;
int cli_html_convert(const char *page, const cli_html_row *rows, size_t n);

/* 0 when every file is "-", else -1 after a message (records come on stdin). */
int cli_jsonl_stdin_only(const char *sub, const char *const *files, int n);
int cli_jsonl_prep(const char *lang, const char *from, const char *target);
int cli_jsonl_normalize(unsigned flags);
int cli_jsonl_translit(const pisar_translit *t, unsigned flags);
int cli_jsonl_segment(const char *lang, const char *srx);
int cli_jsonl_names(int key, int phonetic, int resolve, const char *style, const char *gazetteer,
                    const char *lang);
int cli_jsonl_detect(uint64_t sample);
int cli_jsonl_convert(pisar_encoding from, int repair, int lossy, unsigned eol);

#endif
