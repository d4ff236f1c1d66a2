/* cmd_detect.c -- pisar detect. Not written yet. */
#include "cli.h"

int cmd_detect(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("detect", "not implemented yet");
    return EXIT_USAGE;
}
