/* cmd_align.c -- pisar align: sentence alignment of a text and its translation,
 * written as a TMX translation memory or as TSV. */
#include "cli.h"
#include "prep_names.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SUB "align"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: pisar align [OPTIONS] SOURCE TRANSLATION\n\n"
            "Align the sentences of SOURCE with those of its TRANSLATION (any encoding pisar\n"
            "detects; both are repaired and split into sentences by pisar) and write the links:\n"
            "1-1, 1-2, 2-1, 2-2, and 1-0 / 0-1 for sentences without counterpart.\n\n"
            "options:\n"
            "  -f, --format F        tmx (TMX 1.4b, default; links with two sides only),\n"
            "                        tsv (source TAB target, one link a line, an empty side\n"
            "                        for 1-0 and 0-1), links (1-based sentence numbers:\n"
            "                        \"1,2<TAB>3\")\n"
            "  -o, --output FILE     write there (temporary file, then renamed); default stdout\n"
            "      --source-lang L   language of SOURCE (default: detected)\n"
            "      --target-lang L   language of TRANSLATION (default: detected)\n"
            "      --lines           the inputs hold one sentence a line, an empty line between\n"
            "                        paragraphs (no segmentation)\n"
            "      --lexicon FILE    a bilingual lexicon: one pair a line, SOURCE-WORD<TAB>\n"
            "                        TRANSLATION (UTF-8, '#' comments); a word and its\n"
            "                        translation on the two sides of a link are an anchor\n"
            "      --no-anchors      lengths only (plain Gale-Church), for comparison\n"
            "      --no-learn        no word pairs learnt from the two texts, for comparison\n"
            "      --no-paragraphs   ignore paragraph boundaries\n"
            "  -h, --help            this help\n\n"
            "Exit status: 0 done, 1 an input could not be read or decoded, 2 usage error.\n");
}

typedef struct {
    pisar_buf text; /* decoded, repaired text, paragraphs separated by \n\n */
    pisar_align_sentence *s;
    size_t n, cap;
    const char *lang;
} side;

static int push(side *sd, const char *t, size_t len, size_t para)
{
    if (sd->n == sd->cap) {
        size_t cap = sd->cap ? 2 * sd->cap : 64;
        pisar_align_sentence *ns = realloc(sd->s, cap * sizeof *ns);
        if (!ns) return -1;
        sd->s = ns;
        sd->cap = cap;
    }
    sd->s[sd->n++] = (pisar_align_sentence){t, len, para};
    return 0;
}

static int blank(const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (t[i] != ' ' && t[i] != '\t' && t[i] != '\r') return 0;
    return 1;
}

