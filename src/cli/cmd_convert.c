/*
 * cmd_convert.c -- pisar convert: files in any known encoding to UTF-8 (NFC).
 *
 * One input without -o is a filter (file or stdin to stdout). Otherwise each
 * input file is converted into -o DIR (keeping paths relative to each PATH
 * argument) or, with --in-place, over itself. Safety rules:
 *  - inputs are never written to unless --in-place;
 *  - every output is first written to a temp file beside its destination and
 *    renamed into place, so no reader ever sees a partial file; SIGINT/SIGTERM
 *    remove the temp files in flight (from an async-signal-safe handler);
 *  - a bad file is reported and the others go on (exit 1 at the end);
 *  - as a filter, nothing reaches stdout from an input that cannot be
 *    decoded: where decoding can fail, a check pass decodes the whole input
 *    (discarding the text) before the pass that writes;
 *  - memory is bounded: the input is read in fixed-size chunks, twice when
 *    the encoding is detected (detect, then decode), once more for the
 *    filter's check; stdin and fifos are spooled to an unlinked temp file for
 *    the later passes, except a stream of up to HOLD bytes, which the check
 *    pass keeps in memory and the decoding pass takes from there;
 *  - a filter whose stdout is a regular file written at its end needs no
 *    check pass: it decodes in one pass and, when the input turns out not to
 *    decode, cuts stdout back to its size before the run (nothing is left).
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SUB "convert"
#define CHUNK 65536          /* output written in pieces of at least this */
#define IOCHUNK (512u << 10) /* input read in pieces of this */
/* a stream this short is checked in memory, not spooled: 256 KB, as each
 * fresh page costs a page fault (4 MB held were a fifth of the time of a
 * 50 MB pipe on the project's virtual machine) */
#define HOLD (256u << 10)
#define MAX_WORKERS 64
#define MAX_LINE (1u << 20)    /* --repair: a longer line is repaired in pieces */
#define MAX_REPAIR_DETAILS 100 /* per file, in the JSON report */

/* ---- temp files in flight, removed by the signal handler ---- */

static char tmp_path[MAX_WORKERS + 1][PATH_MAX];
static volatile sig_atomic_t tmp_live[MAX_WORKERS + 1];

static void on_signal(int sig)
{
    for (int i = 0; i <= MAX_WORKERS; i++)
        if (tmp_live[i]) unlink(tmp_path[i]);
    _exit(128 + sig);
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* ---- options and jobs ---- */

enum status { ST_OK, ST_FAILED, ST_SKIPPED };

typedef struct {
    size_t offset;
    char *before, *after, *how;
} repair_note;

typedef struct job {
    char *path;       /* the input, as the user would name it */
    char *out;        /* output path; NULL: stdout (filter) or in place */
    const char *skip; /* skip with this reason, without opening */
    /* results */
    enum status st;
    char msg[512];
    pisar_encoding enc;
    double conf;
    const char *lang;
    uint64_t bytes_in, bytes_out, repairs, repl;
    repair_note *notes;
    size_t nnotes;
} job;

typedef struct {
    pisar_encoding from;
    int recursive, in_place, repair, lossy, json, jobs, filter;
    unsigned eol;
    const char *outdir, *backup, *report;
    job *jobs_v;
    size_t njobs, cap, next, done;
    pthread_mutex_t mu;
    int progress;
} conv;

typedef struct {
    conv *c;
    int slot;
    pisar_detector *det;
    pisar_normalizer *norm;
    unsigned char *in;
    pisar_buf line, out, lsample; /* repair input, output, language sample */
    pisar_buf hold;               /* a short stream read by the check pass */
    size_t hold_pos;              /* next byte of hold for the decoding pass */
    int held;                     /* the decoding pass reads hold, not the fd */
    job *cur;
    size_t out_offset; /* bytes of output so far (repair offsets) */
} worker;

static void jfail(job *j, enum status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void jfail(job *j, enum status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(j->msg, sizeof j->msg, fmt, ap);
    va_end(ap);
    j->st = st;
}

static char *xstrdup(const char *s)
{
    char *p = strdup(s);
    if (!p) {
        cli_error(SUB, "out of memory");
        exit(EXIT_SOME_FAILED);
    }
    return p;
}

static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *p = malloc(la + lb + 2);
    if (!p) return xstrdup("");
    memcpy(p, a, la);
    size_t n = la;
    if (la && a[la - 1] != '/') p[n++] = '/';
    memcpy(p + n, b, lb + 1);
    return p;
}

static job *add_job(conv *c, const char *path, const char *out, const char *skip)
{
    if (c->njobs == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        job *v = realloc(c->jobs_v, cap * sizeof *v);
        if (!v) {
            cli_error(SUB, "out of memory");
            exit(EXIT_SOME_FAILED);
        }
        c->jobs_v = v;
        c->cap = cap;
    }
    job *j = &c->jobs_v[c->njobs++];
    memset(j, 0, sizeof *j);
    j->path = xstrdup(path);
    j->out = out ? xstrdup(out) : NULL;
    j->skip = skip;
    j->lang = "und";
    return j;
}

/* ---- file system helpers ---- */

static ssize_t read_some(int fd, void *p, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char *)p + got, n - got);
        if (r < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (r == 0) break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

/* mkdir -p of the directory part of `file`. */
static int mkdirs_for(const char *file)
{
    char buf[PATH_MAX];
    if (strlen(file) >= sizeof buf) return -1;
    strcpy(buf, file);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(buf, 0777) && errno != EEXIST) return -1;
        *p = '/';
    }
    return 0;
}

/* Absolute, symlink-free form of a path that may not exist yet: the longest
 * existing prefix through realpath(), then the rest as written. */
