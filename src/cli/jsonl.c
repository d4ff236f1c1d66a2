/* jsonl.c -- `--jsonl`: JSON Lines in, JSON Lines out, one record for each.
 *
 * Standard input holds one JSON object a line: {"id": ..., "text": "..."}
 * (detect, convert and prep also take "path": a file to read, or "base64":
 * the bytes themselves). Each record is handled alone and gives one output
 * line with the same "id" and the results, or {"id": ..., "error": "..."};
 * a line that is not a JSON object (or has no id) gives {"line": N,
 * "error": ...}. Records never depend on each other, so any split of the
 * input (GNU parallel --pipe, Hadoop Streaming, Spark's RDD.pipe) gives the
 * same records. Exit status 1 when any record failed.
 *
 * cli_jsonl_run() is the machinery (reading, parsing with jansson, the
 * error records, writing); the cli_jsonl_<command>() functions are the
 * handlers the subcommands hook in after parsing their options. */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* One input record as a handler sees it. */
typedef struct {
    json_t *obj;      /* the record */
    const char *data; /* its bytes: "text" (UTF-8), decoded "base64", or the file at "path" */
    size_t len;
    int is_text; /* from "text" */
} record;

/* A handler: fill `out` (which already holds the id) or return -1 with a
 * message in msg. */
typedef int (*handler)(void *ctx, const record *r, json_t *out, char *msg, size_t cap);

enum { ACCEPT_TEXT = 1, ACCEPT_BYTES = 2 };

static int b64val(int c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

/* Decode base64 (standard or URL alphabet, padding optional, whitespace
 * ignored) into out; the index of a bad character, or -1 when all is well. */
static long b64decode(const char *s, size_t n, pisar_buf *out)
{
    unsigned acc = 0;
    int bits = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '=') break;
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        int v = b64val(c);
        if (v < 0) return (long)i;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            unsigned char b = (unsigned char)(acc >> bits);
            if (pisar_buf_append(out, &b, 1)) return (long)i;
        }
    }
    for (; i < n; i++)
        if (s[i] != '=' && !strchr(" \n\r\t", s[i])) return (long)i;
    if (!out->data) pisar_buf_append(out, "", 0);
    return -1;
}

static void fmt(char *msg, size_t cap, const char *f, ...) __attribute__((format(printf, 3, 4)));
static void fmt(char *msg, size_t cap, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    vsnprintf(msg, cap, f, ap);
    va_end(ap);
}

/* Get the record's bytes; 0, or -1 with a message. */
static int record_data(const char *sub, unsigned accept, json_t *obj, record *r, pisar_buf *hold,
                       char *msg, size_t cap)
{
    json_t *text = json_object_get(obj, "text"), *path = json_object_get(obj, "path"),
           *b64 = json_object_get(obj, "base64");
    int given = (text != NULL) + (path != NULL) + (b64 != NULL);
    if (given > 1) {
        fmt(msg, cap, "give one of \"text\", \"path\" and \"base64\"");
        return -1;
    }
    if (!given) {
        fmt(msg, cap,
            (accept & ACCEPT_BYTES) ? "no \"text\", \"path\" or \"base64\"" : "no \"text\"");
        return -1;
    }
    if ((path || b64) && !(accept & ACCEPT_BYTES)) {
        fmt(msg, cap, "pisar %s --jsonl reads \"text\" only", sub);
        return -1;
    }
    json_t *v = text ? text : path ? path : b64;
    if (!json_is_string(v)) {
        fmt(msg, cap, "\"%s\" must be a string", text ? "text" : path ? "path" : "base64");
        return -1;
    }
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    pisar_buf_clear(hold);
    if (text) {
        r->data = s;
        r->len = n;
        r->is_text = 1;
        return 0;
    }
    if (b64) {
        long bad = b64decode(s, n, hold);
        if (bad >= 0) {
            fmt(msg, cap, "\"base64\": invalid character at position %ld", bad);
            return -1;
        }
    } else {
        if (strlen(s) != n || !n) {
            fmt(msg, cap, "\"path\": not a file name");
            return -1;
        }
        FILE *f = fopen(s, "rb");
        if (!f) {
            fmt(msg, cap, "%s: %s", s, strerror(errno));
            return -1;
        }
        char buf[65536];
        size_t k;
        int rc = 0;
        while (!rc && (k = fread(buf, 1, sizeof buf, f)) > 0)
            rc = pisar_buf_append(hold, buf, k);
        int err = ferror(f) || rc;
        fclose(f);
        if (err) {
            fmt(msg, cap, "%s: read error", s);
            return -1;
        }
        if (!hold->data) pisar_buf_append(hold, "", 0);
    }
    r->data = hold->data;
    r->len = hold->len;
    r->is_text = 0;
    return 0;
}

