/* prep.c -- pisar_prep(): detect, decode, repair, segment and find names in
 * one document in memory, as `pisar prep` does for a file (src/cli/cmd_prep.c
 * streams the same stages paragraph by paragraph into an emitter). */
#include "pisar/prep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pisar/decode.h"
#include "pisar/detect.h"
#include "pisar/encoding.h"
#include "pisar/names.h"
#include "pisar/normalize.h"
#include "pisar/segment.h"
#include "paragraphs.h"
#include "prep_names.h"

typedef struct {
    pisar_prep_result r;
    pisar_prep_unit *units;
    pisar_prep_repair *repairs;
    pisar_prep_mention *mentions;
    size_t ucap, rcap, mcap;
    size_t doc, paragraph;
    const char *unit_text; /* the sentence being searched for names */
    int oom;
} builder;

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) return NULL;
    if (n) memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static char *dup_s(const char *s)
{
    return s ? dup_n(s, strlen(s)) : NULL;
}

/* Make room for one more element of size `sz` in *arr (capacity *cap). */
static int grow(void **arr, size_t n, size_t *cap, size_t sz)
{
    if (n < *cap) return 0;
    size_t c = *cap ? 2 * *cap : 16;
    void *p = realloc(*arr, c * sz);
    if (!p) return -1;
    *arr = p;
    *cap = c;
    return 0;
}

static void on_repair(void *ctx, const pisar_repair *rp)
{
    builder *b = ctx;
    if (b->oom || grow((void **)&b->repairs, b->r.nrepairs, &b->rcap, sizeof *b->repairs)) {
        b->oom = 1;
        return;
    }
    pisar_prep_repair *x = &b->repairs[b->r.nrepairs];
    memset(x, 0, sizeof *x);
    x->kind = rp->kind;
    x->paragraph = b->paragraph;
    x->offset = rp->offset;
    x->before = dup_n(rp->before, rp->before_len);
    x->after = dup_n(rp->after, rp->after_len);
    x->how = dup_s(rp->how ? rp->how : "");
    b->r.nrepairs++;
    if (!x->before || !x->after || !x->how) b->oom = 1;
}

static int on_mention(const pisar_name_mention *m, void *user)
{
    builder *b = user;
    if (grow((void **)&b->mentions, b->r.nmentions, &b->mcap, sizeof *b->mentions)) {
        b->oom = 1;
        return 1;
    }
    pisar_prep_mention *x = &b->mentions[b->r.nmentions];
    memset(x, 0, sizeof *x);
    x->unit = b->r.nunits;
    x->offset = m->offset;
    x->length = m->length;
    x->text = dup_n(b->unit_text + m->offset, m->length);
    x->base = dup_s(m->base ? m->base : "");
    x->key = dup_s(m->key ? m->key : "");
    x->canonical = dup_s(m->canonical ? m->canonical : (m->base ? m->base : ""));
    x->source = dup_s(m->source_text ? m->source_text : "");
    b->r.nmentions++;
    if (!x->text || !x->base || !x->key || !x->canonical || !x->source) {
        b->oom = 1;
        return 1;
    }
    return 0;
}

static int is_sp(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

typedef struct {
    pisar_normalizer *norm;
    pisar_segmenter *seg;
    prep_names *names;
    pisar_buf text;
} stages;

static int all_ws(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_sp(s[i])) return 0;
    return 1;
}

