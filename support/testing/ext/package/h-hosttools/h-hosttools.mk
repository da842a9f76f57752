################################################################################
# h-hosttools
################################################################################

# Test: a target package that only pulls the host tools into the build.
H_HOSTTOOLS_VERSION = 1.0
H_HOSTTOOLS_DEPENDENCIES = host-pkgconf host-squashfs $(HOST_TOOL_DEPS_PATCHELF)
H_HOSTTOOLS_INSTALL_TARGET = NO
$(eval $(generic-package))
