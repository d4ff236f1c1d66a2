/*
 * gen_langid.c -- build-time generator of language identification's tables:
 *
 *   tables/langid/words/<lang>.txt   frequent words of each language with their
 *                                    counts (tools/langid_words.py writes them)
 *   tables/langid/shtokavian.txt     the words that tell Croatian, Serbian and
 *                                    Bosnian apart (format in the file)
 *   tables/langid/endings.txt        word endings of one or two languages
 *   tables/langid/jat.txt            words and stems of one jat reflex
 *                                    (tools/langid_jat.py writes it)
 *   tables/langid/untranslated.txt   English words left out of other
 *                                    languages' word tables
 *   tables/langid/pairs/<lang>.txt   letter-pair counts of the Cyrillic
 *                                    languages and the Latin Slavic ones
 *                                    (tools/langid_pairs.py), for language
 *                                    identification only
 *   tables/charset/<lang>.txt        the letter-pair models: only their
 *                                    "language" line is read, for the list of
 *                                    languages pisar_languages() returns
 *
 * usage: gen_langid OUT.h [--drop UNTRANSLATED.txt] WORDS.txt... --markers SHTOKAVIAN.txt
 *        --jat JAT.txt --endings ENDINGS.txt --pairs PAIRS.txt... --models MODEL.txt...
 * Writes static tables: per language its words sorted by byte value with the
 * natural log of their relative frequency; the markers; per language of a
 * pairs file its alphabet, the natural log of P(next | letter), add-half
 * smoothed, over the symbols word boundary, the alphabet, other letter, and
 * P(next | two letters) interpolated with it, in 1/16 nats; the language codes.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/utf8.h"

typedef struct {
    char w[96];
    double lf;
} word;

/* Entries that start with their word (word, jat_entry), by byte value. */
static int cmp_word(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

static void die(const char *file, int line, const char *msg)
{
    fprintf(stderr, "gen_langid: %s:%d: %s\n", file, line, msg);
    exit(1);
}

/* Write s as a C string literal (non-ASCII bytes as octal escapes). */
static void put_str(FILE *o, const char *s)
{
    fputc('"', o);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x80 || *p == '"' || *p == '\\' || *p < 0x20)
            fprintf(o, "\\%03o", *p);
        else
            fputc(*p, o);
    }
    fputc('"', o);
}

static char *trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
        s[--n] = 0;
    return s;
}

static void check_utf8(const char *file, int line, const char *s)
{
    int cut;
    if (utf8_valid_prefix((const unsigned char *)s, strlen(s), &cut) != strlen(s))
        die(file, line, "not UTF-8");
}

/* The next line of a table that holds data, into buf (trimmed, checked to be
 * UTF-8; empty lines and # comments skipped, *line counting them all):
 * 0 at the end. */
static int next_line(FILE *f, const char *file, char *buf, int size, int *line)
{
    while (fgets(buf, size, f)) {
        ++*line;
        trim(buf);
        if (!buf[0] || buf[0] == '#') continue;
        check_utf8(file, *line, buf);
        return 1;
    }
    return 0;
}

/* Words left out of a language's table (--drop): "LANG<TAB>WORD WORD...". */
typedef struct {
    char code[32], w[96];
    int used;
} drop_word;
static drop_word *drops;
static size_t ndrops;
static const char *drop_file;

static void read_drops(const char *file)
{
    FILE *f = fopen(file, "r");
    if (!f) die(file, 0, "cannot open");
    char buf[4096];
    int line = 0;
    size_t cap = 0;
    drop_file = file;
    while (next_line(f, file, buf, sizeof buf, &line)) {
        char *tab = strchr(buf, '\t');
        if (!tab || tab - buf >= 32) die(file, line, "want LANG<TAB>WORD...");
        *tab = 0;
        for (char *w = strtok(tab + 1, " "); w; w = strtok(NULL, " ")) {
            if (strlen(w) >= sizeof drops->w) die(file, line, "word too long");
            if (ndrops == cap) {
                cap = cap ? cap * 2 : 64;
                drops = realloc(drops, cap * sizeof *drops);
                if (!drops) die(file, line, "out of memory");
            }
            memcpy(drops[ndrops].code, buf, (size_t)(tab - buf) + 1); /* (checked above) */
            memcpy(drops[ndrops].w, w, strlen(w) + 1);
            drops[ndrops++].used = 0;
        }
    }
    fclose(f);
}

