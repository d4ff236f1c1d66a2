/*
 * gen_translit.c -- build-time generator: compiles every scheme file
 * tables/translit/<id>.txt with the library's own compiler
 * (src/translit_compile.c) and writes the automata as static C data,
 * plus each file's text (for @include in user files at run time).
 *
 * usage: gen_translit OUT.h TABLE.txt...
 * A syntax error stops the build with "file:line: message".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "translit_impl.h"

static int read_file(const char *path, char **text, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf) break;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        if (!r) break;
        n += r;
    }
    fclose(f);
    if (!buf) return -1;
    *text = buf;
    *len = n;
    return 0;
}

typedef struct rctx {
    char dir[1024];
    char *texts[32];
    int n;
} rctx;

static int resolve(void *vctx, const char *id, const char **text, size_t *len, char *fname,
                   size_t cap)
{
    rctx *c = vctx;
    if (c->n == 32 || strchr(id, '/')) return -1;
    snprintf(fname, cap, "%s/%s.txt", c->dir, id);
    char *t;
    if (read_file(fname, &t, len)) return -1;
    c->texts[c->n++] = t;
    *text = t;
    return 0;
}

static void cstring(FILE *o, const char *s, size_t n)
{
    fputc('"', o);
    size_t col = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n') {
            fputs("\\n\"\n    \"", o);
            col = 0;
            continue;
        }
        if (c == '"' || c == '\\')
            fprintf(o, "\\%c", c);
        else if (c >= 0x20 && c < 0x7F && c != '?')
            fputc(c, o);
        else
            fprintf(o, "\\%03o", c);
        col++;
    }
    fputc('"', o);
}

static void dump(FILE *o, const char *pfx, const tl_tables *t)
{
    fprintf(o, "static const tl_node %s_nodes[] = {\n", pfx);
    for (size_t i = 0; i < t->nnodes; i++) {
        const tl_node *n = &t->nodes[i];
        fprintf(o, "    {%u, %u, %u, %u, %u, %u},\n", n->trans, n->rule, n->nrules, n->lo, n->hi,
                n->srccase);
    }
    fprintf(o, "};\nstatic const uint32_t %s_trans[] = {", pfx);
    for (size_t i = 0; i < t->ntrans; i++)
        fprintf(o, "%s%u,", i % 16 ? " " : "\n    ", t->trans[i]);
    fprintf(o, "\n};\nstatic const tl_rule %s_rules[] = {\n", pfx);
    for (size_t i = 0; i < t->nrules; i++) {
        const tl_rule *r = &t->rules[i];
        fprintf(o, "    {{%u, %u, %u}, {%u, %u, %u}, %u, %u},\n", r->out[0], r->out[1], r->out[2],
                r->len[0], r->len[1], r->len[2], r->nalts, r->alt);
    }
    fprintf(o, "};\nstatic const tl_alt %s_alts[] = {\n", pfx);
    for (size_t i = 0; i < t->nalts; i++)
        fprintf(o, "    {%u, %u},\n", t->alts[i].atom, t->alts[i].natoms);
    if (!t->nalts) fprintf(o, "    {0, 0},\n");
    fprintf(o, "};\nstatic const tl_atom %s_atoms[] = {\n", pfx);
    for (size_t i = 0; i < t->natoms; i++)
        fprintf(o, "    {%u, %u, %u, %u},\n", t->atoms[i].kind, t->atoms[i].neg, t->atoms[i].nset,
                t->atoms[i].set);
    if (!t->natoms) fprintf(o, "    {0, 0, 0, 0},\n");
    fprintf(o, "};\nstatic const uint32_t %s_sets[] = {", pfx);
    for (size_t i = 0; i < t->nsets; i++)
        fprintf(o, "%s0x%X,", i % 12 ? " " : "\n    ", t->sets[i]);
    if (!t->nsets) fprintf(o, "0");
    fprintf(o, "\n};\nstatic const char %s_strings[] = {", pfx);
    for (size_t i = 0; i < t->nstrings; i++)
        fprintf(o, "%s%d,", i % 16 ? " " : "\n    ", (int)(signed char)t->strings[i]);
    fprintf(o, "\n};\n");
}

static void ref(FILE *o, const char *pfx, const tl_tables *t)
{
    fprintf(o,
            "{%s_nodes, %s_trans, %s_rules, %s_alts, %s_atoms, %s_sets, %s_strings, "
            "%zu, %zu, %zu, %zu, %zu, %zu, %zu}",
            pfx, pfx, pfx, pfx, pfx, pfx, pfx, t->nnodes, t->ntrans, t->nrules, t->nalts, t->natoms,
            t->nsets, t->nstrings);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gen_translit OUT.h TABLE.txt...\n");
        return 2;
    }
    int n = argc - 2;
    tl_source **src = calloc((size_t)n, sizeof *src);
    tl_tables *fwd = calloc((size_t)n, sizeof *fwd), *rev = calloc((size_t)n, sizeof *rev);
    char **texts = calloc((size_t)n, sizeof *texts);
    size_t *lens = calloc((size_t)n, sizeof *lens);
    if (!src || !fwd || !rev || !texts || !lens) return 1;
    for (int i = 0; i < n; i++) {
        const char *path = argv[i + 2];
        if (read_file(path, &texts[i], &lens[i])) {
            perror(path);
            return 1;
        }
        rctx rc;
        memset(&rc, 0, sizeof rc);
        snprintf(rc.dir, sizeof rc.dir, "%s", path);
        char *slash = strrchr(rc.dir, '/');
        if (slash)
            *slash = '\0';
        else
            strcpy(rc.dir, ".");
        pisar_error err;
        memset(&err, 0, sizeof err);
        int r = tl_parse(&src[i], texts[i], lens[i], path, resolve, &rc, &err);
        for (int k = 0; k < rc.n; k++)
            free(rc.texts[k]);
        if (!r) r = tl_build(src[i], 0, &fwd[i], &err);
        if (!r && tl_source_reversible(src[i])) r = tl_build(src[i], 1, &rev[i], &err);
        if (r) {
            fprintf(stderr, "%s\n", err.message[0] ? err.message : path);
            return 1;
        }
        /* The id must match the file name, so @include ID finds it. */
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        const char *id = tl_source_field(src[i], "id");
        if (strncmp(base, id, strlen(id)) || strcmp(base + strlen(id), ".txt")) {
            fprintf(stderr, "%s: @id %s does not match the file name\n", path, id);
            return 1;
        }
    }
    FILE *o = fopen(argv[1], "w");
    if (!o) {
        perror(argv[1]);
        return 1;
    }
    fprintf(
        o,
        "/* Generated by tools/gen_translit.c from tables/translit/<id>.txt -- do not edit. */\n");
    for (int i = 0; i < n; i++) {
        char pfx[32];
        fprintf(o, "\n/* %s */\n", argv[i + 2]);
        snprintf(pfx, sizeof pfx, "tl_%d_f", i);
        dump(o, pfx, &fwd[i]);
        if (tl_source_reversible(src[i])) {
            snprintf(pfx, sizeof pfx, "tl_%d_r", i);
            dump(o, pfx, &rev[i]);
        }
        fprintf(o, "static const char tl_%d_text[] =\n    ", i);
        cstring(o, texts[i], lens[i]);
        fprintf(o, ";\n");
    }
    fprintf(o, "\n#define TL_NBUILTINS %d\nstatic const tl_builtin tl_builtins[TL_NBUILTINS] = {\n",
            n);
    for (int i = 0; i < n; i++) {
        char pfx[32];
        fprintf(o, "    {{");
        const char *keys[4] = {"id", "language", "name", "standard"};
        for (int k = 0; k < 4; k++) {
            const char *v = tl_source_field(src[i], keys[k]);
            cstring(o, v, strlen(v));
            fprintf(o, ", ");
        }
        fprintf(o, "%d},\n     ", tl_source_reversible(src[i]));
        snprintf(pfx, sizeof pfx, "tl_%d_f", i);
        ref(o, pfx, &fwd[i]);
        fprintf(o, ",\n     ");
        if (tl_source_reversible(src[i])) {
            snprintf(pfx, sizeof pfx, "tl_%d_r", i);
            ref(o, pfx, &rev[i]);
        } else {
            fprintf(o, "{0}");
        }
        fprintf(o, ",\n     tl_%d_text, sizeof tl_%d_text - 1},\n", i, i);
    }
    fprintf(o, "};\n");
    if (fclose(o)) {
        perror(argv[1]);
        return 1;
    }
    for (int i = 0; i < n; i++) {
        tl_source_free(src[i]);
        tl_tables_free(&fwd[i]);
        tl_tables_free(&rev[i]);
        free(texts[i]);
    }
    free(src);
    free(fwd);
    free(rev);
    free(texts);
    free(lens);
    return 0;
}
