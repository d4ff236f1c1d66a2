/*
 * markup.c -- the text of markup, for the detector
 * (src/markup.h).
 *
 * The state machine follows the shape of the HTML tokenizer (WHATWG HTML,
 * "Tokenization") only as far as detection needs: tag open, tag name,
 * attribute name and value (quoted or not), comments, <!DOCTYPE> and other
 * declarations, <![CDATA[ (whose contents are text, as feeds use it),
 * processing instructions, and the raw text of <script> and <style>, which
 * ends at the matching end tag. Character references (&amp; &#1041; &#x411;)
 * are not bytes of the page's code page, so they are markup too; so is a URL
 * in text (from "://" to the next space, quote or '<').
 */
#include "markup.h"

#include <string.h>

enum {
    MK_TEXT,
    MK_LT,      /* after '<' */
    MK_TAGNAME, /* the name of a tag */
    MK_TAG,     /* inside a tag, between attributes */
    MK_ATTR,    /* an attribute name */
    MK_AFTERATTR,
    MK_BEFOREVAL, /* after '=' */
    MK_VALDQ,     /* "value" */
    MK_VALSQ,     /* 'value' */
    MK_VALUQ,     /* value without quotes */
    MK_BANG,      /* after "<!" */
    MK_BANG2,     /* after "<!-" */
    MK_COMMENT,   /* inside <!-- --> (n counts dashes) */
    MK_DECL,      /* <!DOCTYPE ...>, <!ENTITY ...> */
    MK_CDATA,     /* matching "[CDATA[" after "<!" */
    MK_PI,        /* <?...?> */
    MK_RAW,       /* contents of <script> or <style> (n: characters of the end tag matched) */
    MK_ENTITY,    /* after '&' in text */
    MK_URL        /* a URL in text */
};

void det_markup_init(det_markup *m)
{
    memset(m, 0, sizeof *m);
}

