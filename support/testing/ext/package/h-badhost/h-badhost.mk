################################################################################
# h-badhost
################################################################################

# Test: a host program linked against a library the package does not
# install, so no RPATH can make it run.
H_BADHOST_VERSION = 1.0
define HOST_H_BADHOST_BUILD_CMDS
	printf 'int hb(void) { return 0; }\n' >$(@D)/hb.c
	printf 'int hb(void);\nint main(void) { return hb(); }\n' >$(@D)/tool.c
	cc -shared -fPIC -o $(@D)/libhbadmissing.so $(@D)/hb.c
	cc -o $(@D)/h-badhost-tool $(@D)/tool.c -L$(@D) -lhbadmissing
endef
define HOST_H_BADHOST_INSTALL_CMDS
	install -D -m 0755 $(@D)/h-badhost-tool $(HOST_DIR)/bin/h-badhost-tool
endef
$(eval $(host-generic-package))
