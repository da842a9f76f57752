################################################################################
# sabad
################################################################################

# Test package that changes a file it imported from sa in place: the
# classic "sed -i / chmod on a dependency's file" bug. SABAD_ACTION:
# none, chmod, touch, write (same size) or delete.
SABAD_VERSION = 1.0
SABAD_LICENSE = MIT
SABAD_DEPENDENCIES = sa
SABAD_ACTION ?= none

define SABAD_INSTALL_TARGET_CMDS
	mkdir -p $(TARGET_DIR)/etc
	echo sabad > $(TARGET_DIR)/etc/sabad.conf
	case '$(SABAD_ACTION)' in \
	none) ;; \
	chmod) chmod 0600 $(TARGET_DIR)/etc/sa.conf ;; \
	touch) touch -d '2001-01-01 00:00' $(TARGET_DIR)/etc/sa.conf ;; \
	write) printf 'SA-ONE\n' > $(TARGET_DIR)/etc/sa.conf ;; \
	delete) rm -f $(TARGET_DIR)/etc/init.d/S10sa ;; \
	*) echo "unknown SABAD_ACTION $(SABAD_ACTION)"; exit 1 ;; \
	esac
endef

$(eval $(generic-package))
