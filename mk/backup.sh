#!/bin/sh
# Back up Mesure into one tar file: the database (pg_dump in custom
# format: compressed, restorable table by table), the public certificates
# of the signing PKI (every *.pem of PKI-DIR: signer.pem, ca.pem – never a
# key: the private key is backed up on its own, offline, by the
# administrator), a MANIFEST of counts and digests that mk/restore.sh
# checks after restoring, and SHA256SUMS of all of it.
#
#   mk/backup.sh CONNINFO DIR [PKI-DIR]   prints the path of the tar file,
#                                         DIR/mesure-YYYYmmdd-HHMMSS.tar
set -eu
conn=${1:?usage: backup.sh CONNINFO DIR [PKI-DIR]}
dir=${2:?missing DIR}
pki=${3:-}
top=$(cd "$(dirname "$0")/.." && pwd)
stamp=$(date +%Y%m%d-%H%M%S)
name=mesure-$stamp
umask 077
mkdir -p "$dir"
chmod 700 "$dir"
tmp=$(mktemp -d "$dir/.$name.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
out=$tmp/$name
mkdir "$out"
pg_dump "$conn" --format=custom --compress=6 --no-owner --no-privileges \
    --file="$out/mesure.dump"
if [ -n "$pki" ]; then
	for f in "$pki"/*.pem; do
		[ -f "$f" ] || continue
		# A PEM holding a private key is never copied.
		if grep -q "PRIVATE KEY" "$f"; then
			echo "backup: $f holds a private key: not copied" >&2
			continue
		fi
		cp "$f" "$out/"
	done
fi
sh "$top/mk/manifest.sh" "$conn" > "$out/MANIFEST"
(cd "$out" && sha256sum -- * > SHA256SUMS)
tar -C "$tmp" -cf "$tmp/$name.tar" "$name"
mv "$tmp/$name.tar" "$dir/$name.tar"
echo "$dir/$name.tar"
