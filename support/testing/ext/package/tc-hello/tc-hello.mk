################################################################################
# tc-hello
################################################################################

# Toolchain test: a C program (and a C++ one) built with TARGET_CC and
# TARGET_CXX in the package's own directory, with debug info so that
# any build path that leaks would show. Absolute source paths, so
# __FILE__ shows the build directory unless the wrapper maps it.
TC_HELLO_VERSION = 1.0
TC_HELLO_LICENSE = MIT

define TC_HELLO_BUILD_CMDS
	cp $(TC_HELLO_PKGDIR)hello.c $(TC_HELLO_PKGDIR)hello.cc $(@D)/
	$(TARGET_CC) $(TARGET_CFLAGS) -g -o $(@D)/tc-hello $(@D)/hello.c -lm
	$(if $(KILN_TOOLCHAIN_CXX),$(TARGET_CXX) $(TARGET_CXXFLAGS) -g -o $(@D)/tc-hello-cxx $(@D)/hello.cc)
endef

define TC_HELLO_INSTALL_TARGET_CMDS
	install -D -m 0755 $(@D)/tc-hello $(TARGET_DIR)/usr/bin/tc-hello
	$(if $(KILN_TOOLCHAIN_CXX),install -D -m 0755 $(@D)/tc-hello-cxx $(TARGET_DIR)/usr/bin/tc-hello-cxx)
endef

$(eval $(generic-package))
