#!/bin/sh
# The chroot of the Kore workers: only what they read at run time.
# Everything served (pages, SQL, assets) is embedded in the module; the
# workers need the fonts of the PDF reports (libharu loads them by path)
# and a /tmp. The signing key is never here: it stays with the signer
# (build/mesure-signer), whose socket goes in run/ so that the workers
# can reach it from inside the chroot (reports/README.md).
#
#   mk/root.sh DIR
set -eu
dir=${1:?usage: root.sh DIR}
mkdir -p "$dir/fonts" "$dir/tmp" "$dir/run"
chmod 755 "$dir" "$dir/fonts" "$dir/run"
chmod 1777 "$dir/tmp"
for f in /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
    /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf; do
	if [ -f "$f" ] && ! cmp -s "$f" "$dir/fonts/$(basename "$f")"; then
		cp "$f" "$dir/fonts/"
	fi
done
chmod 644 "$dir"/fonts/*
