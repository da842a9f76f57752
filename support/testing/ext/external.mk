include $(sort $(wildcard $(KILN_EXTERNAL_KILN_TESTING_PATH)/package/*/*.mk))

# Every test build runs this finalize hook: 26-infra.t checks it ran.
define KILN_TESTING_FINALIZE_HOOK
	mkdir -p $(TARGET_DIR)/etc
	echo 'finalize hook ran' > $(TARGET_DIR)/etc/kiln-testing-hook
endef
TARGET_FINALIZE_HOOKS += KILN_TESTING_FINALIZE_HOOK
