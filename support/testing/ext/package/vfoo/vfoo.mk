# Test: a virtual package, implemented by vfoo-a or vfoo-b.
$(eval $(virtual-package))
