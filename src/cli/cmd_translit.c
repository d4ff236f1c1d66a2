/* cmd_translit.c -- pisar translit. Not written yet. */
#include "cli.h"

int cmd_translit(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("translit", "not implemented yet");
    return EXIT_USAGE;
}
