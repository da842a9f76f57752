#include "pkgdir.h"

int main(int argc, char **argv)
{
	return pkgdir_main(argc, argv);
}