static int resolve(const char *path, char out[PATH_MAX])
{
    size_t cut = strlen(path);
    if (cut >= PATH_MAX) return -1;
    for (;;) {
        char tmp[PATH_MAX];
        const char *t = tmp;
        if (cut == 0)
            t = path[0] == '/' ? "/" : ".";
        else
            memcpy(tmp, path, cut), tmp[cut] = '\0';
        if (realpath(t, out)) break;
        if (cut == 0) return -1;
        while (cut > 0 && path[cut - 1] != '/')
            cut--;
        while (cut > 0 && path[cut - 1] == '/')
            cut--;
    }
    const char *rest = path + cut;
    while (*rest == '/')
        rest++;
    if (*rest) {
        size_t o = strlen(out);
        if (o + 1 + strlen(rest) >= PATH_MAX) return -1;
        if (out[o - 1] != '/') out[o++] = '/';
        strcpy(out + o, rest);
    }
    return 0;
}

static int inside(const char *dir, const char *path)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/') return 1;
    return !strncmp(dir, path, n) && (path[n] == '/' || path[n] == '\0');
}

/* Open a temp file beside `dest` in the worker's signal slot. */
static int open_temp(int slot, const char *dest)
{
    const char *slash = strrchr(dest, '/');
    const char *base = slash ? slash + 1 : dest;
    int dl = slash ? (int)(slash - dest + 1) : 0;
    char t[PATH_MAX];
    if (snprintf(t, sizeof t, "%.*s.%s.pisar-XXXXXX", dl, dest, base) >= (int)sizeof t) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(tmp_path[slot], t, sizeof t);
    tmp_live[slot] = 1;
    int fd = mkstemp(tmp_path[slot]);
    if (fd < 0) tmp_live[slot] = 0;
    return fd;
}

static void drop_temp(int slot)
{
    if (!tmp_live[slot]) return;
    unlink(tmp_path[slot]);
    tmp_live[slot] = 0;
}

