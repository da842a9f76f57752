################################################################################
# variable-order-late
################################################################################

VARIABLE_ORDER_LATE_VERSION = 1.0
VARIABLE_ORDER_LATE_INSTALL_STAGING = YES
VARIABLE_ORDER_LATE_LICENSE = MIT

$(eval $(generic-package))