/* Read, detect, decode and repair one input; split it into sentences. */
static int load(const char *path, const char *lang, int lines, side *sd)
{
    pisar_buf raw = {0}, dec = {0};
    pisar_error err = {0};
    int rc = cli_read_all(SUB, path, &raw);
    if (rc) return -1;
    pisar_detection det;
    rc = raw.data ? PISAR_OK : pisar_buf_append(&raw, "", 0);
    if (!rc) rc = pisar_detect(raw.data, raw.len, &det);
    if (!rc && (det.encoding == PISAR_ENC_BINARY || det.encoding == PISAR_ENC_UNKNOWN)) {
        cli_error(SUB, "%s: not text, or encoding not recognised", path);
        rc = -1;
    } else if (!rc) {
        rc = pisar_decode(det.encoding, raw.data, raw.len, PISAR_DECODE_EOL_LF, &dec, &err);
        if (rc)
            cli_error(SUB, "%s: byte %llu: cannot decode as %s", path,
                      (unsigned long long)err.offset, pisar_encoding_name(det.encoding));
    } else {
        cli_error(SUB, "%s: %s", path, pisar_strerror(rc));
    }
    sd->lang = lang ? lang : (det.language ? det.language : "und");
    pisar_buf_free(&raw);
    if (rc) {
        pisar_buf_free(&dec);
        return -1;
    }
    /* repair paragraph by paragraph, keeping paragraphs apart by "\n\n" */
    pisar_normalizer *norm = NULL;
    if ((!dec.data && pisar_buf_append(&dec, "", 0)) ||
        (rc = pisar_normalizer_new(&norm, PISAR_NORM_ALL)) ||
        (rc = pisar_buf_append(&sd->text, "", 0))) {
        cli_error(SUB, "%s: %s", path, pisar_strerror(rc ? rc : PISAR_ENOMEM));
        pisar_normalizer_free(norm);
        pisar_buf_free(&dec);
        return -1;
    }
    const char *t = dec.data;
    size_t n = dec.len, i = 0;
    while (i < n && !rc) {
        /* a paragraph: lines up to the next blank line */
        size_t start = i, end = i;
        while (i < n) {
            const char *nl = memchr(t + i, '\n', n - i);
            size_t le = nl ? (size_t)(nl - t) : n;
            if (blank(t + i, le - i)) {
                i = le + (nl != NULL);
                if (end > start) break;
                start = end = i;
                continue;
            }
            end = le;
            i = le + (nl != NULL);
        }
        if (end <= start) break;
        rc = sd->text.len ? pisar_buf_puts(&sd->text, "\n\n") : PISAR_OK;
        if (!rc) rc = pisar_normalizer_apply(norm, t + start, end - start, &sd->text, &err);
        if (rc) cli_error(SUB, "%s: %s", path, pisar_strerror(rc));
    }
    pisar_normalizer_free(norm);
    pisar_buf_free(&dec);
    if (rc) return -1;
    /* sentences: lines, or the segmenter's, per paragraph */
    pisar_segmenter *seg = NULL;
    if (!lines && pisar_segmenter_new(&seg, sd->lang, NULL) &&
        pisar_segmenter_new(&seg, "und", NULL)) {
        cli_error(SUB, "%s: no sentence rules for %s", path, sd->lang);
        return -1;
    }
    t = sd->text.data;
    n = sd->text.len;
    size_t para = 0;
    for (i = 0; i < n && !rc;) {
        const char *br = NULL;
        for (size_t k = i; k + 1 < n; k++)
            if (t[k] == '\n' && t[k + 1] == '\n') {
                br = t + k;
                break;
            }
        size_t pe = br ? (size_t)(br - t) : n;
        if (lines) {
            for (size_t k = i; k < pe;) {
                const char *nl = memchr(t + k, '\n', pe - k);
                size_t le = nl ? (size_t)(nl - t) : pe;
                if (!blank(t + k, le - k)) rc = push(sd, t + k, le - k, para);
                k = le + 1;
            }
        } else {
            pisar_sentence s;
            int r = pisar_segmenter_set_text(seg, t + i, pe - i);
            while (r >= 0 && !rc && (r = pisar_segmenter_next(seg, &s)) == 1)
                if (s.end > s.start) rc = push(sd, t + i + s.start, s.end - s.start, para);
            if (r < 0) rc = r;
        }
        para++;
        i = br ? pe + 2 : n;
    }
    pisar_segmenter_free(seg);
    if (rc) cli_error(SUB, "%s: out of memory or segmentation failed", path);
    return rc ? -1 : 0;
}

/* Read a --lexicon file; 0, or -1 after a message naming the file and line. */
static int load_lexicon(const char *path, pisar_lexicon **lex)
{
    pisar_buf raw = {0};
    pisar_error err = {0};
    if (cli_read_all(SUB, path, &raw)) return -1;
    int rc = pisar_lexicon_parse(raw.data, raw.len, lex, &err);
    if (rc == PISAR_EPARSE)
        cli_error(SUB, "%s: line %zu (byte %llu): %s", path, err.line,
                  (unsigned long long)err.offset, err.message);
    else if (rc)
        cli_error(SUB, "%s: %s", path, pisar_strerror(rc));
    pisar_buf_free(&raw);
    return rc ? -1 : 0;
}

/* Join the sentences of one side of a link with a space; 0 or a
 * pisar_status. */
