// What RouteDiff allocates on a large change: one element whose JSON differs over 8,000 lines. The line diff
// used to keep every round of its search (4 GB here); it must stay linear in the input.
//
// A binary of its own because it replaces the global operator new to watch the heap: while armed, it counts
// live bytes, keeps the peak, and refuses (std::bad_alloc) anything past a budget, so the old quadratic code
// fails fast instead of taking the machine's memory.

#include "model/RouteDiff.h"

#include <atomic>
#include <cstdlib>
#include <gtest/gtest.h>
#include <new>
#include <string>

using namespace rd;

namespace {

std::atomic<bool> g_armed{false};
std::atomic<std::size_t> g_live{0};
std::atomic<std::size_t> g_peak{0};
std::size_t g_budget = 0;

// Each block starts with a header saying its size and whether it was counted, so that a block allocated before
// arming and freed while armed (or the other way round) does not skew the count. 16 bytes keep the alignment
// malloc gives.
struct alignas(16) Header
{
    std::size_t size;
    bool counted;
};
static_assert(sizeof(Header) == 16);

void *allocate(std::size_t size)
{
    auto *header = static_cast<Header *>(std::malloc(sizeof(Header) + size));
    if (header == nullptr) {
        return nullptr;
    }
    header->size = size;
    header->counted = g_armed.load();
    if (header->counted) {
        const std::size_t live = g_live.fetch_add(size) + size;
        if (live > g_budget) {
            g_live.fetch_sub(size);
            std::free(header);
            return nullptr;
        }
        std::size_t peak = g_peak.load();
        while (live > peak && !g_peak.compare_exchange_weak(peak, live)) {
        }
    }
    return header + 1;
}

void release(void *p)
{
    if (p == nullptr) {
        return;
    }
    Header *header = static_cast<Header *>(p) - 1;
    if (header->counted) {
        g_live.fetch_sub(header->size);
    }
    std::free(header);
}

// The heap growth of `f`, refused beyond `budget` bytes.
template<class F> std::size_t peakHeap(std::size_t budget, F f)
{
    g_budget = budget;
    g_live = 0;
    g_peak = 0;
    g_armed = true;
    try {
        f();
    } catch (...) {
        g_armed = false;
        throw;
    }
    g_armed = false;
    return g_peak;
}

// A conditional whose `conditions` are one list of `lines` strings: its JSON is a line per string.
Route routeWithList(std::size_t lines, const std::string &prefix)
{
    Json list = Json::array();
    for (std::size_t i = 0; i < lines; ++i) {
        list.push_back(prefix + std::to_string(i));
    }
    Element e = Element::make(ElementType::Conditional, "check");
    e.conditional.conditions = Json{{"metadata.user", {{"$in", std::move(list)}}}};
    Route r;
    r.addElement(std::move(e));
    return r;
}

} // namespace

void *operator new(std::size_t size)
{
    if (void *p = allocate(size)) {
        return p;
    }
    throw std::bad_alloc();
}
void *operator new[](std::size_t size)
{
    return operator new(size);
}
void *operator new(std::size_t size, const std::nothrow_t &) noexcept
{
    return allocate(size);
}
void *operator new[](std::size_t size, const std::nothrow_t &) noexcept
{
    return allocate(size);
}
void operator delete(void *p) noexcept
{
    release(p);
}
void operator delete[](void *p) noexcept
{
    release(p);
}
void operator delete(void *p, std::size_t) noexcept
{
    release(p);
}
void operator delete[](void *p, std::size_t) noexcept
{
    release(p);
}

TEST(RouteDiffMemory, EightThousandChangedLinesInOneElement)
{
    constexpr std::size_t kLines = 8000;
    const Route from = routeWithList(kLines, "deployed-user-");
    const Route to = routeWithList(kLines, "candidate-user-");
    const std::size_t totalLines = RouteDiff::canonicalLines(from).size() + RouteDiff::canonicalLines(to).size();
    ASSERT_GT(totalLines, 2 * kLines);

    // The two texts, the script and the hunks each hold every line once or twice: some megabytes. Keeping
    // the search's rounds took 4 GB; 64 MB is far below any quadratic term and far above the linear ones.
    constexpr std::size_t kBudget = 64u << 20;
    std::optional<RouteDiff> diff;
    std::size_t peak = 0;
    ASSERT_NO_THROW(peak = peakHeap(kBudget, [&] { diff = RouteDiff::compare(from, to); }))
        << "the diff needed more than " << (kBudget >> 20) << " MB";
    RecordProperty("peak_heap_bytes", std::to_string(peak));
    EXPECT_LT(peak, kBudget);

    ASSERT_TRUE(diff);
    EXPECT_FALSE(diff->isTextTooLarge());
    EXPECT_EQ(diff->status("check"), RouteDiff::Status::Changed);
    EXPECT_EQ(diff->addedLines(), kLines);
    EXPECT_EQ(diff->removedLines(), kLines);
    // Every list entry changed and nothing else: one hunk, the removed entries before the added ones.
    ASSERT_EQ(diff->hunks().size(), 1u);
    const RouteDiff::Hunk &hunk = diff->hunks().front();
    EXPECT_EQ(hunk.section, "check");
    std::size_t firstAdded = hunk.lines.size();
    std::size_t lastRemoved = 0;
    for (std::size_t i = 0; i < hunk.lines.size(); ++i) {
        if (hunk.lines[i].kind == RouteDiff::Line::Kind::Added) {
            firstAdded = std::min(firstAdded, i);
        } else if (hunk.lines[i].kind == RouteDiff::Line::Kind::Removed) {
            lastRemoved = i;
        }
    }
    EXPECT_LT(lastRemoved, firstAdded);
    EXPECT_NE(hunk.lines[lastRemoved].text.find("\"deployed-user-7999\""), std::string::npos);
    EXPECT_NE(hunk.lines[firstAdded].text.find("\"candidate-user-0\""), std::string::npos);
}
