/* Kiln's compile-time options for dropbear, over default_options.h
 * (copied into the source by package/dropbear/dropbear.mk).
 *
 * Debian's cross C library (glibc 2.36) has no crypt() and Kiln has no
 * libxcrypt: without crypt() the server cannot check passwords, and
 * sysoptions.h stops the build unless password logins are off.
 * configure defines HAVE_CRYPT to 1 or not at all (#ifndef: -Wundef
 * would warn about "#if !HAVE_CRYPT" in every file). Note that 2022.83's
 * configure never defines it, even where crypt() exists: it sets
 * found_crypt_func=here and then tests for "there". A libxcrypt package
 * would need that fixed as well. */
#ifndef HAVE_CRYPT
#define DROPBEAR_SVR_PASSWORD_AUTH 0
#endif