static int join(pisar_buf *b, const pisar_align_sentence *s, size_t from, size_t count)
{
    pisar_buf_clear(b);
    int rc = pisar_buf_append(b, "", 0);
    for (size_t k = 0; k < count && !rc; k++) {
        if (k) rc = pisar_buf_puts(b, " ");
        /* a sentence may span lines: one line in the output */
        for (size_t i = 0; i < s[from + k].len && !rc; i++) {
            char c = s[from + k].text[i];
            rc = pisar_buf_append(b, c == '\n' ? " " : &c, 1);
        }
    }
    return rc;
}

static int numbers(pisar_buf *b, size_t from, size_t count)
{
    char tmp[48];
    int rc = 0;
    for (size_t k = 0; k < count && !rc; k++) {
        snprintf(tmp, sizeof tmp, "%s%zu", k ? "," : "", from + k + 1);
        rc = pisar_buf_puts(b, tmp);
    }
    return rc;
}

int cmd_align(int argc, char **argv)
{
    const char *files[2] = {0}, *outpath = NULL, *fmt = "tmx", *langs[2] = {0}, *lexpath = NULL;
    int nfiles = 0, lines = 0;
    pisar_align_options opt = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int takes = !strcmp(a, "-f") || !strcmp(a, "--format") || !strcmp(a, "-o") ||
                    !strcmp(a, "--output") || !strcmp(a, "--source-lang") ||
                    !strcmp(a, "--target-lang") || !strcmp(a, "--lexicon");
        if (takes && !v) {
            cli_error(SUB, "%s needs a value", a);
            return EXIT_USAGE;
        }
        if (a[0] != '-' || !strcmp(a, "-")) {
            if (nfiles == 2) {
                cli_error(SUB, "too many files (see pisar align --help)");
                return EXIT_USAGE;
            }
            files[nfiles++] = a;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return EXIT_ALL_DONE;
        } else if (!strcmp(a, "-f") || !strcmp(a, "--format"))
            fmt = v, i++;
        else if (!strcmp(a, "-o") || !strcmp(a, "--output"))
            outpath = v, i++;
        else if (!strcmp(a, "--source-lang"))
            langs[0] = v, i++;
        else if (!strcmp(a, "--target-lang"))
            langs[1] = v, i++;
        else if (!strcmp(a, "--lexicon"))
            lexpath = v, i++;
        else if (!strcmp(a, "--lines"))
            lines = 1;
        else if (!strcmp(a, "--no-anchors"))
            opt.flags |= PISAR_ALIGN_NO_ANCHORS;
        else if (!strcmp(a, "--no-learn"))
            opt.flags |= PISAR_ALIGN_NO_LEARN;
        else if (!strcmp(a, "--no-paragraphs"))
            opt.flags |= PISAR_ALIGN_NO_PARAGRAPHS;
        else {
            cli_error(SUB, "unknown option '%s' (see pisar align --help)", a);
            return EXIT_USAGE;
        }
    }
    int format = !strcmp(fmt, "tmx")     ? PISAR_FORMAT_TMX
                 : !strcmp(fmt, "tsv")   ? PISAR_FORMAT_TSV
                 : !strcmp(fmt, "links") ? -2
                                         : -1;
    if (format == -1) {
        cli_error(SUB, "unknown format '%s' (tmx, tsv, links)", fmt);
        return EXIT_USAGE;
    }
    if (nfiles != 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    side sd[2] = {0};
    int status = EXIT_ALL_DONE;
    pisar_lexicon *lex = NULL;
    if (lexpath && load_lexicon(lexpath, &lex)) return EXIT_SOME_FAILED;
    opt.lexicon = lex;
    for (int k = 0; k < 2; k++)
        if (load(files[k], langs[k], lines, &sd[k])) status = EXIT_SOME_FAILED;
    pisar_link *links = NULL;
    size_t nl = 0;
    prep_names *pn = NULL;
    if (status == EXIT_ALL_DONE) {
        links = malloc((sd[0].n + sd[1].n + 1) * sizeof *links);
        /* without it the alignment goes on, only without name anchors */
        if (!(pn = prep_names_new(sd[0].lang)))
            cli_error(SUB, "out of memory for name keys: aligning without them");
        opt.name_key = prep_names_key;
        opt.name_key_ctx = pn;
        pisar_error err = {0};
        int rc = links ? pisar_align(sd[0].s, sd[0].n, sd[1].s, sd[1].n, &opt, links, &nl, &err)
                       : PISAR_ENOMEM;
        if (rc) {
            cli_error(SUB, "alignment failed: %s", pisar_strerror(rc));
            status = EXIT_SOME_FAILED;
        }
    }
    if (status == EXIT_ALL_DONE) {
        pisar_buf out = {0}, a = {0}, b = {0};
        pisar_emitter *em = NULL;
        int rc = 0;
        size_t unpaired = 0;
        if (format >= 0) {
            rc = pisar_emitter_new(&em, (pisar_format)format, 0, &out, NULL);
            const char *base = strrchr(files[0], '/');
            if (!rc)
                rc = pisar_emitter_begin_document(em, base ? base + 1 : files[0], sd[0].lang,
                                                  sd[1].lang, NULL);
        }
        for (size_t i = 0; i < nl && !rc; i++) {
            if (em && format == PISAR_FORMAT_TMX && (!links[i].nsrc || !links[i].ntgt)) {
                /* a translation memory has no use for a sentence without its
                 * translation (and Translate Toolkit drops a <tu> with an empty
                 * source): TMX keeps only the links with two sides */
                unpaired++;
            } else if (em) {
                char note[64];
                snprintf(note, sizeof note, "%zu-%zu link", links[i].nsrc, links[i].ntgt);
                rc = join(&a, sd[0].s, links[i].src, links[i].nsrc);
                if (!rc) rc = join(&b, sd[1].s, links[i].tgt, links[i].ntgt);
                if (!rc) rc = pisar_emitter_pair(em, a.data, a.len, b.data, b.len, note, NULL);
            } else {
                rc = numbers(&out, links[i].src, links[i].nsrc);
                if (!rc) rc = pisar_buf_puts(&out, "\t");
                if (!rc) rc = numbers(&out, links[i].tgt, links[i].ntgt);
                if (!rc) rc = pisar_buf_puts(&out, "\n");
            }
        }
        if (!rc && em) rc = pisar_emitter_finish(em, NULL);
        if (unpaired)
            cli_error(SUB,
                      "%zu sentence%s without counterpart (1-0, 0-1 links) left out of the TMX "
                      "(-f tsv keeps them)",
                      unpaired, unpaired == 1 ? "" : "s");
        if (rc) {
            cli_error(SUB, "cannot write the output: %s", pisar_strerror(rc));
            status = EXIT_SOME_FAILED;
        } else if (outpath && cli_not_regular(outpath)) {
            FILE *f = fopen(outpath, "wb");
            int bad = !f || cli_write(SUB, f, out.data, out.len);
            if (f && fclose(f)) bad = 1;
            if (bad) {
                cli_error(SUB, "%s: cannot write: %s", outpath, strerror(errno));
                status = EXIT_SOME_FAILED;
            }
        } else if (outpath) {
            /* temporary file beside the output, then rename */
            size_t n = strlen(outpath) + 16;
            char *tmp = malloc(n);
            FILE *f = NULL;
            int fd = -1;
            if (tmp) {
                snprintf(tmp, n, "%s.tmpXXXXXX", outpath);
                fd = mkstemp(tmp);
            }
            if (fd >= 0 && !(f = fdopen(fd, "wb"))) close(fd);
            int bad = !f || cli_write(SUB, f, out.data, out.len);
            if (f && fclose(f)) bad = 1;
            if (!bad && rename(tmp, outpath)) bad = 1;
            if (bad) {
                cli_error(SUB, "%s: cannot write: %s", outpath, strerror(errno));
                if (fd >= 0) remove(tmp);
                status = EXIT_SOME_FAILED;
            }
            free(tmp);
        } else if (cli_write(SUB, stdout, out.data, out.len)) {
            status = EXIT_SOME_FAILED;
        }
        pisar_emitter_free(em);
        pisar_buf_free(&out);
        pisar_buf_free(&a);
        pisar_buf_free(&b);
    }
    prep_names_free(pn);
    pisar_lexicon_free(lex);
    free(links);
    for (int k = 0; k < 2; k++) {
        pisar_buf_free(&sd[k].text);
        free(sd[k].s);
    }
    return status;
}
