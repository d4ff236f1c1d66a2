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

void cli_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p == '\r')
            fputs("\\r", f);
        else if (*p < 0x20 || *p == 0x7F)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}
