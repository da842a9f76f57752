################################################################################
# hp-cmake
################################################################################

# Test: a host-cmake-package finding a host library (host-hp-lib) through
# CMake's FindPkgConfig: pkg-config must answer in host mode.
HOST_HP_CMAKE_VERSION = 1.0
HOST_HP_CMAKE_DEPENDENCIES = host-hp-lib host-pkgconf
define HOST_HP_CMAKE_EXTRACT_CMDS
	cp -R $(HOST_HP_CMAKE_PKGDIR)src/. $(@D)/
endef
$(eval $(host-cmake-package))
