#include "mlib.h"
#include "mlib-config.h"

const char *mlib_greeting(void)
{
	return MLIB_GREETING;
}
