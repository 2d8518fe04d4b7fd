#!/usr/bin/env bash
# Validates the desktop entry with desktop-file-validate. Its hints (advice) are shown; an error or a warning
# fails. Exits 77 (skip) where desktop-file-utils is not installed.
#
# usage: check-desktop-entry.sh FILE.desktop
set -uo pipefail

if ! command -v desktop-file-validate >/dev/null 2>&1; then
    echo "SKIP: desktop-file-validate is not installed (Debian: desktop-file-utils)"
    exit 77
fi
output=$(desktop-file-validate "$1" 2>&1)
status=$?
[ -z "$output" ] || echo "$output"
if [ "$status" -ne 0 ] || grep -qE ': (error|warning): ' <<<"$output"; then
    echo "FAIL: $1 is not a valid desktop entry"
    exit 1
fi
echo "desktop entry: $1 is valid"
