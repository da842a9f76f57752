################################################################################
# hp-lib
################################################################################

# Test: a host library known only through its .pc file in
# HOST_DIR/lib/pkgconfig, for the host-mode pkg-config tests
# (50-host-pkgconfig-host.t).
HOST_HP_LIB_VERSION = 1.0
define HOST_HP_LIB_INSTALL_CMDS
	mkdir -p $(HOST_DIR)/lib/pkgconfig $(HOST_DIR)/include
	printf '#define HPLIB_GREETING "hplib"\n' >$(HOST_DIR)/include/hplib.h
	printf '%s\n' 'prefix=$(HOST_DIR)' 'includedir=$${prefix}/include' \
		'Name: hplib' 'Description: Kiln test host library' 'Version: 1.0' \
		'Cflags: -I$${includedir} -DHPLIB_FOUND=1' >$(HOST_DIR)/lib/pkgconfig/hplib.pc
endef
$(eval $(host-generic-package))
