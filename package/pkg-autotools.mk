# The autotools infrastructure: autotools-package and
# host-autotools-package, for packages built with ./configure && make &&
# make install. See docs/package-infrastructures.md.
#
# Design notes
# - Per package, only a handful of variable assignments are parsed: the
#   default commands of configure, build and install are named through
#   <PKG>_<STEP>_CMDS with ?=, so a package's own commands win, and are
#   expanded only when the step runs. Everything below that uses
#   $(PKGUP) is resolved then, for the package whose step it is.
# - Target packages depend on host-pkgconf unless they say
#   <PKG>_NEEDS_PKGCONF = NO, and find it as PKG_CONFIG: the wrapper
#   answers from the package's own per-package sysroot.

# Where a newer config.sub/config.guess comes from (Debian's
# autotools-dev installs them there). Old copies do not know newer
# tuples such as aarch64 or riscv64.
AUTOTOOLS_CONFIG_AUX_DIR ?= /usr/share/misc

# The tuple of the build machine, asked of the host compiler when a
# configure runs (not at parse time).
AUTOTOOLS_BUILD_TUPLE = "$$($(HOSTCC) -dumpmachine)"

kiln-at = $($(PKGUP)_$(1))
kiln-at-srcdir = $(@D)$(if $(call kiln-at,SUBDIR),/$(call kiln-at,SUBDIR))

# _AUTORECONF = YES regenerates the build system with the build
# machine's autoconf, automake and libtool (and autopoint for a
# configure.ac using gettext): check they are there first.
define kiln-autotools-autoreconf
for t in autoreconf automake libtoolize; do \
	command -v "$$t" >/dev/null || { echo "$(PKG): $(PKGUP)_AUTORECONF = YES in $($(PKGUP)_PKGDIR)$($(PKGUP)_RAWNAME).mk needs $$t on the build machine (apt-get install autoconf automake libtool; utils/setup-host does it)" >&2; exit 1; }; done
if grep -qs 'AM_GNU_GETTEXT' '$(kiln-at-srcdir)/configure.ac' '$(kiln-at-srcdir)/configure.in' && ! command -v autopoint >/dev/null; then \
	echo "$(PKG): $(PKGUP)_AUTORECONF = YES in $($(PKGUP)_PKGDIR)$($(PKGUP)_RAWNAME).mk needs autopoint on the build machine: the package uses gettext (apt-get install autopoint gettext; utils/setup-host does it)" >&2; exit 1; fi
cd '$(kiln-at-srcdir)' && autoreconf -fi $(call kiln-at,AUTORECONF_OPTS)
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
$(if $(filter YES,$(call kiln-at,AUTORECONF)),$(kiln-autotools-autoreconf),$(kiln-autotools-update-config-scripts))
test -x '$(kiln-at-srcdir)/configure' || { echo "$(PKG): $(kiln-at-srcdir)/configure is missing (set $(PKGUP)_AUTORECONF = YES in $($(PKGUP)_PKGDIR)$($(PKGUP)_RAWNAME).mk if the source has only configure.ac)" >&2; exit 1; }
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
# cross configure where its libraries are.
define kiln-autotools-target-configure
$(kiln-autotools-prepare)
$(kiln-autotools-no-relink)
cd '$(kiln-at-srcdir)' && rm -f config.cache && \
$(TARGET_CONFIGURE_OPTS) \
PKG_CONFIG='$(HOST_DIR)/bin/pkg-config' \
CONFIG_SITE=/dev/null \
$(call kiln-at,CONF_ENV) \
./configure \
	--host='$(GNU_TARGET_NAME)' --build=$(AUTOTOOLS_BUILD_TUPLE) \
	--prefix=/usr --exec-prefix=/usr --sysconfdir=/etc --localstatedir=/var \
	--disable-dependency-tracking \
	$(call kiln-at,CONF_OPTS)
endef

define kiln-autotools-host-configure
$(kiln-autotools-prepare)
cd '$(kiln-at-srcdir)' && rm -f config.cache && \
$(HOST_CONFIGURE_OPTS) \
CONFIG_SITE=/dev/null \
$(call kiln-at,CONF_ENV) \
./configure \
	--prefix='$(HOST_DIR)' --sysconfdir='$(HOST_DIR)/etc' --localstatedir='$(HOST_DIR)/var' \
	--disable-dependency-tracking \
	$(call kiln-at,CONF_OPTS)