static int paragraph(builder *b, stages *st, const char *t, size_t n, pisar_error *err)
{
    while (n && is_sp(*t))
        t++, n--;
    while (n && is_sp(t[n - 1]))
        n--;
    if (!n) return 0;
    b->paragraph++;
    b->r.paragraphs++;
    pisar_buf_clear(&st->text);
    int rc = pisar_normalizer_apply(st->norm, t, n, &st->text, err);
    if (!rc && !st->text.data) rc = pisar_buf_append(&st->text, "", 0);
    if (rc) return rc;
    if (b->oom) return PISAR_ENOMEM;
    /* names the stage refuses only go missing, as in `pisar prep` */
    (void)prep_names_paragraph(st->names, st->text.data, st->text.len);
    if (prep_names_oom(st->names)) return PISAR_ENOMEM;
    rc = pisar_segmenter_set_text_with_errors(st->seg, st->text.data, st->text.len, err);
    if (rc) return rc;
    pisar_sentence s;
    size_t k = 0;
    while ((rc = pisar_segmenter_next(st->seg, &s)) == 1) {
        const char *u = st->text.data + s.start;
        size_t ul = s.end - s.start;
        if (all_ws(u, ul)) continue;
        if (grow((void **)&b->units, b->r.nunits, &b->ucap, sizeof *b->units)) return PISAR_ENOMEM;
        pisar_prep_unit *x = &b->units[b->r.nunits];
        memset(x, 0, sizeof *x);
        char id[96];
        snprintf(id, sizeof id, "d%zu.p%zu.s%zu", b->doc, b->paragraph, ++k);
        x->id = dup_s(id);
        x->paragraph = b->paragraph;
        x->sentence = k;
        x->text = dup_n(u, ul);
        x->length = ul;
        x->first_mention = b->r.nmentions;
        if (!x->id || !x->text) {
            b->r.nunits++;
            return PISAR_ENOMEM;
        }
        x->note = prep_names_note(st->names, u, ul);
        int oom = !x->note && prep_names_oom(st->names);
        b->unit_text = u;
        if (!oom) (void)prep_names_find(st->names, u, ul, on_mention, b);
        x->nmentions = b->r.nmentions - x->first_mention;
        b->r.nunits++;
        if (oom || b->oom) return PISAR_ENOMEM;
    }
    return rc < 0 ? rc : 0;
}

static void free_contents(pisar_prep_result *r);

static void set_msg(pisar_error *err, const char *fmt, const char *a, const char *b)
{
    if (err) snprintf(err->message, sizeof err->message, fmt, a, b);
}

