################################################################################
# sbx-net
################################################################################

# Test: a build step that opens a network socket, to 127.0.0.1 on port
# SBX_NET_PORT (make's command line), and sends a line.
SBX_NET_VERSION = 1.0
define SBX_NET_BUILD_CMDS
	exec 3<>'/dev/tcp/127.0.0.1/$(SBX_NET_PORT)'; echo 'hello from sbx-net' >&3; exec 3>&-
	echo sent > '$(@D)/sent'
endef
define SBX_NET_INSTALL_TARGET_CMDS
	install -D -m 0644 '$(@D)/sent' '$(TARGET_DIR)/usr/share/sbx-net/sent'
endef
$(eval $(generic-package))
