#!/bin/sh
# Runs a test binary as a second machine on a LAN made for it: network namespace B, joined to
# namespace A by a veth pair (10.231.0.1 in A, 10.231.0.2 in B). The test starts hosts in A
# through `ip netns exec $PARLEY_TEST_HOST_NETNS`. Nothing leaves the two namespaces, which
# are removed afterwards. Exits 77 (skipped) without root or iproute2.
set -eu
if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null; then
    echo "skipped: network namespaces need root and iproute2"
    exit 77
fi
a="parley-a-$$"
b="parley-b-$$"
cleanup() {
    ip netns del "$a" 2>/dev/null || true
    ip netns del "$b" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
ip netns add "$a"
ip netns add "$b"
ip link add "pa$$" type veth peer name "pb$$"
ip link set "pa$$" netns "$a"
ip link set "pb$$" netns "$b"
ip -n "$a" addr add 10.231.0.1/24 dev "pa$$"
ip -n "$b" addr add 10.231.0.2/24 dev "pb$$"
for ns in "$a" "$b"; do
    ip -n "$ns" link set lo up
done
ip -n "$a" link set "pa$$" up
ip -n "$b" link set "pb$$" up
PARLEY_TEST_HOST_NETNS="$a" ip netns exec "$b" "$@"