/* Print one record; 0 or -1 (write error). */
static int emit(json_t *o)
{
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
    if (!s) return -1;
    size_t n = strlen(s);
    int rc = fwrite(s, 1, n, stdout) != n || fputc('\n', stdout) == EOF ? -1 : 0;
    free(s);
    return rc;
}

static int run(const char *sub, unsigned accept, handler fn, void *ctx)
{
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    int failed = 0;
    pisar_buf hold = {0};
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        lineno++;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        size_t k = 0;
        while (k < (size_t)n && (line[k] == ' ' || line[k] == '\t'))
            k++;
        if (k == (size_t)n) continue; /* a blank line is no record */
        char msg[512] = "";
        json_error_t jerr;
        json_t *obj = json_loadb(line, (size_t)n, JSON_ALLOW_NUL, &jerr);
        json_t *out = json_object();
        if (!out) {
            cli_error(sub, "out of memory");
            json_decref(obj);
            failed = 1;
            break;
        }
        json_t *id = json_is_object(obj) ? json_object_get(obj, "id") : NULL;
        if (id)
            json_object_set(out, "id", id);
        else
            json_object_set_new(out, "line", json_integer((json_int_t)lineno));
        int bad = 0;
        if (!obj) {
            fmt(msg, sizeof msg, "malformed JSON at column %d: %s", jerr.column, jerr.text);
            bad = 1;
        } else if (!json_is_object(obj)) {
            fmt(msg, sizeof msg, "a record must be a JSON object");
            bad = 1;
        } else {
            record r = {obj, NULL, 0, 0};
            bad = record_data(sub, accept, obj, &r, &hold, msg, sizeof msg) ||
                  fn(ctx, &r, out, msg, sizeof msg);
        }
        if (bad) {
            /* drop partial results: the record is its id and the error */
            json_t *e = json_object();
            if (id)
                json_object_set(e, "id", id);
            else
                json_object_set_new(e, "line", json_integer((json_int_t)lineno));
            json_object_set_new(e, "error", json_string(msg[0] ? msg : "failed"));
            json_decref(out);
            out = e;
            failed = 1;
            if (id) {
                char *ids = json_dumps(id, JSON_COMPACT | JSON_ENCODE_ANY);
                cli_error(sub, "line %zu (id %s): %s", lineno, ids ? ids : "?", msg);
                free(ids);
            } else
                cli_error(sub, "line %zu: %s", lineno, msg);
        }
        json_decref(obj);
        int wr = emit(out);
        json_decref(out);
        if (wr) {
            cli_error(sub, "write error on standard output: %s", strerror(errno));
            failed = 1;
            break;
        }
    }
    if (ferror(stdin)) {
        cli_error(sub, "(stdin): read error: %s", strerror(errno));
        failed = 1;
    }
    free(line);
    pisar_buf_free(&hold);
    if (fflush(stdout)) {
        cli_error(sub, "write error on standard output: %s", strerror(errno));
        failed = 1;
    }
    return failed ? EXIT_SOME_FAILED : EXIT_ALL_DONE;
}

static json_t *jstr(const char *s, size_t n)
{
    return json_stringn_nocheck(s, n);
}

/* The message for a failed library call on the record's bytes. */
static void lib_error(char *msg, size_t cap, int rc, const pisar_error *err, const char *what)
{
    if ((rc == PISAR_EILSEQ || rc == PISAR_ETRUNC))
        fmt(msg, cap, "%s at byte offset %llu%s%s",
            rc == PISAR_ETRUNC ? "input ends inside a character" : "invalid byte sequence",
            (unsigned long long)err->offset, what ? " " : "", what ? what : "");
    else
        fmt(msg, cap, "%s", err && err->message[0] ? err->message : pisar_strerror(rc));
}

/* ------------------------------------------------------------------ prep */