static unsigned lower(unsigned c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int is_space(unsigned c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int is_alpha(unsigned c)
{
    c = lower(c);
    return c >= 'a' && c <= 'z';
}

static int is_alnum(unsigned c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

/* Attributes whose values a reader sees. */
static int text_attribute(const char *name)
{
    static const char *const list[] = {"title",   "alt",        "label", "placeholder",
                                       "summary", "aria-label", "abbr",  NULL};
    for (int i = 0; list[i]; i++)
        if (!strcmp(name, list[i])) return 1;
    return 0;
}

static void store(det_markup *m, unsigned b)
{
    if (m->n < sizeof m->name - 1) {
        m->name[m->n++] = (char)lower(b);
        m->name[m->n] = '\0';
    }
}

/* The tag ended at '>': text follows, or the raw text of <script>/<style>. */
static int end_tag(det_markup *m)
{
    m->st = m->raw && m->p1 != '/' ? MK_RAW : MK_TEXT;
    m->n = 0;
    m->gap = 1;
    return 0;
}

/* The tag name is complete: is it one whose contents are raw text? */
static void tag_named(det_markup *m)
{
    m->raw = 0;
    if (!m->endtag) m->raw = !strcmp(m->name, "script") ? 1 : !strcmp(m->name, "style") ? 2 : 0;
}

static int step(det_markup *m, unsigned b)
{
    switch (m->st) {
    case MK_TEXT:
        if (b == '<') {
            m->st = MK_LT;
            m->gap = 1;
            return 0;
        }
        if (b == '&') {
            m->st = MK_ENTITY;
            m->n = 0;
            return 0;
        }
        if (b == '/' && m->p1 == '/' && m->p2 == ':') {
            m->st = MK_URL;
            m->gap = 1;
            return 0;
        }
        return 1;
    case MK_ENTITY:
        if ((is_alnum(b) || b == '#') && m->n < 12) {
            m->n++;
            return 0;
        }
        m->st = MK_TEXT;
        return b == ';' ? 0 : step(m, b);
    case MK_URL:
        if (is_space(b) || b == '<' || b == '"' || b == '\'' || b == '>') {
            m->st = MK_TEXT;
            return step(m, b);
        }
        return 0;
    case MK_LT:
        m->n = 0;
        m->name[0] = '\0';
        if (b == '!') {
            m->st = MK_BANG;
        } else if (b == '?') {
            m->st = MK_PI;
        } else if (b == '/') {
            m->st = MK_TAGNAME;
            m->endtag = 1;
        } else if (is_alpha(b)) {
            m->st = MK_TAGNAME;
            m->endtag = 0;
            store(m, b);
        } else {
            m->st = MK_TEXT; /* a '<' of text ("a < b"): it was dropped, the rest is text */
            m->gap = 0;
            return step(m, b);
        }
        return 0;
    case MK_TAGNAME:
        if (is_space(b) || b == '/') {
            tag_named(m);
            m->st = MK_TAG;
        } else if (b == '>') {
            tag_named(m);
            return end_tag(m);
        } else {
            store(m, b);
        }
        return 0;
    case MK_TAG:
        if (b == '>') return end_tag(m);
        if (!is_space(b) && b != '/') {
            m->st = MK_ATTR;
            m->n = 0;
            store(m, b);
        }
        return 0;
    case MK_ATTR:
    case MK_AFTERATTR:
        if (b == '=') {
            m->textattr = (unsigned char)text_attribute(m->name);
            m->st = MK_BEFOREVAL;
        } else if (b == '>') {
            return end_tag(m);
        } else if (is_space(b)) {
            m->st = MK_AFTERATTR;
        } else if (b == '/') {
            m->st = MK_TAG;
        } else if (m->st == MK_AFTERATTR) {
            m->st = MK_ATTR; /* a new attribute after one without a value */
            m->n = 0;
            store(m, b);
        } else {
            store(m, b);
        }
        return 0;
    case MK_BEFOREVAL:
        if (is_space(b)) return 0;
        if (b == '>') return end_tag(m);
        m->gap = 1;
        if (b == '"' || b == '\'') {
            m->st = b == '"' ? MK_VALDQ : MK_VALSQ;
            return 0;
        }
        m->st = MK_VALUQ;
        return m->textattr;
    case MK_VALDQ:
    case MK_VALSQ:
        if (b == (m->st == MK_VALDQ ? '"' : '\'')) {
            m->st = MK_TAG;
            m->gap = 1;
            return 0;
        }
        return m->textattr;
    case MK_VALUQ:
        if (is_space(b)) {
            m->st = MK_TAG;
            m->gap = 1;
            return 0;
        }
        if (b == '>') return end_tag(m);
        return m->textattr;
    case MK_BANG:
        m->st = b == '-' ? MK_BANG2 : b == '[' ? MK_CDATA : MK_DECL;
        m->n = 0;
        return b == '>' ? end_tag(m) : 0;
    case MK_BANG2:
        m->st = b == '-' ? MK_COMMENT : MK_DECL;
        m->n = 0;
        return b == '>' ? end_tag(m) : 0;
    case MK_COMMENT:
        if (b == '>' && m->n >= 2) return end_tag(m);
        m->n = b == '-' ? (unsigned char)(m->n < 2 ? m->n + 1 : 2) : 0;
        return 0;
    case MK_CDATA: {
        static const char cdata[] = "CDATA[";
        if (m->n < 6 && b == (unsigned char)cdata[m->n]) {
            if (++m->n == 6) { /* the contents of CDATA are text (feeds put HTML there) */
                m->st = MK_TEXT;
                m->gap = 1;
            }
            return 0;
        }
        m->st = MK_DECL;
        return b == '>' ? end_tag(m) : 0;
    }
    case MK_DECL:
        return b == '>' ? end_tag(m) : 0;
    case MK_PI:
        if (b == '>' && m->p1 == '?') return end_tag(m);
        return 0;
    case MK_RAW: {
        const char *close = m->raw == 1 ? "</script" : "</style";
        size_t len = strlen(close);
        if (lower(b) == (unsigned char)close[m->n]) {
            if (++m->n == len) {
                m->st = MK_TAG; /* the rest of the end tag */
                m->raw = 0;
                m->endtag = 1;
            }
        } else {
            m->n = b == '<' ? 1 : 0;
        }
        return 0;
    }
    }
    return 0;
}

int det_markup_step(det_markup *m, unsigned b)
{
    int t = step(m, b);
    m->p2 = m->p1;
    m->p1 = (unsigned char)b;
    return t;
}

int det_looks_like_markup(const unsigned char *p, size_t n)
{
    size_t i = 0;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) i = 3;
    while (i < n && is_space(p[i]))
        i++;
    if (i + 1 >= n || p[i] != '<') return 0;
    unsigned c = p[i + 1];
    return is_alpha(c) || c == '!' || c == '?' || c == '/';
}

size_t det_markup_text(const unsigned char *in, size_t n, unsigned char *out)
{
    det_markup m;
    det_markup_init(&m);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int was_url = m.st == MK_URL;
        if (!det_markup_step(&m, in[i])) {
            /* a URL starts: its scheme ("https:/") went out as text */
            if (m.st == MK_URL && !was_url)
                while (k && (is_alnum(out[k - 1]) || out[k - 1] == ':' || out[k - 1] == '/'))
                    k--;
            continue;
        }
        if (m.gap) {
            if (k && out[k - 1] != ' ' && in[i] != ' ' && k < i) out[k++] = ' ';
            m.gap = 0;
        }
        out[k++] = in[i];
    }
    return k;
}
