/* cmd_names.c -- pisar names: name mentions grouped across files, one spelling each. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void help(FILE *f)
{
    fprintf(f, "usage: pisar names [--style S] [--gazetteer F] [--lang L]\n"
               "                   [--json | --mentions | --rewrite [-o DIR]] FILE...\n"
               "       pisar names --key [--phonetic | --resolve] [--lang L] [FILE...]\n\n"
               "Find the personal and place names in Cyrillic and Latin text, group the\n"
               "spellings of each name across all FILEs and print one line per group:\n"
               "  COUNT<TAB>CANONICAL<TAB>SOURCE<TAB>VARIANT (N); VARIANT (N)...\n"
               "ordered by count, then canonical spelling. SOURCE is gazetteer:<id>,\n"
               "scheme:<id> (the style's transliteration of a Cyrillic original) or\n"
               "frequency (the most frequent Latin variant).\n\n"
               "  --style S        house style: bgn icao wikipedia ap iso9 scholarly national\n"
               "  --gazetteer F    add a gazetteer (format: tables/names/README.md)\n"
               "  --lang L         language of Cyrillic input (ru uk be bg mk sr): picks the\n"
               "                   style's scheme where the letters do not tell (Oleg/Oleh);\n"
               "                   with --key: how Cyrillic words read (in uk и is the key's\n"
               "                   y, as ы in ru and be: Крилов uk = Крылов ru, Калинина ru\n"
               "                   != Калынина ru); other codes or auto: by each word's letters\n"
               "  --json           groups as JSON lines\n"
               "  --mentions       one line per mention instead, in text order, after grouping\n"
               "                   all FILEs: FILE<TAB>OFFSET<TAB>LENGTH<TAB>TEXT<TAB>KEY<TAB>\n"
               "                   CANONICAL (OFFSET, LENGTH in bytes; TEXT as written,\n"
               "                   inflected; KEY and CANONICAL those of its group)\n"
               "  --rewrite        write each FILE with every Latin-script variant replaced by\n"
               "                   its canonical spelling, to FILE.names.txt (or -o DIR/FILE),\n"
               "                   never over the input; changes reported on stdout:\n"
               "                   FILE<TAB>OFFSET<TAB>BEFORE<TAB>AFTER\n"
               "                   (FILE '-' without -o: text to stdout, changes to stderr)\n"
               "  --key            read one name a line (FILEs or stdin), print its key\n"
               "  --phonetic       with --key: the key without the gazetteer\n"
               "  --resolve        with --key: read all the names first and give each the key\n"
               "                   of the group it joins among them (a German or French\n"
               "                   spelling joins the one Cyrillic original it can be read as:\n"
               "                   Maria Sacharowa = Мария Захарова if no Сахарова is listed);\n"
               "                   without --lang, in the language the names' Cyrillic\n"
               "                   letters show, if they show one\n"
               "  --jsonl          with --key: JSON Lines records on stdin, one result each\n\n"
               "Exit status: 0 all done, 1 some inputs failed, 2 usage error.\n");
}

/* --key: one key a line; with --resolve the names are collected in h and
 * their keys printed by print_resolved() once all are read. */
typedef struct key_run {
    int phonetic;
    const char *lang; /* a language of the six, or NULL */
    pisar_names *h;
    char **names; /* --resolve: each line, or NULL for a line that failed */
    size_t n, cap;
} key_run;

