# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
# ifb's default install (sourced in TARGET_DIR).
mkdir -p etc usr/lib
echo ifb-one >etc/ifb.conf
echo lib >usr/lib/libifb.so
