/* html.c -- `--html PAGE`: one self-contained review page of what pisar prep
 * or pisar convert did to a batch.
 *
 * The page has inline CSS only: no script, no font, no image, nothing loaded
 * from anywhere, so it opens offline and in a mail attachment alike. Every
 * piece of text from the inputs is escaped (& < > " '), control characters
 * are shown as U+FFFD and bytes that are not UTF-8 (file names) as \xNN.
 * A table of contents comes first and every article is a section of its
 * own with an anchor, so a page of 1,000 articles stays usable (the bench
 * in bench/jsonl/ times one). The page is written to a temporary file
 * beside PAGE and renamed into place. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ------------------------------------------------------------- writing */

static int put(pisar_buf *b, const char *s)
{
    return pisar_buf_puts(b, s);
}

static int putf(pisar_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int putf(pisar_buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return PISAR_EINVAL;
    return pisar_buf_append(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* Length of the valid UTF-8 sequence at s[0..n), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t l;
    unsigned min;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF)
        l = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        l = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        l = 4, min = 0x10000;
    else
        return 0;
    if (l > n) return 0;
    unsigned cp = c & (0x7F >> l);
    for (size_t i = 1; i < l; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return l;
}

/* Append s[0..n) escaped for HTML text and attribute values. */
static int esc_n(pisar_buf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    int rc = 0;
    size_t run = 0, i = 0;
    while (i < n && !rc) {
        unsigned char c = u[i];
        const char *rep = NULL;
        char hex[8];
        size_t l = 1;
        if (c == '&')
            rep = "&amp;";
        else if (c == '<')
            rep = "&lt;";
        else if (c == '>')
            rep = "&gt;";
        else if (c == '"')
            rep = "&quot;";
        else if (c == '\'')
            rep = "&#39;";
        else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
            rep = "\xEF\xBF\xBD"; /* U+FFFD */
        else if (c >= 0x80) {
            l = utf8_len(u + i, n - i);
            if (!l) {
                snprintf(hex, sizeof hex, "\\x%02X", c);
                rep = hex;
                l = 1;
            } else if (l == 2 && c == 0xC2 && u[i + 1] < 0xA0) {
                rep = "\xEF\xBF\xBD"; /* a C1 control */
            }
        }
        if (rep) {
            rc |= pisar_buf_append(b, s + run, i - run);
            rc |= put(b, rep);
            run = i + l;
        }
        i += l;
    }
    rc |= pisar_buf_append(b, s + run, n - run);
    return rc;
}

static int esc(pisar_buf *b, const char *s)
{
    return s ? esc_n(b, s, strlen(s)) : 0;
}

/* The page's head: title, inline style, and the heading. */
static int head(pisar_buf *b, const char *title)
{
    int rc = put(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>");
    rc |= esc(b, title);
    rc |= put(
        b,
        "</title>\n<style>\n"
        "body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu "
        "Sans\",sans-serif;margin:0;color:#1d2330;background:#f4f5f7}\n"
        ".header{background:#24324a;color:#fff;padding:14px 24px}\n"
        ".header h1{margin:0;font-size:22px}.header p{margin:4px 0 0;color:#c9d3e6}\n"
        ".main{padding:8px 24px 40px;max-width:1200px}\n"
        "h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #24324a;padding-bottom:3px}\n"
        "h3{font-size:15px;margin:14px 0 6px;color:#24324a}\n"
        "table{border-collapse:collapse;background:#fff;width:100%;margin:4px 0 8px}\n"
        "th,td{border:1px solid #d5d9e0;padding:3px 7px;text-align:left;vertical-align:top}\n"
        "th{background:#e6e9ef;font-weight:600}\n"
        "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
        "a{color:#1a55b8;text-decoration:none}a:hover{text-decoration:underline}\n"
        "div.article{background:#fff;border:1px solid #d5d9e0;border-radius:6px;"
        "padding:4px 16px 10px;margin:18px 0}\n"
        "div.article h2{border:0;margin-top:10px}\n"
        "dl.meta{display:grid;grid-template-columns:max-content auto;gap:2px 14px;margin:4px 0}\n"
        "dl.meta dt{color:#5a6478}dl.meta dd{margin:0;font-weight:600}\n"
        "td.uid{font:12px/1.6 ui-monospace,\"DejaVu Sans Mono\",monospace;color:#5a6478;"
        "white-space:nowrap;width:1%}\n"
        "span.name{background:#fff0b3;border-bottom:2px solid #e0a800;padding:0 1px}\n"
        "span.canon{font-size:12px;color:#0b6b3a;background:#e3f5ea;border-radius:3px;"
        "padding:0 4px;margin-left:2px;white-space:nowrap}\n"
        "span.src{color:#5a6478}\n"
        ".before{background:#fde2e1;color:#8a1c17}.after{background:#e3f5ea;color:#0b6b3a}\n"
        "tr.ok td.status{background:#d9f2e1;color:#0b6b3a;font-weight:600}\n"
        "tr.failed td.status{background:#fbd5d3;color:#8a1c17;font-weight:600}\n"
        "tr.skipped td.status{background:#fff0c2;color:#7a5600;font-weight:600}\n"
        "tr.failed td{background:#fff5f4}\n"
        "p.error{background:#fbd5d3;color:#8a1c17;padding:6px 10px;border-radius:4px}\n"
        "p.none{color:#5a6478;font-style:italic;margin:2px 0}\n"
        ".footer{color:#5a6478;font-size:12px;padding:0 24px 24px}\n"
        "</style>\n</head>\n<body>\n");
    return rc;
}

static int foot(pisar_buf *b)
{
    int rc = putf(b,
                  "<div class=\"footer\">Written by pisar %s (Unicode %s). This page loads nothing "
                  "and runs no script.</div>\n</body>\n</html>\n",
                  pisar_version(), pisar_unicode_version());
    return rc;
}

/* Write the buffer to `page` through a temporary file and rename(). */
static int write_page(const char *sub, const char *page, const pisar_buf *b)
{
    if (cli_not_regular(page)) { /* --html /dev/stdout, a FIFO */
        int fd = open(page, O_WRONLY);
        int rc = fd < 0 || cli_write_fd(fd, b->data, b->len) ? -1 : 0;
        if (fd >= 0 && close(fd)) rc = -1;
        if (rc) cli_error(sub, "%s: %s", page, strerror(errno));
        return rc;
    }
    size_t n = strlen(page);
    char *tmp = malloc(n + 32);
    if (!tmp) {
        cli_error(sub, "out of memory");
        return -1;
    }
    const char *slash = strrchr(page, '/');
    size_t dir = slash ? (size_t)(slash - page) + 1 : 0;
    snprintf(tmp, n + 32, "%.*s.%s.XXXXXX", (int)dir, page, page + dir);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        cli_error(sub, "%s: cannot create: %s", page, strerror(errno));
        free(tmp);
        return -1;
    }
    fchmod(fd, 0644);
    int rc = cli_write_fd(fd, b->data, b->len);
    if (!rc) rc = fsync(fd);
    if (close(fd)) rc = -1;
    if (!rc && rename(tmp, page)) rc = -1;
    if (rc) {
        cli_error(sub, "%s: %s", page, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    return rc;
}

/* ---------------------------------------------------------- name groups */

typedef struct {
    char *text;
    size_t count;
} spelling;

typedef struct {
    char *key, *canonical, *source;
    size_t count, last_file;
    spelling *sp;
    size_t nsp, capsp;
    size_t *files;
    size_t nfiles, capf;
} group;

typedef struct {
    group *g;
    size_t n, cap;
    size_t *slot; /* index + 1 */
    size_t nslot;
    int oom;
} groups;

static size_t hash(const char *s)
{
    size_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static char *sdup(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (d) memcpy(d, s, n + 1);
    return d;
}

static group *group_get(groups *gs, const pisar_prep_mention *m)
{
    if (2 * (gs->n + 1) >= gs->nslot) {
        size_t ns = gs->nslot ? 2 * gs->nslot : 256;
        size_t *slot = calloc(ns, sizeof *slot);
        if (!slot) return NULL;
        for (size_t i = 0; i < gs->n; i++) {
            size_t j = hash(gs->g[i].key) & (ns - 1);
            while (slot[j])
                j = (j + 1) & (ns - 1);
            slot[j] = i + 1;
        }
        free(gs->slot);
        gs->slot = slot;
        gs->nslot = ns;
    }
    size_t j = hash(m->key) & (gs->nslot - 1);
    for (; gs->slot[j]; j = (j + 1) & (gs->nslot - 1))
        if (!strcmp(gs->g[gs->slot[j] - 1].key, m->key)) return &gs->g[gs->slot[j] - 1];
    if (gs->n == gs->cap) {
        size_t c = gs->cap ? 2 * gs->cap : 64;
        group *g = realloc(gs->g, c * sizeof *g);
        if (!g) return NULL;
        gs->g = g;
        gs->cap = c;
    }
    group *g = &gs->g[gs->n];
    memset(g, 0, sizeof *g);
    g->key = sdup(m->key);
    g->canonical = sdup(m->canonical);
    g->source = sdup(m->source);
    g->last_file = (size_t)-1;
    if (!g->key || !g->canonical || !g->source) {
        free(g->key), free(g->canonical), free(g->source);
        return NULL;
    }
    gs->slot[j] = ++gs->n;
    return g;
}

static int group_add(groups *gs, const pisar_prep_mention *m, size_t file)
{
    group *g = group_get(gs, m);
    if (!g) return gs->oom = 1, -1;
    g->count++;
    size_t i = 0;
    while (i < g->nsp && strcmp(g->sp[i].text, m->text))
        i++;
    if (i == g->nsp) {
        if (g->nsp == g->capsp) {
            size_t c = g->capsp ? 2 * g->capsp : 4;
            spelling *p = realloc(g->sp, c * sizeof *p);
            if (!p) return gs->oom = 1, -1;
            g->sp = p;
            g->capsp = c;
        }
        if (!(g->sp[i].text = sdup(m->text))) return gs->oom = 1, -1;
        g->sp[i].count = 0;
        g->nsp++;
    }
    g->sp[i].count++;
    if (g->last_file != file) {
        if (g->nfiles == g->capf) {
            size_t c = g->capf ? 2 * g->capf : 4;
            size_t *p = realloc(g->files, c * sizeof *p);
            if (!p) return gs->oom = 1, -1;
            g->files = p;
            g->capf = c;
        }
        g->files[g->nfiles++] = file;
        g->last_file = file;
    }
    return 0;
}

static int cmp_sp(const void *a, const void *b)
{
    const spelling *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return strcmp(x->text, y->text);
}

static int cmp_group(const void *a, const void *b)
{
    const group *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    int c = strcmp(x->canonical, y->canonical);
    return c ? c : strcmp(x->key, y->key);
}

static void groups_free(groups *gs)
{
    for (size_t i = 0; i < gs->n; i++) {
        group *g = &gs->g[i];
        for (size_t k = 0; k < g->nsp; k++)
            free(g->sp[k].text);
        free(g->sp);
        free(g->files);
        free(g->key);
        free(g->canonical);
        free(g->source);
    }
    free(gs->g);
    free(gs->slot);
}

/* ----------------------------------------------------------------- prep */

typedef struct {
    const char *path;
    pisar_prep_result *r; /* NULL when it failed */
    char error[256];
} article;

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* A unit's text with its name mentions marked, each followed by its
 * canonical spelling and where it comes from. */
static int unit_text(pisar_buf *b, const pisar_prep_result *r, const pisar_prep_unit *u)
{
    int rc = 0;
    size_t at = 0;
    for (size_t k = u->first_mention; k < u->first_mention + u->nmentions; k++) {
        const pisar_prep_mention *m = &r->mentions[k];
        if (m->offset < at || m->offset + m->length > u->length) continue;
        rc |= esc_n(b, u->text + at, m->offset - at);
        rc |= put(b, "<span class=\"name\" title=\"");
        rc |= esc(b, m->canonical);
        rc |= put(b, " (");
        rc |= esc(b, m->source);
        rc |= put(b, ")\">");
        rc |= esc_n(b, u->text + m->offset, m->length);
        rc |= put(b, "</span><span class=\"canon\">");
        /* the canonical spelling where it differs from the text */
        if (strlen(m->canonical) != m->length ||
            memcmp(m->canonical, u->text + m->offset, m->length)) {
            rc |= esc(b, m->canonical);
            rc |= put(b, " ");
        }
        rc |= put(b, "<span class=\"src\">");
        rc |= esc(b, m->source);
        rc |= put(b, "</span></span>");
        at = m->offset + m->length;
    }
    rc |= esc_n(b, u->text + at, u->length - at);
    return rc;
}

static int article_section(pisar_buf *b, const article *a, size_t i)
{
    int rc = putf(b, "<div class=\"article\" id=\"a%zu\">\n<h2>%zu. ", i + 1, i + 1);
    rc |= esc(b, a->path);
    rc |= put(b, "</h2>\n");
    if (!a->r) {
        rc |= put(b, "<p class=\"error\">Failed: ");
        rc |= esc(b, a->error);
        rc |= put(b, "</p>\n</div>\n");
        return rc;
    }
    const pisar_prep_result *r = a->r;
    rc |= put(b, "<dl class=\"meta\"><dt>encoding</dt><dd>");
    rc |= esc(b, r->encoding);
    rc |= put(b, r->encoding_given ? " (given)" : "");
    rc |= putf(b, "</dd><dt>confidence</dt><dd>%.2f</dd>", r->confidence);
    if (r->runner_up) {
        rc |= put(b, "<dt>runner-up</dt><dd>");
        rc |= esc(b, r->runner_up);
        rc |= putf(b, " (%.2f)</dd>", r->runner_up_confidence);
    }
    rc |= put(b, "<dt>language</dt><dd>");
    rc |= esc(b, r->language);
    rc |= put(b, r->language_given ? " (given)" : "");
    rc |= putf(b,
               "</dd><dt>paragraphs</dt><dd>%zu</dd><dt>units</dt><dd>%zu</dd>"
               "<dt>name mentions</dt><dd>%zu</dd></dl>\n",
               r->paragraphs, r->nunits, r->nmentions);
    rc |= putf(b, "<h3>Repairs (%zu)</h3>\n", r->nrepairs);
    if (!r->nrepairs)
        rc |= put(b, "<p class=\"none\">none: the text was clean</p>\n");
    else {
        rc |= put(b, "<table class=\"repairs\"><tr><th>paragraph</th><th>byte</th><th>kind</th>"
                     "<th>before</th><th>after</th><th>how</th></tr>\n");
        for (size_t k = 0; k < r->nrepairs; k++) {
            const pisar_prep_repair *x = &r->repairs[k];
            rc |= putf(b, "<tr><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td>%s</td>",
                       x->paragraph, x->offset,
                       x->kind == PISAR_REPAIR_MOJIBAKE ? "mojibake" : "homoglyph");
            rc |= put(b, "<td class=\"before\">");
            rc |= esc(b, x->before);
            rc |= put(b, "</td><td class=\"after\">");
            rc |= esc(b, x->after);
            rc |= put(b, "</td><td>");
            rc |= esc(b, x->how);
            rc |= put(b, "</td></tr>\n");
        }
        rc |= put(b, "</table>\n");
    }
    rc |= putf(b, "<h3>Sentences (%zu)</h3>\n", r->nunits);
    if (!r->nunits) rc |= put(b, "<p class=\"none\">no text</p>\n");
    if (r->nunits) rc |= put(b, "<table class=\"units\">\n");
    for (size_t k = 0; k < r->nunits; k++) {
        const pisar_prep_unit *u = &r->units[k];
        rc |= put(b, "<tr><td class=\"uid\">");
        rc |= esc(b, u->id);
        rc |= put(b, "</td><td>");
        rc |= unit_text(b, r, u);
        rc |= put(b, "</td></tr>\n");
    }
    if (r->nunits) rc |= put(b, "</table>\n");
    rc |= put(b, "</div>\n");
    return rc;
}

static int names_section(pisar_buf *b, groups *gs, const article *arts)
{
    int rc = putf(b, "<div id=\"names\">\n<h2>Names across all articles (%zu)</h2>\n", gs->n);
    if (!gs->n) return rc | put(b, "<p class=\"none\">no names found</p>\n</div>\n");
    qsort(gs->g, gs->n, sizeof *gs->g, cmp_group);
    rc |= put(b, "<table class=\"names\"><tr><th>canonical</th><th>from</th><th>mentions</th>"
                 "<th>spellings</th><th>articles</th></tr>\n");
    for (size_t i = 0; i < gs->n; i++) {
        group *g = &gs->g[i];
        qsort(g->sp, g->nsp, sizeof *g->sp, cmp_sp);
        rc |= put(b, "<tr><td><b>");
        rc |= esc(b, g->canonical);
        rc |= put(b, "</b></td><td><span class=\"src\">");
        rc |= esc(b, g->source);
        rc |= putf(b, "</span></td><td class=\"n\">%zu</td><td>", g->count);
        for (size_t k = 0; k < g->nsp; k++) {
            rc |= put(b, k ? "; " : "");
            rc |= esc(b, g->sp[k].text);
            rc |= putf(b, " (%zu)", g->sp[k].count);
        }
        rc |= put(b, "</td><td>");
        for (size_t k = 0; k < g->nfiles; k++) {
            rc |= putf(b, "%s<a href=\"#a%zu\">", k ? ", " : "", g->files[k] + 1);
            rc |= esc(b, base_name(arts[g->files[k]].path));
            rc |= put(b, "</a>");
        }
        rc |= put(b, "</td></tr>\n");
    }
    return rc | put(b, "</table>\n</div>\n");
}

int cli_html_prep(const char *page, const char *const *files, size_t n, const char *lang,
                  const char *from)
{
    article *arts = calloc(n ? n : 1, sizeof *arts);
    groups gs;
    memset(&gs, 0, sizeof gs);
    pisar_buf in = {0}, b = {0};
    int status = 0;
    if (!arts) {
        cli_error("prep", "out of memory");
        return -1;
    }
    size_t units = 0, repairs = 0, mentions = 0, failed = 0;
    for (size_t i = 0; i < n; i++) {
        article *a = &arts[i];
        a->path = files[i];
        if (!strcmp(files[i], "-")) {
            a->path = "(stdin)";
            snprintf(a->error, sizeof a->error,
                     "standard input is not shown on the page (name a file)");
            failed++;
            continue;
        }
        pisar_buf_clear(&in);
        FILE *f = fopen(files[i], "rb");
        char chunk[65536];
        size_t k;
        int rrc = f ? 0 : -1;
        while (f && !rrc && (k = fread(chunk, 1, sizeof chunk, f)) > 0)
            rrc = pisar_buf_append(&in, chunk, k);
        if (f && ferror(f)) rrc = -1;
        if (f) fclose(f);
        if (rrc) {
            snprintf(a->error, sizeof a->error, "cannot read: %s", strerror(errno));
            failed++;
            continue;
        }
        pisar_prep_options opt = {from, lang, 1};
        pisar_error err;
        memset(&err, 0, sizeof err);
        int rc = pisar_prep(in.data ? in.data : "", in.len, &opt, &a->r, &err);
        if (rc) {
            snprintf(a->error, sizeof a->error, "%s",
                     err.message[0] ? err.message : pisar_strerror(rc));
            a->r = NULL;
            failed++;
            continue;
        }
        units += a->r->nunits;
        repairs += a->r->nrepairs;
        mentions += a->r->nmentions;
        for (size_t m = 0; m < a->r->nmentions; m++)
            group_add(&gs, &a->r->mentions[m], i);
    }
    char title[128];
    snprintf(title, sizeof title, "pisar prep: %zu article%s", n, n == 1 ? "" : "s");
    int rc = head(&b, title);
    rc |= put(&b, "<div class=\"header\"><h1>");
    rc |= esc(&b, title);
    rc |= putf(&b,
               "</h1><p>%zu units, %zu repairs, %zu name mentions in %zu groups, %zu failed "
               "input%s</p></div>\n<div class=\"main\">\n",
               units, repairs, mentions, gs.n, failed, failed == 1 ? "" : "s");
    rc |= put(&b, "<div id=\"toc\">\n<h2>Articles</h2>\n<table><tr><th>#</th><th>file</th>"
                  "<th>encoding</th><th>confidence</th><th>language</th><th>units</th>"
                  "<th>repairs</th><th>names</th><th>status</th></tr>\n");
    for (size_t i = 0; i < n; i++) {
        const article *a = &arts[i];
        rc |= putf(&b, "<tr class=\"%s\"><td class=\"n\">%zu</td><td><a href=\"#a%zu\">",
                   a->r ? "ok" : "failed", i + 1, i + 1);
        rc |= esc(&b, a->path);
        rc |= put(&b, "</a></td>");
        if (a->r) {
            rc |= put(&b, "<td>");
            rc |= esc(&b, a->r->encoding);
            rc |= putf(&b, "</td><td class=\"n\">%.2f</td><td>", a->r->confidence);
            rc |= esc(&b, a->r->language);
            rc |= putf(&b,
                       "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td "
                       "class=\"n\">%zu</td><td class=\"status\">ok</td></tr>\n",
                       a->r->nunits, a->r->nrepairs, a->r->nmentions);
        } else {
            rc |= put(&b, "<td colspan=\"6\">");
            rc |= esc(&b, a->error);
            rc |= put(&b, "</td><td class=\"status\">failed</td></tr>\n");
        }
    }
    rc |= put(&b, "</table>\n<p><a href=\"#names\">Names across all articles</a></p>\n</div>\n");
    rc |= names_section(&b, &gs, arts);
    for (size_t i = 0; i < n; i++)
        rc |= article_section(&b, &arts[i], i);
    rc |= put(&b, "</div>\n");
    rc |= foot(&b);
    if (rc || gs.oom) {
        cli_error("prep", "%s: out of memory", page);
        status = -1;
    } else if (write_page("prep", page, &b))
        status = -1;
    for (size_t i = 0; i < n; i++)
        pisar_prep_result_free(arts[i].r);
    free(arts);
    groups_free(&gs);
    pisar_buf_free(&in);
    pisar_buf_free(&b);
    return status;
}

/* -------------------------------------------------------------- convert */

int cli_html_convert(const char *page, const cli_html_row *rows, size_t n)
{
    pisar_buf b = {0};
    size_t count[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++)
        count[rows[i].status == CLI_HTML_FAILED ? 1 : rows[i].status == CLI_HTML_SKIPPED ? 2 : 0]++;
    char title[128];
    snprintf(title, sizeof title, "pisar convert: %zu file%s", n, n == 1 ? "" : "s");
    int rc = head(&b, title);
    rc |= put(&b, "<div class=\"header\"><h1>");
    rc |= esc(&b, title);
    rc |=
        putf(&b, "</h1><p>%zu converted, %zu failed, %zu skipped</p></div>\n<div class=\"main\">\n",
             count[0], count[1], count[2]);
    rc |= put(&b, "<h2>Files</h2>\n<table class=\"files\"><tr><th>#</th><th>path</th>"
                  "<th>status</th><th>encoding</th><th>confidence</th><th>language</th>"
                  "<th>bytes in</th><th>bytes out</th><th>repairs</th><th>replacements</th>"
                  "<th>message</th></tr>\n");
    static const char *const st[] = {"ok", "failed", "skipped"};
    for (size_t i = 0; i < n; i++) {
        const cli_html_row *r = &rows[i];
        int s = r->status == CLI_HTML_FAILED ? 1 : r->status == CLI_HTML_SKIPPED ? 2 : 0;
        rc |= putf(&b, "<tr class=\"%s\" id=\"f%zu\"><td class=\"n\">%zu</td><td>", st[s], i + 1,
                   i + 1);
        rc |= esc(&b, r->path);
        rc |= putf(&b, "</td><td class=\"status\">%s</td><td>", st[s]);
        rc |= esc(&b, r->encoding ? r->encoding : "-");
        rc |= putf(&b, "</td><td class=\"n\">%.2f</td><td>", r->confidence);
        rc |= esc(&b, r->language ? r->language : "-");
        rc |= putf(&b,
                   "</td><td class=\"n\">%llu</td><td class=\"n\">%llu</td><td "
                   "class=\"n\">%llu</td><td class=\"n\">%llu</td><td>",
                   (unsigned long long)r->bytes_in, (unsigned long long)r->bytes_out,
                   (unsigned long long)r->repairs, (unsigned long long)r->replacements);
        rc |= esc(&b, r->message ? r->message : "");
        rc |= put(&b, "</td></tr>\n");
    }
    rc |= put(&b, "</table>\n");
    /* the repairs of each file that had some */
    size_t with = 0;
    for (size_t i = 0; i < n; i++)
        with += rows[i].nnotes > 0;
    if (with) {
        rc |= put(&b, "<h2>Repairs</h2>\n");
        for (size_t i = 0; i < n; i++) {
            const cli_html_row *r = &rows[i];
            if (!r->nnotes) continue;
            rc |= putf(&b, "<h3><a href=\"#f%zu\">", i + 1);
            rc |= esc(&b, r->path);
            rc |= put(&b, "</a></h3>\n<table class=\"repairs\"><tr><th>byte</th><th>before</th>"
                          "<th>after</th><th>how</th></tr>\n");
            for (size_t k = 0; k < r->nnotes; k++) {
                rc |= putf(&b, "<tr><td class=\"n\">%zu</td><td class=\"before\">",
                           r->notes[k].offset);
                rc |= esc(&b, r->notes[k].before);
                rc |= put(&b, "</td><td class=\"after\">");
                rc |= esc(&b, r->notes[k].after);
                rc |= put(&b, "</td><td>");
                rc |= esc(&b, r->notes[k].how);
                rc |= put(&b, "</td></tr>\n");
            }
            rc |= put(&b, "</table>\n");
        }
    }
    rc |= put(&b, "</div>\n");
    rc |= foot(&b);
    int status = 0;
    if (rc) {
        cli_error("convert", "%s: out of memory", page);
        status = -1;
    } else if (write_page("convert", page, &b))
        status = -1;
    pisar_buf_free(&b);
    return status;
}
