/* A program and a library with symbols to strip. */
#include <stdio.h>

int rdonly_answer(void) { return 42; }

#ifndef RDONLY_LIB
int main(void)
{
	printf("rdonly %d\n", rdonly_answer());
	return 0;
}
#endif
