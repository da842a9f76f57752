# SPDX-License-Identifier: GPL-2.0-or-later
# overhead.awk: the framework's share of a build, from its
# build-time.log (support/scripts/kiln-step: package, step, start, end,
# status; times in seconds since the epoch) and the window of the run.
#
# awk -v t0=START -v t1=END -f overhead.awk build/build-time.log
# prints: wall_s framework_s framework_percent step=seconds...
#
# The framework's time is the wall time during which no package's
# configure, build or install commands ran: the union of those
# intervals, so that overlapping steps at -j2 count once, subtracted
# from the window. The other steps (extract, assemble, record, finalize,
# images...) are listed with their summed seconds. Used by full-build
# and scale.
$5 != 0 { next }
$2 == "configure" || $2 == "build" || $2 == "install" { n++; s[n] = $3; e[n] = $4; next }
{ fw[$2] += $4 - $3 }
END {
	# Union of the package command intervals (insertion sort by start).
	for (i = 2; i <= n; i++) {
		xs = s[i]; xe = e[i]
		for (k = i - 1; k >= 1 && s[k] > xs; k--) { s[k + 1] = s[k]; e[k + 1] = e[k] }
		s[k + 1] = xs; e[k + 1] = xe
	}
	busy = 0; cs = -1
	for (i = 1; i <= n; i++) {
		if (cs < 0 || s[i] > ce) { if (cs >= 0) busy += ce - cs; cs = s[i]; ce = e[i] }
		else if (e[i] > ce) ce = e[i]
	}
	if (cs >= 0) busy += ce - cs
	wall = t1 - t0
	printf "%.2f %.2f %.2f", wall, wall - busy, 100 * (wall - busy) / wall
	for (k in fw) printf " %s=%.2f", k, fw[k]
	printf "\n"
}
