#include "model/RouteDiffLines.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string_view>
#include <unordered_map>

namespace rd {

namespace {

using Op = RouteDiffLines::Op;
using Index = std::ptrdiff_t;

// Where a forward and a backward search met: a run of equal lines from (x0, y0) to (x1, y1) that lies on a
// shortest script.
struct MiddleSnake
{
    Index x0 = 0;
    Index y0 = 0;
    Index x1 = 0;
    Index y1 = 0;
};

// One script's search over the lines as numbers: the one-sided search for short scripts, the two-sided one
// (with its two rows of furthest positions, reused through the recursion) for the rest.
class Search
{
public:
    Search(std::vector<std::uint32_t> a, std::vector<std::uint32_t> b, std::stop_token stop, Index oneSidedUpTo)
        : m_a(std::move(a)), m_b(std::move(b)), m_stop(std::move(stop)), m_oneSidedUpTo(oneSidedUpTo),
          m_offset(static_cast<Index>(m_a.size() + m_b.size()) / 2 + 2),
          m_forward(static_cast<std::size_t>(2 * m_offset + 1), kUnreached),
          m_backward(static_cast<std::size_t>(2 * m_offset + 1), kUnreached)
    {}

    // Appends the script for all of `a` and `b`; false when it needs more than `maxEdits` or was stopped.
    bool run(Index maxEdits, std::vector<Op> &out)
    {
        Index a0 = 0;
        Index a1 = static_cast<Index>(m_a.size());
        Index b0 = 0;
        Index b1 = static_cast<Index>(m_b.size());
        const Index suffix = trim(a0, a1, b0, b1, out);
        if (a0 < a1 && b0 < b1) {
            switch (greedy(a0, a1, b0, b1, std::min(maxEdits, m_oneSidedUpTo), out)) {
            case Greedy::Done:
                out.insert(out.end(), static_cast<std::size_t>(suffix), Op::Keep);
                return true;
            case Greedy::Stopped:
                return false;
            case Greedy::TooManyEdits:
                if (maxEdits <= m_oneSidedUpTo) {
                    return false;
                }
                break;
            }
        }
        if (!solve(a0, a1, b0, b1, maxEdits, out)) {
            return false;
        }
        out.insert(out.end(), static_cast<std::size_t>(suffix), Op::Keep);
        return true;
    }

private:
    static constexpr Index kUnreached = -1;
    enum class Greedy { Done, TooManyEdits, Stopped };

    // Keeps the common lines at the start (appended to `out`) and end (returned as a count, for the caller to
    // append last) out of the search.
    Index trim(Index &a0, Index &a1, Index &b0, Index &b1, std::vector<Op> &out) const
    {
        while (a0 < a1 && b0 < b1 && m_a[static_cast<std::size_t>(a0)] == m_b[static_cast<std::size_t>(b0)]) {
            out.push_back(Op::Keep);
            ++a0;
            ++b0;
        }
        Index suffix = 0;
        while (a0 < a1 && b0 < b1 && m_a[static_cast<std::size_t>(a1 - 1)] == m_b[static_cast<std::size_t>(b1 - 1)]) {
            --a1;
            --b1;
            ++suffix;
        }
        return suffix;
    }

