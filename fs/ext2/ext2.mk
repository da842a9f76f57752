################################################################################
# ext2: rootfs.ext2, rootfs.ext3, rootfs.ext4
################################################################################

ROOTFS_EXT2_HOST_TOOLS = MKE2FS DEBUGFS
ROOTFS_EXT2_IMAGE = $(BINARIES_DIR)/rootfs.ext$(KILN_TARGET_ROOTFS_EXT2_GEN)

ifeq ($(KILN_TARGET_ROOTFS_EXT2_GEN),2)
ROOTFS_EXT2_JOURNAL =
else ifeq ($(KILN_TARGET_ROOTFS_EXT2_GEN),3)
ROOTFS_EXT2_JOURNAL = y
else
ROOTFS_EXT2_JOURNAL = $(KILN_TARGET_ROOTFS_EXT2_JOURNAL)
endif

# The size: "auto" is the content (files in 4 KiB blocks, hard links
# once, and 256 bytes per inode) plus its free share, plus the journal,
# plus the reserved blocks, plus 1 MiB for the superblocks, group
# descriptors and bitmaps, rounded up to a MiB; should mke2fs still
# find it too small, it is grown by a quarter, up to three times. The
# journal's size is given (mke2fs -J size=), so the estimate holds.
# The UUID is $ROOTFS_UUID (fs/common.mk); the directory hash seed is
# derived from it; E2FSPROGS_FAKE_TIME gives the superblock's times
# SOURCE_DATE_EPOCH. mke2fs 1.47.0 copies each inode's change and
# access times from the tree, where the ctime cannot be set and reading
# (the other formats, made first) moves the atime: debugfs then sets
# both to SOURCE_DATE_EPOCH for every inode, from a command file with
# every path (quoted as debugfs reads it: a '"' doubled). (e2fsprogs
# 1.47.1 clamps the times itself.)
define ROOTFS_EXT2_CMD
	size=$(call kiln-sq,$(strip $(KILN_TARGET_ROOTFS_EXT2_SIZE)))
	img='$(ROOTFS_EXT2_IMAGE)'
	set -- $$(find "$$ROOTFS_TREE" -printf '%i %y %s\n' | sort -u -k1,1 |
		awk '{ n++; if ($$2 == "f" || $$2 == "d") b += int(($$3 + 4095) / 4096); if ($$2 == "l" && $$3 >= 60) b++ }
			END { print n + 0, b * 4 + int((n * 256 + 1023) / 1024) }')
	inodes=$$1 content=$$2
	journal=0
	$(if $(ROOTFS_EXT2_JOURNAL),
	if [ "$$content" -lt 131072 ]; then journal=4; elif [ "$$content" -lt 1048576 ]; then journal=16; else journal=64; fi)
	case $$size in
	auto)
		kib=$$(( (content * (100 + $(KILN_TARGET_ROOTFS_EXT2_FREE_PERCENT)) / 100 + journal * 1024 + 1024)
			* 100 / (100 - $(KILN_TARGET_ROOTFS_EXT2_RESBLKS)) ))
		kib=$$(( (kib + 1023) / 1024 * 1024 )); tries=4 ;;
	*[!0-9KMG]* | '' | [KMG]* | *[KMG]?*)
		echo "rootfs-ext2: KILN_TARGET_ROOTFS_EXT2_SIZE='$$size' is not a size: give a number with K, M or G (KiB, MiB, GiB), e.g. 64M, or auto (make menuconfig, Filesystem images)" >&2
		exit 1 ;;
	*G) kib=$$(( $${size%G} * 1048576 )); tries=1 ;;
	*M) kib=$$(( $${size%M} * 1024 )); tries=1 ;;
	*K) kib=$${size%K}; tries=1 ;;
	*) kib=$$size; tries=1 ;;
	esac
	seed=$$(printf 'hash_seed %s' "$$ROOTFS_UUID" | sha256sum |
		sed -E 's/^(.{8})(.{4}).(.{3}).(.{3})(.{12}).*/\1-\2-4\3-8\4-\5/')
	while :; do
		rm -f "$$img.tmp"
		status=0
		$${SOURCE_DATE_EPOCH:+env E2FSPROGS_FAKE_TIME="$$SOURCE_DATE_EPOCH"} \
		'$(HOST_MKE2FS)' -q -F -t ext$(KILN_TARGET_ROOTFS_EXT2_GEN) -d "$$ROOTFS_TREE" \
			-r 1 -b 4096 -m $(KILN_TARGET_ROOTFS_EXT2_RESBLKS) \
			-L $(call kiln-sq,$(KILN_TARGET_ROOTFS_EXT2_LABEL)) -U "$$ROOTFS_UUID" \
			-E "hash_seed=$$seed,root_owner=0:0" \
			$(if $(filter 4,$(KILN_TARGET_ROOTFS_EXT2_GEN)),$(if $(ROOTFS_EXT2_JOURNAL),,-O ^has_journal)) \
			$(if $(ROOTFS_EXT2_JOURNAL),-J "size=$$journal") \
			$(if $(filter-out 0,$(KILN_TARGET_ROOTFS_EXT2_INODES)),-N $(KILN_TARGET_ROOTFS_EXT2_INODES)) \
			"$$img.tmp" "$${kib}k" || status=$$?
		[ "$$status" -ne 0 ] || break
		tries=$$((tries - 1))
		if [ "$$tries" -eq 0 ]; then
			rm -f "$$img.tmp"
			if [ "$$size" = auto ]; then
				echo "rootfs-ext2: mke2fs failed (exit $$status) on an image of $$kib KiB for $$content KiB of content in $$inodes inodes; see the lines above" >&2
			else
				echo "rootfs-ext2: the root filesystem ($$content KiB of content, $$inodes inodes) does not fit in KILN_TARGET_ROOTFS_EXT2_SIZE=$$size$(if $(filter-out 0,$(KILN_TARGET_ROOTFS_EXT2_INODES)), with KILN_TARGET_ROOTFS_EXT2_INODES=$(KILN_TARGET_ROOTFS_EXT2_INODES)) (mke2fs failed, exit $$status); raise it, or set it to auto (make menuconfig, Filesystem images)" >&2
			fi
			exit 1
		fi
		kib=$$(( (kib * 5 / 4 + 1023) / 1024 * 1024 ))
		echo "rootfs-ext2: trying again with $$kib KiB"
	done
	if [ -n "$${SOURCE_DATE_EPOCH:-}" ]; then
		newline=$$(find "$$ROOTFS_TREE" -name '*'$$'\n''*' -print -quit)
		if [ -n "$$newline" ]; then
			echo "rootfs-ext2: $${newline%%$$'\n'*}: a file name with a newline cannot be given to debugfs to set its time; rename it" >&2
			exit 1
		fi
		{ printf '/\n'; find "$$ROOTFS_TREE" -mindepth 1 -printf '/%P\n'; printf '/lost+found\n'; } |
			sed -e 's/"/""/g' -e "s/.*/sif \"&\" ctime @$$SOURCE_DATE_EPOCH\nsif \"&\" atime @$$SOURCE_DATE_EPOCH/" >"$$img.ctime"
		E2FSPROGS_FAKE_TIME="$$SOURCE_DATE_EPOCH" '$(HOST_DEBUGFS)' -w -f "$$img.ctime" "$$img.tmp" >"$$img.ctime.log" 2>&1 ||
			{ cat "$$img.ctime.log" >&2; echo "rootfs-ext2: debugfs could not set the inode times of $$img.tmp (above)" >&2; exit 1; }
		if grep -v '^debugfs' "$$img.ctime.log" | grep -q .; then
			cat "$$img.ctime.log" >&2; echo "rootfs-ext2: debugfs could not set the inode times of $$img.tmp (above)" >&2; exit 1
		fi
		rm -f "$$img.ctime" "$$img.ctime.log"
	fi
	mv "$$img.tmp" "$$img"
	$(if $(filter-out 2,$(KILN_TARGET_ROOTFS_EXT2_GEN)),ln -sfn 'rootfs.ext$(KILN_TARGET_ROOTFS_EXT2_GEN)' '$(BINARIES_DIR)/rootfs.ext2')
endef

$(eval $(call kiln-rootfs,ext2,EXT2))
