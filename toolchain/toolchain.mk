# SPDX-License-Identifier: GPL-2.0-or-later
# The external toolchain: a target package named "toolchain" that every
# other target package depends on (KILN_TARGET_COMMON_DEPENDENCIES).
#
# - configure: checks the compiler exists, builds for the configured
#   architecture and uses glibc; names the Debian package to install
#   when it is missing.
# - build: compiles the compiler wrapper with the configured arch flags
#   baked in.
# - install: imports the compiler into HOST_DIR/opt/ext-toolchain
#   (gcc's relative layout kept, hardlinked), its C library into
#   STAGING_DIR, the wrapper and its links into HOST_DIR/bin, CMake and
#   Meson files into HOST_DIR/share/kiln, and the runtime libraries
#   into TARGET_DIR.
# The package lives in toolchain/, not package/toolchain/, so it calls
# inner-generic-package itself instead of $(eval $(generic-package)).

TOOLCHAIN_PREFIX := $(call kiln-word-safe,KILN_TOOLCHAIN_PREFIX,$(or $(KILN_TOOLCHAIN_PREFIX),$(GNU_TARGET_NAME)-))
# TOOLCHAIN_EXTERNAL_BIN=dir on the command line points a preset at
# another directory (the tests use it to hide the compiler).
ifeq ($(KILN_TOOLCHAIN_CUSTOM),y)
TOOLCHAIN_EXTERNAL_BIN ?= $(call kiln-path,KILN_TOOLCHAIN_CUSTOM_PATH)/bin
TOOLCHAIN_HINT := check KILN_TOOLCHAIN_CUSTOM_PATH ($(call kiln-path,KILN_TOOLCHAIN_CUSTOM_PATH)) and KILN_TOOLCHAIN_CUSTOM_PREFIX ($(TOOLCHAIN_PREFIX)) in make menuconfig, Toolchain
else
TOOLCHAIN_EXTERNAL_BIN ?= /usr/bin
TOOLCHAIN_HINT := choose another toolchain in make menuconfig, Toolchain
endif
TOOLCHAIN_REAL_CC := $(TOOLCHAIN_EXTERNAL_BIN)/$(TOOLCHAIN_PREFIX)gcc
TOOLCHAIN_REAL_CXX := $(if $(KILN_TOOLCHAIN_CXX),$(TOOLCHAIN_EXTERNAL_BIN)/$(TOOLCHAIN_PREFIX)g++,-)

TOOLCHAIN_TOOL := $(TOPDIR)/toolchain/scripts/kiln-toolchain
# The toolchain's cache (docs/toolchains.md): its finished imports, and
# for a build user who may not hardlink the compiler, a copy of its
# files. Per user by default, as the C helpers' cache
# (support/scripts/kiln-tools-cache); KILN_TOOLCHAIN_CACHE= (empty)
# turns it off. Not in any configuration hash: where the cache is
# changes no output.
ifeq ($(origin KILN_TOOLCHAIN_CACHE),undefined)
TOOLCHAIN_XDG_CACHE := $(or $(filter /%,$(XDG_CACHE_HOME)),$(if $(filter /%,$(HOME)),$(HOME)/.cache))
KILN_TOOLCHAIN_CACHE := $(if $(TOOLCHAIN_XDG_CACHE),$(TOOLCHAIN_XDG_CACHE)/kiln/toolchain)
endif
export KILN_TOOLCHAIN_CACHE
# The install runs outside the sandbox (docs/sandbox.md): it hardlinks
# the import cache's tree into HOST_DIR and TARGET_DIR, and in the
# sandbox the cache and the per-package directory are separate mounts,
# between which Linux refuses a hardlink (EXDEV). It is Kiln's own
# import (kiln-toolchain), reading only the build machine's compiler.
TOOLCHAIN_SANDBOX_STEPS = extract patch configure build
TOOLCHAIN_INSTALL_STAGING = YES
# Not in the artifact cache: a restore would unpack ~280 MB that the
# import hardlinks in less time (docs/cache.md).
TOOLCHAIN_ARTIFACT_CACHE = NO
TOOLCHAIN_LICENSE = GPL-3.0+ with GCC-exception-3.1 (gcc), LGPL-2.1+ (glibc)