    // Myers' greedy search from the start alone, keeping the furthest x of every diagonal after every round,
    // then walking back from the end along them. Gives up (TooManyEdits) after `maxEdits` rounds.
    Greedy greedy(Index a0, Index a1, Index b0, Index b1, Index maxEdits, std::vector<Op> &out)
    {
        const Index n = a1 - a0;
        const Index m = b1 - b0;
        const Index max = n + m;
        std::vector<Index> v(static_cast<std::size_t>(2 * max + 2), 0);
        const auto at = [&v, max](Index k) -> Index & {
            return v[static_cast<std::size_t>(k + max)];
        };
        // Round d's furthest x for k = -d, -d + 2, ..., d, stored one round after the other: round d starts at
        // d (d + 1) / 2.
        std::vector<Index> rounds;
        const Index mostRounds = std::min(maxEdits, max);
        rounds.reserve(static_cast<std::size_t>((mostRounds + 1) * (mostRounds + 2) / 2));
        const auto saved = [&rounds](Index d, Index k) {
            return rounds[static_cast<std::size_t>(d * (d + 1) / 2 + (k + d) / 2)];
        };
        Index last = -1; // the round that reached the end
        for (Index d = 0; d <= max && last < 0; ++d) {
            if (d > maxEdits) {
                return Greedy::TooManyEdits;
            }
            if (m_stop.stop_requested()) {
                return Greedy::Stopped;
            }
            for (Index k = -d; k <= d; k += 2) {
                Index x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
                Index y = x - k;
                while (x < n && y < m &&
                       m_a[static_cast<std::size_t>(a0 + x)] == m_b[static_cast<std::size_t>(b0 + y)]) {
                    ++x;
                    ++y;
                }
                at(k) = x;
                if (x >= n && y >= m) {
                    last = d;
                    break;
                }
            }
            if (last < 0) {
                for (Index k = -d; k <= d; k += 2) {
                    rounds.push_back(at(k));
                }
            }
        }

        std::vector<Op> reversed;
        Index x = n;
        Index y = m;
        for (Index d = last; d >= 0; --d) {
            const Index k = x - y;
            Index prevX = 0;
            Index prevY = 0;
            if (d > 0) {
                const Index prevK = (k == -d || (k != d && saved(d - 1, k - 1) < saved(d - 1, k + 1))) ? k + 1 : k - 1;
                prevX = saved(d - 1, prevK);
                prevY = prevX - prevK;
            }
            while (x > prevX && y > prevY) {
                --x;
                --y;
                reversed.push_back(Op::Keep);
            }
            if (d > 0) {
                reversed.push_back(x == prevX ? Op::Add : Op::Remove);
            }
            x = prevX;
            y = prevY;
        }
        out.insert(out.end(), reversed.rbegin(), reversed.rend());
        return Greedy::Done;
    }

    // The two-sided search's rows: the furthest x of each diagonal k in the latest round, from the start and
    // from the end. A subproblem is never longer than the whole, so the rows sized for it serve every one.
    Index &forward(Index k) { return m_forward[static_cast<std::size_t>(k + m_offset)]; }
    Index &backward(Index k) { return m_backward[static_cast<std::size_t>(k + m_offset)]; }

    bool solve(Index a0, Index a1, Index b0, Index b1, Index maxEdits, std::vector<Op> &out)
    {
        // Common lines at either end need no search; after them a script of one edit is the lone side left.
        const Index suffix = trim(a0, a1, b0, b1, out);
        if (a0 == a1 || b0 == b1) {
            if ((a1 - a0) + (b1 - b0) > maxEdits) {
                return false;
            }
            out.insert(out.end(), static_cast<std::size_t>(a1 - a0), Op::Remove);
            out.insert(out.end(), static_cast<std::size_t>(b1 - b0), Op::Add);
        } else {
            const std::optional<MiddleSnake> snake = middleSnake(a0, a1, b0, b1, maxEdits);
            if (!snake) {
                return false;
            }
            // Both halves are shorter scripts than this one (the snake sits halfway along it): no limit needed.
            const Index unlimited = std::numeric_limits<Index>::max();
            if (!solve(a0, snake->x0, b0, snake->y0, unlimited, out)) {
                return false;
            }
            out.insert(out.end(), static_cast<std::size_t>(snake->x1 - snake->x0), Op::Keep);
            if (!solve(snake->x1, a1, snake->y1, b1, unlimited, out)) {
                return false;
            }
        }
        out.insert(out.end(), static_cast<std::size_t>(suffix), Op::Keep);
        return true;
    }

