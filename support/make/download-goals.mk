# Goals over every package of the configuration.

.PHONY: source
source: $(addsuffix -source,$(PACKAGES))
