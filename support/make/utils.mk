# Small helpers shared by the top-level Makefile and the package
# infrastructures. Kept cheap: they run for every package at parse time.

empty :=
space := $(empty) $(empty)
comma := ,
define sep


endef

# Kconfig writes strings with their quotes; make wants them bare.
qstrip = $(strip $(subst ",,$(1)))
#"))

# zlib -> ZLIB, host-libfoo-bar -> HOST_LIBFOO_BAR, libstdc++ -> LIBSTDCXX.
# A chain of $(subst) is far cheaper than a $(shell tr) per package.
UPPERCASE = $(strip $(subst +,X,$(subst -,_,$(subst .,_,$(subst a,A,$(subst b,B,$(subst c,C,$(subst d,D,$(subst e,E,$(subst f,F,$(subst g,G,$(subst h,H,$(subst i,I,$(subst j,J,$(subst k,K,$(subst l,L,$(subst m,M,$(subst n,N,$(subst o,O,$(subst p,P,$(subst q,Q,$(subst r,R,$(subst s,S,$(subst t,T,$(subst u,U,$(subst v,V,$(subst w,W,$(subst x,X,$(subst y,Y,$(subst z,Z,$(1)))))))))))))))))))))))))))))))

# Keep the first occurrence of every word, preserving order: a
# concatenation of topological orders stays topological this way.
uniq = $(if $(1),$(firstword $(1)) $(call uniq,$(filter-out $(firstword $(1)),$(1))))

# Escape a string for a JSON string literal (backslash and double quote;
# package metadata holds no control characters).
json-escape = $(subst ",\",$(subst \,\\,$(1)))
#"))
