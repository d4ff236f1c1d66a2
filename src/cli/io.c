/* io.c -- file helpers shared by the subcommands. */
#include "cli.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *cli_open_input(const char *sub, const char *path)
{
    if (!strcmp(path, "-")) return stdin;
    FILE *f = fopen(path, "rb");
    if (!f) cli_error(sub, "%s: %s", path, strerror(errno));
    return f;
}

int cli_read_all(const char *sub, const char *path, pisar_buf *buf)
{
    FILE *f = cli_open_input(sub, path);
    if (!f) return PISAR_EIO;
    int rc = PISAR_OK;
    for (;;) {
        if ((rc = pisar_buf_reserve(buf, 65536))) {
            cli_error(sub, "%s: out of memory", path);
            break;
        }
        size_t n = fread(buf->data + buf->len, 1, 65536, f);
        buf->len += n;
        buf->data[buf->len] = '\0';
        if (n < 65536) {
            if (ferror(f)) {
                cli_error(sub, "%s: read error: %s", path, strerror(errno));
                rc = PISAR_EIO;
            }
            break;
        }
    }
    if (f != stdin) fclose(f);
    return rc;
}

int cli_write(const char *sub, FILE *f, const void *p, size_t n)
{
    if (n && fwrite(p, 1, n, f) != n) {
        cli_error(sub, "write error%s: %s", f == stdout ? " on standard output" : "",
                  strerror(errno));
        return -1;
    }
    return 0;
}

/*
 * Escaping for the JSON and TSV writers: an escape function gives the escape
 * of byte c, or NULL when c stands as it is (esc: room for the six bytes of
 * \u00XX and a NUL); the writers below apply one to a FILE or a pisar_buf.
 */
typedef const char *(*escape_fn)(unsigned char c, char esc[8]);

/* The bytes either escape function may escape: C0 controls, '"', '\\', DEL. */
/* clang-format off */
static const unsigned char escapable[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['"'] = 1, ['\\'] = 1, [0x7F] = 1,
};
/* clang-format on */

/* JSON string: ", \, C0 controls and DEL. */
static const char *json_escape(unsigned char c, char esc[8])
{
    switch (c) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\n':
        return "\\n";
    case '\t':
        return "\\t";
    case '\r':
        return "\\r";
    }
    if (c >= 0x20 && c != 0x7F) return NULL;
    snprintf(esc, 8, "\\u%04x", c);
    return esc;
}

/* TSV field (PostgreSQL's text format): tab, line breaks and backslash. */
static const char *tsv_escape(unsigned char c, char esc[8])
{
    (void)esc;
    switch (c) {
    case '\t':
        return "\\t";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    case '\\':
        return "\\\\";
    }
    return NULL;
}

static inline void put_escaped(FILE *f, const char *s, escape_fn escape)
{
    char esc[8];
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const char *e = escape(*p, esc);
        if (e)
            fputs(e, f);
        else
            fputc(*p, f);
    }
}

/* The bytes that stand as they are go in runs, not one by one. */
static inline int append_escaped(pisar_buf *o, const char *s, size_t n, escape_fn escape)
{
    char esc[8];
    int rc = 0;
    size_t run = 0; /* start of the bytes not yet appended */
    for (size_t i = 0; i < n && !rc; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!escapable[c]) continue;
        const char *e = escape(c, esc);
        if (!e) continue;
        rc = pisar_buf_append(o, s + run, i - run);
        if (!rc) rc = pisar_buf_puts(o, e);
        run = i + 1;
    }
    if (!rc) rc = pisar_buf_append(o, s + run, n - run);
    return rc;
}

void cli_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    put_escaped(f, s, json_escape);
    fputc('"', f);
}

int cli_json_append(pisar_buf *o, const char *s, size_t n)
{
    int rc = pisar_buf_append(o, "\"", 1);
    if (!rc) rc = append_escaped(o, s, n, json_escape);
    if (!rc) rc = pisar_buf_append(o, "\"", 1);
    return rc;
}

void cli_tsv_field(FILE *f, const char *s)
{
    put_escaped(f, s, tsv_escape);
}

int cli_tsv_append(pisar_buf *o, const char *s, size_t n)
{
    return append_escaped(o, s, n, tsv_escape);
}

int cli_not_regular(const char *path)
{
    struct stat sb;
    return !stat(path, &sb) && !S_ISREG(sb.st_mode);
}

int cli_write_fd(int fd, const void *p, size_t n)
{
    const char *s = p;
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        s += w;
        n -= (size_t)w;
    }
    return 0;
}
