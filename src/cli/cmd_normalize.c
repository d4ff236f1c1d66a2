/* cmd_normalize.c -- pisar normalize. Not written yet. */
#include "cli.h"

int cmd_normalize(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("normalize", "not implemented yet");
    return EXIT_USAGE;
}
