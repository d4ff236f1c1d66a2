/* cmd_schemes.c -- pisar schemes: list the built-in transliteration schemes. */
#include "cli.h"

#include <string.h>

int cmd_schemes(int argc, char **argv)
{
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            printf("usage: pisar schemes [--json]\n\n"
                   "List the built-in transliteration schemes: id, language, name, the\n"
                   "standard each follows, and whether --reverse works. The id is what\n"
                   "pisar translit -s takes; ids are stable.\n");
            return EXIT_ALL_DONE;
        } else {
            cli_error("schemes", "unknown argument '%s' (see pisar schemes --help)", argv[i]);
            return EXIT_USAGE;
        }
    }
    size_t n = pisar_translit_scheme_count();
    if (json) putchar('[');
    for (size_t i = 0; i < n; i++) {
        const pisar_scheme_info *s = pisar_translit_scheme(i);
        const char *def = pisar_translit_default_scheme(s->language);
        int is_default = def && !strcmp(def, s->id);
        if (json) {
            printf("%s\n  {\"id\": ", i ? "," : "");
            cli_json_string(stdout, s->id);
            printf(", \"language\": ");
            cli_json_string(stdout, s->language);
            printf(", \"name\": ");
            cli_json_string(stdout, s->name);
            printf(", \"standard\": ");
            cli_json_string(stdout, s->standard);
            printf(", \"reversible\": %s, \"default\": %s}", s->reversible ? "true" : "false",
                   is_default ? "true" : "false");
        } else {
            printf("%-16s %-3s %s%s%s\n%20s%s\n", s->id, s->language, s->name,
                   s->reversible ? " [reversible]" : "", is_default ? " [default]" : "", "",
                   s->standard);
        }
    }
    if (json) printf("\n]\n");
    if (fflush(stdout)) {
        cli_error("schemes", "write error");
        return EXIT_SOME_FAILED;
    }
    return EXIT_ALL_DONE;
}
