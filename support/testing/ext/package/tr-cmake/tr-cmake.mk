################################################################################
# tr-cmake
################################################################################

# Test: try_run in a cross build gets the target's answer through the
# toolchain file's CMAKE_CROSSCOMPILING_EMULATOR (21-target-run.t).
TR_CMAKE_VERSION = 1.0

define TR_CMAKE_EXTRACT_CMDS
	cp -R $(TR_CMAKE_PKGDIR)src/. $(@D)/
endef

$(eval $(cmake-package))
