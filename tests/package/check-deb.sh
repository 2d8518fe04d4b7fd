#!/usr/bin/env bash
# Builds the .deb from this build tree with CPack, unpacks it with `dpkg -x` into a temporary folder (nothing is
# installed into the machine) and runs the programs from there, with no display and no LD_LIBRARY_PATH: what a
# user who installs the package gets must start. Exits 77 (ctest's SKIP_RETURN_CODE) only when the dpkg tools
# are missing, i.e. on a machine that is not Debian-like.
#
# usage: check-deb.sh BUILD_DIR CPACK VERSION
set -uo pipefail

build=$1
cpack=$2
version=$3

for tool in dpkg-deb dpkg-shlibdeps dpkg; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP: $tool is not installed (Debian's dpkg and dpkg-dev make and read .deb packages)"
        exit 77
    fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/rd-package.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# -B keeps CPack's staging folder (_CPack_Packages) in the temporary folder too, away from a cpack run by hand.
if ! "$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log"
    echo "FAIL: cpack -G DEB failed"
    exit 1
fi
debs=("$work"/out/route-designer_"$version"_*.deb)
if [ "${#debs[@]}" -ne 1 ] || [ ! -f "${debs[0]}" ]; then
    ls -l "$work/out"
    echo "FAIL: expected one route-designer_${version}_<arch>.deb"
    exit 1
fi
deb=${debs[0]}
echo "== dpkg-deb -I $(basename "$deb")"
dpkg-deb -I "$deb"

# Dependencies: dpkg-shlibdeps's runtime packages plus the named plugins, and never a -dev package.
depends=$(dpkg-deb -f "$deb" Depends)
[ -n "$depends" ] || fail "the package declares no dependencies"
while read -r name; do
    [ -n "$name" ] || continue
    case $name in
    *-dev | *-dev:*) fail "depends on the development package $name" ;;
    esac
done < <(tr ',|' '\n\n' <<<"$depends" | sed -e 's/(.*)//' -e 's/^ *//' -e 's/ *$//')
for needed in libqt6core6 libqt6widgets6 libqt6network6 libgvc6 libqt6keychain libqt6sql6-sqlite qt6-qpa-plugins; do
    grep -q "$needed" <<<"$depends" || fail "Depends names no $needed: $depends"
done

root="$work/root"
dpkg -x "$deb" "$root" || fail "dpkg -x failed"
for file in usr/bin/route-designer usr/bin/route-sandbox usr/bin/routectl \
    usr/share/applications/route-designer.desktop \
    usr/share/icons/hicolor/scalable/apps/route-designer.svg \
    usr/share/man/man1/routectl.1 \
    usr/share/doc/route-designer/copyright; do
    [ -f "$root/$file" ] || fail "the package has no /$file"
done

# The desktop entry starts a program the package installs, with an icon it installs.
desktop="$root/usr/share/applications/route-designer.desktop"
if [ -f "$desktop" ]; then
    exec_program=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
    icon=$(sed -n 's/^Icon=//p' "$desktop")
    [ -x "$root/usr/bin/$exec_program" ] || fail "Exec=$exec_program is not in /usr/bin"
    [ -f "$root/usr/share/icons/hicolor/scalable/apps/$icon.svg" ] || fail "Icon=$icon has no SVG in hicolor"
fi
grep -q "GPL-3+" "$root/usr/share/doc/route-designer/copyright" 2>/dev/null || fail "copyright names no GPL-3+"
man="$root/usr/share/man/man1/routectl.1"
if [ -f "$man" ]; then
    grep -q "^\.TH ROUTECTL 1 .*Route Designer $version" "$man" || fail "the man page's title line has no version $version"
fi

# An installed binary must not look for libraries in the tree it was built in (that works here and nowhere else),
# nor next to itself: only system folders such as Graphviz's plugin folder belong on its RUNPATH.
for program in route-designer route-sandbox routectl; do
    binary="$root/usr/bin/$program"
    [ -f "$binary" ] || continue
    runpath=$(readelf -d "$binary" 2>/dev/null | sed -n 's/.*(R\(UN\)\?PATH).*\[\(.*\)\]/\2/p')
    echo "== $program RUNPATH: ${runpath:-(none)}"
    case ":$runpath:" in
    *"$build"*) fail "$program's RUNPATH points into the build tree: $runpath" ;;
    *'$ORIGIN'*) fail "$program's RUNPATH has \$ORIGIN, but the package ships no libraries: $runpath" ;;
    esac
done

# Run from the unpacked tree, as a user would after installing: no display, no library path of ours.
run() {
    env -u DISPLAY -u WAYLAND_DISPLAY -u WAYLAND_SOCKET -u QT_QPA_PLATFORM -u LD_LIBRARY_PATH "$@"
}
expect_output() {
    local expected=$1
    shift
    local output
    output=$(run "$@" 2>&1)
    local status=$?
    echo "== $(basename "$1") ${*:2}: exit $status: $(head -n 1 <<<"$output")"
    [ "$status" -eq 0 ] || fail "$(basename "$1") ${*:2} exited with $status: $output"
    grep -q -- "$expected" <<<"$output" || fail "$(basename "$1") ${*:2} printed no '$expected': $output"
}
expect_output "^routectl $version$" "$root/usr/bin/routectl" --version
expect_output "^Route Designer $version$" "$root/usr/bin/route-designer" --version
expect_output "route-sandbox" "$root/usr/bin/route-sandbox" --help

if [ "$failures" -gt 0 ]; then
    echo "package: $failures problem(s)"
    exit 1
fi
echo "package: $(basename "$deb") builds, unpacks and runs"