/* An unlinked temp file to spool a stream that must be read twice. */
static int spool_file(void)
{
    const char *dir = getenv("TMPDIR");
    char t[PATH_MAX];
    snprintf(t, sizeof t, "%s/pisar-spool-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(t);
    if (fd >= 0) unlink(t);
    return fd;
}

/* ---- the conversion of one file ---- */

static void on_repair(void *ctx, const pisar_repair *r)
{
    worker *w = ctx;
    job *j = w->cur;
    j->repairs++;
    if (j->nnotes >= MAX_REPAIR_DETAILS) return;
    repair_note *v = realloc(j->notes, (j->nnotes + 1) * sizeof *v);
    if (!v) return;
    j->notes = v;
    repair_note *n = &v[j->nnotes];
    n->offset = w->out_offset + r->offset;
    n->before = strndup(r->before, r->before_len);
    n->after = strndup(r->after, r->after_len);
    n->how = strdup(r->how ? r->how : "");
    if (n->before && n->after && n->how)
        j->nnotes++;
    else
        free(n->before), free(n->after), free(n->how);
}

/* Repair the complete lines of w->line (all of it when `all`), into w->out. */
static int repair_lines(worker *w, int all, pisar_error *err)
{
    size_t start = 0;
    if (!w->line.len) return PISAR_OK;
    for (;;) {
        char *nl = memchr(w->line.data + start, '\n', w->line.len - start);
        size_t end;
        if (nl)
            end = (size_t)(nl - w->line.data) + 1;
        else if (all || w->line.len - start > MAX_LINE)
            end = w->line.len;
        else
            break;
        if (end == start) break;
        size_t before = w->out.len;
        int rc = pisar_normalizer_apply(w->norm, w->line.data + start, end - start, &w->out, err);
        if (rc) return rc;
        w->out_offset += w->out.len - before;
        start = end;
        if (start == w->line.len) break;
    }
    memmove(w->line.data, w->line.data + start, w->line.len - start);
    w->line.len -= start;
    return PISAR_OK;
}

/* Write w->out to fd (or keep it when it is small and `force` is not set). */
static int drain(worker *w, int fd, int force)
{
    if (!w->out.len || (!force && w->out.len < CHUNK)) return 0;
    if (w->c->report && w->lsample.len < CHUNK) {
        size_t n = w->out.len < CHUNK - w->lsample.len ? w->out.len : CHUNK - w->lsample.len;
        if (pisar_buf_append(&w->lsample, w->out.data, n)) return -1;
    }
    w->cur->bytes_out += w->out.len;
    int rc = cli_write_fd(fd, w->out.data, w->out.len);
    pisar_buf_clear(&w->out);
    return rc;
}

/* Report a decoder failure (rc from a feed or a finish, not PISAR_OK): the
 * offset and bytes of undecodable or truncated input, else the status. */
static void decode_failed(job *j, int rc, const pisar_error *e)
{
    if (rc != PISAR_EILSEQ && rc != PISAR_ETRUNC) {
        jfail(j, ST_FAILED, "%s", pisar_strerror(rc));
        return;
    }
    char hex[8 * 5 + 1] = "";
    for (size_t i = 0; i < e->nbytes && i < 8; i++)
        snprintf(hex + strlen(hex), sizeof hex - strlen(hex), "%s0x%02X", i ? " " : "",
                 e->bytes[i]);
    jfail(j, ST_FAILED, "%s at byte offset %llu (%s) decoding as %s%s",
          rc == PISAR_ETRUNC ? "input ends inside a character" : "undecodable bytes",
          (unsigned long long)e->offset, hex, pisar_encoding_name(j->enc),
          rc == PISAR_ETRUNC ? "" : "; --lossy replaces them with U+FFFD");
}

/*
 * The two passes that read the input before the decoding pass (detect_pass,
 * check_pass) share these: a spool file for a stream that cannot be read
 * twice, the reading (and spooling) of one chunk, and the rewinding at the
 * end.
 */

/* *spool: a fresh spool file when fd is not seekable, else -1. */
static int open_spool(job *j, int seekable, int *spool)
{
    *spool = -1;
    if (!seekable && (*spool = spool_file()) < 0) {
        jfail(j, ST_FAILED, "cannot create a spool file: %s", strerror(errno));
        return -1;
    }
    return 0;
}

/* The next chunk of fd into w->in, copied to the spool when there is one:
 * its length, 0 at the end of the input, -1 on failure (reported). */
static ssize_t read_chunk(worker *w, job *j, int fd, int spool)
{
    ssize_t n = read_some(fd, w->in, IOCHUNK);
    if (n < 0) {
        jfail(j, ST_FAILED, "read error: %s", strerror(errno));
        return -1;
    }
    if (spool >= 0 && n > 0 && cli_write_fd(spool, w->in, (size_t)n)) {
        jfail(j, ST_FAILED, "cannot spool the input: %s", strerror(errno));
        return -1;
    }
    return n;
}

/* The next piece of input for the decoding pass: from the held stream, or
 * read from fd into w->in. Its length, 0 at the end, -1 on a read error. */
static ssize_t next_input(worker *w, int fd, const unsigned char **p)
{
    if (w->held) {
        size_t n = w->hold.len - w->hold_pos;
        if (n > IOCHUNK) n = IOCHUNK;
        *p = (const unsigned char *)w->hold.data + w->hold_pos;
        w->hold_pos += n;
        return (ssize_t)n;
    }
    *p = w->in;
    return read_some(fd, w->in, IOCHUNK);
}

/* After a pass: *fd becomes the spool when there is one, read from the start. */
static int rewind_input(job *j, int *fd, int spool)
{
    if (spool >= 0) {
        if (*fd != STDIN_FILENO) close(*fd);
        *fd = spool;
    }
    if (lseek(*fd, 0, SEEK_SET) < 0) {
        jfail(j, ST_FAILED, "cannot rewind: %s", strerror(errno));
        return -1;
    }
    return 0;
}

/* Detection pass over fd; spools it first if it cannot be read twice. */
static int detect_pass(worker *w, job *j, int *fd, int seekable)
{
    int spool;
    if (open_spool(j, seekable, &spool)) return -1;
    pisar_detector_reset(w->det);
    uint64_t nul = 0, total = 0;
    for (;;) {
        ssize_t n = read_chunk(w, j, *fd, spool);
        if (n < 0) goto fail;
        if (n == 0) break;
        for (ssize_t i = 0; i < n; i++)
            nul += w->in[i] == 0;
        total += (uint64_t)n;
        if (pisar_detector_feed(w->det, w->in, (size_t)n) < 0) {
            jfail(j, ST_FAILED, "detection failed");
            goto fail;
        }
    }
    pisar_detection res;
    if (pisar_detector_finish(w->det) < 0 || pisar_detector_result(w->det, &res) < 0) {
        jfail(j, ST_FAILED, "detection failed");
        goto fail;
    }
    j->enc = res.encoding;
    j->conf = res.confidence;
    j->lang = res.language ? res.language : "und";
    int wide = j->enc >= PISAR_ENC_UTF16LE && j->enc <= PISAR_ENC_UTF32BE;
    if (j->enc == PISAR_ENC_BINARY || (!wide && nul * 100 > total)) {
        j->enc = PISAR_ENC_BINARY;
        jfail(j, ST_SKIPPED, "binary file, not converted");
        goto fail;
    }
    if (j->enc == PISAR_ENC_UNKNOWN) {
        jfail(j, ST_FAILED, "encoding not recognised; name it with --from");
        goto fail;
    }
    return rewind_input(j, fd, spool);
fail:
    if (spool >= 0) close(spool);
    return -1;
}

/*
 * Whether decoding j->enc can still fail. Filter mode writes to stdout as it
 * decodes, so it first checks the input when it can: the detector has already
 * ruled out a code page under which a byte present in the input is undefined,
 * and ASCII, but detected UTF-8 may carry a few damaged bytes or be cut
 * short, and UTF-16/32 may hold unpaired surrogates. A named (--from)
 * single-byte code page that defines all 256 bytes cannot fail either.
 */
static int can_fail(pisar_encoding enc, int detected)
{
    if (detected && (enc == PISAR_ENC_ASCII || pisar_encoding_is_single_byte(enc))) return 0;
    if (!pisar_encoding_is_single_byte(enc)) return 1;
    unsigned char all[256];
    for (int b = 0; b < 256; b++)
        all[b] = (unsigned char)b;
    pisar_buf out = {0};
    pisar_error err;
    int rc = pisar_decode(enc, all, sizeof all, 0, &out, &err);
    pisar_buf_free(&out);
    return rc != PISAR_OK;
}

/*
 * Filter mode: check that the whole input decodes (PISAR_DECODE_CHECK: a scan
 * for undefined bytes on a code page, a decode into scratch otherwise) before
 * writing anything, so that an undecodable input leaves stdout empty. A
 * stream that cannot be read twice is spooled on the way.
 */
static int check_pass(worker *w, job *j, int *fd, int seekable)
{
    int spool = -1, rc;
    pisar_decoder *dec = NULL;
    pisar_error err;
    memset(&err, 0, sizeof err);
    /* a stream is kept in memory while it is short, spooled past HOLD */
    int holding = !seekable;
    pisar_buf_clear(&w->hold);
    if (pisar_decoder_new(&dec, j->enc, PISAR_DECODE_CHECK)) {
        jfail(j, ST_FAILED, "cannot decode %s", pisar_encoding_name(j->enc));
        goto fail;
    }
    for (;;) {
        ssize_t n = read_chunk(w, j, *fd, spool);
        if (n < 0) goto fail;
        if (holding && w->hold.len + (size_t)n > HOLD) {
            holding = 0;
            if (open_spool(j, 0, &spool)) goto fail;
            if (cli_write_fd(spool, w->hold.data ? w->hold.data : "", w->hold.len) ||
                (n > 0 && cli_write_fd(spool, w->in, (size_t)n))) {
                jfail(j, ST_FAILED, "cannot spool the input: %s", strerror(errno));
                goto fail;
            }
            pisar_buf_free(&w->hold);
        } else if (holding && n > 0 && pisar_buf_append(&w->hold, w->in, (size_t)n)) {
            jfail(j, ST_FAILED, "out of memory");
            goto fail;
        }
        j->bytes_in += (uint64_t)n; /* as far as a failure got, as in the decoding pass */
        rc = n ? pisar_decoder_feed(dec, w->in, (size_t)n, NULL, &err)
               : pisar_decoder_finish(dec, NULL, &err);
        if (rc) {
            decode_failed(j, rc, &err);
            goto fail;
        }
        if (n == 0) break;
    }
    pisar_decoder_free(dec);
    pisar_buf_clear(&w->out);
    j->bytes_in = 0; /* the decoding pass counts them */
    if (holding) {   /* all of it is in memory */
        w->held = 1;
        w->hold_pos = 0;
        return 0;
    }
    return rewind_input(j, fd, spool);
fail:
    pisar_decoder_free(dec);
    if (spool >= 0) close(spool);
    return -1;
}

/* Put the temp file in place of dest, keeping a backup when asked. */
static int commit(worker *w, job *j, const char *dest)
{
    conv *c = w->c;
    if (c->in_place && c->backup) {
        char *bak = malloc(strlen(dest) + strlen(c->backup) + 1);
        if (!bak) return -1;
        strcpy(bak, dest);
        strcat(bak, c->backup);
        if (unlink(bak) && errno != ENOENT) {
            jfail(j, ST_FAILED, "cannot replace the backup %s: %s", bak, strerror(errno));
            free(bak);
            return -1;
        }
        if (link(dest, bak) && rename(dest, bak)) {
            jfail(j, ST_FAILED, "cannot make the backup %s: %s", bak, strerror(errno));
            free(bak);
            return -1;
        }
        free(bak);
    }
    if (rename(tmp_path[w->slot], dest)) {
        jfail(j, ST_FAILED, "cannot rename the output into place: %s", strerror(errno));
        return -1;
    }
    tmp_live[w->slot] = 0;
    if (c->in_place) { /* make the rename itself durable */
        char dir[PATH_MAX];
        const char *slash = strrchr(dest, '/');
        snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - dest) + (slash == dest) : 1,
                 slash ? dest : ".");
        int dfd = open(dir, O_RDONLY | O_DIRECTORY);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
    }
    return 0;
}

