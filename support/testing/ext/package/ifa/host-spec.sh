# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
# host-ifa's default install (sourced in HOST_DIR).
mkdir -p bin share/ifa
printf '#!/bin/sh\necho host-ifa\n' >bin/ifa-tool
chmod 0755 bin/ifa-tool
echo host-data >share/ifa/data
