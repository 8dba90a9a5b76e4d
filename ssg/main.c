/* main — arguments, exit status, printing diagnostics.  (Skeleton.) */
#include <stdio.h>

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("usage: ssg build|check|history|diff|serve ...\n", stderr);
	return 2;
}
