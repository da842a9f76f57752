// SPDX-License-Identifier: GPL-2.0-or-later
#include "rpath.h"

int main(int argc, char **argv)
{
	return rpath_main(argc, argv);
}
