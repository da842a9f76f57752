# banner: a comment instead of the banner.
BANNER_VERSION = 1.0

$(eval $(generic-package))
