#pragma once

#include <QString>
#include <QUrl>

#include <cstdint>

namespace rd {

// How a bulk read (the traffic overlay's sample, analytics, an export, Compare Branches) spends API calls.
// Cloudflare allows 1,200 calls per 5 minutes per user and pages logs 50 at a time; a bulk read that ran at full
// speed would take the whole allowance and leave the rest of the app (and the operator's other tools) rate
// limited. Against Cloudflare a bulk read is paced to half the limit; against a local sandbox it is not paced.
struct ApiCallBudget
{
    static constexpr int kCloudflareCallsPerWindow = 1200;
    static constexpr int kWindowSeconds = 300;
    static constexpr int kLogPageSize = 50;
    // Half of Cloudflare's limit: 600 calls per 5 minutes is one call every 500 ms.
    static constexpr int kCloudflarePaceMs = 500;

    int maxCalls = 0;      // a bulk read stops after this many calls; 0 is no limit
    int minIntervalMs = 0; // the least time between the starts of two calls
    // What one call takes on the wire, for estimates before any call was timed: Cloudflare's API answers a
    // page of logs in a few hundred milliseconds, a sandbox on this machine in a few.
    double expectedCallSeconds = 0.3;

    // The pace for a client talking to `baseUrl`: paced for Cloudflare's API, free for anything else.
    static ApiCallBudget forBaseUrl(const QUrl &baseUrl, int maxCalls = 0);
    static bool isCloudflare(const QUrl &baseUrl);

    // Calls to read `rows` logs, 50 to a page.
    static std::int64_t callsForRows(std::int64_t rows);
    // The calls a read of `rows` logs makes under this budget (capped by maxCalls).
    std::int64_t plannedCalls(std::int64_t rows) const;
    // Seconds `calls` calls take at this pace, each taking `secondsPerCall` on the wire (< 0: the expected time).
    double etaSeconds(std::int64_t calls, double secondsPerCall = -1) const;
    // "about 40 s", "about 3 min", "under a second": for a plan shown before a read starts.
    static QString durationText(double seconds);
};

} // namespace rd