static int run_keys(FILE *in, const char *path, key_run *kr)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    pisar_buf k = {0};
    int bad = 0;
    size_t lineno = 0, offset = 0;
    while ((n = getline(&line, &cap, in)) >= 0) {
        lineno++;
        size_t line_offset = offset;
        offset += (size_t)n;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        pisar_buf_clear(&k);
        int rc;
        if (kr->h) {
            if (kr->n == kr->cap) {
                size_t c = kr->cap ? kr->cap * 2 : 256;
                char **p = realloc(kr->names, c * sizeof *p);
                if (!p) {
                    cli_error("names", "out of memory");
                    bad = 1;
                    break;
                }
                kr->names = p;
                kr->cap = c;
            }
            rc = pisar_names_add_name(kr->h, line, len, NULL);
            kr->names[kr->n] = rc ? NULL : strndup(line, len);
            if (!rc && !kr->names[kr->n]) rc = PISAR_ENOMEM;
            kr->n++;
        } else {
            rc = kr->phonetic ? pisar_name_key_phonetic(line, len, &k)
                              : pisar_name_key_lang(line, len, kr->lang, &k);
            printf("%s\n", (!rc && k.data) ? k.data : "");
        }
        if (rc) {
            cli_error("names", "%s: line %zu (byte %zu): %s", path, lineno, line_offset,
                      pisar_strerror(rc));
            bad = 1;
        }
    }
    free(line);
    pisar_buf_free(&k);
    return bad;
}

/* --resolve without --lang: the names are read together, so when their
 * Cyrillic letters show one language (Дмітре, Прохори, Сівки: Ukrainian),
 * the collection is read again in it, and Дмитре is keyed as Ukrainian too. */
static int rekey_by_letters(key_run *kr)
{
    pisar_buf all = {0};
    int rc = 0;
    for (size_t i = 0; i < kr->n && !rc; i++)
        if (kr->names[i]) rc = pisar_buf_puts(&all, kr->names[i]) || pisar_buf_append(&all, " ", 1);
    const char *code = rc ? NULL : pisar_names_text_language(all.data, all.len);
    pisar_buf_free(&all);
    if (rc) {
        cli_error("names", "out of memory");
        return 1;
    }
    if (!code) return 0;
    pisar_names_reset(kr->h);
    rc = pisar_names_set_language(kr->h, code);
    for (size_t i = 0; i < kr->n && !rc; i++)
        if (kr->names[i])
            rc = pisar_names_add_name(kr->h, kr->names[i], strlen(kr->names[i]), NULL);
    if (rc) cli_error("names", "%s", pisar_strerror(rc));
    return rc != 0;
}

static int print_resolved(key_run *kr)
{
    pisar_buf k = {0};
    int bad = 0;
    for (size_t i = 0; i < kr->n; i++) {
        pisar_buf_clear(&k);
        int rc = kr->names[i] ? pisar_names_group_key(kr->h, kr->names[i], strlen(kr->names[i]), &k)
                              : PISAR_OK;
        if (rc) {
            cli_error("names", "%s", pisar_strerror(rc));
            bad = 1;
        }
        printf("%s\n", (!rc && k.data) ? k.data : "");
        free(kr->names[i]);
    }
    free(kr->names);
    pisar_buf_free(&k);
    return bad;
}

typedef struct mention_ctx {
    const char *path;
    const char *text;
} mention_ctx;

/* --mentions: FILE<TAB>OFFSET<TAB>LENGTH<TAB>TEXT<TAB>KEY<TAB>CANONICAL. */
static int on_mention(const pisar_name_mention *m, void *user)
{
    mention_ctx *c = user;
    printf("%s\t%zu\t%zu\t%.*s\t%s\t%s\n", c->path, m->offset, m->length, (int)m->length,
           c->text + m->offset, m->key, m->canonical);
    return 0;
}

typedef struct rw_ctx {
    const char *path;
    const char *text;
    pisar_buf *report;
} rw_ctx;

/* One report line per change: FILE<TAB>OFFSET<TAB>BEFORE<TAB>AFTER. */
static int on_change(const pisar_name_mention *m, void *user)
{
    rw_ctx *c = user;
    char num[32];
    snprintf(num, sizeof num, "\t%zu\t", m->offset);
    if (pisar_buf_puts(c->report, c->path) || pisar_buf_puts(c->report, num) ||
        pisar_buf_append(c->report, c->text + m->offset, m->length) ||
        pisar_buf_puts(c->report, "\t") || pisar_buf_puts(c->report, m->canonical) ||
        pisar_buf_puts(c->report, "\n"))
        return PISAR_ENOMEM;
    return 0;
}