static void convert_one(worker *w, job *j)
{
    conv *c = w->c;
    w->cur = j;
    if (j->skip) {
        if (j->st != ST_FAILED) {
            jfail(j, ST_SKIPPED, "%s", j->skip);
            pthread_mutex_lock(&c->mu);
            cli_error(SUB, "%s: skipped: %s", j->path, j->msg);
            pthread_mutex_unlock(&c->mu);
        }
        return;
    }
    const char *dest = NULL;
    int fd = strcmp(j->path, "-") ? open(j->path, O_RDONLY) : STDIN_FILENO;
    int ofd = -1;
    off_t cut = -1; /* filter into a regular file: its size before the run */
    pisar_decoder *dec = NULL;
    if (fd < 0) {
        jfail(j, ST_FAILED, "cannot open: %s", strerror(errno));
        return;
    }
    struct stat st;
    if (fstat(fd, &st)) {
        jfail(j, ST_FAILED, "cannot stat: %s", strerror(errno));
        goto done;
    }
    if (S_ISDIR(st.st_mode)) {
        jfail(j, ST_FAILED, "is a directory (use -r with -o DIR or --in-place)");
        goto done;
    }
    if (c->in_place && !S_ISREG(st.st_mode)) {
        jfail(j, ST_SKIPPED, "not a regular file, not converted in place");
        goto done;
    }
    /* never write over an input (e.g. -o naming the input's own folder) */
    dest = c->in_place ? j->path : j->out;
    if (dest && !c->in_place) {
        struct stat os;
        if (!stat(dest, &os) && os.st_dev == st.st_dev && os.st_ino == st.st_ino) {
            jfail(j, ST_FAILED, "output %s is the input itself; use --in-place to convert in place",
                  dest);
            goto done;
        }
    }
    int seekable = S_ISREG(st.st_mode) && lseek(fd, 0, SEEK_CUR) >= 0;
    if (c->from != PISAR_ENC_UNKNOWN) {
        j->enc = c->from;
        j->conf = 1.0;
    } else if (detect_pass(w, j, &fd, seekable)) {
        goto done;
    } else {
        seekable = 1; /* a stream was spooled */
    }
    /* no partial output on stdout: check first where decoding can fail, or,
     * when stdout is a regular file written at its end, cut it back to its
     * size on failure */
    w->held = 0;
    if (c->filter && !c->lossy && can_fail(j->enc, c->from == PISAR_ENC_UNKNOWN)) {
        struct stat os;
        off_t at;
        if (!fstat(STDOUT_FILENO, &os) && S_ISREG(os.st_mode) &&
            (at = lseek(STDOUT_FILENO, 0, SEEK_CUR)) >= 0 && at == os.st_size &&
            !(os.st_dev == st.st_dev && os.st_ino == st.st_ino))
            cut = at;
        else if (check_pass(w, j, &fd, seekable))
            goto done;
    }

    unsigned flags = PISAR_DECODE_NFC | c->eol | (c->lossy ? PISAR_DECODE_LOSSY : 0);
    if (pisar_decoder_new(&dec, j->enc, flags)) {
        jfail(j, ST_FAILED, "cannot decode %s", pisar_encoding_name(j->enc));
        goto done;
    }
    if (dest) {
        if (!c->in_place && mkdirs_for(dest)) {
            jfail(j, ST_FAILED, "cannot create the folder of %s: %s", dest, strerror(errno));
            goto done;
        }
        if ((ofd = open_temp(w->slot, dest)) < 0) {
            jfail(j, ST_FAILED, "cannot create a temp file beside %s: %s", dest, strerror(errno));
            goto done;
        }
    } else {
        ofd = STDOUT_FILENO;
    }
    pisar_buf_clear(&w->out);
    pisar_buf_clear(&w->line);
    pisar_buf_clear(&w->lsample);
    w->out_offset = 0;
    pisar_error err;
    memset(&err, 0, sizeof err);
    int rc = 0, eof = 0;
    while (!rc && !eof) {
        const unsigned char *p;
        ssize_t n = next_input(w, fd, &p);
        if (n < 0) {
            jfail(j, ST_FAILED, "read error: %s", strerror(errno));
            goto done;
        }
        pisar_buf *target = c->repair ? &w->line : &w->out;
        if (n > 0) {
            j->bytes_in += (uint64_t)n;
            rc = pisar_decoder_feed(dec, p, (size_t)n, target, &err);
        } else {
            eof = 1;
            rc = pisar_decoder_finish(dec, target, &err);
        }
        if (rc) {
            decode_failed(j, rc, &err);
            goto done;
        }
        if (c->repair && (rc = repair_lines(w, eof, &err))) {
            jfail(j, ST_FAILED, "repair failed: %s", pisar_strerror(rc));
            goto done;
        }
        if (drain(w, ofd, eof)) {
            jfail(j, ST_FAILED, "write error on %s: %s", dest ? dest : "standard output",
                  strerror(errno));
            goto done;
        }
    }
    j->repl = pisar_decoder_replacements(dec);
    /* the language is only reported */
    if (c->report && (!strcmp(j->lang, "und") || c->from != PISAR_ENC_UNKNOWN)) {
        const char *lang = NULL;
        if (!pisar_language_detect(w->lsample.data ? w->lsample.data : "", w->lsample.len, &lang,
                                   NULL) &&
            lang)
            j->lang = lang;
    }
    if (dest) {
        /* in place, keep the owner too where we may (EPERM: we are not root
         * and the file is not ours: it becomes ours); chown before chmod,
         * which would clear set-id bits otherwise */
        if (c->in_place && fchown(ofd, st.st_uid, st.st_gid) && errno != EPERM) {
            jfail(j, ST_FAILED, "cannot set the owner of the output: %s", strerror(errno));
            goto done;
        }
        if (fchmod(ofd, st.st_mode & 07777) && c->in_place) {
            jfail(j, ST_FAILED, "cannot set the mode of the output: %s", strerror(errno));
            goto done;
        }
        if ((c->in_place && fsync(ofd)) || close(ofd)) {
            ofd = -1;
            jfail(j, ST_FAILED, "write error on %s: %s", dest, strerror(errno));
            goto done;
        }
        ofd = -1;
        if (commit(w, j, dest)) goto done;
    }
    j->st = ST_OK;
done:
    if (cut >= 0 && j->st != ST_OK) {
        /* the filter wrote straight into a regular file: take it back */
        pisar_buf_clear(&w->out);
        if (ftruncate(STDOUT_FILENO, cut) || lseek(STDOUT_FILENO, cut, SEEK_SET) < 0)
            cli_error(SUB, "%s: cannot take back the partial output: %s", j->path, strerror(errno));
    }
    w->held = 0;
    pisar_buf_free(&w->hold);
    if (ofd >= 0 && ofd != STDOUT_FILENO) close(ofd);
    if (dest) drop_temp(w->slot);
    if (fd >= 0 && fd != STDIN_FILENO) close(fd);
    pisar_decoder_free(dec);
    if (j->st != ST_OK) {
        pthread_mutex_lock(&c->mu);
        if (c->progress) fputs("\r\033[K", stderr);
        cli_error(SUB, "%s: %s%s", j->path, j->st == ST_SKIPPED ? "skipped: " : "", j->msg);
        pthread_mutex_unlock(&c->mu);
    }
}

