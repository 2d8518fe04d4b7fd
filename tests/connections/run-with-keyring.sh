#!/bin/sh
# Runs a test program against a real Secret Service: a private D-Bus session bus with a gnome-keyring-daemon of
# its own, whose keyrings live in a throwaway directory so the user's own keyring is never touched. Unlocking
# creates the login keyring and makes it the default collection that libsecret stores into; that needs a non-empty
# password (with an empty one the daemon creates nothing, and every write asks for a prompter that cannot appear
# without a display). The password guards only this scratch keyring.
set -eu

for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "run-with-keyring: $tool is missing (Debian: apt install dbus-daemon gnome-keyring)" >&2
        exit 1
    fi
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT INT TERM
mkdir -m 700 "$scratch/data" "$scratch/runtime" "$scratch/cache" "$scratch/config"
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/runtime" XDG_CACHE_HOME="$scratch/cache" \
    XDG_CONFIG_HOME="$scratch/config"
# QtKeychain picks KWallet on a KDE desktop; this run is about the Secret Service.
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION KDE_SESSION_VERSION GNOME_KEYRING_CONTROL

status=0
dbus-run-session -- sh -c '
    printf "route-designer-tests" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
    exec "$@"' run-with-keyring "$@" || status=$?
exit "$status"