/* Is w of language code listed in the --drop file? (marks it used) */
static int dropped(const char *code, const char *w)
{
    for (size_t i = 0; i < ndrops; i++)
        if (!strcmp(drops[i].code, code) && !strcmp(drops[i].w, w)) return drops[i].used = 1;
    return 0;
}

/* One words table: returns the language code (malloc'd), words in *out. */
static char *read_words(const char *file, FILE *o, int idx, size_t *count)
{
    FILE *f = fopen(file, "r");
    if (!f) die(file, 0, "cannot open");
    char buf[512], code[32] = "";
    double tokens = 0;
    word *w = NULL;
    size_t n = 0, cap = 0;
    int line = 0;
    while (next_line(f, file, buf, sizeof buf, &line)) {
        if (!strncmp(buf, "language ", 9)) {
            snprintf(code, sizeof code, "%.31s", buf + 9);
            continue;
        }
        if (!strncmp(buf, "tokens ", 7)) {
            tokens = atof(buf + 7);
            continue;
        }
        char *tab = strchr(buf, '\t');
        if (!tab || tab - buf >= (long)sizeof w->w) die(file, line, "want WORD<TAB>COUNT");
        *tab = 0;
        double c = atof(tab + 1);
        if (c <= 0 || tokens <= 0) die(file, line, "a count > 0 after a \"tokens N\" line");
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            w = realloc(w, cap * sizeof *w);
            if (!w) die(file, line, "out of memory");
        }
        memcpy(w[n].w, buf, (size_t)(tab - buf) + 1); /* (the length was checked above) */
        w[n++].lf = log(c / tokens);
    }
    fclose(f);
    if (!code[0]) die(file, 0, "no \"language\" line");
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (!dropped(code, w[i].w)) w[kept++] = w[i];
    n = kept;
    qsort(w, n, sizeof *w, cmp_word);
    for (size_t i = 1; i < n; i++)
        if (!strcmp(w[i].w, w[i - 1].w)) die(file, 0, "a word listed twice");
    fprintf(o, "static const langid_word langid_w%d[] = {\n", idx);
    for (size_t i = 0; i < n; i++) {
        fputs("    {", o);
        put_str(o, w[i].w);
        fprintf(o, ", %.4ff},\n", w[i].lf);
    }
    if (!n) fputs("    {\"\", 0.0f},\n", o);
    fputs("};\n", o);
    free(w);
    *count = n;
    return strdup(code);
}

enum { HR = 1, SR = 2, BS = 4 };

static void read_markers(const char *file, FILE *o)
{
    FILE *f = fopen(file, "r");
    if (!f) die(file, 0, "cannot open");
    char buf[512];
    int line = 0, n = 0;
    fputs("static const langid_marker langid_gen_markers[] = {\n", o);
    while (next_line(f, file, buf, sizeof buf, &line)) {
        char *tab = strchr(buf, '\t');
        if (!tab) die(file, line, "want WORD<TAB>STANDARDS");
        *tab = 0;
        int mask = 0;
        for (char *t = strtok(tab + 1, " "); t; t = strtok(NULL, " ")) {
            if (!strcmp(t, "hr"))
                mask |= HR;
            else if (!strcmp(t, "sr"))
                mask |= SR;
            else if (!strcmp(t, "bs"))
                mask |= BS;
            else
                die(file, line, "a standard is hr, sr or bs");
        }
        if (!mask) die(file, line, "no standard");
        char *w2 = strchr(buf, ' ');
        if (w2) *w2++ = 0;
        char *w[2] = {buf, w2};
        fputs("    {{", o);
        for (int k = 0; k < 2; k++) {
            if (k) fputs(", ", o);
            if (!w[k]) {
                fputs("NULL", o);
                continue;
            }
            size_t l = strlen(w[k]);
            int pre = l && w[k][l - 1] == '*';
            if (pre) w[k][l - 1] = 0;
            int suf = w[k][0] == '*';
            if (!w[k][suf] || strchr(w[k], ' ') || strchr(w[k] + suf, '*') || (pre && suf))
                die(file, line, "bad word");
            put_str(o, w[k]);
            if (pre) fputs(" \"*\"", o);
        }
        fprintf(o, "}, %d},\n", mask);
        n++;
    }
    fclose(f);
    if (!n) die(file, 0, "no markers");
    fputs("};\n", o);
    fprintf(o, "#define LANGID_GEN_NMARKERS %d\n", n);
}

