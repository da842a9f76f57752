# squashfs-tools' Makefile relies on make's built-in %.o: %.c rule,
# which Kiln's top-level --no-builtin-rules (inherited through MAKEFLAGS)
# turns off in package makes: this is that rule.
%.o: %.c
	$(CC) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<
