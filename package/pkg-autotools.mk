# SPDX-License-Identifier: GPL-2.0-or-later
# The autotools infrastructure: autotools-package and
# host-autotools-package, for packages built with ./configure && make &&
# make install. See docs/package-infrastructures.md.
#
# What every build-system infrastructure shares (the per-package
# defaults, host-pkgconf, the staging install's fix-ups, kiln-var,
# kiln-srcdir) is in pkg-generic.mk (inner-build-system-package). This
# file only says how to configure, build and install; everything below
# is expanded when a step runs, for the package whose step it is.
# Target packages find host-pkgconf as PKG_CONFIG: the wrapper answers
# from the package's own per-package sysroot.

# Where a newer config.sub/config.guess comes from (Debian's
# autotools-dev installs them there). Old copies do not know newer
# tuples such as aarch64 or riscv64.
AUTOTOOLS_CONFIG_AUX_DIR ?= /usr/share/misc

# The tuple of the build machine, asked of the host compiler when a
# configure runs (not at parse time).
AUTOTOOLS_BUILD_TUPLE = "$$($(HOSTCC) -dumpmachine)"

# _AUTORECONF = YES regenerates the build system with the build
# machine's autoconf, automake and libtool (and autopoint for a
# configure.ac using gettext): check they are there first.
define kiln-autotools-autoreconf
$(if $(call kiln-emulated,configure),echo "$(PKG): $(PKGUP)_AUTORECONF = YES and $(PKGUP)_BUILD_IN_EMULATION = YES in $($(PKGUP)_PKGDIR)$($(PKGUP)_RAWNAME).mk: in emulation the tools are the target's and it has no autoconf: drop one of the two (docs/sandbox.md)" >&2; exit 1)
for t in autoreconf automake libtoolize; do \
	command -v "$$t" >/dev/null || { echo "$(PKG): $(PKGUP)_AUTORECONF = YES in $($(PKGUP)_PKGDIR)$($(PKGUP)_RAWNAME).mk needs $$t on the build machine (apt-get install autoconf automake libtool; utils/setup-host does it)" >&2; exit 1; }; done
if grep -qs 'AM_GNU_GETTEXT' '$(kiln-srcdir)/configure.ac' '$(kiln-srcdir)/configure.in' && ! command -v autopoint >/dev/null; then \
	echo "$(PKG): $(PKGUP)_AUTORECONF = YES in $($(PKGUP)_PKGDIR)$($(PKGUP)_RAWNAME).mk needs autopoint on the build machine: the package uses gettext (apt-get install autopoint gettext; utils/setup-host does it)" >&2; exit 1; fi
cd '$(kiln-srcdir)' && autoreconf -fi $(call kiln-var,AUTORECONF_OPTS)
endef

# Replace config.sub/config.guess that do not know the target's
# architecture, when the build machine has newer ones.
define kiln-autotools-update-config-scripts
for f in $$(find '$(@D)' -name config.sub -o -name config.guess); do \
	if ! grep -q '$(KILN_ARCH_NAME)' "$$f" || ! grep -q riscv64 "$$f"; then \
		if [ -f '$(AUTOTOOLS_CONFIG_AUX_DIR)/'"$${f##*/}" ]; then \
			echo "Updating $${f#$(@D)/}"; cp -f '$(AUTOTOOLS_CONFIG_AUX_DIR)/'"$${f##*/}" "$$f"; \
		else echo "$(PKG): warning: $${f#$(@D)/} looks old and $(AUTOTOOLS_CONFIG_AUX_DIR) has no newer one (apt-get install autotools-dev)" >&2; fi; \
	fi; done
endef

define kiln-autotools-prepare
$(if $(filter YES,$(call kiln-var,AUTORECONF)),$(kiln-autotools-autoreconf),$(kiln-autotools-update-config-scripts))
test -x '$(kiln-srcdir)/configure' || { echo "$(PKG): $(kiln-srcdir)/configure is missing (set $(PKGUP)_AUTORECONF = YES in $($(PKGUP)_PKGDIR)$($(PKGUP)_RAWNAME).mk if the source has only configure.ac)" >&2; exit 1; }
endef