typedef struct {
    char w[100];
    int std;
} jat_entry;

/* WORD<TAB>STANDARDS (WORD "stem*" or a whole word), sorted by byte value
 * for bsearch: {word, std}. */
static void read_jat(const char *file, FILE *o)
{
    FILE *f = fopen(file, "r");
    if (!f) die(file, 0, "cannot open");
    char buf[512];
    int line = 0;
    size_t n = 0, cap = 0;
    jat_entry *e = NULL;
    while (next_line(f, file, buf, sizeof buf, &line)) {
        char *tab = strchr(buf, '\t');
        if (!tab || (size_t)(tab - buf) >= sizeof e->w) die(file, line, "want WORD<TAB>STANDARDS");
        *tab = 0;
        if (strchr(buf, ' ') || (strchr(buf, '*') && strchr(buf, '*')[1]))
            die(file, line, "bad word");
        if (n == cap && !(e = realloc(e, (cap = cap ? 2 * cap : 1024) * sizeof *e)))
            die(file, line, "out of memory");
        int mask = 0;
        for (char *t = strtok(tab + 1, " "); t; t = strtok(NULL, " "))
            mask |= !strcmp(t, "hr") ? HR : !strcmp(t, "sr") ? SR : !strcmp(t, "bs") ? BS : 0;
        if (!mask) die(file, line, "a standard is hr, sr or bs");
        memcpy(e[n].w, buf, (size_t)(tab - buf) + 1); /* shorter than w: checked above */
        e[n++].std = mask;
    }
    fclose(f);
    if (!n) die(file, 0, "no entries");
    qsort(e, n, sizeof *e, cmp_word);
    fputs("static const langid_jat langid_gen_jat[] = {\n", o);
    for (size_t k = 0; k < n; k++) {
        fputs("    {", o);
        put_str(o, e[k].w);
        fprintf(o, ", %d},\n", e[k].std);
    }
    fprintf(o, "};\n#define LANGID_GEN_NJAT %zu\n", n);
    free(e);
}

/* ENDING<TAB>LANG...: one entry per language, {ending, code}. */
static void read_endings(const char *file, FILE *o)
{
    FILE *f = fopen(file, "r");
    if (!f) die(file, 0, "cannot open");
    char buf[512];
    int line = 0, n = 0;
    fputs("static const langid_ending langid_gen_endings[] = {\n", o);
    while (next_line(f, file, buf, sizeof buf, &line)) {
        char *tab = strchr(buf, '\t');
        if (!tab || tab == buf) die(file, line, "want ENDING<TAB>LANGUAGES");
        *tab = 0;
        for (char *t = strtok(tab + 1, " "); t; t = strtok(NULL, " ")) {
            fputs("    {", o);
            put_str(o, buf);
            fputs(", ", o);
            put_str(o, t);
            fputs("},\n", o);
            n++;
        }
    }
    fclose(f);
    if (!n) fputs("    {\"\", \"\"},\n", o);
    fputs("};\n", o);
    fprintf(o, "#define LANGID_GEN_NENDINGS %d\n", n);
}

/* One letter-pair table: its language code (malloc'd); writes langid_pa<idx>
 * (the alphabet, code points) and langid_pp<idx> ((n+2)^2 log probabilities). */
