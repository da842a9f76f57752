################################################################################
# u-bad
################################################################################

# Test: a user whose supplementary group is declared nowhere.
U_BAD_VERSION = 1.0

define U_BAD_USERS
# the second line is wrong
baduser -1 baduser -1 - - - nosuchgroup -
endef

$(eval $(generic-package))
