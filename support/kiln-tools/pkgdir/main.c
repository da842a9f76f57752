// SPDX-License-Identifier: GPL-2.0-or-later
#include "pkgdir.h"

int main(int argc, char **argv)
{
	return pkgdir_main(argc, argv);
}