static void *work(void *arg)
{
    worker *w = arg;
    conv *c = w->c;
    for (;;) {
        pthread_mutex_lock(&c->mu);
        size_t i = c->next < c->njobs ? c->next++ : c->njobs;
        pthread_mutex_unlock(&c->mu);
        if (i >= c->njobs) break;
        convert_one(w, &c->jobs_v[i]);
        pthread_mutex_lock(&c->mu);
        c->done++;
        if (c->progress) {
            fprintf(stderr, "\r[%zu/%zu] %.60s\033[K", c->done, c->njobs, c->jobs_v[i].path);
            fflush(stderr);
        }
        pthread_mutex_unlock(&c->mu);
    }
    return NULL;
}

static int worker_init(worker *w, conv *c, int slot)
{
    memset(w, 0, sizeof *w);
    w->c = c;
    w->slot = slot;
    w->det = pisar_detector_new();
    w->in = malloc(IOCHUNK);
    if (!w->det || !w->in) return -1;
    if (c->repair) {
        if (pisar_normalizer_new(&w->norm, PISAR_NORM_ALL)) return -1;
        pisar_normalizer_on_repair(w->norm, on_repair, w);
    }
    return 0;
}

static void worker_free(worker *w)
{
    pisar_detector_free(w->det);
    pisar_normalizer_free(w->norm);
    free(w->in);
    pisar_buf_free(&w->line);
    pisar_buf_free(&w->out);
    pisar_buf_free(&w->lsample);
    pisar_buf_free(&w->hold);
}

/* ---- collecting the inputs ---- */

static int cmp_job(const void *a, const void *b)
{
    return strcmp(((const job *)a)->path, ((const job *)b)->path);
}

/* Walk dir (display path `disp`, relative path `rel` under the output dir). */
static void walk(conv *c, const char *root_real, const char *disp, const char *rel)
{
    DIR *d = opendir(disp);
    if (!d) {
        job *j = add_job(c, disp, NULL, NULL);
        jfail(j, ST_FAILED, "cannot read the folder: %s", strerror(errno));
        j->skip = NULL;
        j->st = ST_FAILED;
        cli_error(SUB, "%s: %s", disp, j->msg);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        /* leftovers of an interrupted in-place run are not inputs */
        if (e->d_name[0] == '.' && strstr(e->d_name, ".pisar-")) continue;
        char *p = join(disp, e->d_name);
        char *r = *rel ? join(rel, e->d_name) : xstrdup(e->d_name);
        char *o = c->outdir ? join(c->outdir, r) : NULL;
        struct stat st;
        if (lstat(p, &st)) {
            job *j = add_job(c, p, o, NULL);
            j->skip = "cannot stat";
        } else if (S_ISDIR(st.st_mode)) {
            walk(c, root_real, p, r);
        } else if (S_ISREG(st.st_mode)) {
            add_job(c, p, o, NULL);
        } else if (S_ISLNK(st.st_mode)) {
            char real[PATH_MAX];
            struct stat ts;
            if (c->in_place)
                add_job(c, p, o, "symlink, not converted in place (its target is, if in the tree)");
            else if (!realpath(p, real) || stat(real, &ts))
                add_job(c, p, o, errno == ELOOP ? "symlink loop" : "dangling symlink");
            else if (!inside(root_real, real))
                add_job(c, p, o, "symlink pointing outside the tree, not followed");
            else if (!S_ISREG(ts.st_mode))
                add_job(c, p, o, "symlink to a folder or special file, not followed");
            else
                add_job(c, p, o, NULL);
        } else {
            add_job(c, p, o, "not a regular file");
        }
        free(p);
        free(r);
        free(o);
    }
    closedir(d);
}

