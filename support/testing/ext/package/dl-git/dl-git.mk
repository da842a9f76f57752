################################################################################
# dl-git
################################################################################

# Test: the git method. The test makes a repository with fixed commit
# dates and authors (so the commit, and therefore the tarball, is the
# same on every run) and sets DL_GIT_SITE to it.
DL_GIT_VERSION = v1.0
DL_GIT_SOURCE = dl-git-$(DL_GIT_VERSION).tar.gz
DL_GIT_SITE = file:///nonexistent/dl-git.git
DL_GIT_SITE_METHOD = git
DL_GIT_LICENSE = MIT
DL_GIT_LICENSE_FILES = COPYING
$(eval $(generic-package))
