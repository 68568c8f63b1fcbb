#!/bin/sh
# Runs a test with a small disk that really fills up: a 4 MiB tmpfs, mounted in a mount
# namespace of the test's own (nothing outside sees it; it goes when the test ends), its path in
# PARLEY_SMALL_DISK. Exits 77 (skipped) without root.
set -eu
if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null; then
    echo "skipped: a private tmpfs needs root and unshare"
    exit 77
fi
exec unshare --mount --propagation private -- sh -c '
    disk=$(mktemp -d)
    mount -t tmpfs -o size=4m tmpfs "$disk"
    PARLEY_SMALL_DISK="$disk" exec "$@"' run-with-small-disk "$@"