/* mkdir -p DIR (as convert -o and prep -o make theirs). */
static int mkdir_p(const char *dir)
{
    size_t n = strlen(dir);
    char *buf = malloc(n + 1);
    if (!buf) return -1;
    memcpy(buf, dir, n + 1);
    int rc = 0;
    for (char *p = buf + 1; !rc; p++) {
        if (*p && *p != '/') continue;
        char c = *p;
        *p = '\0';
        struct stat st;
        if (mkdir(buf, 0777) && (errno != EEXIST || stat(buf, &st) || !S_ISDIR(st.st_mode))) {
            if (errno == EEXIST) errno = ENOTDIR;
            rc = -1;
        }
        *p = c;
        if (!c) break;
    }
    free(buf);
    return rc;
}

static int write_atomic(const char *dst, const char *data, size_t n)
{
    size_t dl = strlen(dst);
    char *tmp = malloc(dl + 16);
    if (!tmp) return -1;
    snprintf(tmp, dl + 16, "%s.tmpXXXXXX", dst);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        cli_error("names", "%s: %s", dst, strerror(errno));
        free(tmp);
        return -1;
    }
    FILE *f = fdopen(fd, "wb");
    int ok = f && fwrite(data, 1, n, f) == n && fflush(f) == 0 && fsync(fd) == 0;
    if (f)
        ok &= fclose(f) == 0;
    else
        close(fd);
    if (!ok || rename(tmp, dst)) {
        cli_error("names", "%s: %s", dst, strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

int cmd_names(int argc, char **argv)
{
    const char *style = NULL, *gaz = NULL, *outdir = NULL, *lang = NULL;
    int json = 0, rewrite = 0, key = 0, phonetic = 0, resolve = 0, mentions = 0;
    int nfiles = 0;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) return EXIT_SOME_FAILED;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            help(stdout);
            free(files);
            return 0;
        } else if (!strcmp(a, "--json"))
            json = 1;
        else if (!strcmp(a, "--rewrite"))
            rewrite = 1;
        else if (!strcmp(a, "--mentions"))
            mentions = 1;
        else if (!strcmp(a, "--key"))
            key = 1;
        else if (!strcmp(a, "--phonetic"))
            phonetic = 1;
        else if (!strcmp(a, "--resolve"))
            resolve = 1;
        else if ((!strcmp(a, "--style") || !strcmp(a, "--gazetteer") || !strcmp(a, "--lang") ||
                  !strcmp(a, "-o")) &&
                 i + 1 < argc) {
            const char *v = argv[++i];
            if (!strcmp(a, "--style"))
                style = v;
            else if (!strcmp(a, "--gazetteer"))
                gaz = v;
            else if (!strcmp(a, "-o"))
                outdir = v;
            else
                lang = v;
        } else if (a[0] == '-' && a[1]) {
            cli_error("names", "unknown option '%s' (see pisar names --help)", a);
            free(files);
            return EXIT_USAGE;
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if ((phonetic || resolve) && !key) {
        cli_error("names", "--phonetic and --resolve go with --key (see pisar names --help)");
        free(files);
        return EXIT_USAGE;
    }
    if (phonetic && resolve) {
        cli_error("names", "--phonetic and --resolve exclude each other");
        free(files);
        return EXIT_USAGE;
    }
    if (json + rewrite + mentions > 1 || (key && json + rewrite + mentions)) {
        cli_error("names", "--json, --mentions, --rewrite and --key exclude each other");
        free(files);
        return EXIT_USAGE;
    }
    if (cli_jsonl) { /* --jsonl: records on stdin (jsonl.c) */
        int st = cli_jsonl_stdin_only("names", (const char **)files, nfiles) ? EXIT_USAGE : 0;
        if (!st && json + rewrite + mentions) {
            cli_error("names", "--jsonl goes with --key or alone (groups per record)");
            st = EXIT_USAGE;
        }
        free(files);
        return st ? st : cli_jsonl_names(key, phonetic, resolve, style, gaz, lang);
    }
    if (key) {
        int bad = 0;
        key_run kr = {phonetic, lang, NULL, NULL, 0, 0};
        pisar_error err = {0};
        if (lang && (strlen(lang) < 2 || strlen(lang) > 4)) {
            cli_error("names", "--lang: '%s' is not a language code", lang);
            free(files);
            return EXIT_USAGE;
        }
        if (resolve) {
            int rc = pisar_names_new(&kr.h, style, &err);
            /* a language other than the six (or auto): word by word */
            if (!rc && lang) (void)pisar_names_set_language(kr.h, lang);
            if (!rc && gaz) rc = pisar_names_load_gazetteer(kr.h, gaz, &err);

            if (rc) {
                cli_error("names", "%s", err.message[0] ? err.message : pisar_strerror(rc));
                pisar_names_free(kr.h);
                free(files);
                return EXIT_USAGE;
            }
        }
        if (!nfiles) bad |= run_keys(stdin, "-", &kr);
        for (int i = 0; i < nfiles; i++) {
            FILE *f = cli_open_input("names", files[i]);
            if (!f) {
                bad = 1;
                continue;
            }
            bad |= run_keys(f, files[i], &kr);
            if (f != stdin) fclose(f);
        }
        if (kr.h && !lang) bad |= rekey_by_letters(&kr);
        if (kr.h) bad |= print_resolved(&kr);
        pisar_names_free(kr.h);
        free(files);
        return bad ? EXIT_SOME_FAILED : EXIT_ALL_DONE;
    }
    if (!nfiles) {
        cli_error("names", "no input files (see pisar names --help)");
        free(files);
        return EXIT_USAGE;
    }
    pisar_names *h = NULL;
    pisar_error err = {0};
    int rc = pisar_names_new(&h, style, &err);
    if (rc) {
        cli_error("names", "%s", err.message[0] ? err.message : pisar_strerror(rc));
        free(files);
        return EXIT_USAGE;
    }
    if (lang && pisar_names_set_language(h, lang) && strcmp(lang, "auto")) {
        /* Latin-script languages need no hint: accepted, not used */
        if (strlen(lang) < 2 || strlen(lang) > 3) {
            cli_error("names", "--lang: '%s' is not a language code", lang);
            pisar_names_free(h);
            free(files);
            return EXIT_USAGE;
        }
    }
    if (gaz && (rc = pisar_names_load_gazetteer(h, gaz, &err))) {
        cli_error("names", "%s", err.message[0] ? err.message : pisar_strerror(rc));
        pisar_names_free(h);
        free(files);
        return EXIT_USAGE;
    }
    int bad = 0;
    pisar_buf *texts = calloc((size_t)nfiles, sizeof *texts);
    char *okf = calloc((size_t)nfiles, 1);
    for (int i = 0; texts && okf && i < nfiles; i++) {
        if (cli_read_all("names", files[i], &texts[i])) {
            bad = 1;
            continue;
        }
        memset(&err, 0, sizeof err);
        rc = pisar_names_add_text(h, files[i], texts[i].data ? texts[i].data : "", texts[i].len,
                                  &err);
        if (rc) {
            cli_error("names", "%s: %s", files[i],
                      err.message[0] ? err.message : pisar_strerror(rc));
            bad = 1;
            continue;
        }
        okf[i] = 1;
        /* only --rewrite and --mentions read the texts again */
        if (!rewrite && !mentions) pisar_buf_free(&texts[i]);
    }
    if (mentions) {
        for (int i = 0; i < nfiles; i++) {
            if (!okf[i]) continue;
            const char *text = texts[i].data ? texts[i].data : "";
            mention_ctx mc = {files[i], text};
            rc = pisar_names_find(h, text, texts[i].len, on_mention, &mc, &err);
            if (rc) {
                cli_error("names", "%s: %s", files[i], pisar_strerror(rc));
                bad = 1;
            }
        }
        if (fflush(stdout)) {
            cli_error("names", "writing the output: %s", strerror(errno));
            bad = 1;
        }
    } else if (!rewrite) {
        size_t ng = pisar_names_group_count(h);
        for (size_t i = 0; i < ng; i++) {
            pisar_name_group g;
            if (pisar_names_group(h, i, &g)) break;
            if (json) {
                printf("{\"canonical\":");
                cli_json_string(stdout, g.canonical);
                printf(",\"count\":%zu,\"docs\":%zu,\"source\":", g.count, g.ndocs);
                cli_json_string(stdout, g.source_text);
                printf(",\"key\":");
                cli_json_string(stdout, g.key);
                printf(",\"variants\":[");
                for (size_t v = 0; v < g.nvariants; v++) {
                    printf("%s{\"text\":", v ? "," : "");
                    cli_json_string(stdout, g.variants[v].text);
                    printf(",\"count\":%zu}", g.variants[v].count);
                }
                printf("]}\n");
            } else {
                printf("%zu\t%s\t%s\t", g.count, g.canonical, g.source_text);
                for (size_t v = 0; v < g.nvariants; v++)
                    printf("%s%s (%zu)", v ? "; " : "", g.variants[v].text, g.variants[v].count);
                printf("\n");
            }
        }
    } else if (outdir && mkdir_p(outdir)) {
        cli_error("names", "%s: cannot create the folder: %s", outdir, strerror(errno));
        bad = 1;
    } else {
        for (int i = 0; i < nfiles; i++) {
            if (!okf[i]) continue;
            pisar_buf out = {0}, report = {0};
            const char *text = texts[i].data ? texts[i].data : "";
            rw_ctx ctx = {files[i], text, &report};
            rc = pisar_names_rewrite(h, text, texts[i].len, 0, &out, on_change, &ctx, &err);
            if (rc) {
                cli_error("names", "%s: %s", files[i], pisar_strerror(rc));
                bad = 1;
            } else if (!strcmp(files[i], "-") && !outdir) {
                /* stdin: the text to stdout, the changes to stderr */
                if (cli_write("names", stdout, out.data ? out.data : "", out.len)) bad = 1;
                if (report.len) (void)fwrite(report.data, 1, report.len, stderr); /* diagnostics */
            } else {
                const char *base = strrchr(files[i], '/');
                base = base ? base + 1 : files[i];
                size_t need = strlen(files[i]) + (outdir ? strlen(outdir) : 0) + 32;
                char *dst = malloc(need);
                if (!dst) {
                    bad = 1;
                } else {
                    if (outdir)
                        snprintf(dst, need, "%s/%s", outdir, base);
                    else
                        snprintf(dst, need, "%s.names.txt", files[i]);
                    if (!strcmp(dst, files[i])) {
                        cli_error("names", "%s: refusing to overwrite the input", dst);
                        bad = 1;
                    } else if (write_atomic(dst, out.data ? out.data : "", out.len)) {
                        bad = 1;
                    } else if (cli_write("names", stdout, report.data, report.len)) {
                        bad = 1;
                    }
                    free(dst);
                }
            }
            pisar_buf_free(&out);
            pisar_buf_free(&report);
        }
    }
    for (int i = 0; texts && i < nfiles; i++)
        pisar_buf_free(&texts[i]);
    free(texts);
    free(okf);
    pisar_names_free(h);
    free(files);
    return bad ? EXIT_SOME_FAILED : EXIT_ALL_DONE;
}
