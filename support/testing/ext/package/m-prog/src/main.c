#include <stdio.h>
#include <mlib.h>

int main(void)
{
	printf("mprog says %s\n", mlib_greeting());
	return 0;
}
