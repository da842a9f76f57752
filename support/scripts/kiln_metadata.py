# SPDX-License-Identifier: GPL-2.0-or-later
"""The packages' metadata that make writes for the tooling scripts.

support/make/sbom.mk writes O/.kiln-metadata.json with $(file) when a
goal that needs it runs (show-info, sbom, cve-check, legal-info, the
graphs): the build's places, then every package of the build with its
variables, dependencies first. This module reads it for
support/scripts/kiln-sbom, legal-info, graph-depends and graph-size,
and answers what those scripts all derive from it (where a package's
.mk, .hash and patches are, where its downloads are).
"""

import json
import os


class Error(Exception):
    """A one-line message for the user."""


def load(path):
    try:
        with open(path, encoding='utf-8') as f:
            meta = json.load(f)
    except (OSError, ValueError) as e:
        raise Error(
            'cannot read the package metadata %s (%s): run the goal through '
            'make (make show-info, sbom, cve-check, legal-info or '
            'graph-depends)' % (path, e)
        )
    if meta.get('kiln_metadata') != 1:
        raise Error('%s is not Kiln package metadata (kiln_metadata 1)' % path)
    return meta


def pkgdir(meta, pkg):
    d = pkg['pkgdir']
    return d if os.path.isabs(d) else os.path.join(meta['topdir'], d)


def mk_path(meta, pkg):
    return os.path.join(pkgdir(meta, pkg), pkg['rawname'] + '.mk')


def hashfile_path(meta, pkg):
    """The package's hash file (<PKG>_HASH_FILE, else <pkgdir>/<name>.hash)."""
    if pkg.get('hash_file'):
        return os.path.join(meta['topdir'], pkg['hash_file'])
    return os.path.join(pkgdir(meta, pkg), pkg['rawname'] + '.hash')


def dl_dir(meta, pkg):
    """The package's download directory (DL_DIR/<PKG>_DL_SUBDIR)."""
    return os.path.join(meta['dl_dir'], pkg['dl_subdir'])


def debian_tarball(meta, pkg):
    """Debian's patch tarball, when the patch step applies it, else ''."""
    if not pkg['debian_tarball']:
        return ''
    return os.path.join(dl_dir(meta, pkg), pkg['debian_tarball'])


def kiln_patches(meta, pkg):
    """The package's own *.patch files, in the order the patch step
    applies them (none when it builds from <PKG>_OVERRIDE_SRCDIR)."""
    if pkg['override_srcdir']:
        return []
    d = pkgdir(meta, pkg)
    try:
        names = sorted(n for n in os.listdir(d) if n.endswith('.patch'))
    except OSError:
        names = []
    own = [os.path.join(d, n) for n in names]
    return own + list(pkg.get('patch_files', []))
