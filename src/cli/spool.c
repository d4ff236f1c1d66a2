/*
 * spool.c -- an input that can be read more than once, in bounded memory.
 *
 * translit and normalize write nothing of an input that turns out to be bad,
 * yet stream: a first pass reads the whole input to check it (and to detect
 * its encoding), a later pass converts it. A regular file is simply read
 * again from where it started. A pipe, a terminal or a fifo is kept in
 * memory during the first pass while it is no longer than CLI_HOLD (4 MB:
 * most articles and pages), so the later passes read memory; a longer one is
 * copied to an unlinked temporary file in $TMPDIR (default /tmp), which the
 * later passes read instead; it disappears when it is closed, or when the
 * process dies.
 *
 * Later passes stop at the length the first pass saw, so a file that grows
 * meanwhile (a log) is converted as it was checked; one that shrinks is an
 * error ("changed while being read").
 *
 * A command that can check a stream as it reads it (segment) reads it once
 * instead (cli_input_once) and holds its output back (cli_hold): in memory
 * while short, else in a temporary file, copied to stdout at the end.
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/sendfile.h>
#endif

int cli_temp_fd(void)
{
    const char *dir = getenv("TMPDIR");
    char t[PATH_MAX];
    if (snprintf(t, sizeof t, "%s/pisar-spool-XXXXXX", dir && *dir ? dir : "/tmp") >=
        (int)sizeof t) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = mkstemp(t);
    if (fd >= 0) unlink(t);
    return fd;
}

int cli_input_open(cli_input *in, const char *sub, const char *path, const char *name)
{
    memset(in, 0, sizeof *in);
    in->sub = sub;
    in->name = name;
    in->spool = -1;
    in->first = 1;
    if (!strcmp(path, "-")) {
        in->fd = STDIN_FILENO;
    } else if ((in->fd = open(path, O_RDONLY)) < 0) {
        cli_error(sub, "%s: %s", path, strerror(errno));
        return -1;
    } else {
        in->own = 1;
    }
    struct stat st;
    off_t at = 0;
    if (!fstat(in->fd, &st) && S_ISREG(st.st_mode) && (at = lseek(in->fd, 0, SEEK_CUR)) >= 0) {
        in->start = at;
        return 0;
    }
    /* not a file that can be read twice: held in memory, spooled past CLI_HOLD */
    in->spool = -2;
    return 0;
}

/* The held stream grew past CLI_HOLD: move it to a spool file. */
static int to_spool(cli_input *in)
{
    if ((in->spool = cli_temp_fd()) < 0) {
        cli_error(in->sub, "%s: cannot create a spool file in %s: %s", in->name,
                  getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
                  strerror(errno));
        return -1;
    }
    if (in->memlen && cli_write_fd(in->spool, in->mem, in->memlen)) {
        cli_error(in->sub, "%s: cannot spool the input: %s", in->name, strerror(errno));
        return -1;
    }
    free(in->mem);
    in->mem = NULL;
    in->memlen = 0;
    return 0;
}

/* Keep what the first pass read of a stream: in memory, or in the spool. */
static int keep(cli_input *in, const void *buf, size_t got)
{
    if (in->spool == -2 && in->memlen + got > CLI_HOLD && to_spool(in)) return -1;
    if (in->spool == -2) {
        if (!in->mem && !(in->mem = malloc(CLI_HOLD))) {
            cli_error(in->sub, "%s: out of memory", in->name);
            return -1;
        }
        memcpy(in->mem + in->memlen, buf, got);
        in->memlen += got;
        return 0;
    }
    if (cli_write_fd(in->spool, buf, got)) {
        cli_error(in->sub, "%s: cannot spool the input: %s", in->name, strerror(errno));
        return -1;
    }
    return 0;
}

long cli_input_read(cli_input *in, void *buf, size_t n)
{
    if (!in->first && n > in->size - in->pos) n = (size_t)(in->size - in->pos);
    if (!in->first && in->mem) { /* a later pass over a held stream */
        memcpy(buf, in->mem + in->pos, n);
        in->pos += n;
        return (long)n;
    }
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(in->fd, (char *)buf + got, n - got);
        if (r < 0) {
            if (errno == EINTR) continue;
            cli_error(in->sub, "%s: read error: %s", in->name, strerror(errno));
            return -1;
        }
        if (r == 0) break;
        got += (size_t)r;
    }
    if (in->first && in->spool != -1 && got && keep(in, buf, got)) return -1;
    in->pos += got;
    if (in->first) {
        in->size = in->pos;
    } else if (got < n) {
        cli_error(in->sub, "%s: changed while being read (%llu bytes, then %llu)", in->name,
                  (unsigned long long)in->size, (unsigned long long)in->pos);
        return -1;
    }
    return (long)got;
}

