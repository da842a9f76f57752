# The build machine side of a build: the host compiler environment of
# host packages, and the host tools Kiln runs itself (patchelf for the
# RPATH fixer, fakeroot, mke2fs and mksquashfs for images), each either
# found on the build machine with a version check or built from source.
# Included by build.mk after toolchain.mk and before the packages.
# See docs/host-packages.md.

# ------------------------------------------------------------------
# Host packages compile with the build machine's compiler, against their
# own per-package HOST_DIR. No -Wl,-rpath: the RPATH fixer gives host
# programs $ORIGIN-relative RPATHs after the install.

HOSTCC = gcc
HOSTCXX = g++
HOST_CPPFLAGS = -I$(HOST_DIR)/include
HOST_CFLAGS = -O2 $(HOST_CPPFLAGS)
HOST_CXXFLAGS = $(HOST_CFLAGS)
HOST_LDFLAGS = -L$(HOST_DIR)/lib

# Kiln's top-level make runs with --no-builtin-rules, and MAKEFLAGS
# carries its "r" into package makes, whose Makefiles may rely on the
# built-in and suffix rules (e2fsprogs, squashfs-tools do): drop it.
KILN_PKG_MAKEFLAGS = MAKEFLAGS="$$(printf '%s' "$${MAKEFLAGS:-}" | sed -E 's/^([a-zA-Z]*)r/\1/')"

HOST_MAKE_ENV = $(KILN_PKG_MAKEFLAGS) PATH="$(HOST_DIR)/bin:$(HOST_DIR)/sbin:$$PATH"

HOST_CONFIGURE_OPTS = \
	$(HOST_MAKE_ENV) \
	CC="$(HOSTCC)" \
	CXX="$(HOSTCXX)" \
	CPPFLAGS="$(HOST_CPPFLAGS)" \
	CFLAGS="$(HOST_CFLAGS)" \
	CXXFLAGS="$(HOST_CXXFLAGS)" \
	LDFLAGS="$(HOST_LDFLAGS)"

# ------------------------------------------------------------------
# Found or built. For each tool X:
#   HOST_X_CMD            the command looked for on the build machine
#   HOST_X_MIN_VERSION    the oldest version that works
#   HOST_X_DEBIAN         the Debian package that provides it
#   HOST_X_PACKAGE        the Kiln host package that builds it (none:
#                         always the machine's)
#   HOST_X_VERSION_ARG    how to ask for the version
# and what others use:
#   $(HOST_X)             the path of the tool to run
#   $(HOST_TOOL_DEPS_X)   empty, or the host package to depend on
# The machine's copy is checked lazily: only when $(HOST_X) is expanded
# (by a step, or by host-tools-check), and once per make process.

KILN_HOST_TOOLS := PATCHELF FAKEROOT MKE2FS MKSQUASHFS

HOST_PATCHELF_CMD ?= patchelf
HOST_PATCHELF_MIN_VERSION = 0.14
HOST_PATCHELF_DEBIAN = patchelf
HOST_PATCHELF_PACKAGE = host-patchelf
HOST_PATCHELF_VERSION_ARG = --version

HOST_FAKEROOT_CMD ?= fakeroot
HOST_FAKEROOT_MIN_VERSION = 1.20
HOST_FAKEROOT_DEBIAN = fakeroot
# Its source cannot be fetched here (docs/host-packages.md): never built.
HOST_FAKEROOT_PACKAGE =
HOST_FAKEROOT_VERSION_ARG = --version

HOST_MKE2FS_CMD ?= mke2fs
HOST_MKE2FS_MIN_VERSION = 1.43
HOST_MKE2FS_DEBIAN = e2fsprogs
HOST_MKE2FS_PACKAGE = host-e2fsprogs
HOST_MKE2FS_VERSION_ARG = -V

HOST_MKSQUASHFS_CMD ?= mksquashfs
HOST_MKSQUASHFS_MIN_VERSION = 4.4
HOST_MKSQUASHFS_DEBIAN = squashfs-tools
HOST_MKSQUASHFS_PACKAGE = host-squashfs
HOST_MKSQUASHFS_VERSION_ARG = -version

