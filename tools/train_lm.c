/*
 * train_lm.c -- train one letter-pair language model (maintainers only; run by
 * tools/train-models.sh, not by the build).
 *
 *   train_lm --lang CODE --name NAME --script Cyrl|Latn --lower LETTERS
 *            [--upper LETTERS] [--alias FROM=TO] [--source TEXT]... --out TABLE FILE...
 *
 * --alias names letters outside the alphabet that are counted (and later
 * scored) as the letter at the same place in TO, with their capitals:
 * Romanian "şţ=șț" (the cedilla forms that windows-1250 and ISO-8859-2, which
 * have no comma below, gave Romanian text for a generation, are the same
 * letters as the comma forms of ISO-8859-16 and Unicode text).
 *
 * Reads the UTF-8 training texts FILE..., counts pairs of symbols (see
 * src/lm_class.h: six classes, then the alphabet in lower case, then in upper
 * case) and writes TABLE: a header citing the sources, the alphabet, and the
 * matrix of quantised scores round(-16 ln P(next | previous)). A short log goes
 * to stdout. The output depends only on the arguments and the texts.
 *
 * Smoothing: P(y|x) = (c(x,y) + A * B(y|x)) / (c(x) + A), where the back-off
 * B(y|x) = F(fold y | fold x) * K(case y | x) is a case-folded pair estimate
 * (itself smoothed towards the add-one unigram frequencies: F(Y|X) =
 * (c(X,Y) + BETA * U(Y)) / (c(X) + BETA)) times the probability of y's case
 * after x. So an unseen
 * lower->upper pair inside a word is as unlikely as case changes inside words
 * were in training, while an unseen capital after a space borrows the
 * plausibility of its lower-case pair.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include <unicode/uchar.h>

#include "lm_class.h"
#include "utf8.h"
#include "tool_utf8.h"

#define MAXL 64
#define MAXS (LM_NCLASS + 2 * MAXL)
#define ALPHA 8.0 /* weight of the back-off estimate */
#define BETA 4.0  /* weight of the unigram prior of the case-folded pair estimate */

/*
 * A class stands for many characters: its cost adds -ln P(character | class),
 * taken as uniform over a nominal class size, so that "any Latin letter" is not
 * cheaper than a letter of the alphabet (the classes' sizes: 52 basic Latin
 * letters in two cases; about a hundred accented or foreign letters, symbols).
 */
static const double class_cost[LM_NCLASS] = {
    0.0,  /* _sp: nearly always U+0020 */
    2.77, /* _pu: ln 16 */
    2.30, /* _dg: ln 10 */
    3.95, /* _fa: ln 52 */
    4.61, /* _fl: ln 100 */
    4.61, /* _ot: ln 100 */
};

static uint32_t lower[MAXL], upper[MAXL];
static int nlet;
static uint32_t afrom[2 * MAXL], ato[2 * MAXL];
static int nalias;

static void put_utf8(FILE *f, uint32_t c)
{
    unsigned char b[4];
    fwrite(b, 1, utf8_put(b, c), f);
}

static int symbol(uint32_t c)
{
    for (int i = 0; i < nalias; i++)
        if (afrom[i] == c) c = ato[i];
    for (int i = 0; i < nlet; i++) {
        if (lower[i] == c) return LM_NCLASS + i;
        if (upper[i] == c) return LM_NCLASS + nlet + i;
    }
    return lm_class_of(c);
}

static int fold(int s)
{
    return s >= LM_NCLASS + nlet ? s - nlet : s;
}
/* case context of a symbol: its class, or 6 = lower letter, 7 = upper letter */
static int casectx(int s)
{
    return s < LM_NCLASS ? s : s < LM_NCLASS + nlet ? 6 : 7;
}

static void put_sym(FILE *f, int s)
{
    if (s < LM_NCLASS)
        fputs(lm_class_names[s], f);
    else if (s < LM_NCLASS + nlet)
        put_utf8(f, lower[s - LM_NCLASS]);
    else
        put_utf8(f, upper[s - LM_NCLASS - nlet]);
}

