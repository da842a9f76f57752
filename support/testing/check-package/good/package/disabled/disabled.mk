################################################################################
# disabled
################################################################################

# LICENSE is set first here, which VariableOrder would report.
# check-package disable VariableOrder
DISABLED_LICENSE = MIT
DISABLED_VERSION = 1.0

$(eval $(generic-package))
