/* cmd_schemes.c -- pisar schemes. Not written yet. */
#include "cli.h"

int cmd_schemes(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("schemes", "not implemented yet");
    return EXIT_USAGE;
}
