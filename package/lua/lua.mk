################################################################################
# lua
################################################################################

LUA_VERSION = 5.4.4
LUA_SOURCE = lua-$(LUA_VERSION).tar.gz
LUA_SITE = https://www.lua.org/ftp
# Debian's lua5.4_5.4.4.orig.tar.gz is this file, byte for byte, so apt
# (KILN_DOWNLOAD_APT) is a fallback with the same hash.
LUA_DEBIAN_SOURCE = lua5.4
LUA_DEBIAN_VERSION = 5.4.4-3+deb12u1
# 0002 and 0003 are the security fixes of Debian's 5.4.4-3+deb12u1
# (their first lines say which); 0001 is Kiln's (module paths).
LUA_LICENSE = MIT
# Lua 5.4 has no COPYING file: the license is a section of the readme.
LUA_LICENSE_FILES = doc/readme.html
LUA_CPE_ID_VENDOR = lua
LUA_CPE_ID_PRODUCT = lua
LUA_SUPPLIER = Lua.org, PUC-Rio
LUA_INSTALL_STAGING = YES

# The ABI version: the soname, the .pc file's name and the module
# directories (LUA_LDIR, LUA_CDIR in luaconf.h) carry it.
LUA_ABIVER = 5.4

# Lua's src/Makefile is plain make: its rules are make's built-in .c.o
# (kiln-step gives package makes their built-in rules back), CC, AR and
# RANLIB are variables of it, and MYCFLAGS is added to upstream's own
# CFLAGS (-O2 -Wall -Wextra -DLUA_COMPAT_5_3). What the "linux" goal
# would add is given directly: LUA_USE_LINUX (POSIX, dlopen for C
# modules) and -ldl. No readline: Kiln has no readline package, and
# lua's prompt works without it.
# -fPIC, because the same objects also make the shared library.
LUA_MAKE_OPTS = \
	CC="$(TARGET_CC) -std=gnu99" \
	AR="$(TARGET_AR) rcu" \
	RANLIB="$(TARGET_RANLIB)" \
	MYCFLAGS="$(TARGET_CFLAGS) -fPIC" \
	MYLDFLAGS="$(TARGET_LDFLAGS)" \
	SYSCFLAGS="-DLUA_USE_LINUX" \
	SYSLIBS="-ldl"

# Upstream builds only liblua.a, and links lua and luac with it. Kiln
# also makes liblua.so.5.4 (as Debian and Buildroot do) from the same
# objects, asking the Makefile for their list (CORE_O, LIB_O), and links
# lua against it, so that C modules and other programs share one copy
# of the interpreter. luac stays linked with liblua.a: it calls
# functions that are internal to the library (LUAI_FUNC, hidden in a
# shared object).
define LUA_BUILD_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C '$(@D)/src' $(LUA_MAKE_OPTS) all
	objs=$$($(MAKE) -s --no-print-directory -C '$(@D)/src' \
		--eval 'kiln-lua-objs: ; @echo $$(CORE_O) $$(LIB_O)' kiln-lua-objs)
	test -n "$$objs" || { echo "lua: $(@D)/src/Makefile gave no CORE_O/LIB_O object list (has it changed? see $(LUA_PKGDIR)lua.mk)" >&2; exit 1; }
	(cd '$(@D)/src' && $(TARGET_CC) $(TARGET_LDFLAGS) -shared -Wl,-soname,liblua.so.$(LUA_ABIVER) \
		-o liblua.so.$(LUA_VERSION) $$objs -lm -ldl)
	ln -sfn liblua.so.$(LUA_VERSION) '$(@D)/src/liblua.so'
	(cd '$(@D)/src' && $(TARGET_CC) $(TARGET_LDFLAGS) -o lua lua.o -L. -llua -lm -ldl)
endef

# The library's symlinks: the soname for the dynamic loader, the plain
# name for the linker. $(1): the lib directory.
define LUA_INSTALL_LIB
	install -D -m 0755 '$(@D)/src/liblua.so.$(LUA_VERSION)' '$(1)/liblua.so.$(LUA_VERSION)'
	ln -sfn liblua.so.$(LUA_VERSION) '$(1)/liblua.so.$(LUA_ABIVER)'
endef

# Headers, both libraries, and lua.pc (Lua ships none; this one is
# Buildroot's and Debian's in substance) under its two common names.
define LUA_INSTALL_STAGING_CMDS
	$(call LUA_INSTALL_LIB,$(STAGING_DIR)/usr/lib)
	ln -sfn liblua.so.$(LUA_VERSION) '$(STAGING_DIR)/usr/lib/liblua.so'
	install -m 0644 '$(@D)/src/liblua.a' '$(STAGING_DIR)/usr/lib/liblua.a'
	for h in lua.h luaconf.h lualib.h lauxlib.h lua.hpp; do \
		install -D -m 0644 '$(@D)/src/'$$h '$(STAGING_DIR)/usr/include/'$$h; done
	mkdir -p '$(STAGING_DIR)/usr/lib/pkgconfig'
	sed -e 's/@VERSION@/$(LUA_VERSION)/' -e 's/@ABIVER@/$(LUA_ABIVER)/' \
		'$(LUA_PKGDIR)lua.pc.in' > '$(STAGING_DIR)/usr/lib/pkgconfig/lua.pc'
	ln -sfn lua.pc '$(STAGING_DIR)/usr/lib/pkgconfig/lua$(LUA_ABIVER).pc'
	ln -sfn lua.pc '$(STAGING_DIR)/usr/lib/pkgconfig/lua-$(LUA_ABIVER).pc'
endef

# The interpreter, the compiler, the library, and the empty module
# directories lua searches first (LUA_ROOT is /usr/, see the patch).
define LUA_INSTALL_TARGET_CMDS
	install -D -m 0755 '$(@D)/src/lua' '$(TARGET_DIR)/usr/bin/lua'
	install -D -m 0755 '$(@D)/src/luac' '$(TARGET_DIR)/usr/bin/luac'
	$(call LUA_INSTALL_LIB,$(TARGET_DIR)/usr/lib)
	mkdir -p '$(TARGET_DIR)/usr/share/lua/$(LUA_ABIVER)' '$(TARGET_DIR)/usr/lib/lua/$(LUA_ABIVER)'
endef

# make lua-test: the release's own test (make test), which runs lua -v.
# Lua's test suite is a tarball of its own (lua-5.4.4-tests.tar.gz),
# neither in the release nor in Debian's source package, so that is all
# there is to run (docs/package-tests.md).
define LUA_TEST_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C '$(@D)' test
endef

$(eval $(generic-package))
