# SPDX-License-Identifier: GPL-2.0-or-later
# The Meson infrastructure: meson-package and host-meson-package, for
# packages built with meson setup && ninja && ninja install. The build
# happens out of source, in <build dir>/kiln-build. See
# docs/package-infrastructures.md.
#
# Design notes
# - A target package gets its own cross file and native file, written
#   into its build directory by its configure step. They name the tools
#   of the package's own per-package HOST_DIR by absolute path (compiler
#   wrapper, binutils, pkg-config wrapper, sysroot), so the meson build
#   directory, which keeps these values for later regenerations, can
#   only ever see this package's dependencies. The toolchain's generic
#   cross-compilation.conf (tools named without a directory, for SDK
#   users) is not used.
# - Meson ignores CC, CFLAGS and the like from the environment for both
#   machines of a cross build, so the flags go into the files too:
#   TARGET_CFLAGS/LDFLAGS for the target, HOST_CFLAGS/LDFLAGS for
#   programs built to run during the build (native: true).
# - What the infrastructures share is in pkg-generic.mk
#   (inner-build-system-package); the commands below are expanded when
#   a step runs, for $(PKGUP).

MESON ?= meson
NINJA ?= ninja

kiln-meson-cross-file = $(@D)/kiln-meson-cross.conf
kiln-meson-native-file = $(@D)/kiln-meson-native.conf

# Meson string and array literals, for the machine files.
kiln-meson-str = '$(subst ',\',$(subst \,\\,$(1)))'
kiln-meson-list = [$(subst $(space),$(comma)$(space),$(strip $(foreach w,$(1),$(call kiln-meson-str,$(w)))))]

# The target machine, from the architecture options (the toolchain
# derives the same values for its own Meson file).
MESON_TARGET_CPU_FAMILY = $(TOOLCHAIN_MESON_CPU_FAMILY)
MESON_TARGET_CPU = $(TOOLCHAIN_MESON_CPU)
MESON_TARGET_ENDIAN = $(KILN_ENDIAN)

# meson and ninja are not built by Kiln: check them before the first use.
define kiln-meson-check
command -v '$(MESON)' >/dev/null || { echo "$(PKG): meson is not installed on the build machine (apt-get install meson ninja-build; utils/setup-host does it)" >&2; exit 1; }
command -v '$(NINJA)' >/dev/null || { echo "$(PKG): ninja is not installed on the build machine (apt-get install ninja-build; utils/setup-host does it)" >&2; exit 1; }
endef

# The cross file: the machine the package is built for, with the tools
# of its own HOST_DIR (TARGET_CROSS). pkgconfig is Meson 1.0's name for
# pkg-config (pkg-config only from Meson 1.3 on).
define kiln-meson-cross-file-text
# Written by Kiln's configure step for $(PKG) (package/pkg-meson.mk).
[binaries]
c = $(call kiln-meson-str,$(TARGET_CROSS)gcc)
$(if $(KILN_TOOLCHAIN_CXX),cpp = $(call kiln-meson-str,$(TARGET_CROSS)g++))
ar = $(call kiln-meson-str,$(TARGET_CROSS)ar)
nm = $(call kiln-meson-str,$(TARGET_CROSS)nm)
strip = $(call kiln-meson-str,$(TARGET_CROSS)strip)
objcopy = $(call kiln-meson-str,$(TARGET_CROSS)objcopy)
pkgconfig = $(call kiln-meson-str,$(HOST_DIR)/bin/pkg-config)
$(if $(kiln-target-can-run),exe_wrapper = $(call kiln-meson-list,$(KILN_TARGET_RUN_SCRIPT) --package $(PKG) --sysroot $(STAGING_DIR)))

[properties]
sys_root = $(call kiln-meson-str,$(STAGING_DIR))
pkg_config_libdir = $(call kiln-meson-str,$(STAGING_DIR)/usr/lib/pkgconfig:$(STAGING_DIR)/usr/share/pkgconfig)
needs_exe_wrapper = $(TOOLCHAIN_NEEDS_EXE_WRAPPER)

[built-in options]
c_args = $(call kiln-meson-list,$(call kiln-var,CFLAGS,$(TARGET_CFLAGS)))
c_link_args = $(call kiln-meson-list,$(call kiln-var,LDFLAGS,$(TARGET_LDFLAGS)))
cpp_args = $(call kiln-meson-list,$(call kiln-var,CXXFLAGS,$(TARGET_CXXFLAGS)))
cpp_link_args = $(call kiln-meson-list,$(call kiln-var,LDFLAGS,$(TARGET_LDFLAGS)))

[host_machine]
system = 'linux'
cpu_family = $(call kiln-meson-str,$(MESON_TARGET_CPU_FAMILY))
cpu = $(call kiln-meson-str,$(MESON_TARGET_CPU))
endian = $(call kiln-meson-str,$(MESON_TARGET_ENDIAN))
endef

