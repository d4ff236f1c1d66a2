/* cmd_convert.c -- pisar convert. Not written yet. */
#include "cli.h"

int cmd_convert(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("convert", "not implemented yet");
    return EXIT_USAGE;
}
