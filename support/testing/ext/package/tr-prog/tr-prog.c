#include <stdio.h>
#include <sys/utsname.h>

const char *trlib_word(void);

int main(int argc, char **argv)
{
	struct utsname u;
	unsigned int one = 1;

	if (uname(&u) != 0)
		return 1;
	printf("arg=%s lib=%s machine=%s long=%zu endian=%s\n", argc > 1 ? argv[1] : "-",
	       trlib_word(), u.machine, sizeof(long),
	       *(unsigned char *)&one ? "little" : "big");
	return argc > 2 ? 3 : 0;
}
