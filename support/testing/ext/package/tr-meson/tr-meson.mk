################################################################################
# tr-meson
################################################################################

# Test: cc.run() in a cross build gets the target's answer through the
# cross file's exe_wrapper (21-target-run.t).
TR_MESON_VERSION = 1.0

define TR_MESON_EXTRACT_CMDS
	cp -R $(TR_MESON_PKGDIR)src/. $(@D)/
endef

$(eval $(meson-package))