static void usage(void)
{
    fprintf(stderr, "usage: train_lm --lang CODE --name NAME --script Cyrl|Latn --lower LETTERS "
                    "[--upper LETTERS] [--alias FROM=TO] [--source TEXT]... --out TABLE "
                    "FILE...\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *lang = 0, *name = 0, *script = 0, *low = 0, *up = 0, *out = 0, *alias = 0;
    const char *sources[16];
    int nsrc = 0, i;
    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i += 2) {
        if (i + 1 >= argc) usage();
        const char *o = argv[i] + 2, *v = argv[i + 1];
        if (!strcmp(o, "lang"))
            lang = v;
        else if (!strcmp(o, "name"))
            name = v;
        else if (!strcmp(o, "script"))
            script = v;
        else if (!strcmp(o, "lower"))
            low = v;
        else if (!strcmp(o, "upper"))
            up = v;
        else if (!strcmp(o, "alias"))
            alias = v;
        else if (!strcmp(o, "out"))
            out = v;
        else if (!strcmp(o, "source") && nsrc < 16)
            sources[nsrc++] = v;
        else
            usage();
    }
    if (!lang || !name || !script || !low || !out || i >= argc) usage();
    nlet = (int)utf8_decode(low, 0, lower, MAXL);
    if (up) {
        if ((int)utf8_decode(up, 0, upper, MAXL) != nlet) {
            fprintf(stderr, "train_lm: --upper must have as many letters as --lower\n");
            return 2;
        }
    } else {
        for (int k = 0; k < nlet; k++)
            upper[k] = (uint32_t)u_toupper((UChar32)lower[k]);
    }
    if (alias) {
        const char *eq = strchr(alias, '=');
        uint32_t to[MAXL];
        int nf = eq ? (int)utf8_decode(alias, '=', afrom, MAXL) : -1;
        if (!eq || (int)utf8_decode(eq + 1, 0, to, MAXL) != nf) {
            fprintf(stderr, "train_lm: --alias FROM=TO needs as many letters on each side\n");
            return 2;
        }
        for (int k = 0; k < nf; k++) {
            ato[k] = to[k];
            afrom[nf + k] = (uint32_t)u_toupper((UChar32)afrom[k]);
            ato[nf + k] = (uint32_t)u_toupper((UChar32)to[k]);
        }
        nalias = 2 * nf;
        for (int k = 0; k < nalias; k++)
            if (symbol(ato[k]) < LM_NCLASS) {
                fprintf(stderr, "train_lm: --alias: the letters after = must be in the alphabet\n");
                return 2;
            }
    }
    int S = LM_NCLASS + 2 * nlet, F = LM_NCLASS + nlet;

    static double c[MAXS][MAXS], cf[MAXS][MAXS];
    static double kc[8][2];
    uint64_t chars = 0, pairs = 0, foreign = 0;
    for (; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 1;
        }
        int prev = LM_SP;
        uint64_t fpairs = 0;
        /* decode in a streaming way: a small state machine */
        int need = 0;
        uint32_t cp = 0;
        int ch;
        while ((ch = getc(f)) != EOF) {
            if (need && (ch & 0xC0) == 0x80) {
                cp = (cp << 6) | (uint32_t)(ch & 0x3F);
                if (--need) continue;
            } else {
                if (ch < 0x80)
                    cp = (uint32_t)ch, need = 0;
                else if (ch >= 0xF0) {
                    cp = (uint32_t)ch & 7;
                    need = 3;
                    continue;
                } else if (ch >= 0xE0) {
                    cp = (uint32_t)ch & 15;
                    need = 2;
                    continue;
                } else if (ch >= 0xC0) {
                    cp = (uint32_t)ch & 31;
                    need = 1;
                    continue;
                } else
                    cp = 0xFFFD;
            }
            int s = symbol(cp);
            c[prev][s] += 1;
            fpairs++;
            chars++;
            if (s == LM_FA || s == LM_FL) foreign++;
            prev = s;
        }
        fclose(f);
        pairs += fpairs;
        printf("%s: %s: %llu pairs\n", lang, argv[i], (unsigned long long)fpairs);
    }
    for (int x = 0; x < S; x++)
        for (int y = 0; y < S; y++) {
            cf[fold(x)][fold(y)] += c[x][y];
            if (y >= LM_NCLASS) kc[casectx(x)][y >= F] += c[x][y];
        }

    /* add-one unigram frequencies of the case-folded symbols */
    static double uni[MAXS];
    double utot = 0;
    for (int x = 0; x < F; x++)
        for (int y = 0; y < F; y++)
            uni[y] += cf[x][y];
    for (int y = 0; y < F; y++)
        uni[y] += 1.0, utot += uni[y];
    for (int y = 0; y < F; y++)
        uni[y] /= utot;

    FILE *o = fopen(out, "w");
    if (!o) {
        perror(out);
        return 1;
    }
    fprintf(o, "# pisar letter-pair model: %s (%s), script %s.\n", lang, name, script);
    fprintf(o,
            "# Written by tools/train_lm (run by tools/train-models.sh); do not edit by hand.\n");
    fprintf(o, "# Trained on (see tables/charset/SOURCES.md for the licenses):\n");
    for (int k = 0; k < nsrc; k++)
        fprintf(o, "#   %s\n", sources[k]);
    fprintf(o,
            "# Symbols: six classes (_sp space, _pu punctuation, _dg digit, _fa basic Latin\n"
            "# letter outside the alphabet, _fl other letter outside it, _ot anything else),\n"
            "# then the alphabet in lower case, then in upper case. Row x, column y holds\n"
            "# round(-%d * ln P(y | x)), capped at %d, plus for a class column the cost of\n"
            "# choosing one of its members; smoothing: see tools/train_lm.c.\n",
            LM_SCALE, LM_MAXQ);
    fprintf(o, "language %s\nname %s\nscript %s\n", lang, name, script);
    fprintf(o, "lower ");
    for (int k = 0; k < nlet; k++)
        put_utf8(o, lower[k]);
    fprintf(o, "\nupper ");
    for (int k = 0; k < nlet; k++)
        put_utf8(o, upper[k]);
    if (nalias) {
        fprintf(o, "\nalias ");
        for (int k = 0; k < nalias; k++)
            put_utf8(o, afrom[k]);
        fputc('=', o);
        for (int k = 0; k < nalias; k++)
            put_utf8(o, ato[k]);
    }
    fprintf(o, "\npairs %llu\nsymbols", (unsigned long long)pairs);
    for (int y = 0; y < S; y++) {
        fputc(' ', o);
        put_sym(o, y);
    }
    fputc('\n', o);
    for (int x = 0; x < S; x++) {
        double row = 0, rowf = 0;
        int fx = fold(x), cx = casectx(x);
        for (int y = 0; y < S; y++)
            row += c[x][y];
        for (int y = 0; y < F; y++)
            rowf += cf[fx][y];
        double pu = (kc[cx][1] + 0.5) / (kc[cx][0] + kc[cx][1] + 1.0);
        fprintf(o, "row ");
        put_sym(o, x);
        double total = 0;
        for (int y = 0; y < S; y++) {
            int fy = fold(y);
            double b = (cf[fx][fy] + BETA * uni[fy]) / (rowf + BETA);
            if (y >= LM_NCLASS) b *= y >= F ? pu : 1.0 - pu;
            double p = (c[x][y] + ALPHA * b) / (row + ALPHA);
            total += p;
            long q = lround(-LM_SCALE * (log(p) - (y < LM_NCLASS ? class_cost[y] : 0)));
            if (q > LM_MAXQ) q = LM_MAXQ;
            fprintf(o, " %ld", q);
        }
        fputc('\n', o);
        if (fabs(total - 1.0) > 1e-6) {
            fprintf(stderr, "train_lm: row probabilities sum to %f\n", total);
            return 1;
        }
    }
    if (fclose(o)) {
        perror(out);
        return 1;
    }
    printf("%s: %d letters, %d symbols, %llu characters, %.2f%% outside the alphabet\n", lang, nlet,
           S, (unsigned long long)chars, chars ? 100.0 * (double)foreign / (double)chars : 0.0);
    return 0;
}