typedef struct {
    const char *lang, *from, *target;
} prep_ctx;

static json_t *prep_json(const pisar_prep_result *r, const char *target)
{
    json_t *o = json_object(), *units = json_array(), *reps = json_array();
    if (!o || !units || !reps) {
        json_decref(o), json_decref(units), json_decref(reps);
        return NULL;
    }
    json_object_set_new(o, "encoding", json_string(r->encoding));
    json_object_set_new(o, "confidence",
                        json_real((double)(long)(r->confidence * 100 + 0.5) / 100));
    json_object_set_new(o, "language", json_string(r->language));
    if (target) json_object_set_new(o, "target_lang", json_string(target));
    for (size_t i = 0; i < r->nunits; i++) {
        const pisar_prep_unit *u = &r->units[i];
        json_t *ju = json_object(), *names = json_array();
        json_object_set_new(ju, "id", json_string(u->id));
        json_object_set_new(ju, "paragraph", json_integer((json_int_t)u->paragraph));
        json_object_set_new(ju, "sentence", json_integer((json_int_t)u->sentence));
        json_object_set_new(ju, "source", jstr(u->text, u->length));
        for (size_t k = u->first_mention; k < u->first_mention + u->nmentions; k++) {
            const pisar_prep_mention *m = &r->mentions[k];
            json_t *jm = json_object();
            json_object_set_new(jm, "offset", json_integer((json_int_t)m->offset));
            json_object_set_new(jm, "length", json_integer((json_int_t)m->length));
            json_object_set_new(jm, "text", json_string(m->text));
            json_object_set_new(jm, "canonical", json_string(m->canonical));
            json_object_set_new(jm, "source", json_string(m->source));
            json_object_set_new(jm, "key", json_string(m->key));
            json_array_append_new(names, jm);
        }
        json_object_set_new(ju, "names", names);
        json_array_append_new(units, ju);
    }
    json_object_set_new(o, "units", units);
    for (size_t i = 0; i < r->nrepairs; i++) {
        const pisar_prep_repair *x = &r->repairs[i];
        json_t *jr = json_object();
        json_object_set_new(jr, "paragraph", json_integer((json_int_t)x->paragraph));
        json_object_set_new(jr, "offset", json_integer((json_int_t)x->offset));
        json_object_set_new(
            jr, "kind", json_string(x->kind == PISAR_REPAIR_MOJIBAKE ? "mojibake" : "homoglyph"));
        json_object_set_new(jr, "before", json_string(x->before));
        json_object_set_new(jr, "after", json_string(x->after));
        json_object_set_new(jr, "how", json_string(x->how));
        json_array_append_new(reps, jr);
    }
    json_object_set_new(o, "repairs", reps);
    return o;
}

static int do_prep(void *vctx, const record *r, json_t *out, char *msg, size_t cap)
{
    prep_ctx *c = vctx;
    pisar_prep_options opt = {0};
    opt.encoding = r->is_text ? "utf-8" : c->from; /* "text" is UTF-8 whatever --from says */
    opt.language = c->lang;
    opt.document = 1;
    pisar_prep_result *res = NULL;
    pisar_error err;
    memset(&err, 0, sizeof err);
    int rc = pisar_prep(r->data, r->len, &opt, &res, &err);
    if (rc) {
        fmt(msg, cap, "%s", err.message[0] ? err.message : pisar_strerror(rc));
        return -1;
    }
    json_t *o = prep_json(res, c->target);
    pisar_prep_result_free(res);
    if (!o || json_object_update(out, o)) {
        json_decref(o);
        fmt(msg, cap, "out of memory");
        return -1;
    }
    json_decref(o);
    return 0;
}

int cli_jsonl_prep(const char *lang, const char *from, const char *target)
{
    prep_ctx c = {lang, from, target};
    return run("prep", ACCEPT_TEXT | ACCEPT_BYTES, do_prep, &c);
}

/* ------------------------------------------------------------- normalize */

typedef struct {
    pisar_normalizer *n;
    json_t *repairs;
    size_t base;
} norm_ctx;

