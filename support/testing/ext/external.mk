include $(sort $(wildcard $(KILN_EXTERNAL_KILN_TESTING_PATH)/package/*/*.mk))

# Every test build runs this finalize hook: 26-infra.t checks it ran.
define KILN_TESTING_FINALIZE_HOOK
	mkdir -p $(TARGET_DIR)/etc
	echo 'finalize hook ran' > $(TARGET_DIR)/etc/kiln-testing-hook
endef
TARGET_FINALIZE_HOOKS += KILN_TESTING_FINALIZE_HOOK

# A goal of the external tree's own: named in KILN_EXTRA_GOALS, so the
# unknown-goal check lets it through (13-bad-paths-goals.t).
KILN_EXTRA_GOALS += kiln-testing-goal
.PHONY: kiln-testing-goal
kiln-testing-goal:
	@echo 'external goal ran'
