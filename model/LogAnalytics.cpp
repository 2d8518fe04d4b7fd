#include "model/LogAnalytics.h"

#include "model/UtcTime.h"

#include <algorithm>
#include <cmath>

namespace rd {

namespace {
constexpr std::int64_t kMinute = 60 * 1000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

std::int64_t floorTo(std::int64_t value, std::int64_t step)
{
    const std::int64_t q = value / step;
    return (value % step < 0 ? q - 1 : q) * step;
}
} // namespace

std::int64_t LogAnalytics::bucketMsFor(std::int64_t rangeMs)
{
    if (rangeMs <= 6 * kHour) {
        return 5 * kMinute;
    }
    if (rangeMs <= 3 * kDay) {
        return kHour;
    }
    if (rangeMs <= 14 * kDay) {
        return 6 * kHour;
    }
    return kDay;
}

LogAnalytics::LogAnalytics(std::int64_t fromMs, std::int64_t toMs, std::int64_t bucketMs)
    : m_fromMs(fromMs), m_toMs(std::max(fromMs, toMs)),
      m_bucketMs(bucketMs > 0 ? bucketMs : bucketMsFor(m_toMs - m_fromMs)), m_firstMs(floorTo(fromMs, m_bucketMs))
{
    const std::int64_t count = (m_toMs - m_firstMs) / m_bucketMs + 1;
    m_buckets.resize(static_cast<std::size_t>(count));
    m_sorted.assign(m_buckets.size(), 1);
}

std::string LogAnalytics::modelKey(const LogEntry &entry)
{
    const std::string provider = entry.provider();
    std::string model = entry.model();
    if (model.empty()) {
        model = "(no model)";
    }
    if (provider.empty() || model.rfind(provider + "/", 0) == 0) {
        return model;
    }
    return provider + "/" + model;
}

std::int64_t LogAnalytics::bucketIndexOf(std::int64_t ms) const
{
    if (ms < m_fromMs || ms > m_toMs) {
        return -1;
    }
    return (ms - m_firstMs) / m_bucketMs;
}

bool LogAnalytics::add(const LogEntry &entry)
{
    const std::optional<std::int64_t> ms = UtcTime::parseMs(entry.createdAt());
    const std::int64_t index = ms ? bucketIndexOf(*ms) : -1;
    if (index < 0) {
        ++m_skipped;
        return false;
    }
    const auto at = static_cast<std::size_t>(index);
    Bucket &b = m_buckets[at];
    ++b.requests;
    if (!entry.success()) {
        ++b.errors;
    }
    if (entry.cached()) {
        ++b.cached;
    }
    if (const auto in = entry.tokensIn()) {
        b.tokensIn += in->toInteger();
    }
    if (const auto out = entry.tokensOut()) {
        b.tokensOut += out->toInteger();
    }
    if (const auto cost = entry.cost()) {
        b.cost += cost->toDouble();
    }
    if (const auto duration = entry.durationMs()) {
        b.durations.push_back(duration->toDouble());
        m_sorted[at] = 0;
    }
    std::string key = modelKey(entry);
    auto found = m_modelIndex.find(key);
    if (found == m_modelIndex.end()) {
        found = m_modelIndex.emplace(key, m_models.size()).first;
        m_models.push_back(std::move(key));
        m_modelCounts.emplace_back(m_buckets.size(), 0);
    }
    ++m_modelCounts[found->second][at];
    ++m_added;
    return true;
}

void LogAnalytics::add(const std::vector<LogEntry> &entries)
{
    for (const LogEntry &entry : entries) {
        add(entry);
    }
}

std::optional<double> LogAnalytics::durationPercentile(std::size_t index, double p) const
{
    std::vector<double> &sorted = m_buckets[index].durations;
    if (sorted.empty() || p <= 0 || p > 1) {
        return std::nullopt;
    }
    if (!m_sorted[index]) {
        std::sort(sorted.begin(), sorted.end());
        m_sorted[index] = 1;
    }
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

std::int64_t LogAnalytics::modelRequests(std::size_t model, std::size_t bucket) const
{
    return m_modelCounts[model][bucket];
}

std::int64_t LogAnalytics::modelTotal(std::size_t model) const
{
    std::int64_t total = 0;
    for (const std::int64_t count : m_modelCounts[model]) {
        total += count;
    }
    return total;
}

} // namespace rd
