#!/bin/bash
# Users tables (<PKG>_USERS and KILN_ROOTFS_USERS_TABLES): the users and
# groups reach /etc/passwd, group and shadow at target-finalize, with
# automatic ids and passwords hashed at build time; home directories
# belong to their users in the tar image (and a permission table still
# wins inside one); a changed table redoes finalize; conflicts, unknown
# groups and malformed lines are errors naming the table and the line.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 29

out=$SCRATCH/out
table=$SCRATCH/users.txt
echo 'tableuser 1500 tablegrp 1500 - /home/tableuser /bin/sh kilnextra -' >"$table"
configure "$out" KILN_PACKAGE_U_USER=y KILN_PACKAGE_SKELETON=y KILN_TARGET_ROOTFS_TAR=y \
	"KILN_ROOTFS_USERS_TABLES=\"$table\""
ok "build" kiln "$out"

etc=$out/target/etc
passwd=$(cat "$etc/passwd")
like "$passwd" '^root:x:0:0:root:/root:/bin/sh$' "the skeleton's users stay"
like "$passwd" '^kilnuser:x:1000:1000:Kiln test user:/home/kilnuser:/bin/sh$' "a package's user, with the first automatic uid and gid and its comment"
like "$passwd" '^svcd:x:500:500:Service daemon:/var/lib/svcd:/bin/false$' "fixed ids; shell - is /bin/false"
like "$passwd" '^tableuser:x:1500:1500::/home/tableuser:/bin/sh$' "a user of KILN_ROOTFS_USERS_TABLES"
group=$(cat "$etc/group")
like "$group" '^kilnextra:x:1001:kilnuser,tableuser$' "a group-only line, with its members from both tables"
like "$group" '^users:x:100:kilnuser$' "a skeleton group gets a member"
like "$group" '^tablegrp:x:1500:$' "a user's main group is created with its gid"
shadow=$(cat "$etc/shadow")
like "$shadow" '^svcd:!::0:99999:7:::$' "a ! password locks the account"
like "$shadow" '^tableuser:::0:99999:7:::$' "a - password is empty"
hash=$(sed -n 's/^kilnuser:\([^:]*\):.*/\1/p' "$etc/shadow")
like "$hash" '^[$]6[$]' "a =clear-text password is hashed with SHA-512 crypt"
salt=$(cut -d'$' -f3 <<<"$hash")
is "$(openssl passwd -6 -salt "$salt" kiln-pw)" "$hash" "and the hash is that of the clear text"
unlike "$(cat "$etc/shadow" "$etc/passwd" "$etc/group")" "kiln-pw" "the clear text is in none of the files"
is "$(stat -c %a "$etc/shadow")" 600 "/etc/shadow is 0600"
ok "the home directories are made in output/target" test -d "$out/target/home/kilnuser" -a -d "$out/target/home/tableuser"

listing=$(tar -tvf "$out/images/rootfs.tar" --numeric-owner)
like "$listing" '^drwxr-xr-x 1000/1000 .* \./home/kilnuser/$' "in the image, a home directory is its user's"
like "$listing" '^-rw-r--r-- 500/500 .* \./var/lib/svcd/data$' "and so is what a package installed in it"
like "$listing" '^lrwxrwxrwx 500/500 .* \./var/lib/svcd/link -> data$' "symbolic links included"
like "$listing" '^-rw------- 0/0 .* \./var/lib/svcd/secret$' "but a permission table still wins inside a home"
like "$listing" '^drwxr-xr-x 0/0 .* \./home/$' "the parent stays root's"
is "$(tar -xOf "$out/images/rootfs.tar" ./etc/passwd)" "$passwd" "the image's /etc/passwd is output/target's"
is "$(tar -xOf "$out/images/rootfs.tar" ./etc/shadow)" "$shadow" "and so is /etc/shadow"

echo 'tableuser 1501 tablegrp 1500 - /home/tableuser /bin/sh kilnextra -' >"$table"
kiln "$out" >/dev/null 2>&1
like "$(cat "$etc/passwd")" '^tableuser:x:1501:1500:' "a changed table redoes finalize"

# Errors, each naming the table and the line.
echo 'other 500 other -1 - - - - -' >"$table"
msg=$(kiln "$out" 2>&1) || true
like "$msg" "kiln-users: $table, line 1: uid 500 is already used by user svcd \(U_USER_USERS \(package u-user, $EXT/package/u-user/u-user\.mk\), line 3\); choose another uid, or -1 for an automatic one" \
	"a uid taken by another user"
echo 'svcd 501 svcd -1 - - - - -' >"$table"
msg=$(kiln "$out" 2>&1) || true
like "$msg" "kiln-users: $table, line 1: user svcd already exists with uid 500 \(U_USER_USERS .*\); use uid 500 or -1" \
	"a user declared again with another uid"
printf '# users\nbroken -1 broken\n' >"$table"
msg=$(kiln "$out" 2>&1) || true
like "$msg" "kiln-users: $table, line 2: expected 9 fields: username uid group gid password home shell groups comment" \
	"a malformed line"
echo 'plain -1 plain -1 secret - - - -' >"$table"
msg=$(kiln "$out" 2>&1) || true
like "$msg" "kiln-users: $table, line 1: password must be a crypt hash .*=text \(clear text, hashed at build time\)" \
	"a password that is neither a hash nor marked as clear text"
rm "$table"
msg=$(kiln "$out" 2>&1) || true
like "$msg" "kiln-users: $table: cannot read the users table $table; fix KILN_ROOTFS_USERS_TABLES" "a table that does not exist"

configure "$out" KILN_PACKAGE_U_BAD=y KILN_PACKAGE_SKELETON=y
msg=$(kiln "$out" 2>&1) || true
like "$msg" "kiln-users: U_BAD_USERS \(package u-bad, $EXT/package/u-bad/u-bad\.mk\), line 2: user baduser: group nosuchgroup does not exist; declare it" \
	"a group that does not exist, in a package's table"
done_testing
