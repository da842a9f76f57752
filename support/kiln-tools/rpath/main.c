#include "rpath.h"

int main(int argc, char **argv)
{
	return rpath_main(argc, argv);
}
