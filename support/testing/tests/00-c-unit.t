#!/bin/bash
# The C programs' unit and end-to-end tests, under ASan and UBSan: the
# helpers of support/kiln-tools and the compiler wrapper.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
c_checks kiln-tools "$TOPDIR/support/kiln-tools"
c_checks wrapper "$TOPDIR/toolchain/wrapper"
echo "1..${t_count:?}"
done_testing