# The wrapper's configuration, as C string literals. The backslashes
# survive make and reach the compiler as quotes.
kiln-cstr = '-D$(1)=\"$(2)\"'
TOOLCHAIN_WRAPPER_DEFS = \
	$(call kiln-cstr,KILN_WRAPPER_REAL_DIR,opt/ext-toolchain/bin) \
	$(call kiln-cstr,KILN_WRAPPER_REAL_PREFIX,$(TOOLCHAIN_PREFIX)) \
	$(call kiln-cstr,KILN_WRAPPER_SYSROOT,$(GNU_TARGET_NAME)/sysroot) \
	$(call kiln-cstr,KILN_WRAPPER_CPU,$(call kiln-word-safe,KILN_GCC_TARGET_CPU,$(KILN_GCC_TARGET_CPU))) \
	$(call kiln-cstr,KILN_WRAPPER_ARCH,$(call kiln-word-safe,KILN_GCC_TARGET_ARCH,$(KILN_GCC_TARGET_ARCH))) \
	$(call kiln-cstr,KILN_WRAPPER_ABI,$(call kiln-word-safe,KILN_GCC_TARGET_ABI,$(KILN_GCC_TARGET_ABI))) \
	$(call kiln-cstr,KILN_WRAPPER_FPU,$(call kiln-word-safe,KILN_GCC_TARGET_FPU,$(KILN_GCC_TARGET_FPU))) \
	$(call kiln-cstr,KILN_WRAPPER_FLOAT_ABI,$(call kiln-word-safe,KILN_GCC_TARGET_FLOAT_ABI,$(KILN_GCC_TARGET_FLOAT_ABI))) \
	$(call kiln-cstr,KILN_WRAPPER_LAUNCHER,$(call kiln-word-safe,KILN_TOOLCHAIN_LAUNCHER,$(KILN_TOOLCHAIN_LAUNCHER)))

# Wrapped drivers, and binutils linked under the target's tuple.
TOOLCHAIN_WRAPPED := gcc cc cpp $(if $(KILN_TOOLCHAIN_CXX),g++ c++)
TOOLCHAIN_BINUTILS := addr2line ar as c++filt elfedit gcc-ar gcc-nm gcc-ranlib gcov gprof \
	ld ld.bfd ld.gold nm objcopy objdump ranlib readelf size strings strip

# What target programs need at run time (the dynamic loader is found
# from a test program's PT_INTERP).
TOOLCHAIN_TARGET_LIBS := libc.so.6 libm.so.6 libresolv.so.2 libpthread.so.0 libdl.so.2 \
	librt.so.1 libgcc_s.so.1 $(if $(KILN_TOOLCHAIN_CXX),libstdc++.so.6)

# For the generated CMake and Meson files.
TOOLCHAIN_CMAKE_PROCESSOR := $(KILN_ARCH_NAME)
TOOLCHAIN_MESON_CPU_FAMILY := $(KILN_ARCH_NAME)
TOOLCHAIN_MESON_CPU := $(or $(KILN_GCC_TARGET_CPU),$(KILN_GCC_TARGET_ARCH),$(KILN_ARCH_NAME))
TOOLCHAIN_NEEDS_EXE_WRAPPER := $(if $(filter x86_64,$(KILN_ARCH_NAME)),false,true)

define TOOLCHAIN_CONFIGURE_CMDS
	'$(TOOLCHAIN_TOOL)' check '$(TOOLCHAIN_REAL_CC)' '$(TOOLCHAIN_REAL_CXX)' '$(KILN_ARCH_NAME)' \
		'$(KILN_GCC_TARGET_FLOAT_ABI)' $(call kiln-sq,$(KILN_TOOLCHAIN_DEBIAN_PACKAGE)) \
		$(call kiln-sq,$(KILN_TOOLCHAIN_DEBIAN_CXX_PACKAGE)) $(call kiln-sq,$(TOOLCHAIN_HINT))
endef

TOOLCHAIN_BUILD_WRAPPER = $(MAKE) -C '$(TOPDIR)/toolchain/wrapper' O='$(@D)/wrapper' V=$(V) \
		WRAPPER_DEFS="$(TOOLCHAIN_WRAPPER_DEFS)"

# The import cache (kiln-toolchain cache-*, docs/toolchains.md): the
# finished per-package tree, keyed by these values (every command of
# the import, with every variable they use, expanded; the output
# directory's paths left out, so that every output directory shares
# the entry) and by the sources and compilers kiln-toolchain hashes. A
# hit skips the wrapper's build and the whole install but for its
# hardlinks. Written by make when the step's script is.
toolchain-neutral = $(subst $(TOPDIR)/,@TOPDIR@/,$(subst $(@D)/,@BUILD@/,$(subst \
	$(PER_PACKAGE_DIR)/toolchain/,@PPD@/,$(1))))
define TOOLCHAIN_CACHE_VALUES
wrapper $(TOOLCHAIN_WRAPPER_DEFS)
import $(call toolchain-neutral,$(TOOLCHAIN_IMPORT_CMDS))
runtime $(call toolchain-neutral,$(TOOLCHAIN_RUNTIME_CMDS))
endef
toolchain-cache-values = $(file >$(@D)/.kiln-tc-values,$(TOOLCHAIN_CACHE_VALUES))
TOOLCHAIN_CACHE_ARGS = '$(@D)' '$(TOOLCHAIN_REAL_CC)' '$(TOOLCHAIN_REAL_CXX)'

