/* cmd_align.c -- pisar align. Not written yet. */
#include "cli.h"

int cmd_align(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("align", "not implemented yet");
    return EXIT_USAGE;
}
