# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
# ifc's default install (sourced in TARGET_DIR).
mkdir -p etc usr/share/ifc
echo ifc-one >etc/ifc.conf
echo linked >usr/share/ifc/one
ln -f usr/share/ifc/one usr/share/ifc/two
