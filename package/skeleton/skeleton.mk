################################################################################
# skeleton: the root filesystem's directories and base files
################################################################################

# The files are in system/skeleton; what depends on the configuration
# (hostname, banner, root password, the console's getty, the init
# system's files) is written at target-finalize, which a configuration
# change redoes, not at install.
SKELETON_LICENSE = GPL-2.0
SKELETON_SRC := $(TOPDIR)/system/skeleton

SKELETON_DIRS := bin sbin lib usr/bin usr/sbin usr/lib etc etc/profile.d dev proc sys \
	run var var/log var/tmp home mnt root tmp

define SKELETON_INSTALL_TARGET_CMDS
	cd '$(TARGET_DIR)' && mkdir -p $(SKELETON_DIRS)
	chmod 1777 '$(TARGET_DIR)/tmp' '$(TARGET_DIR)/var/tmp'
	chmod 0700 '$(TARGET_DIR)/root'
	ln -sfn ../run '$(TARGET_DIR)/var/run'
	for f in passwd group hosts profile fstab; do \
		install -m 0644 '$(SKELETON_SRC)/etc/'$$f '$(TARGET_DIR)/etc/'$$f; done
endef

# The modes that matter are set again in the image, owned by root.
define SKELETON_PERMISSIONS
/tmp d 1777 0 0 - - - - -
/var/tmp d 1777 0 0 - - - - -
/root d 700 0 0 - - - - -
/etc/shadow f 600 0 0 - - - - -
endef

# ------------------------------------------------------------------
# target-finalize: the files made from the configuration.

# The options' values are their raw text (docs/configuration.md), put
# into the recipes as single-quoted shell words and written with printf
# '%s' or awk's ENVIRON: no character of theirs is ever interpreted.
SKELETON_HOSTNAME = $(call kiln-sq,$(KILN_TARGET_GENERIC_HOSTNAME))
SKELETON_ISSUE = $(call kiln-sq,$(KILN_TARGET_GENERIC_ISSUE))
SKELETON_ROOT_PASSWD = $(call kiln-sq,$(KILN_TARGET_GENERIC_ROOT_PASSWD))
SKELETON_GETTY_PORT = $(KILN_TARGET_GENERIC_GETTY_PORT)

# The root password is hashed here (SHA-512 crypt, support/scripts/kiln-passwd:
# openssl passwd -6 with a salt that keeps the image reproducible),
# so .config holds the clear text but the image only the hash. A value
# starting with '$' is taken as already hashed ($1$, $5$, $6$, $y$...)
# and written as it is. Empty: no password.
define SKELETON_FINALIZE_HOOK
	printf '%s\n' $(SKELETON_HOSTNAME) > '$(TARGET_DIR)/etc/hostname'
	printf '%s\n\n' $(SKELETON_ISSUE) > '$(TARGET_DIR)/etc/issue'
	pw=$(SKELETON_ROOT_PASSWD); \
	case "$$pw" in \
	''|'$$'*) hash=$$pw ;; \
	*) command -v openssl >/dev/null || { echo "skeleton: hashing the root password (KILN_TARGET_GENERIC_ROOT_PASSWD) needs openssl: apt-get install openssl" >&2; exit 1; }; \
	   hash=$$(printf '%s\n' "$$pw" | '$(TOPDIR)/support/scripts/kiln-passwd' root) ;; \
	esac; \
	case "$$hash" in *:*) echo "skeleton: KILN_TARGET_GENERIC_ROOT_PASSWD starts with '$$' so it is taken as a hash, but it holds a ':', which no crypt hash has and /etc/shadow cannot hold; give the hash as crypt(3) or mkpasswd wrote it, or the clear text" >&2; exit 1 ;; esac; \
	rm -f '$(TARGET_DIR)/etc/shadow'; \
	KILN_HASH="$$hash" awk 'BEGIN { FS = OFS = ":" } /^#/ { next } $$1 == "root" { $$2 = ENVIRON["KILN_HASH"] } { print }' \
		'$(TOPDIR)/system/shadow.in' > '$(TARGET_DIR)/etc/shadow'; \
	chmod 0600 '$(TARGET_DIR)/etc/shadow'
endef

# Busybox init only: /etc/inittab, and rcS and rcK, which it runs at
# start-up and shutdown and which run the packages' /etc/init.d/S??*
# scripts. Written here rather than at install, so that switching the
# init system takes effect at the next make, with no rebuild.
define SKELETON_INIT_BUSYBOX_HOOK
	$(if $(SKELETON_GETTY_PORT),
	KILN_PORT=$(call kiln-sq,$(KILN_TARGET_GENERIC_GETTY_PORT)) KILN_BAUD=$(call kiln-sq,$(KILN_TARGET_GENERIC_GETTY_BAUDRATE)) \
		awk 'function rep(s, a, b,  i, r) { r = ""; while ((i = index(s, a)) > 0) { r = r substr(s, 1, i - 1) b; s = substr(s, i + length(a)) } return r s } \
			{ print rep(rep($$0, "@GETTY_PORT@", ENVIRON["KILN_PORT"]), "@GETTY_BAUDRATE@", ENVIRON["KILN_BAUD"]) }' \
		'$(TOPDIR)/system/inittab.in' > '$(TARGET_DIR)/etc/inittab',
	sed -e '/@GETTY_PORT@/d' '$(TOPDIR)/system/inittab.in' > '$(TARGET_DIR)/etc/inittab')
	for f in rcS rcK; do \
		install -D -m 0755 '$(SKELETON_SRC)/etc/init.d/'$$f '$(TARGET_DIR)/etc/init.d/'$$f; done
endef

ifeq ($(KILN_PACKAGE_SKELETON),y)
TARGET_FINALIZE_HOOKS += SKELETON_FINALIZE_HOOK
ifeq ($(KILN_INIT_BUSYBOX),y)
TARGET_FINALIZE_HOOKS += SKELETON_INIT_BUSYBOX_HOOK
endif
endif

$(eval $(generic-package))
