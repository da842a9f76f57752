################################################################################
# tc-unsafe
################################################################################

# Toolchain test: a package whose flags name the build machine's own
# headers. The compiler wrapper must stop its build.
TC_UNSAFE_VERSION = 1.0

define TC_UNSAFE_BUILD_CMDS
	printf 'int main(void) { return 0; }\n' > $(@D)/u.c
	$(TARGET_CC) $(TARGET_CFLAGS) -I /usr/include -o $(@D)/u $(@D)/u.c
endef

$(eval $(generic-package))