static void on_repair(void *vctx, const pisar_repair *x)
{
    norm_ctx *c = vctx;
    json_t *jr = json_object();
    json_object_set_new(jr, "offset", json_integer((json_int_t)(c->base + x->offset)));
    json_object_set_new(jr, "kind",
                        json_string(x->kind == PISAR_REPAIR_MOJIBAKE ? "mojibake" : "homoglyph"));
    json_object_set_new(jr, "before", jstr(x->before, x->before_len));
    json_object_set_new(jr, "after", jstr(x->after, x->after_len));
    json_object_set_new(jr, "how", json_string(x->how ? x->how : ""));
    json_array_append_new(c->repairs, jr);
}

/* Normalize UTF-8 line by line (as `pisar normalize` does) into out. */
static int normalize_lines(norm_ctx *c, const char *s, size_t n, pisar_buf *out, pisar_error *err)
{
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) + 1 : n;
        c->base = i;
        int rc = pisar_normalizer_apply(c->n, s + i, e - i, out, err);
        if (rc) {
            err->offset += i;
            return rc;
        }
        i = e;
    }
    if (!out->data) return pisar_buf_append(out, "", 0);
    return 0;
}

static int do_normalize(void *vctx, const record *r, json_t *out, char *msg, size_t cap)
{
    norm_ctx *c = vctx;
    pisar_buf o = {0};
    pisar_error err;
    memset(&err, 0, sizeof err);
    c->repairs = json_array();
    int rc = normalize_lines(c, r->data, r->len, &o, &err);
    if (rc) {
        lib_error(msg, cap, rc, &err, "(text must be UTF-8)");
    } else {
        json_object_set_new(out, "text", jstr(o.data, o.len));
        json_object_set(out, "repairs", c->repairs);
    }
    json_decref(c->repairs);
    c->repairs = NULL;
    pisar_buf_free(&o);
    return rc ? -1 : 0;
}

int cli_jsonl_normalize(unsigned flags)
{
    norm_ctx c = {0};
    if (pisar_normalizer_new(&c.n, flags)) {
        cli_error("normalize", "out of memory");
        return EXIT_SOME_FAILED;
    }
    pisar_normalizer_on_repair(c.n, on_repair, &c);
    int st = run("normalize", ACCEPT_TEXT, do_normalize, &c);
    pisar_normalizer_free(c.n);
    return st;
}

/* -------------------------------------------------------------- translit */

typedef struct {
    const pisar_translit *t; /* NULL: each record's language's default */
    unsigned flags;
} tr_ctx;

static int do_translit(void *vctx, const record *r, json_t *out, char *msg, size_t cap)
{
    tr_ctx *c = vctx;
    pisar_translit *own = NULL;
    const pisar_translit *t = c->t;
    pisar_error err;
    memset(&err, 0, sizeof err);
    if (!t) {
        const char *code = "und";
        pisar_language_detect(r->data, r->len, &code, NULL);
        const char *id = pisar_translit_default_scheme(code ? code : "und");
        if (!id) id = c->flags & PISAR_TRANSLIT_REVERSE ? "iso9" : "ru-bgn";
        int rc = pisar_translit_open(&own, id, c->flags, &err);
        if (rc) {
            lib_error(msg, cap, rc, &err, NULL);
            return -1;
        }
        json_object_set_new(out, "scheme", json_string(id));
        t = own;
    }
    pisar_buf o = {0};
    int rc = pisar_translit_apply_with_errors(t, r->data, r->len, &o, &err);
    if (!rc && !o.data) rc = pisar_buf_append(&o, "", 0);
    if (rc)
        lib_error(msg, cap, rc, &err, NULL);
    else
        json_object_set_new(out, "text", jstr(o.data, o.len));
    pisar_buf_free(&o);
    pisar_translit_free(own);
    return rc ? -1 : 0;
}

int cli_jsonl_translit(const pisar_translit *t, unsigned flags)
{
    tr_ctx c = {t, flags};
    return run("translit", ACCEPT_TEXT, do_translit, &c);
}

/* --------------------------------------------------------------- segment */

typedef struct {
    const char *lang, *srx;
    pisar_segmenter *fixed; /* --lang or --srx given */
} seg_ctx;

