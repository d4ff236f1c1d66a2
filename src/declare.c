/*
 * declare.c -- the charset a file declares (src/declare.h).
 *
 * The markup forms follow the shape of the WHATWG "prescan a byte stream to
 * determine its encoding" algorithm: a look at the first bytes only. The
 * other forms are read where the programs that honour them look: an Emacs
 * -*- line and a Python cookie (PEP 263) in the first two lines, a vim
 * modeline in the first or last five lines, Emacs "Local Variables:" where
 * they stand, the rest (scriptencoding, inputenc, a gettext header, .aff SET,
 * charset lines, {$codepage}) at the start of any line of the sample. The
 * earliest declaration wins. Nothing here decides whether to believe it.
 */
#include "declare.h"

#include <string.h>

static unsigned lower(unsigned c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int is_blank(unsigned c)
{
    return c == ' ' || c == '\t' || c == '\f';
}

static int is_space(unsigned c)
{
    return is_blank(c) || c == '\n' || c == '\r';
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

/* Does p (n bytes) start with s (lower case), ignoring ASCII case? */
static int starts_ci(const unsigned char *p, size_t n, const char *s)
{
    size_t l = strlen(s);
    if (n < l) return 0;
    for (size_t i = 0; i < l; i++)
        if (lower(p[i]) != (unsigned char)s[i]) return 0;
    return 1;
}

/* Find s (lower case) in p[0..n) ignoring case: its offset, or n. */
static size_t find_ci(const unsigned char *p, size_t n, const char *s)
{
    size_t l = strlen(s);
    for (size_t i = 0; i + l <= n; i++)
        if (lower(p[i]) == (unsigned char)s[0] && starts_ci(p + i, n - i, s)) return i;
    return n;
}

/* Characters of a label: markup allows ':' (ISO_8859-1:1987); a modeline
 * ends a setting with it. */
static int label_char(unsigned c, int colon)
{
    return is_alnum(c) || c == '-' || c == '_' || c == '.' || (colon && c == ':');
}

/* Skip blanks from i in p[0..n). */
static size_t skip_blanks(const unsigned char *p, size_t n, size_t i)
{
    while (i < n && is_blank(p[i]))
        i++;
    return i;
}

/* A candidate: the label at p[at..) (its length by label_char), when longer
 * than the best so far is earlier. Returns 1 when taken. */
static int take(det_decl *best, int kind, const unsigned char *p, size_t n, size_t at, int colon)
{
    size_t k = 0;
    while (at + k < n && label_char(p[at + k], colon) && k + 1 < sizeof best->label)
        k++;
    if (!k) return 0;
    if (best->kind != DET_DECL_NONE && best->offset <= at) return 0;
    memcpy(best->label, p + at, k);
    best->label[k] = '\0';
    best->kind = kind;
    best->offset = at;
    return 1;
}

/* After "charset" or "encoding" at p[i..n): optional spaces, '=', optional
 * spaces and quote: where the label starts, or n. */
static size_t after_equals(const unsigned char *p, size_t n, size_t i)
{
    while (i < n && is_space(p[i]))
        i++;
    if (i >= n || p[i] != '=') return n;
    i++;
    while (i < n && is_space(p[i]))
        i++;
    if (i < n && (p[i] == '"' || p[i] == '\'')) i++;
    return i;
}

/* A label that a loose form (.aff SET, a charset line, a first line) gives:
 * one pisar knows, or one shaped like a charset's name. */
static int charset_like(const unsigned char *p, size_t n)
{
    char buf[48];
    if (!n || n >= sizeof buf || !is_alpha(p[0])) return 0;
    memcpy(buf, p, n);
    buf[n] = '\0';
    if (pisar_encoding_from_name(buf) != PISAR_ENC_UNKNOWN) return 1;
    static const char *const prefix[] = {"iso",        "koi8", "cp",    "windows-",
                                         "microsoft-", "tis",  "iscii", NULL};
    int digit = 0;
    for (size_t i = 0; i < n; i++)
        digit |= p[i] >= '0' && p[i] <= '9';
    for (int i = 0; prefix[i]; i++)
        if (digit && starts_ci(p, n, prefix[i])) return 1;
    return 0;
}

/* The label of a loose form at p[at..e): the rest of the line, if it is
 * one charset-like word (trailing blanks and CR allowed). */
static int loose(det_decl *best, int kind, const unsigned char *p, size_t at, size_t e)
{
    size_t k = at;
    while (k < e && label_char(p[k], 0))
        k++;
    size_t t = skip_blanks(p, e, k);
    if (t < e && p[t] == '\r') t++;
    if (t != e || !charset_like(p + at, k - at)) return 0;
    return take(best, kind, p, k, at, 0);
}

/* The markup and mail forms. */
static void markup_forms(const unsigned char *p, size_t n, size_t i, det_decl *best)
{
    /* <?xml version="1.0" encoding="windows-1251"?> */
    if (starts_ci(p + i, n - i, "<?xml")) {
        size_t lim = n - i < 512 ? n - i : 512;
        size_t end = find_ci(p + i, lim, "?>");
        size_t at = find_ci(p + i, end, "encoding");
        if (at < end) take(best, DET_DECL_XML, p, i + end, after_equals(p, i + end, i + at + 8), 1);
        if (best->kind) return;
    }
    /* @charset "koi8-r"; (CSS Syntax: the first bytes of the file, exactly) */
    if (starts_ci(p + i, n - i, "@charset \"") && take(best, DET_DECL_CSS, p, n, i + 10, 0)) return;
    /* a MIME message (e-mail, MHTML): the file starts with a header line, and
     * a Content-Type header (of the message or of its first text part) names
     * a charset */
    size_t h = i;
    while (h < n && (is_alnum(p[h]) || p[h] == '-'))
        h++;
    if (h > i && h < n && p[h] == ':' && is_alpha(p[i]) && !starts_ci(p + i, n - i, "http")) {
        size_t lim = n < 65536 ? n : 65536;
        for (size_t l = i; l < lim;) {
            if (starts_ci(p + l, lim - l, "content-type:")) {
                /* the header and its continuation lines */
                size_t e = l;
                while (e < lim &&
                       !(p[e] == '\n' && (e + 1 >= lim || !(p[e + 1] == ' ' || p[e + 1] == '\t'))))
                    e++;
                size_t at = find_ci(p + l, e - l, "charset");
                if (at < e - l &&
                    take(best, DET_DECL_MIME, p, e, after_equals(p, e, l + at + 7), 1))
                    return;
            }
            const unsigned char *nl = memchr(p + l, '\n', lim - l);
            if (!nl) break;
            l = (size_t)(nl - p) + 1;
        }
        return;
    }
    /* <meta charset="..."> or <meta http-equiv="Content-Type" content="...; charset=..."> */
    size_t lim = n < 16384 ? n : 16384;
    for (size_t at = 0; at < lim;) {
        size_t m = find_ci(p + at, lim - at, "<meta");
        if (m >= lim - at) break;
        size_t s = at + m + 5;
        if (s < lim && (is_space(p[s]) || p[s] == '/')) {
            size_t e = s;
            while (e < lim && p[e] != '>')
                e++;
            size_t c = find_ci(p + s, e - s, "charset");
            int kind =
                find_ci(p + s, e - s, "http-equiv") < e - s ? DET_DECL_HTTP_EQUIV : DET_DECL_META;
            if (c < e - s && take(best, kind, p, e, after_equals(p, e, s + c + 7), 1)) return;
        }
        at = s;
    }
}

/* An Emacs "-*- ... coding: X ... -*-" or a Python/vim coding cookie
 * (PEP 263: "#", then anything, then "coding" and ':' or '=') in line [l, e). */
static void cookie(const unsigned char *p, size_t l, size_t e, det_decl *best)
{
    size_t m = find_ci(p + l, e - l, "-*-");
    if (m < e - l) {
        size_t s = l + m + 3, c = find_ci(p + s, e - s, "coding:");
        if (c < e - s) take(best, DET_DECL_EMACS, p, e, skip_blanks(p, e, s + c + 7), 0);
        return;
    }
    size_t s = skip_blanks(p, e, l);
    if (s >= e || p[s] != '#') return;
    for (size_t c = s; c + 7 <= e; c++)
        if (!memcmp(p + c, "coding", 6) && (p[c + 6] == ':' || p[c + 6] == '=')) {
            int vim = find_ci(p + s, c - s, "vim:") < c - s || find_ci(p + s, c - s, "vi:") < c - s;
            take(best, vim ? DET_DECL_VIM : DET_DECL_PYTHON, p, e, skip_blanks(p, e, c + 7), 0);
            return;
        }
}

/* A vim modeline in line [l, e): "vim:" (or " vi:", " ex:") and then
 * fenc= or fileencoding=. */
static void modeline(const unsigned char *p, size_t l, size_t e, det_decl *best)
{
    size_t m = find_ci(p + l, e - l, "vim:");
    if (m == e - l) m = find_ci(p + l, e - l, " vi:");
    if (m == e - l) m = find_ci(p + l, e - l, " ex:");
    if (m == e - l) return;
    for (size_t s = l + m + 3; s < e; s++) {
        if (p[s - 1] != ' ' && p[s - 1] != ':' && p[s - 1] != '\t') continue;
        if (starts_ci(p + s, e - s, "fenc="))
            take(best, DET_DECL_VIM, p, e, s + 5, 0);
        else if (starts_ci(p + s, e - s, "fileencoding="))
            take(best, DET_DECL_VIM, p, e, s + 13, 0);
        else
            continue;
        return;
    }
}

/* LaTeX in line [l, e), before a comment: \usepackage[...]{inputenc} (the
 * last option is the one that counts) or \inputencoding{...}. */
static void latex(const unsigned char *p, size_t l, size_t e, det_decl *best)
{
    for (size_t c = l; c < e; c++)
        if (p[c] == '%' && (c == l || p[c - 1] != '\\')) {
            e = c;
            break;
        }
    size_t m = find_ci(p + l, e - l, "\\inputencoding{");
    if (m < e - l) take(best, DET_DECL_LATEX, p, e, skip_blanks(p, e, l + m + 15), 0);
    for (size_t s = l; s < e;) {
        size_t u = find_ci(p + s, e - s, "package");
        if (u == e - s) break;
        size_t o = skip_blanks(p, e, s + u + 7);
        s += u + 7;
        if (o >= e || p[o] != '[') continue;
        const unsigned char *close = memchr(p + o, ']', e - o);
        if (!close) break;
        size_t c = (size_t)(close - p), b = skip_blanks(p, e, c + 1);
        if (!starts_ci(p + b, e - b, "{inputenc}")) continue;
        size_t last = o + 1;
        for (size_t k = o + 1; k < c; k++)
            if (p[k] == ',') last = k + 1;
        take(best, DET_DECL_LATEX, p, c, skip_blanks(p, c, last), 0);
        return;
    }
}

/* The forms read at the start of line [l, e) (number `line`). */
static void line_forms(const unsigned char *p, size_t l, size_t e, size_t line, det_decl *best)
{
    size_t s = skip_blanks(p, e, l);
    if (line == 1 && s == l && loose(best, DET_DECL_FIRST_LINE, p, l, e)) return;
    if (starts_ci(p + s, e - s, "scriptencoding") && s + 14 < e && is_blank(p[s + 14])) {
        take(best, DET_DECL_VIM, p, e, skip_blanks(p, e, s + 14), 0);
        return;
    }
    if (s == l && e - l > 4 && !memcmp(p + l, "SET", 3) && is_blank(p[l + 3]) &&
        loose(best, DET_DECL_HUNSPELL, p, skip_blanks(p, e, l + 4), e))
        return;
    if (s == l && e - l > 8 && !memcmp(p + l, "charset", 7) && is_blank(p[l + 7])) {
        size_t v = skip_blanks(p, e, l + 8);
        if (v < e && p[v] == '"')
            take(best, DET_DECL_KEYMAP, p, e, v + 1, 0);
        else
            loose(best, DET_DECL_ASPELL, p, v, e);
        return;
    }
    if (starts_ci(p + l, e - l, "\"content-type:")) {
        size_t c = find_ci(p + l, e - l, "charset=");
        if (c < e - l) take(best, DET_DECL_PO, p, e, l + c + 8, 0);
        return;
    }
    size_t c = find_ci(p + l, e - l, "{$codepage");
    if (c < e - l) {
        take(best, DET_DECL_PASCAL, p, e, skip_blanks(p, e, l + c + 10), 0);
        return;
    }
    if (memchr(p + l, '\\', e - l)) latex(p, l, e, best);
}

int det_declaration(const unsigned char *p, size_t n, det_decl *out)
{
    memset(out, 0, sizeof *out);
    size_t i = 0;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) i = 3;
    size_t start = i;
    while (i < n && is_space(p[i]))
        i++;
    markup_forms(p, n, i, out);
    if (out->kind == DET_DECL_XML || out->kind == DET_DECL_CSS) goto found;
    /* where the last five lines start (a vim modeline may stand there) */
    size_t tail = n, nl = 0;
    while (tail > start && nl < 6)
        if (p[--tail] == '\n' && ++nl == 6) tail++;
    size_t line = 1, lv = 0, lv_len = 0; /* "Local Variables:" seen, and its prefix */
    const unsigned char *lv_prefix = NULL;
    for (size_t l = start; l < n && (!out->kind || l < out->offset); line++) {
        const unsigned char *q = memchr(p + l, '\n', n - l);
        size_t e = q ? (size_t)(q - p) : n;
        if (line <= 2) cookie(p, l, e, out);
        if (line <= 5 || l >= tail) modeline(p, l, e, out);
        line_forms(p, l, e, line, out);
        if (lv) {
            if (e - l >= lv_len && !memcmp(p + l, lv_prefix, lv_len)) {
                size_t s = skip_blanks(p, e, l + lv_len);
                if (starts_ci(p + s, e - s, "coding:"))
                    take(out, DET_DECL_EMACS, p, e, skip_blanks(p, e, s + 7), 0);
                else if (starts_ci(p + s, e - s, "end:"))
                    lv = 0;
            }
        } else {
            size_t m = find_ci(p + l, e - l, "local variables:");
            if (m < e - l) lv = 1, lv_prefix = p + l, lv_len = m;
        }
        l = e + 1;
    }
found:
    if (out->kind)
        for (size_t k = 0; k < out->offset; k++)
            out->line += p[k] == '\n';
    out->line += out->kind != DET_DECL_NONE;
    return out->kind;
}

pisar_encoding det_decl_encoding(const det_decl *d)
{
    if (!d || d->kind == DET_DECL_NONE) return PISAR_ENC_UNKNOWN;
    char buf[sizeof d->label];
    const char *s = d->label;
    size_t n = strlen(s);
    if (d->kind == DET_DECL_VIM) {
        if (starts_ci((const unsigned char *)s, n, "8bit-"))
            s += 5, n -= 5;
        else if (starts_ci((const unsigned char *)s, n, "2byte-"))
            s += 6, n -= 6;
    }
    memcpy(buf, s, n + 1);
    if (d->kind == DET_DECL_EMACS || d->kind == DET_DECL_PYTHON || d->kind == DET_DECL_VIM) {
        /* Emacs names the line ends after the charset: koi8-r-unix */
        static const char *const eol[] = {"-unix", "-dos", "-mac"};
        for (int k = 0; k < 3; k++) {
            size_t l = strlen(eol[k]);
            if (n > l && starts_ci((const unsigned char *)buf + n - l, l, eol[k])) {
                buf[n - l] = '\0';
                break;
            }
        }
    }
    return pisar_encoding_from_name(buf);
}

const char *det_decl_kind_name(int kind)
{
    static const char *const names[] = {
        NULL,     "xml", "meta",  "http-equiv", "mime",   "css",        "po",     "emacs",
        "python", "vim", "latex", "hunspell",   "aspell", "first-line", "keymap", "pascal"};
    return kind > 0 && (size_t)kind < sizeof names / sizeof *names ? names[kind] : NULL;
}
