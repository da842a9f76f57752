include $(sort $(wildcard $(KILN_EXTERNAL_KILN_TESTING_PATH)/package/*/*.mk))