static int do_segment(void *vctx, const record *r, json_t *out, char *msg, size_t cap)
{
    seg_ctx *c = vctx;
    pisar_segmenter *seg = c->fixed, *own = NULL;
    pisar_error err;
    memset(&err, 0, sizeof err);
    const char *lang = c->lang;
    if (!seg) {
        lang = "und";
        pisar_language_detect(r->data, r->len, &lang, NULL);
        if (pisar_segmenter_new(&own, lang, &err)) {
            fmt(msg, cap, "out of memory");
            return -1;
        }
        seg = own;
    }
    int rc = pisar_segmenter_set_text_with_errors(seg, r->data, r->len, &err);
    json_t *arr = json_array();
    pisar_sentence s;
    while (!rc && (rc = pisar_segmenter_next(seg, &s)) == 1) {
        json_t *js = json_object();
        json_object_set_new(js, "paragraph", json_integer((json_int_t)s.paragraph));
        json_object_set_new(js, "start", json_integer((json_int_t)s.start));
        json_object_set_new(js, "end", json_integer((json_int_t)s.end));
        json_object_set_new(js, "text", jstr(r->data + s.start, s.end - s.start));
        json_array_append_new(arr, js);
        rc = 0;
    }
    pisar_segmenter_free(own);
    if (rc < 0) {
        lib_error(msg, cap, rc, &err, NULL);
        json_decref(arr);
        return -1;
    }
    if (lang) json_object_set_new(out, "language", json_string(lang));
    json_object_set_new(out, "sentences", arr);
    return 0;
}

int cli_jsonl_segment(const char *lang, const char *srx)
{
    seg_ctx c = {lang, srx, NULL};
    pisar_error err;
    memset(&err, 0, sizeof err);
    if (srx || lang) {
        int rc = srx ? pisar_segmenter_new_srx(&c.fixed, srx, lang ? lang : "und", &err)
                     : pisar_segmenter_new(&c.fixed, lang, &err);
        if (rc) {
            cli_error("segment", "%s%s%s", srx ? srx : "", srx ? ": " : "",
                      err.message[0] ? err.message : pisar_strerror(rc));
            return EXIT_SOME_FAILED;
        }
    }
    int st = run("segment", ACCEPT_TEXT, do_segment, &c);
    pisar_segmenter_free(c.fixed);
    return st;
}

/* ----------------------------------------------------------------- names */

typedef struct {
    int key, phonetic, resolve;
    const char *style, *gazetteer, *lang;
} names_ctx;

static int new_names(const names_ctx *c, pisar_names **h, char *msg, size_t cap)
{
    pisar_error err;
    memset(&err, 0, sizeof err);
    int rc = pisar_names_new(h, c->style, &err);
    if (!rc && c->gazetteer) rc = pisar_names_load_gazetteer(*h, c->gazetteer, &err);
    if (!rc && c->lang) (void)pisar_names_set_language(*h, c->lang);
    if (rc) {
        fmt(msg, cap, "%s", err.message[0] ? err.message : pisar_strerror(rc));
        pisar_names_free(*h);
        *h = NULL;
    }
    return rc;
}

