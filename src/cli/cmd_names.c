/* cmd_names.c -- pisar names. Not written yet. */
#include "cli.h"

int cmd_names(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("names", "not implemented yet");
    return EXIT_USAGE;
}
