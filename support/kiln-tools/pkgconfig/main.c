#include "kpc.h"

int main(int argc, char **argv)
{
	return kpc_main(argc, argv);
}
