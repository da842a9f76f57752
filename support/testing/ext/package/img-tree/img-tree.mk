################################################################################
# img-tree
################################################################################

# Test: what every image format must keep (support/testing/tests/32-images.t).
IMG_TREE_VERSION = 1.0

define IMG_TREE_INSTALL_TARGET_CMDS
	mkdir -p $(TARGET_DIR)/usr/bin $(TARGET_DIR)/srv/img/empty-dir
	printf '#!/bin/sh\necho tool\n' >$(TARGET_DIR)/usr/bin/suid-tool
	chmod 0755 $(TARGET_DIR)/usr/bin/suid-tool
	: >$(TARGET_DIR)/srv/img/empty-file
	echo linked >$(TARGET_DIR)/srv/img/hard-a
	ln -f $(TARGET_DIR)/srv/img/hard-a $(TARGET_DIR)/srv/img/hard-b
	ln -f $(TARGET_DIR)/srv/img/hard-a $(TARGET_DIR)/usr/bin/hard-c
	$(if $(KILN_PACKAGE_IMG_TREE_LONG_NAME),echo long >$(TARGET_DIR)/srv/img/$$(printf '%0255d' 0 | tr 0 n))
	ln -sf hard-a $(TARGET_DIR)/srv/img/sym
	ln -sf ../../usr/bin/suid-tool $(TARGET_DIR)/srv/img/sym-up
	seq 1 60000 >$(TARGET_DIR)/srv/img/big
	echo private >$(TARGET_DIR)/srv/img/owned
endef

define IMG_TREE_PERMISSIONS
/usr/bin/suid-tool f 4755 0 0 - - - - -
/srv/img/owned f 640 1234 5678 - - - - -
/srv/img/empty-dir d 1777 0 0 - - - - -
endef

define IMG_TREE_DEVICES
/dev/sda b 660 0 6 8 0 - - -
/dev/ttyS c 660 0 20 4 64 0 1 2
/dev/fifo p 644 0 0 - - - - -
endef

$(eval $(generic-package))
