/* cmd_prep.c -- pisar prep. Not written yet. */
#include "cli.h"

int cmd_prep(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("prep", "not implemented yet");
    return EXIT_USAGE;
}
