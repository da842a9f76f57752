################################################################################
# tool
################################################################################

# Test host package: a *-config script holding its own prefix, the kind
# of file that must be rewritten for every directory it lands in.
HOST_TOOL_VERSION = 1.0
define HOST_TOOL_INSTALL_CMDS
	mkdir -p $(HOST_DIR)/bin
	printf '#!/bin/sh\necho %s\n' '$(HOST_DIR)' > $(HOST_DIR)/bin/tool-config
	chmod 0755 $(HOST_DIR)/bin/tool-config
endef
$(eval $(host-generic-package))
