/* cmd_names.c -- pisar names (work in progress: --key). */
#include "cli.h"
#include <string.h>

int cmd_names(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "--key")) {
        char line[4096];
        pisar_buf k = {0};
        while (fgets(line, sizeof line, stdin)) {
            size_t n = strcspn(line, "\r\n");
            pisar_buf_clear(&k);
            pisar_name_key(line, n, &k);
            printf("%s\n", k.data ? k.data : "");
        }
        pisar_buf_free(&k);
        return 0;
    }
    cli_error("names", "not implemented yet");
    return EXIT_USAGE;
}