# The native file: the build machine, for programs a target package
# builds and runs during its build. Its pkg-config is the same wrapper
# in host mode, answering from HOST_DIR/lib/pkgconfig (host packages).
define kiln-meson-native-file-text
# Written by Kiln's configure step for $(PKG) (package/pkg-meson.mk).
[binaries]
c = $(call kiln-meson-str,$(HOSTCC))
cpp = $(call kiln-meson-str,$(HOSTCXX))
pkgconfig = ['env', 'KILN_PKG_CONFIG_HOST=1', $(call kiln-meson-str,$(HOST_DIR)/bin/pkg-config)]

[built-in options]
c_args = $(call kiln-meson-list,$(HOST_CFLAGS))
c_link_args = $(call kiln-meson-list,$(HOST_LDFLAGS))
cpp_args = $(call kiln-meson-list,$(HOST_CXXFLAGS))
cpp_link_args = $(call kiln-meson-list,$(HOST_LDFLAGS))
endef

kiln-meson-ninja-opts = -j$(KILN_JLEVEL)$(if $(filter 1,$(V)), -v) $(call kiln-var,NINJA_OPTS)

# Starting from an empty build directory makes a reconfigure honest.
# The machine files go through a quoted here-document: written as is.
define kiln-meson-target-configure
$(kiln-meson-check)
rm -rf '$(kiln-builddir)' && mkdir -p '$(kiln-builddir)'
cat > '$(kiln-meson-cross-file)' <<'KILN_MESON_EOF'
$(kiln-meson-cross-file-text)
KILN_MESON_EOF
cat > '$(kiln-meson-native-file)' <<'KILN_MESON_EOF'
$(kiln-meson-native-file-text)
KILN_MESON_EOF
$(TARGET_MAKE_ENV) $(call kiln-var,CONF_ENV) \
'$(MESON)' setup \
	--cross-file='$(kiln-meson-cross-file)' --native-file='$(kiln-meson-native-file)' \
	--prefix=/usr --libdir=lib --sysconfdir=/etc --localstatedir=/var \
	--buildtype=release --wrap-mode=nodownload \
	$(call kiln-var,CONF_OPTS) \
	'$(kiln-builddir)' '$(kiln-srcdir)'
endef

# Host: a native build with the build machine's compiler, which Meson
# does take from the environment (HOST_CONFIGURE_OPTS). pkg-config is
# whichever comes first in PATH: Kiln's wrapper when host-pkgconf is a
# dependency, else the machine's, which looks in HOST_DIR first through
# pkg_config_path. Host mode (KILN_PKG_CONFIG_HOST) comes from the step
# prologue of every host package (kiln-step-prologue, pkg-generic.mk).
define kiln-meson-host-configure
$(kiln-meson-check)
rm -rf '$(kiln-builddir)' && mkdir -p '$(kiln-builddir)'
$(HOST_CONFIGURE_OPTS) $(call kiln-var,CONF_ENV) \
'$(MESON)' setup \
	--prefix='$(HOST_DIR)' --libdir=lib --sysconfdir='$(HOST_DIR)/etc' --localstatedir='$(HOST_DIR)/var' \
	--buildtype=release --wrap-mode=nodownload \
	-Dpkg_config_path='$(HOST_DIR)/lib/pkgconfig:$(HOST_DIR)/share/pkgconfig' \
	$(call kiln-var,CONF_OPTS) \
	'$(kiln-builddir)' '$(kiln-srcdir)'
endef

define kiln-meson-target-build
$(TARGET_MAKE_ENV) $(call kiln-var,NINJA_ENV) '$(NINJA)' -C '$(kiln-builddir)' $(kiln-meson-ninja-opts)
endef

define kiln-meson-host-build
$(HOST_MAKE_ENV) $(call kiln-var,NINJA_ENV) '$(NINJA)' -C '$(kiln-builddir)' $(kiln-meson-ninja-opts)
endef

define kiln-meson-install-staging
$(TARGET_MAKE_ENV) $(call kiln-var,NINJA_ENV) DESTDIR='$(STAGING_DIR)' \
	'$(NINJA)' -C '$(kiln-builddir)' $(kiln-meson-ninja-opts) install
endef

define kiln-meson-install-target
$(TARGET_MAKE_ENV) $(call kiln-var,NINJA_ENV) DESTDIR='$(TARGET_DIR)' \
	'$(NINJA)' -C '$(kiln-builddir)' $(kiln-meson-ninja-opts) install
endef

define kiln-meson-host-install
$(HOST_MAKE_ENV) $(call kiln-var,NINJA_ENV) \
	'$(NINJA)' -C '$(kiln-builddir)' $(kiln-meson-ninja-opts) install
endef

# meson-package and host-meson-package.
$(call kiln-build-system-macros,meson)
