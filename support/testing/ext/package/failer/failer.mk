################################################################################
# failer
################################################################################

# Test: a build step that fails, to check the error report.
FAILER_VERSION = 2.1
define FAILER_BUILD_CMDS
	for i in $$(seq 30); do echo "compiling unit $$i"; done
	echo 'error: the answer is not 42' >&2
	exit 3
endef
$(eval $(generic-package))
