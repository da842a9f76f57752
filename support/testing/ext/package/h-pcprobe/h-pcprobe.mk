################################################################################
# h-pcprobe
################################################################################

# Test: pkg-config inside a target package's per-package directory.
H_PCPROBE_VERSION = 1.0
H_PCPROBE_DEPENDENCIES = h-lib

define H_PCPROBE_EXTRACT_CMDS
	cp -R $(H_PCPROBE_PKGDIR)src/. $(@D)/
endef

$(eval $(autotools-package))