static int do_names(void *vctx, const record *r, json_t *out, char *msg, size_t cap)
{
    names_ctx *c = vctx;
    pisar_names *h = NULL;
    pisar_buf k = {0};
    int rc = 0;
    if (c->key && !c->resolve && !c->gazetteer && !memchr(r->data, '\n', r->len)) {
        /* one name: its key */
        rc = c->phonetic ? pisar_name_key_phonetic(r->data, r->len, &k)
                         : pisar_name_key_lang(r->data, r->len, c->lang, &k);
        if (rc) {
            fmt(msg, cap, "not a valid name (invalid UTF-8 or a NUL byte)");
        } else
            json_object_set_new(out, "key", jstr(k.data ? k.data : "", k.len));
        pisar_buf_free(&k);
        return rc ? -1 : 0;
    }
    if (new_names(c, &h, msg, cap)) return -1;
    pisar_error err;
    memset(&err, 0, sizeof err);
    if (c->key) {
        /* names one a line: each keyed alone, or (--resolve) among the
         * record's other names */
        json_t *keys = json_array();
        for (int pass = 0; pass < 2 && !rc; pass++)
            for (size_t i = 0; i < r->len && !rc;) {
                const char *nl = memchr(r->data + i, '\n', r->len - i);
                size_t e = nl ? (size_t)(nl - r->data) : r->len, n = e - i;
                if (n && r->data[i + n - 1] == '\r') n--;
                if (!pass)
                    rc = c->resolve ? pisar_names_add_name(h, r->data + i, n, &err) : 0;
                else {
                    pisar_buf_clear(&k);
                    rc = c->resolve    ? pisar_names_group_key(h, r->data + i, n, &k)
                         : c->phonetic ? pisar_name_key_phonetic(r->data + i, n, &k)
                                       : pisar_names_key(h, r->data + i, n, &k);
                    if (!rc) json_array_append_new(keys, jstr(k.data ? k.data : "", k.len));
                }
                if (rc) err.offset = i;
                i = e + 1;
            }
        if (rc)
            fmt(msg, cap,
                "the name at byte offset %llu is no valid name (invalid UTF-8 or a NUL byte)",
                (unsigned long long)err.offset);
        else if (memchr(r->data, '\n', r->len) || c->resolve)
            json_object_set_new(out, "keys", keys), keys = NULL;
        else
            json_object_set(out, "key", json_array_get(keys, 0));
        json_decref(keys);
    } else {
        rc = pisar_names_add_text(h, NULL, r->data, r->len, &err);
        if (rc)
            lib_error(msg, cap, rc, &err, NULL);
        else {
            json_t *groups = json_array();
            size_t ng = pisar_names_group_count(h);
            for (size_t i = 0; i < ng; i++) {
                pisar_name_group g;
                if (pisar_names_group(h, i, &g)) continue;
                json_t *jg = json_object(), *vs = json_object();
                json_object_set_new(jg, "canonical", json_string(g.canonical));
                json_object_set_new(jg, "count", json_integer((json_int_t)g.count));
                json_object_set_new(jg, "source", json_string(g.source_text));
                json_object_set_new(jg, "key", json_string(g.key));
                for (size_t v = 0; v < g.nvariants; v++)
                    json_object_set_new(vs, g.variants[v].text,
                                        json_integer((json_int_t)g.variants[v].count));
                json_object_set_new(jg, "variants", vs);
                json_array_append_new(groups, jg);
            }
            json_object_set_new(out, "names", groups);
        }
    }
    pisar_buf_free(&k);
    pisar_names_free(h);
    return rc ? -1 : 0;
}

int cli_jsonl_names(int key, int phonetic, int resolve, const char *style, const char *gazetteer,
                    const char *lang)
{
    names_ctx c = {key, phonetic, resolve, style, gazetteer, lang};
    /* a bad style or gazetteer is a usage error, found before any record */
    char msg[256];
    pisar_names *h = NULL;
    if (new_names(&c, &h, msg, sizeof msg)) {
        cli_error("names", "%s", msg);
        return EXIT_USAGE;
    }
    pisar_names_free(h);
    return run("names", ACCEPT_TEXT, do_names, &c);
}

/* ---------------------------------------------------------------- detect */

static int do_detect(void *vctx, const record *r, json_t *out, char *msg, size_t cap)
{
    uint64_t sample = *(const uint64_t *)vctx;
    size_t n = sample && sample < r->len ? (size_t)sample : r->len;
    pisar_detection d;
    int rc = pisar_detect(r->data, n, &d);
    if (rc) {
        fmt(msg, cap, "%s", pisar_strerror(rc));
        return -1;
    }
    json_object_set_new(out, "encoding", json_string(pisar_encoding_name(d.encoding)));
    json_object_set_new(out, "confidence",
                        json_real((double)(long)(d.confidence * 100 + 0.5) / 100));
    json_object_set_new(out, "language", json_string(d.language ? d.language : "und"));
    json_object_set_new(out, "bom", json_boolean(d.bom_length));
    if (d.runner_up != PISAR_ENC_UNKNOWN) {
        json_object_set_new(out, "runner_up", json_string(pisar_encoding_name(d.runner_up)));
        json_object_set_new(out, "runner_up_confidence",
                            json_real((double)(long)(d.runner_up_confidence * 100 + 0.5) / 100));
    } else {
        json_object_set_new(out, "runner_up", json_null());
        json_object_set_new(out, "runner_up_confidence", json_null());
    }
    json_object_set_new(out, "bytes", json_integer((json_int_t)d.bytes_seen));
    return 0;
}

int cli_jsonl_detect(uint64_t sample)
{
    return run("detect", ACCEPT_TEXT | ACCEPT_BYTES, do_detect, &sample);
}

