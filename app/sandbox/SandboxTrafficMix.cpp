#include "app/sandbox/SandboxTrafficMix.h"

#include "model/Json.h"
#include "model/JsonText.h"

#include <array>
#include <string>

namespace rd {

namespace {

struct Exchange
{
    const char *question;
    const char *answer;
};

constexpr std::array<Exchange, 12> kExchanges{{
    {"How do I reset my password?",
     "Open Settings > Security and choose \"Reset password\". We will email you a link that is valid for 30 minutes."},
    {"Why was my card declined on the Pro upgrade?",
     "Declines usually come from the bank's fraud check. Please confirm the billing address matches your card, or "
     "try another card; nothing was charged."},
    {"Can I export my data as CSV?",
     "Yes: Projects > Export lets you download every table as CSV. Large exports are emailed when they are ready."},
    {"The API returns 429 for my script, what should I do?",
     "You are over the rate limit of your plan. Add a retry with exponential backoff, or upgrade for a higher "
     "limit."},
    {"How do I add a teammate to my workspace?",
     "Go to Workspace > Members and click \"Invite\". Teammates on the free plan are limited to three seats."},
    {"Is there a discount for nonprofits?",
     "We offer 50% off Pro for registered nonprofits. Reply with your registration document and we will apply it."},
    {"My dashboard is stuck on loading.",
     "Please clear the site data for our domain and reload. If it persists, send us the request id shown in the "
     "browser console."},
    {"How do I cancel my subscription?",
     "Billing > Plan > Cancel subscription. You keep Pro features until the end of the current billing period."},
    {"Do you support single sign-on?",
     "SSO with SAML and OIDC is available on the Enterprise plan. Contact sales to enable it for your domain."},
    {"Where can I find my invoices?",
     "All invoices are under Billing > History, and each one can be downloaded as a PDF."},
    {"Can I change the region my data is stored in?",
     "Enterprise workspaces can pin data to the EU or US. Migration takes about a day and needs no downtime."},
    {"What does error E1042 mean?",
     "E1042 means the webhook endpoint answered with a non-2xx status. Check that your endpoint is reachable and "
     "returns 200."},
}};

constexpr std::array<const char *, 5> kUserAgents{"OpenAI/JS 4.77.0", "OpenAI/Python 1.59.3", "python-httpx/0.28.1",
                                                  "curl/8.5.0",
                                                  "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)"};

constexpr std::array<const char *, 4> kLogLines{
    "ERROR webhook delivery failed: https://hooks.example.com/acme answered 502 (attempt %1 of 5)",
    "WARN  export job %1 is slower than expected: 48213 rows written, 120000 queued",
    "INFO  retrying request %1 after 429 Too Many Requests (Retry-After: 30)",
    "ERROR E1042 webhook endpoint returned status 404 for event evt_%1",
};

// How many users come back often: their ids repeat across requests, as real traffic's do.
constexpr std::uint64_t kRegulars = 25;

} // namespace

SandboxRequest SandboxTrafficMix::next(const QString &account, const QString &gateway, const QString &route)
{
    const std::uint64_t planDraw = m_random.below(100);
    const char *plan = planDraw < 50 ? "free" : planDraw < 85 ? "pro" : "enterprise";
    const std::uint64_t user = m_random.below(100) < 30 ? 1000 + m_random.below(kRegulars) * 7 // a regular
                                                        : 1000 + m_random.below(9000);
    const Json metadata{{"plan", plan}, {"user_id", "u-" + std::to_string(user)}};

    Json messages =
        Json::array({Json{{"role", "system"}, {"content", "You are a helpful support assistant for Acme Cloud."}}});
    // The conversation so far: most questions come first, some after a few turns.
    const std::uint64_t turns = m_random.below(100) < 60 ? 0 : 1 + m_random.below(4);
    for (std::uint64_t i = 0; i < turns; ++i) {
        const Exchange &earlier = kExchanges[m_random.below(kExchanges.size())];
        messages.push_back(Json{{"role", "user"}, {"content", earlier.question}});
        messages.push_back(Json{{"role", "assistant"}, {"content", earlier.answer}});
    }
    const Exchange &exchange = kExchanges[m_random.below(kExchanges.size())];
    std::string question = exchange.question;
    // Now and then a pasted log: the long prompts that make most of a week's tokens.
    if (m_random.below(100) < 12) {
        question += "\n\nHere is what our logs say:\n";
        const std::uint64_t lines = 20 + m_random.below(130);
        for (std::uint64_t i = 0; i < lines; ++i) {
            question += QStringLiteral("2025-05-%1T%2:%3:%4Z ")
                            .arg(1 + m_random.below(28), 2, 10, QLatin1Char('0'))
                            .arg(m_random.below(24), 2, 10, QLatin1Char('0'))
                            .arg(m_random.below(60), 2, 10, QLatin1Char('0'))
                            .arg(m_random.below(60), 2, 10, QLatin1Char('0'))
                            .toStdString();
            question += QString::fromLatin1(kLogLines[m_random.below(kLogLines.size())])
                            .arg(1 + m_random.below(99999))
                            .toStdString();
            question += '\n';
        }
    }
    messages.push_back(Json{{"role", "user"}, {"content", question}});
    const Json body{{"model", "dynamic/" + route.toStdString()},
                    {"messages", std::move(messages)},
                    {"max_tokens", 512},
                    {"temperature", 0.3}};

    SandboxRequest request = SandboxRequest::make(
        QStringLiteral("POST"), QStringLiteral("/v1/%1/%2/compat/chat/completions").arg(account, gateway),
        QByteArray::fromStdString(JsonText::compact(body)));
    request.headers.insert("content-type", "application/json");
    request.headers.insert("accept", "application/json");
    request.headers.insert("user-agent", kUserAgents[m_random.below(kUserAgents.size())]);
    request.headers.insert("cf-aig-metadata", QByteArray::fromStdString(JsonText::compact(metadata)));
    request.headers.insert("content-length", QByteArray::number(request.body.size()));
    return request;
}

bool SandboxTrafficMix::asksAgain()
{
    return m_random.below(100) < 8;
}

QString SandboxTrafficMix::pickRoute(const std::vector<std::pair<QString, double>> &routes)
{
    double total = 0;
    for (const auto &[name, weight] : routes) {
        total += weight > 0 ? weight : 0;
    }
    if (routes.empty() || !(total > 0)) {
        return {};
    }
    double draw = m_random.unit() * total;
    for (const auto &[name, weight] : routes) {
        draw -= weight > 0 ? weight : 0;
        if (draw < 0) {
            return name;
        }
    }
    return routes.back().first;
}

} // namespace rd
