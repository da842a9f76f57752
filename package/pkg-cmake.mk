# The CMake infrastructure: cmake-package and host-cmake-package. The
# build happens out of source, in <build dir>/kiln-build; target
# packages use the toolchain's CMake file, whose paths are relative to
# itself, so each package compiles against its own per-package sysroot.
# See docs/package-infrastructures.md.
#
# As in pkg-autotools.mk, only a few ?= assignments are parsed per
# package; the commands are expanded when a step runs, for $(PKGUP).

CMAKE_BUILD_SUBDIR = kiln-build
kiln-cmake-srcdir = $(@D)$(if $($(PKGUP)_SUBDIR),/$($(PKGUP)_SUBDIR))
kiln-cmake-builddir = $(@D)/$(CMAKE_BUILD_SUBDIR)

# cmake is not built by Kiln: check it before the first use.
define kiln-cmake-check
command -v cmake >/dev/null || { echo "$(PKG): cmake is not installed on the build machine (apt-get install cmake)" >&2; exit 1; }
endef

# Starting from an empty build directory makes a reconfigure honest.
define kiln-cmake-target-configure
$(kiln-cmake-check)
rm -rf '$(kiln-cmake-builddir)' && mkdir -p '$(kiln-cmake-builddir)'
cd '$(kiln-cmake-builddir)' && \
$(TARGET_MAKE_ENV) PKG_CONFIG='$(HOST_DIR)/bin/pkg-config' $($(PKGUP)_CONF_ENV) \
cmake '$(kiln-cmake-srcdir)' \
	-DCMAKE_TOOLCHAIN_FILE='$(TARGET_CMAKE_TOOLCHAIN_FILE)' \
	-DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_INSTALL_LIBDIR=lib \
	-DCMAKE_BUILD_TYPE=Release -DCMAKE_COLOR_MAKEFILE=OFF \
	-DBUILD_TESTING=OFF -DCMAKE_SKIP_RPATH=ON \
	-DPKG_CONFIG_EXECUTABLE='$(HOST_DIR)/bin/pkg-config' \
	$($(PKGUP)_CONF_OPTS)
endef

# Host: RPATHs are the RPATH fixer's business ($ORIGIN ones), so CMake
# sets none of its own.
define kiln-cmake-host-configure
$(kiln-cmake-check)
rm -rf '$(kiln-cmake-builddir)' && mkdir -p '$(kiln-cmake-builddir)'
cd '$(kiln-cmake-builddir)' && \
$(HOST_CONFIGURE_OPTS) $($(PKGUP)_CONF_ENV) \
cmake '$(kiln-cmake-srcdir)' \
	-DCMAKE_INSTALL_PREFIX='$(HOST_DIR)' -DCMAKE_INSTALL_LIBDIR=lib \
	-DCMAKE_PREFIX_PATH='$(HOST_DIR)' \
	-DCMAKE_BUILD_TYPE=Release -DCMAKE_COLOR_MAKEFILE=OFF \
	-DBUILD_TESTING=OFF -DCMAKE_SKIP_RPATH=ON \
	$($(PKGUP)_CONF_OPTS)
endef

define kiln-cmake-target-build
$(TARGET_MAKE_ENV) $(MAKE) -C '$(kiln-cmake-builddir)' $($(PKGUP)_MAKE_OPTS)
endef

define kiln-cmake-host-build
$(HOST_MAKE_ENV) $(MAKE) -C '$(kiln-cmake-builddir)' $($(PKGUP)_MAKE_OPTS)
endef

define kiln-cmake-install-staging
touch '$(@D)/.kiln-install-marker'
$(TARGET_MAKE_ENV) $(MAKE) -C '$(kiln-cmake-builddir)' \
	$(or $($(PKGUP)_INSTALL_STAGING_OPTS),DESTDIR='$(STAGING_DIR)' install)
$(kiln-fix-staging-la)
$(kiln-fix-config-scripts)
endef

define kiln-cmake-install-target
$(TARGET_MAKE_ENV) $(MAKE) -C '$(kiln-cmake-builddir)' \
	$(or $($(PKGUP)_INSTALL_TARGET_OPTS),DESTDIR='$(TARGET_DIR)' install)
endef

define kiln-cmake-host-install
$(HOST_MAKE_ENV) $(MAKE) -C '$(kiln-cmake-builddir)' $(or $($(PKGUP)_INSTALL_OPTS),install)
endef

define inner-cmake-package
$(2)_CONFIGURE_CMDS ?= $$(kiln-cmake-$(4)-configure)
$(2)_BUILD_CMDS ?= $$(kiln-cmake-$(4)-build)
$(if $(filter host,$(4)),
$(2)_INSTALL_CMDS ?= $$(kiln-cmake-host-install),
$(2)_INSTALL_STAGING_CMDS ?= $$(kiln-cmake-install-staging)
$(2)_INSTALL_TARGET_CMDS ?= $$(kiln-cmake-install-target)
$(2)_DEPENDENCIES += $$(if $$(filter NO,$$($(2)_NEEDS_PKGCONF)),,host-pkgconf))
$(call inner-generic-package,$(1),$(2),$(3),$(4))
endef

cmake-package = $(call inner-cmake-package,$(pkgname),$(call UPPERCASE,$(pkgname)),,target)
host-cmake-package = $(call inner-cmake-package,host-$(pkgname),$(call UPPERCASE,host-$(pkgname)),$(call UPPERCASE,$(pkgname)),host)
