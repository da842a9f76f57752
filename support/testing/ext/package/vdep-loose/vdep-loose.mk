################################################################################
# vdep-loose
################################################################################

# Test: depends on vfoo without a Config.in that requires a provider.
VDEP_LOOSE_VERSION = 1.0
VDEP_LOOSE_DEPENDENCIES = vfoo
$(eval $(generic-package))
