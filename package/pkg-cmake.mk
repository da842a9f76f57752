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
# $(call kiln-cmake-target-configure-in,DIR,MORE_OPTS): configure the
# package in DIR (the build step's kiln-builddir, or the test step's).
kiln-cmake-target-configure = $(call kiln-cmake-target-configure-in,$(kiln-builddir))
define kiln-cmake-target-configure-in
$(kiln-cmake-check)
rm -rf '$(1)' && mkdir -p '$(1)'
cd '$(1)' && \
$(TARGET_MAKE_ENV) PKG_CONFIG='$(HOST_DIR)/bin/pkg-config' $(call kiln-var,CONF_ENV) \
cmake '$(kiln-srcdir)' \
	-DCMAKE_TOOLCHAIN_FILE='$(TARGET_CMAKE_TOOLCHAIN_FILE)' \
	-DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_INSTALL_LIBDIR=lib \
	-DCMAKE_BUILD_TYPE=Release -DCMAKE_COLOR_MAKEFILE=OFF \
	-DBUILD_TESTING=OFF -DCMAKE_SKIP_RPATH=ON \
	-DPKG_CONFIG_EXECUTABLE='$(HOST_DIR)/bin/pkg-config' \
	$(call kiln-var,CONF_OPTS) $(2)
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

# make <pkg>-test (support/make/package-test.mk): the package is built
# without its tests (BUILD_TESTING=OFF above), so the test step
# configures and builds it again in kiln-build-tests, with
# BUILD_TESTING=ON and <PKG>_TEST_CONF_OPTS (a project's own switch for
# its tests), and runs CTest there. CTest runs the target's programs
# through the toolchain file's CMAKE_CROSSCOMPILING_EMULATOR. A build
# that registered no test fails (--no-tests=error): its switch for the
# tests is missing from <PKG>_TEST_CONF_OPTS, and "passed" would lie.
# Without C++ in the toolchain, the toolchain file names no C++
# compiler (a project whose project() enables C++ by default still
# configures), and CMake would take the build machine's c++ for tests
# written in C++, linking target objects with its ld: the test build
# names the missing <tuple>-g++, so such a suite stops at its configure.
define kiln-cmake-test
$(call kiln-cmake-target-configure-in,$(@D)/kiln-build-tests,-DBUILD_TESTING=ON \
	$(if $(KILN_TOOLCHAIN_CXX),,-DCMAKE_CXX_COMPILER='$(HOST_DIR)/bin/$(GNU_TARGET_NAME)-g++') $(call kiln-var,TEST_CONF_OPTS))
$(TARGET_MAKE_ENV) $(MAKE) -C '$(@D)/kiln-build-tests'
cd '$(@D)/kiln-build-tests' && $(TARGET_MAKE_ENV) ctest --output-on-failure --no-tests=error
endef

# cmake-package and host-cmake-package.
$(call kiln-build-system-macros,cmake)