# Built when KILN_BUILD_HOST_TOOLS=y and Kiln has a package for it.
kiln-host-tool-built = $(and $(filter y,$(KILN_BUILD_HOST_TOOLS)),$(HOST_$(1)_PACKAGE))

# Prints "ok PATH", "missing" or "old VERSION" for the machine's copy.
# The version is the first dotted number of the tool's --version output.
define kiln-host-tool-probe
p=$$(command -v '$(HOST_$(1)_CMD)' 2>/dev/null) || { echo missing; exit 0; }; \
v=$$("$$p" $(HOST_$(1)_VERSION_ARG) 2>&1 </dev/null | grep -Eo '[0-9]+\.[0-9]+(\.[0-9]+)?' | head -n 1); \
if [ -n "$$v" ] && [ "$$(printf '%s\n%s\n' '$(HOST_$(1)_MIN_VERSION)' "$$v" | sort -V | head -n 1)" = '$(HOST_$(1)_MIN_VERSION)' ]; \
then echo "ok $$p"; else echo "old $${v:-unknown}"; fi
endef

define kiln-host-tool-resolve
$(eval KILN_HT_PROBE_$(1) := $(shell $(call kiln-host-tool-probe,$(1))))
$(if $(filter ok,$(firstword $(KILN_HT_PROBE_$(1)))),$(word 2,$(KILN_HT_PROBE_$(1))),
$(error host tool $(HOST_$(1)_CMD): $(if $(filter missing,$(KILN_HT_PROBE_$(1))),not found on the build machine,version $(word 2,$(KILN_HT_PROBE_$(1))) is older than the $(HOST_$(1)_MIN_VERSION) Kiln needs): install the Debian package $(HOST_$(1)_DEBIAN) (apt-get install $(HOST_$(1)_DEBIAN))$(if $(HOST_$(1)_PACKAGE),$(comma) or set KILN_BUILD_HOST_TOOLS=y in make menuconfig$(comma) Build options$(comma) to build it from source)))
endef

kiln-host-tool-machine = $(if $(KILN_HT_DONE_$(1)),,$(eval KILN_HT_DONE_$(1) := 1)$(eval KILN_HT_PATH_$(1) := $(strip $(call kiln-host-tool-resolve,$(1)))))$(KILN_HT_PATH_$(1))

# The built copy is in the HOST_DIR of whichever package runs it.
kiln-host-tool = $(if $(call kiln-host-tool-built,$(1)),$(HOST_DIR)/bin/$(notdir $(HOST_$(1)_CMD)),$(call kiln-host-tool-machine,$(1)))

HOST_PATCHELF = $(call kiln-host-tool,PATCHELF)
HOST_FAKEROOT = $(call kiln-host-tool,FAKEROOT)
HOST_MKE2FS = $(call kiln-host-tool,MKE2FS)
HOST_MKSQUASHFS = $(call kiln-host-tool,MKSQUASHFS)

HOST_TOOL_DEPS_PATCHELF := $(call kiln-host-tool-built,PATCHELF)
HOST_TOOL_DEPS_FAKEROOT :=
HOST_TOOL_DEPS_MKE2FS := $(call kiln-host-tool-built,MKE2FS)
HOST_TOOL_DEPS_MKSQUASHFS := $(call kiln-host-tool-built,MKSQUASHFS)

# The RPATH fixer runs after every package's install, so with
# KILN_BUILD_HOST_TOOLS=y every target package needs the built patchelf
# in its HOST_DIR/bin, which comes first in the step's PATH.
KILN_TARGET_COMMON_DEPENDENCIES += $(HOST_TOOL_DEPS_PATCHELF)

# The tools a configuration needs checked up front; image formats add
# theirs (e.g. KILN_HOST_TOOLS_NEEDED += MKSQUASHFS FAKEROOT).
KILN_HOST_TOOLS_NEEDED += PATCHELF

# make host-tools-check: checks the needed tools (or TOOLS='MKE2FS ...')
# and prints which copy each one uses.
.PHONY: host-tools-check
host-tools-check:
	@:$(foreach t,$(or $(TOOLS),$(sort $(KILN_HOST_TOOLS_NEEDED))),$(info $(HOST_$(t)_CMD): $(if $(call kiln-host-tool-built,$(t)),built by $(HOST_$(t)_PACKAGE),$(call kiln-host-tool-machine,$(t)))))
