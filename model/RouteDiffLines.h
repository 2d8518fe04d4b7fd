#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <vector>

namespace rd {

// The line edit script behind RouteDiff: a shortest one (fewest added plus removed lines) turning `a` into `b`.
//
// Myers' O((N+M)·D) algorithm. Keeping every round of its search to walk back along costs D rounds of up to N+M
// positions: 4 GB for one element whose 8,000 lines all changed. So a script of more than kOneSidedUpTo edits
// is found in the linear-space form instead: a search from both ends at once that keeps only the newest round
// of each and recurses on the two halves either side of where they meet. Memory is O(N+M) either way (the
// rounds kept for short scripts are bounded by kOneSidedUpTo, not by the input); time stays O((N+M)·D).
class RouteDiffLines
{
public:
    enum class Op : unsigned char { Keep, Remove, Add };

    // Up to this many edits the one-sided search keeps its rounds (at most about 4 MB of them): quicker, and
    // its choice among equally short scripts is the one RouteDiff has always shown.
    static constexpr std::size_t kOneSidedUpTo = 1024;

    // One Op per line of the script, in order: every line of `a` once (Keep or Remove), every line of `b`
    // once (Keep or Add). Within each run of changes the removed lines come before the added ones.
    // nullopt when more than `maxEdits` lines would have to be added or removed, or once `stop` is requested:
    // the search gives up as soon as it knows, so a huge difference costs at most O((N+M)·maxEdits).
    // `oneSidedUpTo` is for tests, which set 0 to put small inputs through the two-sided search.
    static std::optional<std::vector<Op>> script(std::span<const std::string> a, std::span<const std::string> b,
                                                 std::size_t maxEdits, std::stop_token stop = {},
                                                 std::size_t oneSidedUpTo = kOneSidedUpTo);
};

} // namespace rd
