################################################################################
# u-user
################################################################################

# Test: users declared by a package. kilnuser gets automatic ids, a
# password hashed at build time and two supplementary groups (one
# declared here, one from the skeleton); svcd has fixed ids, a locked
# password and a home holding the package's files, a symlink and one
# file that the permission table gives back to root.
U_USER_VERSION = 1.0

define U_USER_USERS
kilnuser -1 kilnuser -1 =kiln-pw /home/kilnuser /bin/sh users,kilnextra Kiln test user
- -1 kilnextra -1 - - - - -
svcd 500 svcd 500 ! /var/lib/svcd - - Service daemon
endef

define U_USER_INSTALL_TARGET_CMDS
	mkdir -p $(TARGET_DIR)/var/lib/svcd
	echo data > $(TARGET_DIR)/var/lib/svcd/data
	echo secret > $(TARGET_DIR)/var/lib/svcd/secret
	ln -sf data $(TARGET_DIR)/var/lib/svcd/link
endef

define U_USER_PERMISSIONS
/var/lib/svcd/secret f 600 0 0 - - - - -
endef

$(eval $(generic-package))