int pisar_prep(const void *data, size_t len, const pisar_prep_options *opt, pisar_prep_result **out,
               pisar_error *err)
{
    if (!out || (!data && len)) return PISAR_EINVAL;
    *out = NULL;
    if (err) memset(err, 0, sizeof *err);
    pisar_prep_options o = {0};
    if (opt) o = *opt;
    builder b;
    memset(&b, 0, sizeof b);
    b.doc = o.document ? o.document : 1;
    pisar_encoding enc;
    pisar_detection det;
    memset(&det, 0, sizeof det);
    int rc = PISAR_OK;
    if (o.encoding) {
        enc = pisar_encoding_from_name(o.encoding);
        if (enc == PISAR_ENC_UNKNOWN) {
            set_msg(err, "unknown encoding '%s'%s", o.encoding, "");
            return PISAR_EUNKNOWN;
        }
        det.confidence = 1;
        b.r.encoding_given = 1;
    } else {
        if ((rc = pisar_detect(data ? data : "", len, &det))) return rc;
        enc = det.encoding;
    }
    if (enc == PISAR_ENC_BINARY) {
        set_msg(err, "not text (binary data)%s%s", "", "");
        return PISAR_EBINARY;
    }
    const char *lang = o.language ? o.language : (det.language ? det.language : "und");
    pisar_buf text = {0};
    rc = pisar_decode(enc, data ? data : "", len, PISAR_DECODE_EOL_LF, &text, err);
    if (rc) {
        if (err && (rc == PISAR_EILSEQ || rc == PISAR_ETRUNC))
            snprintf(err->message, sizeof err->message, "%s at byte offset %llu decoding as %s",
                     rc == PISAR_ETRUNC ? "input ends inside a character" : "undecodable bytes",
                     (unsigned long long)err->offset, pisar_encoding_name(enc));
        pisar_buf_free(&text);
        return rc;
    }
    if (!o.language && o.encoding) {
        /* the encoding was given: the language still comes from the text
         * (the first 64 KB, cut at a character boundary) */
        size_t n = text.len < 65536 ? text.len : 65536;
        while (n < text.len && n > 0 && ((unsigned char)text.data[n] & 0xC0) == 0x80)
            n--;
        const char *code = NULL;
        if (!pisar_language_detect(text.data ? text.data : "", n, &code, NULL) && code) lang = code;
    }
    pisar_prep_result *r = calloc(1, sizeof *r);
    stages st;
    memset(&st, 0, sizeof st);
    if (!r) rc = PISAR_ENOMEM;
    if (!rc) rc = pisar_normalizer_new(&st.norm, PISAR_NORM_ALL);
    if (!rc) {
        pisar_normalizer_on_repair(st.norm, on_repair, &b);
        if (pisar_segmenter_new(&st.seg, lang, NULL) &&
            (rc = pisar_segmenter_new(&st.seg, "und", err)))
            st.seg = NULL;
    }
    if (!rc && !(st.names = prep_names_new(lang))) rc = PISAR_ENOMEM;
    size_t done = 0, pend, next;
    const char *t = text.data ? text.data : "";
    /* paragraphs as `pisar prep --paragraphs auto` finds them: a line each
     * when the text's lines are paragraphs (scraped articles) */
    int lines = pisar_segment_guess_paragraphs(t, text.len) == PISAR_PARAGRAPHS_LINE;
    while (!rc && (next = prep_find_break(t, text.len, done, &pend, lines, done, 0))) {
        rc = paragraph(&b, &st, t + done, pend - done, err);
        done = next;
    }
    if (!rc && done < text.len) rc = paragraph(&b, &st, t + done, text.len - done, err);
    pisar_normalizer_free(st.norm);
    pisar_segmenter_free(st.seg);
    prep_names_free(st.names);
    pisar_buf_free(&st.text);
    pisar_buf_free(&text);
    b.r.encoding = pisar_encoding_name(enc);
    b.r.confidence = det.confidence;
    b.r.runner_up = det.runner_up != PISAR_ENC_UNKNOWN && det.runner_up != enc && !o.encoding
                        ? pisar_encoding_name(det.runner_up)
                        : NULL;
    b.r.runner_up_confidence = b.r.runner_up ? det.runner_up_confidence : 0;
    b.r.language = dup_s(lang);
    b.r.language_given = o.language != NULL;
    b.r.units = b.units;
    b.r.repairs = b.repairs;
    b.r.mentions = b.mentions;
    if (r) *r = b.r;
    if (!rc && (b.oom || !b.r.language)) rc = PISAR_ENOMEM;
    if (rc) {
        free_contents(&b.r);
        free(r);
        if (err && !err->message[0])
            snprintf(err->message, sizeof err->message, "%s", pisar_strerror(rc));
        return rc;
    }
    *out = r;
    return PISAR_OK;
}

static void free_contents(pisar_prep_result *r)
{
    for (size_t i = 0; i < r->nunits; i++) {
        pisar_prep_unit *u = (pisar_prep_unit *)&r->units[i];
        free((char *)u->id);
        free((char *)u->text);
        free((char *)u->note);
    }
    for (size_t i = 0; i < r->nrepairs; i++) {
        pisar_prep_repair *x = (pisar_prep_repair *)&r->repairs[i];
        free((char *)x->before);
        free((char *)x->after);
        free((char *)x->how);
    }
    for (size_t i = 0; i < r->nmentions; i++) {
        pisar_prep_mention *x = (pisar_prep_mention *)&r->mentions[i];
        free((char *)x->text);
        free((char *)x->base);
        free((char *)x->key);
        free((char *)x->canonical);
        free((char *)x->source);
    }
    free((void *)r->units);
    free((void *)r->repairs);
    free((void *)r->mentions);
    free((char *)r->language);
}

void pisar_prep_result_free(pisar_prep_result *r)
{
    if (!r) return;
    free_contents(r);
    free(r);
}