define TOOLCHAIN_BUILD_CMDS
	$(toolchain-cache-values)
	'$(TOOLCHAIN_TOOL)' cache-lookup $(TOOLCHAIN_CACHE_ARGS) || $(TOOLCHAIN_BUILD_WRAPPER)
endef

# $(1): template, $(2): output.
define toolchain-gen-file
	sed -e 's|@TUPLE@|$(GNU_TARGET_NAME)|g' \
		-e 's|@CMAKE_PROCESSOR@|$(TOOLCHAIN_CMAKE_PROCESSOR)|g' \
		-e 's|@MESON_CPU_FAMILY@|$(TOOLCHAIN_MESON_CPU_FAMILY)|g' \
		-e 's|@MESON_CPU@|$(TOOLCHAIN_MESON_CPU)|g' \
		-e 's|@NEEDS_EXE_WRAPPER@|$(TOOLCHAIN_NEEDS_EXE_WRAPPER)|g' \
		-e '$(if $(KILN_TOOLCHAIN_CXX),s|@CXX_LINE@|$(3)|,/@CXX_LINE@/d)' \
		'$(TOOLCHAIN_PKGDIR)files/$(1)' > '$(HOST_DIR)/share/kiln/$(2)'
endef

# The import proper, for a miss. KILN_TOOLCHAIN_SOURCES collects what
# it reads, and the stamp comes first: an entry is fresh while no
# source changed since.
define TOOLCHAIN_IMPORT_CMDS
	rm -f '$(@D)/.kiln-tc-sources'; touch '$(@D)/.kiln-tc-stamp'
	KILN_TOOLCHAIN_SOURCES='$(@D)/.kiln-tc-sources' \
		'$(TOOLCHAIN_TOOL)' import '$(TOOLCHAIN_REAL_CC)' '$(TOOLCHAIN_REAL_CXX)' '$(HOST_DIR)' '$(STAGING_DIR)'
	install -D -m 0755 '$(@D)/wrapper/bin/toolchain-wrapper' '$(HOST_DIR)/bin/toolchain-wrapper'
	for t in $(TOOLCHAIN_WRAPPED); do \
		ln -sfn toolchain-wrapper '$(HOST_DIR)/bin/$(GNU_TARGET_NAME)-'$$t; done
	for t in $(TOOLCHAIN_BINUTILS); do \
		if [ -e '$(HOST_DIR)/opt/ext-toolchain/bin/$(TOOLCHAIN_PREFIX)'$$t ]; then \
			ln -sfn '../opt/ext-toolchain/bin/$(TOOLCHAIN_PREFIX)'$$t '$(HOST_DIR)/bin/$(GNU_TARGET_NAME)-'$$t; fi; done
	install -D -m 0755 '$(KILN_TARGET_RUN_SCRIPT)' '$(HOST_DIR)/bin/kiln-target-run'
	mkdir -p '$(HOST_DIR)/share/kiln'
	$(call toolchain-gen-file,toolchainfile.cmake.in,toolchainfile.cmake,set(CMAKE_CXX_COMPILER "$${KILN_HOST_DIR}/bin/$(GNU_TARGET_NAME)-g++"))
	$(call toolchain-gen-file,cross-compilation.conf.in,cross-compilation.conf,cpp = '\''$(GNU_TARGET_NAME)-g++'\'')
endef

# A test program linked through the new wrapper proves the imported
# toolchain works and tells where the target's dynamic loader lives.
define TOOLCHAIN_RUNTIME_CMDS
	printf 'int main(void) { return 0; }\n' > '$(@D)/probe.c'
	'$(HOST_DIR)/bin/$(GNU_TARGET_NAME)-gcc' -o '$(@D)/probe' '$(@D)/probe.c' || { \
		echo "toolchain: the imported compiler cannot link a test program (above); see $(@D)/.logs/install.log" >&2; exit 1; }
	interp=$$('$(HOST_DIR)/bin/$(GNU_TARGET_NAME)-readelf' -l '$(@D)/probe' | sed -n 's/.*Requesting program interpreter: \(.*\)]$$/\1/p'); \
	test -n "$$interp" || { echo "toolchain: $(@D)/probe has no program interpreter; is the toolchain static-only?" >&2; exit 1; }; \
	'$(TOOLCHAIN_TOOL)' runtime '$(STAGING_DIR)' '$(TARGET_DIR)' "$$interp" $(TOOLCHAIN_TARGET_LIBS)
endef

