/* cmd_segment.c -- pisar segment. Not written yet. */
#include "cli.h"

int cmd_segment(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("segment", "not implemented yet");
    return EXIT_USAGE;
}
