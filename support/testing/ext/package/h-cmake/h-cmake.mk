################################################################################
# h-cmake
################################################################################

# Test: cmake-package, out of source, with the toolchain's CMake file,
# finding a dependency through pkg-config.
H_CMAKE_VERSION = 1.0
H_CMAKE_DEPENDENCIES = h-lib
H_CMAKE_CONF_OPTS = -DHCMAKE_GREETING=kiln

define H_CMAKE_EXTRACT_CMDS
	cp -R $(H_CMAKE_PKGDIR)src/. $(@D)/
endef

$(eval $(cmake-package))
