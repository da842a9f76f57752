################################################################################
# tleak
################################################################################

# Test package that writes build paths into the target.
# TLEAK_ACTION: symlink (an absolute link into its own TARGET_DIR, which
# Kiln turns into /usr/lib/libx.so.1), text (TARGET_DIR in a config
# file, reported), dl (the download directory in a file, reported) or
# none.
TLEAK_VERSION = 1.0
TLEAK_LICENSE = MIT
TLEAK_ACTION ?= symlink

define TLEAK_INSTALL_TARGET_CMDS
	mkdir -p $(TARGET_DIR)/usr/lib $(TARGET_DIR)/etc
	echo lib > $(TARGET_DIR)/usr/lib/libx.so.1
	$(if $(filter symlink,$(TLEAK_ACTION)),ln -sf $(TARGET_DIR)/usr/lib/libx.so.1 $(TARGET_DIR)/usr/lib/libx.so)
	$(if $(filter text,$(TLEAK_ACTION)),echo "datadir=$(TARGET_DIR)/usr/share/x" > $(TARGET_DIR)/etc/x.conf)
	$(if $(filter dl,$(TLEAK_ACTION)),echo "cache=$(DL_DIR)/x" > $(TARGET_DIR)/etc/x.conf)
endef

$(eval $(generic-package))
