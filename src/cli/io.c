/* io.c -- file helpers shared by the subcommands. */
#include "cli.h"

#include <errno.h>
#include <string.h>

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
        cli_error(sub, "write error: %s", strerror(errno));
        return -1;
    }
    return 0;
}

/* The escape of byte c inside a JSON string, or NULL when c stands as it is
 * (esc: room for the six bytes of \u00XX and a NUL). */
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

void cli_json_string(FILE *f, const char *s)
{
    char esc[8];
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const char *e = json_escape(*p, esc);
        if (e)
            fputs(e, f);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

int cli_json_append(pisar_buf *o, const char *s, size_t n)
{
    char esc[8];
    int rc = pisar_buf_append(o, "\"", 1);
    size_t run = 0; /* start of the bytes not yet appended, which stand as they are */
    for (size_t i = 0; i < n && !rc; i++) {
        const char *e = json_escape((unsigned char)s[i], esc);
        if (!e) continue;
        rc = pisar_buf_append(o, s + run, i - run);
        if (!rc) rc = pisar_buf_puts(o, e);
        run = i + 1;
    }
    if (!rc) rc = pisar_buf_append(o, s + run, n - run);
    if (!rc) rc = pisar_buf_append(o, "\"", 1);
    return rc;
}