# The step script is bash: the import runs when the cache had nothing
# to place, and then fills it (after the runtime libraries).
define TOOLCHAIN_INSTALL_STAGING_CMDS
	$(toolchain-cache-values)
	if ! '$(TOOLCHAIN_TOOL)' cache-place $(TOOLCHAIN_CACHE_ARGS) '$(HOST_DIR)' '$(TARGET_DIR)'; then
	$(TOOLCHAIN_BUILD_WRAPPER)
	$(TOOLCHAIN_IMPORT_CMDS)
	fi
endef

define TOOLCHAIN_INSTALL_TARGET_CMDS
	if [ ! -e '$(@D)/.kiln-tc-placed' ]; then
	$(TOOLCHAIN_RUNTIME_CMDS)
	'$(TOOLCHAIN_TOOL)' cache-fill $(TOOLCHAIN_CACHE_ARGS) '$(HOST_DIR)' '$(TARGET_DIR)'
	fi
endef

# Every target package builds with this toolchain (pkg-generic.mk
# leaves the toolchain itself out).
KILN_TARGET_COMMON_DEPENDENCIES = toolchain

$(eval $(call inner-generic-package,toolchain,TOOLCHAIN,,target))

# The wrapper maps the build directory to /kiln/build: every recipe
# sees it, whether or not a package passes TARGET_CONFIGURE_OPTS.
export KILN_BUILD_DIR := $(BUILD_DIR)

# ------------------------------------------------------------------
# What packages use. Recursive (=) on purpose: inside a step HOST_DIR
# is that package's per-package directory, so each package compiles
# with the wrapper (and sysroot) in its own directory.

TARGET_CROSS = $(HOST_DIR)/bin/$(GNU_TARGET_NAME)-
TARGET_CC = $(TARGET_CROSS)gcc
TARGET_CXX = $(TARGET_CROSS)g++
TARGET_CPP = $(TARGET_CROSS)cpp
TARGET_AR = $(TARGET_CROSS)ar
TARGET_AS = $(TARGET_CROSS)as
TARGET_LD = $(TARGET_CROSS)ld
TARGET_NM = $(TARGET_CROSS)nm
TARGET_RANLIB = $(TARGET_CROSS)ranlib
TARGET_OBJCOPY = $(TARGET_CROSS)objcopy
TARGET_OBJDUMP = $(TARGET_CROSS)objdump
TARGET_READELF = $(TARGET_CROSS)readelf
TARGET_STRIP = $(TARGET_CROSS)strip

# Arch flags are the wrapper's business, so they reach every compile,
# including those that ignore CFLAGS.
TARGET_CPPFLAGS = -D_LARGEFILE_SOURCE -D_LARGEFILE64_SOURCE -D_FILE_OFFSET_BITS=64
TARGET_CFLAGS = $(TARGET_CPPFLAGS) -O2 -pipe
TARGET_CXXFLAGS = $(TARGET_CFLAGS)
TARGET_LDFLAGS =

# In a step built in emulation (kiln-emulated, sandbox.mk), the target's
# tools and the native compilers of /.kiln/bin, not HOST_DIR's.
TARGET_MAKE_ENV = $(if $(call kiln-emulated,$(kiln-step-now)),PATH='$(KILN_EMULATION_PATH)',PATH="$(HOST_DIR)/bin:$(HOST_DIR)/sbin:$$PATH")

TARGET_CONFIGURE_OPTS = \
	$(TARGET_MAKE_ENV) \
	AR="$(TARGET_AR)" \
	AS="$(TARGET_AS)" \
	LD="$(TARGET_LD)" \
	NM="$(TARGET_NM)" \
	CC="$(TARGET_CC)" \
	GCC="$(TARGET_CC)" \
	CPP="$(TARGET_CPP)" \
	CXX="$(TARGET_CXX)" \
	RANLIB="$(TARGET_RANLIB)" \
	READELF="$(TARGET_READELF)" \
	STRIP="$(TARGET_STRIP)" \
	OBJCOPY="$(TARGET_OBJCOPY)" \
	OBJDUMP="$(TARGET_OBJDUMP)" \
	CPPFLAGS="$(TARGET_CPPFLAGS)" \
	CFLAGS="$(TARGET_CFLAGS)" \
	CXXFLAGS="$(TARGET_CXXFLAGS)" \
	LDFLAGS="$(TARGET_LDFLAGS)" \
	KILN_BUILD_DIR="$(BUILD_DIR)"

# For CMake and Meson packages.
TARGET_CMAKE_TOOLCHAIN_FILE = $(HOST_DIR)/share/kiln/toolchainfile.cmake
TARGET_MESON_CROSS_FILE = $(HOST_DIR)/share/kiln/cross-compilation.conf