static char *read_pairs(const char *file, FILE *o, int idx, int *nalpha)
{
    FILE *f = fopen(file, "r");
    if (!f) die(file, 0, "cannot open");
    char buf[512], code[32] = "";
    uint32_t alpha[64];
    int n = -1, line = 0;
    static double cnt[66][66];
    double *tri = calloc(66 * 66 * 66, sizeof *tri);
    if (!tri) die(file, 0, "out of memory");
    memset(cnt, 0, sizeof cnt);
    while (next_line(f, file, buf, sizeof buf, &line)) {
        if (!strncmp(buf, "language ", 9)) {
            snprintf(code, sizeof code, "%.31s", buf + 9);
            continue;
        }
        if (!strncmp(buf, "pairs ", 6)) continue;
        const unsigned char *p = (const unsigned char *)buf;
        size_t len = strlen(buf), i = 0;
        if (!strncmp(buf, "alphabet ", 9)) {
            n = 0;
            for (i = 9; i < len;) {
                uint32_t c;
                size_t l = utf8_next(p, len, i, &c);
                if (!l || n == 64) die(file, line, "bad alphabet");
                alpha[n++] = c;
                i += l;
            }
            continue;
        }
        if (n < 0) die(file, line, "an \"alphabet\" line first");
        int sym[3], k = 0;
        for (; k < 3 && i < len && buf[i] != '\t'; k++) {
            uint32_t c;
            size_t l = utf8_next(p, len, i, &c);
            if (!l) die(file, line, "want XY<TAB>COUNT or XYZ<TAB>COUNT");
            i += l;
            sym[k] = c == '_' ? 0 : c == '*' ? n + 1 : -1;
            for (int a = 0; a < n && sym[k] < 0; a++)
                if (alpha[a] == c) sym[k] = a + 1;
            if (sym[k] < 0) die(file, line, "a letter outside the alphabet");
        }
        if (k < 2 || buf[i] != '\t' || atof(buf + i + 1) <= 0)
            die(file, line, "want XY<TAB>COUNT or XYZ<TAB>COUNT");
        if (k == 2)
            cnt[sym[0]][sym[1]] += atof(buf + i + 1);
        else
            tri[(sym[0] * 66 + sym[1]) * 66 + sym[2]] += atof(buf + i + 1);
    }
    fclose(f);
    if (!code[0] || n < 0) die(file, 0, "no \"language\" or \"alphabet\" line");
    int s = n + 2;
    fprintf(o, "static const uint32_t langid_pa%d[] = {", idx);
    for (int a = 0; a < n; a++)
        fprintf(o, "%s0x%X", a ? ", " : "", (unsigned)alpha[a]);
    fprintf(o, "};\nstatic const float langid_pp%d[] = {\n", idx);
    for (int x = 0; x < s; x++) {
        double row = 0;
        for (int y = 0; y < s; y++)
            row += cnt[x][y];
        fputs("   ", o);
        for (int y = 0; y < s; y++)
            fprintf(o, " %.3ff,", log((cnt[x][y] + 0.5) / (row + 0.5 * s)));
        fputc('\n', o);
    }
    fputs("};\n", o);
    /* letter triples: P(z | x y) = (c(xyz) + K P(z | y)) / (c(xy) + K), as
     * round(-16 ln P) capped at 255 */
    const double K = 2.0;
    fprintf(o, "static const unsigned char langid_pt%d[] = {\n", idx);
    for (int x = 0; x < s; x++)
        for (int y = 0; y < s; y++) {
            double row = 0, ctx = 0;
            for (int z = 0; z < s; z++)
                row += cnt[y][z], ctx += tri[(x * 66 + y) * 66 + z];
            fputs("   ", o);
            for (int z = 0; z < s; z++) {
                double p2 = (cnt[y][z] + 0.5) / (row + 0.5 * s);
                double p3 = (tri[(x * 66 + y) * 66 + z] + K * p2) / (ctx + K);
                long c = lround(-16 * log(p3));
                fprintf(o, " %ld,", c > 255 ? 255 : c);
            }
            fputc('\n', o);
        }
    fputs("};\n", o);
    free(tri);
    *nalpha = n;
    return strdup(code);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr,
                "usage: gen_langid OUT.h WORDS.txt... --markers FILE --jat FILE --endings FILE "
                "--pairs FILE... --models MODEL.txt...\n");
        return 2;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[1]);
    FILE *o = fopen(tmp, "w");
    if (!o) die(tmp, 0, "cannot write");
    fputs("/* Generated by tools/gen_langid.c from tables/langid/ -- do not edit. */\n", o);
    int i = 2, nw = 0;
    char *codes[256];
    size_t counts[256];
    if (i + 1 < argc && !strcmp(argv[i], "--drop")) {
        read_drops(argv[i + 1]);
        i += 2;
    }
    for (; i < argc && strcmp(argv[i], "--markers"); i++) {
        if (nw == 256) die(argv[i], 0, "too many tables");
        codes[nw] = read_words(argv[i], o, nw, &counts[nw]);
        nw++;
    }
    fputs("static const langid_words langid_gen_words[] = {\n", o);
    for (int k = 0; k < nw; k++) {
        fputs("    {", o);
        put_str(o, codes[k]);
        fprintf(o, ", langid_w%d, %zu},\n", k, counts[k]);
    }
    if (!nw) fputs("    {\"\", NULL, 0},\n", o);
    fprintf(o, "};\n#define LANGID_GEN_NWORDS %d\n", nw);
    for (size_t k = 0; k < ndrops; k++)
        if (!drops[k].used) {
            fprintf(stderr, "gen_langid: %s: %s: \"%s\" is not in that table\n", drop_file,
                    drops[k].code, drops[k].w);
            return 1;
        }
    free(drops);
    if (i + 1 >= argc) die("command line", 0, "--markers FILE missing");
    read_markers(argv[i + 1], o);
    i += 2;
    if (i + 1 >= argc || strcmp(argv[i], "--jat")) die("command line", 0, "--jat FILE missing");
    read_jat(argv[i + 1], o);
    i += 2;
    if (i + 1 >= argc || strcmp(argv[i], "--endings"))
        die("command line", 0, "--endings FILE missing");
    read_endings(argv[i + 1], o);
    i += 2;
    if (i >= argc || strcmp(argv[i], "--pairs")) die("command line", 0, "--pairs missing");
    int np = 0, nalpha[64];
    char *pcodes[64];
    for (i++; i < argc && strcmp(argv[i], "--models"); i++) {
        if (np == 64) die(argv[i], 0, "too many tables");
        pcodes[np] = read_pairs(argv[i], o, np, &nalpha[np]);
        np++;
    }
    fputs("static const langid_pairs langid_gen_pairs[] = {\n", o);
    for (int k = 0; k < np; k++) {
        fputs("    {", o);
        put_str(o, pcodes[k]);
        fprintf(o, ", langid_pa%d, %d, langid_pp%d, langid_pt%d},\n", k, nalpha[k], k, k);
        free(pcodes[k]);
    }
    if (!np) fputs("    {\"\", NULL, 0, NULL, NULL},\n", o);
    fprintf(o, "};\n#define LANGID_GEN_NPAIRS %d\n", np);
    if (i >= argc || strcmp(argv[i], "--models")) die("command line", 0, "--models missing");
    fputs("static const char *const langid_gen_codes[] = {\n", o);
    int nm = 0;
    for (i++; i < argc; i++) {
        FILE *f = fopen(argv[i], "r");
        if (!f) die(argv[i], 0, "cannot open");
        char buf[512];
        while (fgets(buf, sizeof buf, f))
            if (!strncmp(buf, "language ", 9)) {
                fputs("    ", o);
                put_str(o, trim(buf + 9));
                fputs(",\n", o);
                nm++;
                break;
            }
        fclose(f);
    }
    /* Bosnian (no letter-pair model: told by its words) and Serbo-Croatian
     * (the answer when nothing tells hr, sr and bs apart) */
    fputs("    \"bs\",\n    \"sh\",\n    NULL,\n};\n", o);
    fprintf(o, "#define LANGID_GEN_NCODES %d\n", nm + 2);
    for (int k = 0; k < nw; k++)
        free(codes[k]);
    if (fclose(o)) die(tmp, 0, "write error");
    if (rename(tmp, argv[1])) die(argv[1], 0, "cannot rename");
    return 0;
}
