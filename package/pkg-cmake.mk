# SPDX-License-Identifier: GPL-2.0-or-later
# The CMake infrastructure: cmake-package and host-cmake-package. The
# build happens out of source, in <build dir>/kiln-build; target
# packages use the toolchain's CMake file, whose paths are relative to
# itself, so each package compiles against its own per-package sysroot.
# See docs/package-infrastructures.md.
#
# What the infrastructures share is in pkg-generic.mk
# (inner-build-system-package); the commands below are expanded when a
# step runs, for $(PKGUP).

# cmake is not built by Kiln: check it before the first use.
define kiln-cmake-check
command -v cmake >/dev/null || { echo "$(PKG): cmake is not installed on the build machine (apt-get install cmake)" >&2; exit 1; }
endef

# Starting from an empty build directory makes a reconfigure honest.
define kiln-cmake-target-configure
$(kiln-cmake-check)
rm -rf '$(kiln-builddir)' && mkdir -p '$(kiln-builddir)'
cd '$(kiln-builddir)' && \
$(TARGET_MAKE_ENV) PKG_CONFIG='$(HOST_DIR)/bin/pkg-config' $(call kiln-var,CONF_ENV) \
cmake '$(kiln-srcdir)' \
	-DCMAKE_TOOLCHAIN_FILE='$(TARGET_CMAKE_TOOLCHAIN_FILE)' \
	-DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_INSTALL_LIBDIR=lib \
	-DCMAKE_BUILD_TYPE=Release -DCMAKE_COLOR_MAKEFILE=OFF \
	-DBUILD_TESTING=OFF -DCMAKE_SKIP_RPATH=ON \
	-DPKG_CONFIG_EXECUTABLE='$(HOST_DIR)/bin/pkg-config' \
	$(call kiln-var,CONF_OPTS)
endef

# Host: RPATHs are the RPATH fixer's business ($ORIGIN ones), so CMake
# sets none of its own.
define kiln-cmake-host-configure
$(kiln-cmake-check)
rm -rf '$(kiln-builddir)' && mkdir -p '$(kiln-builddir)'
cd '$(kiln-builddir)' && \
$(HOST_CONFIGURE_OPTS) $(call kiln-var,CONF_ENV) \
cmake '$(kiln-srcdir)' \
	-DCMAKE_INSTALL_PREFIX='$(HOST_DIR)' -DCMAKE_INSTALL_LIBDIR=lib \
	-DCMAKE_PREFIX_PATH='$(HOST_DIR)' \
	-DCMAKE_BUILD_TYPE=Release -DCMAKE_COLOR_MAKEFILE=OFF \
	-DBUILD_TESTING=OFF -DCMAKE_SKIP_RPATH=ON \
	$(call kiln-var,CONF_OPTS)
endef

# Build and install: make in the build directory.
$(call kiln-make-steps,cmake,kiln-builddir)

# cmake-package and host-cmake-package.
$(call kiln-build-system-macros,cmake)
