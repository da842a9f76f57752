################################################################################
# variable-order
################################################################################

VARIABLE_ORDER_VERSION = 1.0
VARIABLE_ORDER_LICENSE = MIT
VARIABLE_ORDER_SITE = https://example.org

$(eval $(generic-package))
