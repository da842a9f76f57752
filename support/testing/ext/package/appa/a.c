#include <stdio.h>
#ifdef HAVE_B
#include <b.h>
#endif
int main(void)
{
#ifdef HAVE_B
	printf("appa with libb %d\n", b_answer());
#else
	printf("appa without libb\n");
#endif
	return 0;
}
