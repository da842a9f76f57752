#include <stdio.h>
#include <sys/utsname.h>

int main(void)
{
	struct utsname u;
	unsigned int one = 1;

	if (uname(&u) != 0)
		return 1;
	printf("machine=%s long=%zu endian=%s", u.machine, sizeof(long),
	       *(unsigned char *)&one ? "little" : "big");
	return 7;
}
