// SPDX-License-Identifier: GPL-2.0-or-later
#include "kpc.h"

int main(int argc, char **argv)
{
	return kpc_main(argc, argv);
}