# libtool relinks, at install time, a library that links with another
# library of the same package (libpcre2-posix with libpcre2-8), and
# that relink adds -L<libdir>: -L/usr/lib under DESTDIR, the build
# machine's libraries, which the compiler wrapper refuses. The library
# linked in the build tree is the right one (the RPATH fixer drops any
# RPATH into the build), so libtool is told never to relink, as
# Buildroot's libtool patch does. ltmain.sh becomes part of the libtool
# script at configure time: this runs before configure.
define kiln-autotools-no-relink
find '$(@D)' -name ltmain.sh -type f -exec \
	sed -i -e 's/^\([[:space:]]*\)need_relink=yes$$/\1need_relink=no/' {} +
endef

# CONFIG_SITE=/dev/null: a build machine's config.site must not tell a
# cross configure where its libraries are. With <PKG>_CONF_RUN_TESTS =
# YES there is no --build: configure sets cross_compiling=maybe, runs
# its first test program, which starts through the sandbox's binfmt_misc
# (support/make/sandbox.mk), and so runs AC_RUN_IFELSE's tests.
define kiln-autotools-target-configure
$(kiln-autotools-prepare)
$(kiln-autotools-no-relink)
$(if $(call kiln-emulated,configure),$(kiln-autotools-emulated-configure),$(kiln-autotools-cross-configure))
endef

define kiln-autotools-cross-configure
cd '$(kiln-srcdir)' && rm -f config.cache && \
$(TARGET_CONFIGURE_OPTS) \
PKG_CONFIG='$(HOST_DIR)/bin/pkg-config' \
CONFIG_SITE=/dev/null \
$(call kiln-var,CONF_ENV) \
./configure \
	--host='$(GNU_TARGET_NAME)' $(if $(and $(kiln-sandbox-run-tests),$(filter y,$(KILN_BINFMT_USED))),,--build=$(AUTOTOOLS_BUILD_TUPLE)) \
	--prefix=/usr --exec-prefix=/usr --sysconfdir=/etc --localstatedir=/var \
	--disable-dependency-tracking \
	$(call kiln-var,CONF_OPTS)
endef

# <PKG>_BUILD_IN_EMULATION (support/make/sandbox.mk): a native configure
# on the target, as far as configure can tell. No --host or --build:
# config.guess, run by the target's shell, finds the target's tuple, so
# there is no cross compiling, and every test program runs. cc is the
# cross compiler, run natively (/.kiln/bin, first in PATH), with the
# flags a cross build gets.
define kiln-autotools-emulated-configure
cd '$(kiln-srcdir)' && rm -f config.cache && \
$(TARGET_MAKE_ENV) \
CC=gcc CXX=g++ CPP='gcc -E' \
CPPFLAGS="$(TARGET_CPPFLAGS)" CFLAGS="$(TARGET_CFLAGS)" CXXFLAGS="$(TARGET_CXXFLAGS)" LDFLAGS="$(TARGET_LDFLAGS)" \
KILN_BUILD_DIR="$(BUILD_DIR)" \
CONFIG_SITE=/dev/null \
$(call kiln-var,CONF_ENV) \
./configure \
	--prefix=/usr --exec-prefix=/usr --sysconfdir=/etc --localstatedir=/var \
	--disable-dependency-tracking \
	$(call kiln-var,CONF_OPTS)
endef

define kiln-autotools-host-configure
$(kiln-autotools-prepare)
cd '$(kiln-srcdir)' && rm -f config.cache && \
$(HOST_CONFIGURE_OPTS) \
CONFIG_SITE=/dev/null \
$(call kiln-var,CONF_ENV) \
./configure \
	--prefix='$(HOST_DIR)' --sysconfdir='$(HOST_DIR)/etc' --localstatedir='$(HOST_DIR)/var' \
	--disable-dependency-tracking \
	$(call kiln-var,CONF_OPTS)
endef

# Build and install: make in the source (or _SUBDIR). The libtool
# archives the target install put into the target go: nothing on the
# target uses them.
$(call kiln-make-steps,autotools,kiln-srcdir)
define kiln-autotools-install-target
$(call kiln-make-install-target,$(kiln-srcdir))
find '$(TARGET_DIR)' -name '*.la' -newer '$(@D)/.stamp_built' -delete
endef

# autotools-package and host-autotools-package.
$(call kiln-build-system-macros,autotools)