endef

define kiln-autotools-target-build
$(TARGET_MAKE_ENV) $(MAKE) -C '$(kiln-at-srcdir)' $(call kiln-at,MAKE_OPTS)
endef

define kiln-autotools-host-build
$(HOST_MAKE_ENV) $(MAKE) -C '$(kiln-at-srcdir)' $(call kiln-at,MAKE_OPTS)
endef

# A marker before the install tells the files this package installed
# from those it imported (whose inodes dependents share: never edit
# those in place).
define kiln-autotools-install-staging
touch '$(@D)/.kiln-install-marker'
$(TARGET_MAKE_ENV) $(MAKE) -C '$(kiln-at-srcdir)' \
	$(or $(call kiln-at,INSTALL_STAGING_OPTS),DESTDIR='$(STAGING_DIR)' install)
$(kiln-fix-staging-la)
$(kiln-fix-config-scripts)
endef

define kiln-autotools-install-target
$(TARGET_MAKE_ENV) $(MAKE) -C '$(kiln-at-srcdir)' \
	$(or $(call kiln-at,INSTALL_TARGET_OPTS),DESTDIR='$(TARGET_DIR)' install)
find '$(TARGET_DIR)' -name '*.la' -newer '$(@D)/.stamp_built' -delete
endef

define kiln-autotools-host-install
$(HOST_MAKE_ENV) $(MAKE) -C '$(kiln-at-srcdir)' $(or $(call kiln-at,INSTALL_OPTS),install)
endef

# Libtool archives installed with DESTDIR name /usr/lib, the build
# machine's: point them at this package's staging directory instead.
# The copier flags files holding that path (reloc) and rewrites it for
# every dependent's per-package directory, so a dependent links against
# its own sysroot. Also used by packages of other infrastructures.
define kiln-fix-staging-la
find '$(STAGING_DIR)' -name '*.la' -newer '$(@D)/.kiln-install-marker' -type f -print | while IFS= read -r la; do \
	sed -i -e "s:\([' =]\)/usr/lib:\1$(STAGING_DIR)/usr/lib:g" -e "s:-L/usr/lib:-L$(STAGING_DIR)/usr/lib:g" "$$la"; done
endef

# <PKG>_CONFIG_SCRIPTS: foo-config scripts in STAGING_DIR/usr/bin whose
# prefix must be the staging directory, for the same reason.
define kiln-fix-config-scripts
$(foreach s,$(call kiln-at,CONFIG_SCRIPTS),
test -f '$(STAGING_DIR)/usr/bin/$(s)' || { echo "$(PKG): $(PKGUP)_CONFIG_SCRIPTS names $(s), which the install did not put in $(STAGING_DIR)/usr/bin (fix $($(PKGUP)_PKGDIR)$($(PKGUP)_RAWNAME).mk)" >&2; exit 1; }
sed -i -e "s:\(['=\" ]\)/usr:\1$(STAGING_DIR)/usr:g" '$(STAGING_DIR)/usr/bin/$(s)')
endef

# ------------------------------------------------------------------
# Per package: the defaults, then the generic part.

define inner-autotools-package
$(2)_CONFIGURE_CMDS ?= $$(kiln-autotools-$(4)-configure)
$(2)_BUILD_CMDS ?= $$(kiln-autotools-$(4)-build)
$(if $(filter host,$(4)),
$(2)_INSTALL_CMDS ?= $$(kiln-autotools-host-install),
$(2)_INSTALL_STAGING_CMDS ?= $$(kiln-autotools-install-staging)
$(2)_INSTALL_TARGET_CMDS ?= $$(kiln-autotools-install-target)
$(2)_DEPENDENCIES += $$(if $$(filter NO,$$($(2)_NEEDS_PKGCONF)),,host-pkgconf))
$(call inner-generic-package,$(1),$(2),$(3),$(4))
endef

autotools-package = $(call inner-autotools-package,$(pkgname),$(call UPPERCASE,$(pkgname)),,target)
host-autotools-package = $(call inner-autotools-package,host-$(pkgname),$(call UPPERCASE,host-$(pkgname)),$(call UPPERCASE,$(pkgname)),host)
