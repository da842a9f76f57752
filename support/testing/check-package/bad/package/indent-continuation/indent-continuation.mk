################################################################################
# indent-continuation
################################################################################

INDENT_CONTINUATION_VERSION = 1.0
INDENT_CONTINUATION_CONF_OPTS = \
    --disable-static

$(eval $(autotools-package))