    // Myers' bidirectional search on a[a0, a1) and b[b0, b1), both non-empty. Round d extends the furthest
    // reaching d-edit paths from the start (forward) and from the end (backward, on the reversed lines) by one
    // edit and then along equal lines; diagonal k holds the paths whose x - y is k. The first overlap of the
    // two is the middle of a shortest script. Only paths inside the grid are followed, so a position never
    // stands for lines past either end.
    std::optional<MiddleSnake> middleSnake(Index a0, Index a1, Index b0, Index b1, Index maxEdits)
    {
        const Index n = a1 - a0;
        const Index m = b1 - b0;
        const Index delta = n - m;
        const bool odd = (delta & 1) != 0;
        const auto a = [&](Index x) {
            return m_a[static_cast<std::size_t>(a0 + x)];
        };
        const auto b = [&](Index y) {
            return m_b[static_cast<std::size_t>(b0 + y)];
        };
        const auto aBack = [&](Index x) {
            return m_a[static_cast<std::size_t>(a1 - 1 - x)];
        };
        const auto bBack = [&](Index y) {
            return m_b[static_cast<std::size_t>(b1 - 1 - y)];
        };

        for (Index d = 0; d <= (n + m + 1) / 2; ++d) {
            // The shortest script this round can still find has 2d - 1 (odd delta) or 2d edits.
            if (2 * d - (odd ? 1 : 0) > maxEdits || m_stop.stop_requested()) {
                return std::nullopt;
            }
            for (Index k = -d; k <= d; k += 2) {
                const Index x = step(d, k, n, m, [this](Index i) -> Index & { return forward(i); });
                if (x == kUnreached) {
                    forward(k) = kUnreached;
                    continue;
                }
                const Index y = x - k;
                Index xEnd = x;
                Index yEnd = y;
                while (xEnd < n && yEnd < m && a(xEnd) == b(yEnd)) {
                    ++xEnd;
                    ++yEnd;
                }
                forward(k) = xEnd;
                const Index kBack = delta - k; // the same diagonal, seen from the end
                if (odd && kBack >= -(d - 1) && kBack <= d - 1 && backward(kBack) != kUnreached &&
                    xEnd + backward(kBack) >= n) {
                    return MiddleSnake{a0 + x, b0 + y, a0 + xEnd, b0 + yEnd};
                }
            }
            for (Index k = -d; k <= d; k += 2) {
                const Index x = step(d, k, n, m, [this](Index i) -> Index & { return backward(i); });
                if (x == kUnreached) {
                    backward(k) = kUnreached;
                    continue;
                }
                const Index y = x - k;
                Index xEnd = x;
                Index yEnd = y;
                while (xEnd < n && yEnd < m && aBack(xEnd) == bBack(yEnd)) {
                    ++xEnd;
                    ++yEnd;
                }
                backward(k) = xEnd;
                const Index kForward = delta - k;
                if (!odd && kForward >= -d && kForward <= d && forward(kForward) != kUnreached &&
                    xEnd + forward(kForward) >= n) {
                    return MiddleSnake{a1 - xEnd, b1 - yEnd, a1 - x, b1 - y};
                }
            }
        }
        return std::nullopt; // not reached: the searches meet by round (n + m + 1) / 2
    }

    // Where one more edit takes a path onto diagonal k in round d: one line down from diagonal k + 1 (a line of
    // b added) or one right from k - 1 (a line of a removed), whichever gets further, as long as it stays
    // inside the n × m grid. kUnreached when neither does.
    template<class V> static Index step(Index d, Index k, Index n, Index m, V v)
    {
        if (d == 0) {
            return 0;
        }
        Index best = kUnreached;
        if (k < d && v(k + 1) != kUnreached && v(k + 1) - k <= m) {
            best = v(k + 1);
        }
        if (k > -d && v(k - 1) != kUnreached && v(k - 1) < n && v(k - 1) + 1 > best) {
            best = v(k - 1) + 1;
        }
        return best;
    }