int cli_input_rewind(cli_input *in)
{
    /* a first pass that stopped early (detection on a sample) is taken to
     * the end: the spool must hold all of a pipe, and later passes end
     * where the first one did */
    if (in->first) {
        char buf[65536];
        long r;
        while ((r = cli_input_read(in, buf, sizeof buf)) > 0)
            ;
        if (r < 0) return -1;
    }
    if (in->first && in->spool == -2) { /* all of it is in memory */
        in->spool = -1;
        in->first = 0;
        in->pos = 0;
        if (!in->mem) in->mem = malloc(1); /* empty: still read from memory */
        if (!in->mem) {
            cli_error(in->sub, "%s: out of memory", in->name);
            return -1;
        }
        return 0;
    }
    if (in->first && in->spool >= 0) {
        if (in->own) close(in->fd);
        in->fd = in->spool;
        in->own = 1;
        in->spool = -1;
        in->start = 0;
    }
    if (in->mem) { /* a later pass again */
        in->first = 0;
        in->pos = 0;
        return 0;
    }
    in->first = 0;
    in->pos = 0;
    if (lseek(in->fd, in->start, SEEK_SET) < 0) {
        cli_error(in->sub, "%s: cannot rewind: %s", in->name, strerror(errno));
        return -1;
    }
    return 0;
}

void cli_input_close(cli_input *in)
{
    if (in->own && in->fd >= 0) close(in->fd);
    if (in->spool >= 0) close(in->spool);
    free(in->mem);
    in->mem = NULL;
    in->memlen = 0;
    in->fd = in->spool = -1;
    in->own = 0;
}

int cli_input_once(cli_input *in)
{
    if (in->spool != -2) return 0;
    in->spool = -1;
    return 1;
}

void cli_hold_init(cli_hold *h, const char *sub)
{
    memset(h, 0, sizeof *h);
    h->sub = sub;
    h->fd = -1;
}

int cli_hold_put(cli_hold *h, const void *p, size_t n)
{
    if (h->fd < 0 && h->len + n > CLI_HOLD_OUT) { /* too long for memory: to a file */
        if ((h->fd = cli_temp_fd()) < 0) {
            cli_error(h->sub, "cannot create a spool file in %s: %s",
                      getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
                      strerror(errno));
            return -1;
        }
        if (h->len && cli_write_fd(h->fd, h->mem, h->len)) goto spool_error;
        free(h->mem);
        h->mem = NULL;
        h->len = 0;
    }
    if (h->fd >= 0) {
        if (cli_write_fd(h->fd, p, n)) goto spool_error;
        return 0;
    }
    if (!h->mem && !(h->mem = malloc(CLI_HOLD_OUT))) {
        cli_error(h->sub, "out of memory");
        return -1;
    }
    memcpy(h->mem + h->len, p, n);
    h->len += n;
    return 0;
spool_error:
    cli_error(h->sub, "cannot spool the output: %s", strerror(errno));
    return -1;
}

int cli_hold_write(cli_hold *h, FILE *f)
{
    int out = fileno(f);
    if (fflush(f)) goto write_error;
    if (h->fd < 0) {
        if (h->len && cli_write_fd(out, h->mem, h->len)) goto write_error;
        return 0;
    }
    if (lseek(h->fd, 0, SEEK_SET) < 0) {
        cli_error(h->sub, "cannot read the spooled output back: %s", strerror(errno));
        return -1;
    }
#if defined(__linux__)
    /* the kernel copies file to output (to a pipe it lends the pages) */
    for (;;) {
        ssize_t w = sendfile(out, h->fd, NULL, 1 << 30);
        if (w > 0) continue;
        if (w == 0) return 0;
        if (errno == EINTR) continue;
        if (errno == EINVAL || errno == ENOSYS) break; /* not for this output: copy */
        goto write_error;
    }
#endif
    char *buf = malloc(1 << 16);
    if (!buf) {
        cli_error(h->sub, "out of memory");
        return -1;
    }
    for (;;) {
        ssize_t r = read(h->fd, buf, 1 << 16);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            cli_error(h->sub, "cannot read the spooled output back: %s", strerror(errno));
            free(buf);
            return -1;
        }
        if (r == 0) break;
        if (cli_write_fd(out, buf, (size_t)r)) {
            free(buf);
            goto write_error;
        }
    }
    free(buf);
    return 0;
write_error:
    cli_error(h->sub, "write error on standard output: %s", strerror(errno));
    return -1;
}

void cli_hold_free(cli_hold *h)
{
    if (h->fd >= 0) close(h->fd);
    free(h->mem);
    cli_hold_init(h, h->sub);
}
