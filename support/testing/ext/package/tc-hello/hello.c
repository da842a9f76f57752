/* Says which architecture it was built for, and where its source was. */
#include <math.h>
#include <stdio.h>

#if defined(__aarch64__)
#define ARCH "aarch64"
#elif defined(__arm__) && defined(__ARM_PCS_VFP)
#define ARCH "arm"
#elif defined(__riscv) && __riscv_xlen == 64
#define ARCH "riscv64"
#elif defined(__x86_64__)
#define ARCH "x86_64"
#else
#define ARCH "unknown"
#endif

int main(int argc, char **argv)
{
	(void)argv;
	printf("tc-hello: %s ok %d\n", ARCH, (int)sqrt(16.0 * argc));
	printf("tc-hello: source %s\n", __FILE__);
	return 0;
}
