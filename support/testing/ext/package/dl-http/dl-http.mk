################################################################################
# dl-http
################################################################################

# Test: downloaded over http from a server the test starts on
# 127.0.0.1 (it sets DL_HTTP_SITE on the command line). The default
# site is a closed local port, so a test that forgets it fails at once
# instead of reaching the network.
DL_HTTP_VERSION = 1.0
DL_HTTP_SOURCE = dl-http-$(DL_HTTP_VERSION).tar.gz
DL_HTTP_SITE = http://127.0.0.1:9/dl-http
DL_HTTP_LICENSE = MIT
DL_HTTP_LICENSE_FILES = COPYING
define DL_HTTP_INSTALL_TARGET_CMDS
	install -D -m 0755 $(@D)/hello.sh $(TARGET_DIR)/usr/bin/dl-http-hello
endef
$(eval $(generic-package))
