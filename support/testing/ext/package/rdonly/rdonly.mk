################################################################################
# rdonly
################################################################################

# Test package that installs read-only files and directories, as some
# packages do: a 0444 library, and a 0555 directory holding a 0555
# program and a 0444 text file. Its build directory keeps a 0555
# directory too. A build user who is not root must still strip them,
# dirclean and clean.
RDONLY_VERSION = 1.0
RDONLY_LICENSE = MIT

define RDONLY_BUILD_CMDS
	cc -g -o $(@D)/rdonly $(RDONLY_PKGDIR)/rdonly.c
	cc -g -shared -fPIC -DRDONLY_LIB -o $(@D)/librdonly.so $(RDONLY_PKGDIR)/rdonly.c
	mkdir -p $(@D)/ro/sub
	echo kept > $(@D)/ro/sub/file
	chmod 0555 $(@D)/ro/sub $(@D)/ro
endef

define RDONLY_INSTALL_TARGET_CMDS
	install -D -m 0444 $(@D)/librdonly.so $(TARGET_DIR)/usr/lib/librdonly.so
	install -D -m 0555 $(@D)/rdonly $(TARGET_DIR)/usr/libexec/rdonly/rdonly
	echo 'read-only' > $(TARGET_DIR)/usr/libexec/rdonly/README
	chmod 0444 $(TARGET_DIR)/usr/libexec/rdonly/README
	chmod 0555 $(TARGET_DIR)/usr/libexec/rdonly
endef

$(eval $(generic-package))
