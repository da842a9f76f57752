# SPDX-License-Identifier: GPL-2.0-or-later
# Small helpers shared by the top-level Makefile and the package
# infrastructures. Kept cheap: they run for every package at parse time.

empty :=
space := $(empty) $(empty)
comma := ,
define sep


endef

# Configuration strings reach make as their raw text: the Makefile
# includes .config.mk, where support/scripts/config-to-make has undone
# Kconfig's quotes and escapes and made '$' and '#' safe. So
# $(KILN_TARGET_GENERIC_ISSUE) is the banner itself, byte for byte
# (docs/configuration.md). Use it whole: no $(strip), no word functions
# unless the option is a list.

# $(call kiln-sq,TEXT): TEXT as one shell word, byte for byte, for
# recipes ('...' with each ' written '\'').
kiln-sq = '$(subst ','\'',$(1))'

# Kept for external trees written for Buildroot, where strings kept
# their quotes: values have none now, so it only trims blanks.
qstrip = $(strip $(1))

# Path options may hold these make-style references, replaced by their
# values (Buildroot's "$(TOPDIR)/dl" keeps working); nothing else in
# any option is ever expanded.
KILN_PATH_REFS = TOPDIR BASE_DIR CONFIG_DIR O $(foreach d,$(KILN_EXTERNAL),KILN_EXTERNAL_$(KILN_EXT_NAME_$(d))_PATH)
kiln-expand-refs = $(if $(2),$(call kiln-expand-refs,$(subst $$($(firstword $(2))),$($(firstword $(2))),$(1)),$(wordlist 2,$(words $(2)),$(2))),$(1))
# $(call kiln-path,OPTION): the value of the path option OPTION (a
# variable name) with its references replaced; any other $( is an error.
kiln-path = $(call kiln-shell-safe,$(1),$(call kiln-path-check,$(1),$(call kiln-expand-refs,$($(1)),$(KILN_PATH_REFS))))
kiln-ref-start := $$(
kiln-path-check = $(if $(findstring $(kiln-ref-start),$(2)),$(error kiln: $(1) holds '$(2)': a path option may only refer to $(foreach r,$(KILN_PATH_REFS),$$($(r))); fix it in make menuconfig))$(2)

# Options that name paths, programs or compiler flags reach recipes and
# C strings as they are: they may not hold the characters a shell or a C
# string would take as syntax (text options such as the banner use
# kiln-sq instead, and may hold anything). $(call kiln-shell-safe,
# OPTION,VALUE) is VALUE, or an error naming OPTION. kiln-word-safe also
# refuses blanks.
kiln-meta-chars := $$ ' " \ ` ; & | < > * ? [ ] { } ~
kiln-shell-safe = $(if $(strip $(foreach c,$(kiln-meta-chars),$(findstring $(c),$(2)))),$(error kiln: $(1) holds '$(2)', which may not contain any of $(kiln-meta-chars); fix it in make menuconfig))$(2)
kiln-word-safe = $(if $(word 2,$(2)),$(error kiln: $(1) holds '$(2)', which may not contain blanks; fix it in make menuconfig))$(call kiln-shell-safe,$(1),$(2))

# $(call kiln-files-or-force,FILES) as prerequisites: the files that
# exist, and FORCE when one is missing, so that the recipe runs and
# names it instead of make's "No rule to make target".
kiln-files-or-force = $(wildcard $(1)) $(if $(filter-out $(wildcard $(1)),$(1)),FORCE)

# zlib -> ZLIB, host-libfoo-bar -> HOST_LIBFOO_BAR, libstdc++ -> LIBSTDCXX.
# A chain of $(subst) is far cheaper than a $(shell tr) per package.
UPPERCASE = $(strip $(subst +,X,$(subst -,_,$(subst .,_,$(subst a,A,$(subst b,B,$(subst c,C,$(subst d,D,$(subst e,E,$(subst f,F,$(subst g,G,$(subst h,H,$(subst i,I,$(subst j,J,$(subst k,K,$(subst l,L,$(subst m,M,$(subst n,N,$(subst o,O,$(subst p,P,$(subst q,Q,$(subst r,R,$(subst s,S,$(subst t,T,$(subst u,U,$(subst v,V,$(subst w,W,$(subst x,X,$(subst y,Y,$(subst z,Z,$(1)))))))))))))))))))))))))))))))

# Escape a string for a JSON string literal (backslash and double quote;
# package metadata holds no control characters).
json-escape = $(subst ",\",$(subst \,\\,$(1)))
#"))