    std::vector<std::uint32_t> m_a;
    std::vector<std::uint32_t> m_b;
    std::stop_token m_stop;
    Index m_oneSidedUpTo;
    Index m_offset;
    std::vector<Index> m_forward;
    std::vector<Index> m_backward;
};

// Removed lines before added ones in every run of changes: the order a reader expects, and the same script
// whichever of the equally short ones the search met first.
void removalsFirst(std::vector<Op> &ops)
{
    std::size_t i = 0;
    while (i < ops.size()) {
        if (ops[i] == Op::Keep) {
            ++i;
            continue;
        }
        std::size_t end = i;
        std::size_t removed = 0;
        while (end < ops.size() && ops[end] != Op::Keep) {
            removed += ops[end] == Op::Remove ? 1 : 0;
            ++end;
        }
        std::fill(ops.begin() + static_cast<Index>(i), ops.begin() + static_cast<Index>(i + removed), Op::Remove);
        std::fill(ops.begin() + static_cast<Index>(i + removed), ops.begin() + static_cast<Index>(end), Op::Add);
        i = end;
    }
}

} // namespace

std::optional<std::vector<RouteDiffLines::Op>> RouteDiffLines::script(std::span<const std::string> a,
                                                                      std::span<const std::string> b,
                                                                      std::size_t maxEdits, std::stop_token stop,
                                                                      std::size_t oneSidedUpTo)
{
    if (stop.stop_requested()) {
        return std::nullopt;
    }
    // Lines are compared as numbers: each distinct text gets one, so the search never compares strings.
    std::unordered_map<std::string_view, std::uint32_t> ids;
    ids.reserve(a.size() + b.size());
    const auto number = [&ids](std::span<const std::string> lines) {
        std::vector<std::uint32_t> out;
        out.reserve(lines.size());
        for (const std::string &line : lines) {
            out.push_back(ids.emplace(line, static_cast<std::uint32_t>(ids.size())).first->second);
        }
        return out;
    };
    std::vector<std::uint32_t> aIds = number(a);
    std::vector<std::uint32_t> bIds = number(b);
    const std::size_t distinct = ids.size();
    ids = {};

    // A line that the other side does not have at all can only be removed (or added), so it is left out of
    // the search and put back afterwards, as diff tools since GNU diff do: the shortest script stays the
    // shortest, and a block that changed everywhere costs a linear pass instead of O((N+M)·D).
    std::vector<unsigned char> seen(distinct, 0); // bit 1: in a, bit 2: in b
    for (const std::uint32_t id : aIds) {
        seen[id] |= 1;
    }
    for (const std::uint32_t id : bIds) {
        seen[id] |= 2;
    }
    std::vector<std::size_t> aKept;
    std::vector<std::size_t> bKept;
    const auto keepShared = [&seen](std::vector<std::uint32_t> &lineIds, std::vector<std::size_t> &kept) {
        std::size_t out = 0;
        for (std::size_t i = 0; i < lineIds.size(); ++i) {
            if (seen[lineIds[i]] == 3) {
                kept.push_back(i);
                lineIds[out++] = lineIds[i];
            }
        }
        lineIds.resize(out);
    };
    keepShared(aIds, aKept);
    keepShared(bIds, bKept);
    const std::size_t discarded = (a.size() - aKept.size()) + (b.size() - bKept.size());
    if (discarded > maxEdits) {
        return std::nullopt;
    }

    std::vector<Op> shared;
    shared.reserve(aIds.size() + bIds.size());
    const auto index = [](std::size_t n) {
        return static_cast<Index>(
            std::min<std::size_t>(n, static_cast<std::size_t>(std::numeric_limits<Index>::max())));
    };
    Search search(std::move(aIds), std::move(bIds), std::move(stop), index(oneSidedUpTo));
    if (!search.run(index(maxEdits - discarded), shared)) {
        return std::nullopt;
    }

    // Back to every line: the left-out ones go in as changes just before the next shared line.
    std::vector<Op> ops;
    ops.reserve(a.size() + b.size());
    std::size_t i = 0;
    std::size_t j = 0;
    std::size_t sa = 0;
    std::size_t sb = 0;
    const auto removeUpTo = [&](std::size_t end) {
        ops.insert(ops.end(), end - i, Op::Remove);
        i = end;
    };
    const auto addUpTo = [&](std::size_t end) {
        ops.insert(ops.end(), end - j, Op::Add);
        j = end;
    };
    for (const Op op : shared) {
        if (op != Op::Add) {
            removeUpTo(aKept[sa]);
        }
        if (op != Op::Remove) {
            addUpTo(bKept[sb]);
        }
        ops.push_back(op);
        i += op != Op::Add ? 1 : 0;
        j += op != Op::Remove ? 1 : 0;
        sa += op != Op::Add ? 1 : 0;
        sb += op != Op::Remove ? 1 : 0;
    }
    removeUpTo(a.size());
    addUpTo(b.size());
    removalsFirst(ops);
    return ops;
}

} // namespace rd