/* --------------------------------------------------------------- convert */

typedef struct {
    pisar_encoding from;
    int repair, lossy;
    unsigned eol;
    norm_ctx norm;
} conv_ctx;

static int do_convert(void *vctx, const record *r, json_t *out, char *msg, size_t cap)
{
    conv_ctx *c = vctx;
    pisar_detection d;
    memset(&d, 0, sizeof d);
    pisar_encoding enc = r->is_text ? PISAR_ENC_UTF8 : c->from;
    d.confidence = 1;
    d.language = "und";
    if (enc == PISAR_ENC_UNKNOWN) {
        if (pisar_detect(r->data, r->len, &d)) {
            fmt(msg, cap, "detection failed");
            return -1;
        }
        enc = d.encoding;
    }
    if (enc == PISAR_ENC_BINARY) {
        fmt(msg, cap, "not text (binary data)");
        return -1;
    }
    pisar_buf dec = {0}, o = {0};
    pisar_error err;
    memset(&err, 0, sizeof err);
    unsigned flags = PISAR_DECODE_NFC | c->eol | (c->lossy ? PISAR_DECODE_LOSSY : 0);
    pisar_decoder *dc = NULL;
    int rc = pisar_decoder_new(&dc, enc, flags);
    if (!rc) rc = pisar_decoder_feed(dc, r->data, r->len, &dec, &err);
    if (!rc) rc = pisar_decoder_finish(dc, &dec, &err);
    if (!rc && !dec.data) rc = pisar_buf_append(&dec, "", 0);
    uint64_t repl = dc ? pisar_decoder_replacements(dc) : 0;
    pisar_decoder_free(dc);
    if (rc) {
        if (rc == PISAR_EILSEQ || rc == PISAR_ETRUNC)
            fmt(msg, cap, "undecodable bytes at byte offset %llu decoding as %s",
                (unsigned long long)err.offset, pisar_encoding_name(enc));
        else
            fmt(msg, cap, "%s", pisar_strerror(rc));
        pisar_buf_free(&dec);
        return -1;
    }
    json_t *reps = NULL;
    if (c->repair) {
        c->norm.repairs = json_array();
        rc = normalize_lines(&c->norm, dec.data, dec.len, &o, &err);
        reps = c->norm.repairs;
        c->norm.repairs = NULL;
        if (rc) lib_error(msg, cap, rc, &err, NULL);
    }
    if (!rc) {
        const char *lang = d.language;
        if (r->is_text || c->from != PISAR_ENC_UNKNOWN)
            pisar_language_detect(dec.data, dec.len, &lang, NULL);
        json_object_set_new(out, "encoding", json_string(pisar_encoding_name(enc)));
        json_object_set_new(out, "confidence",
                            json_real((double)(long)(d.confidence * 100 + 0.5) / 100));
        json_object_set_new(out, "language", json_string(lang ? lang : "und"));
        const pisar_buf *t = c->repair ? &o : &dec;
        json_object_set_new(out, "text", jstr(t->data, t->len));
        json_object_set_new(out, "replacements", json_integer((json_int_t)repl));
        if (reps) json_object_set(out, "repairs", reps);
    }
    json_decref(reps);
    pisar_buf_free(&dec);
    pisar_buf_free(&o);
    return rc ? -1 : 0;
}

int cli_jsonl_convert(pisar_encoding from, int repair, int lossy, unsigned eol)
{
    conv_ctx c = {from, repair, lossy, eol, {0}};
    if (repair) {
        if (pisar_normalizer_new(&c.norm.n, PISAR_NORM_ALL)) {
            cli_error("convert", "out of memory");
            return EXIT_SOME_FAILED;
        }
        pisar_normalizer_on_repair(c.norm.n, on_repair, &c.norm);
    }
    int st = run("convert", ACCEPT_TEXT | ACCEPT_BYTES, do_convert, &c);
    pisar_normalizer_free(c.norm.n);
    return st;
}

int cli_jsonl_stdin_only(const char *sub, const char *const *files, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(files[i], "-")) {
            cli_error(sub,
                      "--jsonl reads its records from standard input, not from %s "
                      "(a record may name a file with \"path\" where that applies)",
                      files[i]);
            return -1;
        }
    return 0;
}
