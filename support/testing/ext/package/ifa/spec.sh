# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
# ifa's default install (sourced in TARGET_DIR).
mkdir -p etc usr/bin usr/share/ifa
echo ifa-one >etc/ifa.conf
echo shared-by-ifa >etc/shared
printf '#!/bin/sh\necho ifa\n' >usr/bin/ifa
chmod 0755 usr/bin/ifa
ln -sf ifa usr/bin/ifa-link
echo data >usr/share/ifa/data
