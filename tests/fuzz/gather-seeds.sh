#!/usr/bin/env bash
# gather-seeds.sh OUT-DIR: builds each fuzz target's seed corpus from the test fixtures (and tests/fuzz/seeds),
# one directory per target under OUT-DIR. Generated, not committed: the fixtures are the seeds, and they change.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fixtures="$here/../fixtures"
out="${1:?usage: gather-seeds.sh OUT-DIR}"

rm -rf "$out"
mkdir -p "$out/route-import" "$out/api-response" "$out/route-diff" "$out/route-engine"

# Every fixture is a seed for both decoding targets: the route ones are API responses too, and the broken ones
# (truncated, bad UTF-8, garbage) start the fuzzer on the error paths.
for file in "$fixtures"/{api,routes,seeds,routectl}/*; do
    [ -f "$file" ] || continue # fixture folders of their own (routectl/engine) are not seeds
    name="$(basename "$(dirname "$file")")-$(basename "$file")"
    cp "$file" "$out/route-import/$name"
    cp "$file" "$out/api-response/$name"
done
if [ -d "$here/seeds" ]; then
    for dir in "$here"/seeds/*/; do
        target="$(basename "$dir")"
        mkdir -p "$out/$target"
        cp "$dir"* "$out/$target/"
    done
fi

# route-diff: each route alone (diffed with itself), with a small edit of itself (rewired, renumbered, renamed:
# what real diffs look like) and with the next route fixture (split by a NUL byte). Not every pair: the
# fuzzer crosses inputs over itself, and hundreds of seeds would spend a short run just loading them.
mapfile -t routes < <(find "$fixtures"/{routes,seeds,routectl} -maxdepth 1 -type f -exec grep -l '"elements"' {} + | sort)
edit() {
    sed -e '0,/"elementId": *"[^"]*"/s//"elementId": "end"/' \
        -e '0,/: *[0-9][0-9]*/s//: 7/' \
        -e '0,/"id": *"\([^"]*\)"/s//"id": "\1_2"/' "$1"
}
seedName() { echo "$(basename "$(dirname "$1")")-$(basename "$1" .json)"; }
for i in "${!routes[@]}"; do
    a="${routes[$i]}"
    b="${routes[$(((i + 1) % ${#routes[@]}))]}"
    cp "$a" "$out/route-diff/$(seedName "$a")"
    { cat "$a"; printf '\0'; edit "$a"; } >"$out/route-diff/$(seedName "$a")--edited"
    { cat "$a"; printf '\0'; cat "$b"; } >"$out/route-diff/$(seedName "$a")--$(seedName "$b")"
done

# route-engine: each route alone, and with a request context after a NUL byte: one that takes the documented
# branch, one with the body and headers the other operators look at.
contexts=('{"metadata": {"plan": "free", "user_id": "u-1"}}'
    '{"metadata": {"plan": "pro", "n": 3}, "headers": {"X-Tier": "gold"}, "body": {"messages": [{"content": "hi"}]}, "tokens_in": 1200}')
for a in "${routes[@]}" "$here/../../resources/routes/demo-route.json"; do
    cp "$a" "$out/route-engine/$(seedName "$a")"
    for k in "${!contexts[@]}"; do
        { cat "$a"; printf '\0'; printf '%s' "${contexts[$k]}"; } >"$out/route-engine/$(seedName "$a")--context$k"
    done
done

for dir in "$out"/*/; do
    echo "seeds: $(basename "$dir"): $(find "$dir" -type f | wc -l) files"
done