/* ---- the report ---- */

static void put_field(FILE *f, const char *s)
{
    for (; *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

static const char *status_name(enum status s)
{
    return s == ST_OK ? "ok" : s == ST_FAILED ? "failed" : "skipped";
}

/* --html PAGE: the jobs as rows of the review page (html.c). */
static int html_page(const conv *c)
{
    cli_html_row *rows = calloc(c->njobs + 1, sizeof *rows);
    cli_html_note **notes = calloc(c->njobs + 1, sizeof *notes);
    int rc = rows && notes ? 0 : -1;
    for (size_t i = 0; !rc && i < c->njobs; i++) {
        const job *j = &c->jobs_v[i];
        rows[i] = (cli_html_row){j->path,
                                 j->enc == PISAR_ENC_UNKNOWN ? NULL : pisar_encoding_name(j->enc),
                                 j->lang,
                                 j->st == ST_OK ? NULL : j->msg,
                                 j->st == ST_FAILED    ? CLI_HTML_FAILED
                                 : j->st == ST_SKIPPED ? CLI_HTML_SKIPPED
                                                       : CLI_HTML_OK,
                                 j->conf,
                                 j->bytes_in,
                                 j->bytes_out,
                                 j->repairs,
                                 j->repl,
                                 NULL,
                                 0};
        if (j->nnotes && !(notes[i] = calloc(j->nnotes, sizeof **notes))) rc = -1;
        for (size_t k = 0; !rc && k < j->nnotes; k++)
            notes[i][k] = (cli_html_note){j->notes[k].offset, j->notes[k].before, j->notes[k].after,
                                          j->notes[k].how};
        rows[i].notes = notes[i];
        rows[i].nnotes = notes[i] ? j->nnotes : 0;
    }
    if (rc)
        cli_error(SUB, "%s: out of memory", cli_html_page);
    else
        rc = cli_html_convert(cli_html_page, rows, c->njobs);
    for (size_t i = 0; notes && i < c->njobs; i++)
        free(notes[i]);
    free(notes);
    free(rows);
    return rc;
}

static int write_report(conv *c)
{
    FILE *f = strcmp(c->report, "-") ? fopen(c->report, "w") : stdout;
    if (!f) {
        cli_error(SUB, "%s: %s", c->report, strerror(errno));
        return -1;
    }
    if (!c->json)
        fputs("path\tencoding\tconfidence\tlanguage\tbytes_in\tbytes_"
              "out\trepairs\treplacements\tstatus\tmessage\n",
              f);
    for (size_t i = 0; i < c->njobs; i++) {
        job *j = &c->jobs_v[i];
        const char *enc = j->enc == PISAR_ENC_UNKNOWN ? "-" : pisar_encoding_name(j->enc);
        if (!c->json) {
            put_field(f, j->path);
            fprintf(f, "\t%s\t%.2f\t%s\t%llu\t%llu\t%llu\t%llu\t%s\t", enc, j->conf, j->lang,
                    (unsigned long long)j->bytes_in, (unsigned long long)j->bytes_out,
                    (unsigned long long)j->repairs, (unsigned long long)j->repl,
                    status_name(j->st));
            if (j->st != ST_OK) put_field(f, j->msg);
            fputc('\n', f);
            continue;
        }
        fputs("{\"path\":", f);
        cli_json_string(f, j->path);
        fputs(",\"encoding\":", f);
        cli_json_string(f, enc);
        fprintf(f, ",\"confidence\":%.2f,\"language\":", j->conf);
        cli_json_string(f, j->lang);
        fprintf(f,
                ",\"bytes_in\":%llu,\"bytes_out\":%llu,\"repairs\":%llu,\"replacements\":%llu,"
                "\"status\":\"%s\"",
                (unsigned long long)j->bytes_in, (unsigned long long)j->bytes_out,
                (unsigned long long)j->repairs, (unsigned long long)j->repl, status_name(j->st));
        if (j->st != ST_OK) {
            fputs(",\"message\":", f);
            cli_json_string(f, j->msg);
        }
        if (c->repair) {
            fputs(",\"repair_list\":[", f);
            for (size_t k = 0; k < j->nnotes; k++) {
                fprintf(f, "%s{\"offset\":%zu,\"before\":", k ? "," : "", j->notes[k].offset);
                cli_json_string(f, j->notes[k].before);
                fputs(",\"after\":", f);
                cli_json_string(f, j->notes[k].after);
                fputs(",\"how\":", f);
                cli_json_string(f, j->notes[k].how);
                fputc('}', f);
            }
            fputc(']', f);
        }
        fputs("}\n", f);
    }
    int bad = ferror(f);
    if (f != stdout ? fclose(f) : fflush(f)) bad = 1;
    if (bad) cli_error(SUB, "%s: write error", c->report);
    return bad ? -1 : 0;
}

/* ---- the command ---- */

static void help(FILE *f)
{
    fputs("usage: pisar convert [OPTIONS] [PATH...]\n"
          "\n"
          "Convert text files in any encoding pisar knows to UTF-8 (NFC).\n"
          "With one PATH (a file, or - for stdin) and no -o, write to stdout;\n"
          "with no PATH, read stdin (pisar convert --from koi8-r < old.txt > new.txt).\n"
          "\n"
          "  -r, --recursive      convert the files in folders, keeping relative paths\n"
          "  -o, --output DIR     write the converted files under DIR (created as needed)\n"
          "      --in-place       replace each file by its conversion (temp file, fsync, rename)\n"
          "      --backup SUFFIX  with --in-place, keep the original as FILE+SUFFIX\n"
          "      --from ENC       the input's encoding (default: detected per file);\n"
          "                       names such as windows-1251, cp1251, koi8-r, ibm866, utf-16le\n"
          "      --repair         also repair mojibake and homoglyphs, line by line\n"
          "      --lossy          replace undecodable bytes with U+FFFD (counted in the report)\n"
          "                       instead of failing the file\n"
          "      --eol lf|crlf    rewrite every line ending (default: kept as they are)\n"
          "  -j, --jobs N         worker threads (default: the number of cores)\n"
          "      --report FILE    write a report, one row per input (- = stdout)\n"
          "      --report-format tsv|json   TSV with a header line (default) or JSON lines\n"
          "      --jsonl          JSON Lines records (text, path or base64) on stdin\n"
          "      --html PAGE      also write a self-contained review page\n"
          "  -h, --help           this help\n"
          "\n"
          "Inputs are never modified without --in-place. Outputs appear whole or not\n"
          "at all (temp file + rename; SIGINT/SIGTERM remove the temp files); as a\n"
          "filter, nothing is written to stdout when the input cannot be decoded. Binary\n"
          "files and symlinks pointing out of the tree are skipped and reported.\n"
          "Exit status: 0 all done, 1 some inputs failed, 2 usage error,\n"
          "130/143 interrupted by SIGINT/SIGTERM.\n",
          f);
}

int cmd_convert(int argc, char **argv)
{
    static const struct option longopts[] = {{"recursive", no_argument, 0, 'r'},
                                             {"output", required_argument, 0, 'o'},
                                             {"in-place", no_argument, 0, 'I'},
                                             {"backup", required_argument, 0, 'B'},
                                             {"from", required_argument, 0, 'f'},
                                             {"repair", no_argument, 0, 'R'},
                                             {"lossy", no_argument, 0, 'L'},
                                             {"eol", required_argument, 0, 'E'},
                                             {"jobs", required_argument, 0, 'j'},
                                             {"report", required_argument, 0, 'p'},
                                             {"report-format", required_argument, 0, 'F'},
                                             {"help", no_argument, 0, 'h'},
                                             {0, 0, 0, 0}};
    conv c;
    memset(&c, 0, sizeof c);
    pthread_mutex_init(&c.mu, NULL);
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    c.jobs = ncpu > 0 ? (int)ncpu : 1;
    optind = 1;
    opterr = 0;
    int o;
    while ((o = getopt_long(argc, argv, ":ro:j:h", longopts, NULL)) != -1) {
        switch (o) {
        case 'r':
            c.recursive = 1;
            break;
        case 'o':
            c.outdir = optarg;
            break;
        case 'I':
            c.in_place = 1;
            break;
        case 'B':
            c.backup = optarg;
            break;
        case 'R':
            c.repair = 1;
            break;
        case 'L':
            c.lossy = 1;
            break;
        case 'p':
            c.report = optarg;
            break;
        case 'f':
            c.from = pisar_encoding_from_name(optarg);
            if (c.from == PISAR_ENC_UNKNOWN || c.from == PISAR_ENC_BINARY) {
                cli_error(SUB, "unknown encoding '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'E':
            if (!strcmp(optarg, "lf"))
                c.eol = PISAR_DECODE_EOL_LF;
            else if (!strcmp(optarg, "crlf"))
                c.eol = PISAR_DECODE_EOL_CRLF;
            else {
                cli_error(SUB, "--eol takes lf or crlf, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'F':
            if (!strcmp(optarg, "json"))
                c.json = 1;
            else if (strcmp(optarg, "tsv")) {
                cli_error(SUB, "--report-format takes tsv or json, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1) {
                cli_error(SUB, "-j takes a positive number, not '%s'", optarg);
                return EXIT_USAGE;
            }
            c.jobs = n > MAX_WORKERS ? MAX_WORKERS : (int)n;
            break;
        }
        case 'h':
            help(stdout);
            return EXIT_ALL_DONE;
        case ':':
            cli_error(SUB, "option '%s' needs a value", argv[optind - 1]);
            return EXIT_USAGE;
        default:
            cli_error(SUB, "unknown option '%s' (see pisar convert --help)", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    int npaths = argc - optind;
    char **paths = argv + optind;
    if (cli_jsonl) /* --jsonl: records on stdin (jsonl.c) */
        return cli_jsonl_stdin_only(SUB, (const char **)paths, npaths)
                   ? EXIT_USAGE
                   : cli_jsonl_convert(c.from, c.repair, c.lossy, c.eol);
    static char *stdin_path[] = {"-", NULL};
    if (npaths < 1 && !c.outdir && !c.in_place) { /* a filter: stdin to stdout */
        npaths = 1;
        paths = stdin_path;
    }
    if (npaths < 1) {
        cli_error(SUB, "no input (see pisar convert --help)");
        return EXIT_USAGE;
    }
    if (c.outdir && c.in_place) {
        cli_error(SUB, "-o and --in-place exclude each other");
        return EXIT_USAGE;
    }
    if (c.backup && !c.in_place) {
        cli_error(SUB, "--backup goes with --in-place");
        return EXIT_USAGE;
    }
    if (c.backup && (!*c.backup || strchr(c.backup, '/'))) {
        cli_error(SUB, "--backup takes a suffix such as .orig");
        return EXIT_USAGE;
    }
    c.filter = !c.outdir && !c.in_place;
    if (c.filter) {
        struct stat st;
        if (npaths > 1) {
            cli_error(SUB, "several inputs need -o DIR or --in-place");
            return EXIT_USAGE;
        }
        if (strcmp(paths[0], "-") && !stat(paths[0], &st) && S_ISDIR(st.st_mode)) {
            cli_error(SUB, "%s is a folder: convert it with -r -o DIR or -r --in-place", paths[0]);
            return EXIT_USAGE;
        }
        if (c.report && !strcmp(c.report, "-")) {
            cli_error(SUB, "the converted text goes to stdout: write the report to a file");
            return EXIT_USAGE;
        }
        c.jobs = 1;
    }
    /* refuse an output folder inside an input tree: it would convert its own output */
    char outreal[PATH_MAX] = "";
    if (c.outdir && resolve(c.outdir, outreal)) {
        cli_error(SUB, "%s: path too long", c.outdir);
        return EXIT_USAGE;
    }
    for (int i = 0; i < npaths; i++) {
        if (!strcmp(paths[i], "-")) {
            if (!c.filter) {
                cli_error(SUB, "stdin (-) can only be converted to stdout");
                return EXIT_USAGE;
            }
            continue;
        }
        struct stat st;
        char real[PATH_MAX];
        if (c.outdir && !stat(paths[i], &st) && S_ISDIR(st.st_mode) && realpath(paths[i], real) &&
            inside(real, outreal)) {
            cli_error(SUB, "the output folder %s is inside the input %s", c.outdir, paths[i]);
            return EXIT_USAGE;
        }
    }

    for (int i = 0; i < npaths; i++) {
        struct stat st;
        const char *p = paths[i];
        if (!strcmp(p, "-")) {
            add_job(&c, p, NULL, NULL);
            continue;
        }
        if (stat(p, &st)) {
            job *j = add_job(&c, p, NULL, NULL);
            jfail(j, ST_FAILED, "%s", strerror(errno));
            j->skip = NULL;
            cli_error(SUB, "%s: %s", p, j->msg);
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if (!c.recursive) {
                job *j = add_job(&c, p, NULL, NULL);
                jfail(j, ST_FAILED, "is a folder (use -r)");
                cli_error(SUB, "%s: %s", p, j->msg);
                continue;
            }
            char real[PATH_MAX];
            if (!realpath(p, real)) {
                job *j = add_job(&c, p, NULL, NULL);
                jfail(j, ST_FAILED, "%s", strerror(errno));
                continue;
            }
            walk(&c, real, p, "");
            continue;
        }
        struct stat ls;
        if (c.in_place && !lstat(p, &ls) && S_ISLNK(ls.st_mode)) {
            add_job(&c, p, NULL, "symlink, not converted in place (name its target)");
            continue;
        }
        const char *slash = strrchr(p, '/');
        char *out = c.outdir ? join(c.outdir, slash ? slash + 1 : p) : NULL;
        add_job(&c, p, out, NULL);
        free(out);
    }
    /* jobs already failed while collecting are marked by their message */
    qsort(c.jobs_v, c.njobs, sizeof *c.jobs_v, cmp_job);
    /* two inputs mapping to one output: the later ones fail */
    for (size_t i = 0; i < c.njobs; i++) {
        if (!c.jobs_v[i].out || c.jobs_v[i].skip || c.jobs_v[i].st) continue;
        for (size_t k = 0; k < i; k++)
            if (c.jobs_v[k].out && !strcmp(c.jobs_v[k].out, c.jobs_v[i].out)) {
                jfail(&c.jobs_v[i], ST_FAILED, "output %s already written from %s", c.jobs_v[i].out,
                      c.jobs_v[k].path);
                cli_error(SUB, "%s: %s", c.jobs_v[i].path, c.jobs_v[i].msg);
                break;
            }
    }
    /* failed-at-collection jobs are not run: give them a skip-like marker */
    size_t torun = 0;
    for (size_t i = 0; i < c.njobs; i++)
        if (c.jobs_v[i].st == ST_FAILED)
            c.jobs_v[i].skip = "";
        else
            torun++;

    install_signals();
    int nw = c.jobs < (int)torun ? c.jobs : (int)torun;
    if (nw < 1) nw = 1;
    c.progress = !c.filter && cli_stderr_is_tty() && c.njobs > 1;
    worker *ws = calloc((size_t)nw, sizeof *ws);
    pthread_t *th = calloc((size_t)nw, sizeof *th);
    if (!ws || !th) {
        cli_error(SUB, "out of memory");
        return EXIT_SOME_FAILED;
    }
    for (int i = 0; i < nw; i++)
        if (worker_init(&ws[i], &c, i)) {
            cli_error(SUB, "out of memory");
            return EXIT_SOME_FAILED;
        }
    if (nw == 1) {
        work(&ws[0]);
    } else {
        int started = 0;
        for (int i = 0; i < nw; i++)
            if (!pthread_create(&th[i], NULL, work, &ws[i]))
                started++;
            else
                th[i] = 0, ws[i].c = NULL;
        if (!started) work(&ws[0]);
        for (int i = 0; i < nw; i++)
            if (ws[i].c) pthread_join(th[i], NULL);
    }
    if (c.progress) fputs("\r\033[K", stderr);

    int failed = 0;
    /* a skipped file fails a filter run: the user asked for its text */
    for (size_t i = 0; i < c.njobs; i++)
        if (c.jobs_v[i].st == ST_FAILED || (c.filter && c.jobs_v[i].st == ST_SKIPPED)) failed = 1;
    if (c.report && write_report(&c)) failed = 1;
    if (cli_html_page && html_page(&c)) failed = 1;
    for (int i = 0; i < nw; i++)
        worker_free(&ws[i]);
    for (size_t i = 0; i < c.njobs; i++) {
        job *j = &c.jobs_v[i];
        free(j->path);
        free(j->out);
        for (size_t k = 0; k < j->nnotes; k++)
            free(j->notes[k].before), free(j->notes[k].after), free(j->notes[k].how);
        free(j->notes);
    }
    free(c.jobs_v);
    free(ws);
    free(th);
    pthread_mutex_destroy(&c.mu);
    return failed ? EXIT_SOME_FAILED : EXIT_ALL_DONE;
}
