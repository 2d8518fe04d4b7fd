#include "app/sandbox/SandboxDemoData.h"

#include "app/sandbox/SandboxGatewayApi.h"
#include "app/sandbox/SandboxIds.h"
#include "app/sandbox/SandboxResponse.h"
#include "app/sandbox/SandboxRouteApi.h"
#include "app/sandbox/SandboxTime.h"
#include "model/JsonText.h"

#include <QFile>
#include <QLoggingCategory>
#include <QTimeZone>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

namespace rd {

namespace {

Q_LOGGING_CATEGORY(lcDemo, "rd.sandbox.demo")

// The shipped demo route, compiled into this library by app/sandbox/CMakeLists.txt.
const QString kDemoRouteResource = QStringLiteral(":/rd-sandbox/routes/demo-route.json");

struct ModelInfo
{
    const char *provider;
    const char *model;
    const char *path;
    double inputPerMillion; // USD per million tokens
    double outputPerMillion;
    int msPerOutputToken;
};

constexpr ModelInfo kGpt{"openai", "gpt-4o-mini", "openai/chat/completions", 0.15, 0.60, 11};
constexpr ModelInfo kClaude{"anthropic", "claude-3-5-haiku-latest", "anthropic/v1/messages", 0.80, 4.00, 14};
constexpr ModelInfo kLlama{
    "workers-ai", "@cf/meta/llama-3.1-8b-instruct", "workers-ai/@cf/meta/llama-3.1-8b-instruct", 0.28, 0.83, 8};
constexpr ModelInfo kGemini{"google-ai-studio",
                            "gemini-1.5-flash",
                            "google-ai-studio/v1beta/models/gemini-1.5-flash:generateContent",
                            0.075,
                            0.30,
                            6};

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

class Random
{
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() { return SandboxIds::nextRandom(m_state); }
    // 0 <= result < n
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    double unit() { return static_cast<double>(next() >> 11) / static_cast<double>(1ULL << 53); }
    QString hex(int digits)
    {
        QString out;
        while (out.size() < digits) {
            out += QString::number(next(), 16).rightJustified(16, QLatin1Char('0'));
        }
        return out.left(digits);
    }

private:
    std::uint64_t m_state;
};

QString compact(const Json &json)
{
    return QString::fromStdString(JsonText::compact(json));
}

Json makeRequestBody(const Exchange &exchange)
{
    return Json{{"model", "dynamic/support-chat"},
                {"messages", Json::array({Json{{"role", "system"},
                                               {"content", "You are a helpful support assistant for Acme Cloud."}},
                                          Json{{"role", "user"}, {"content", exchange.question}}})},
                {"max_tokens", 512},
                {"temperature", 0.3}};
}

Json makeResponseBody(const ModelInfo &model, const Exchange &exchange, qint64 tokensIn, qint64 tokensOut,
                      qint64 createdSeconds, Random &random)
{
    return Json{
        {"id", ("chatcmpl-" + random.hex(24)).toStdString()},
        {"object", "chat.completion"},
        {"created", createdSeconds},
        {"model", model.model},
        {"choices", Json::array({Json{{"index", 0},
                                      {"message", Json{{"role", "assistant"}, {"content", exchange.answer}}},
                                      {"finish_reason", "stop"}}})},
        {"usage",
         Json{{"prompt_tokens", tokensIn}, {"completion_tokens", tokensOut}, {"total_tokens", tokensIn + tokensOut}}}};
}

Json makeErrorBody(int status)
{
    switch (status) {
    case 429:
        return Json{{"error", Json{{"message", "Rate limit reached for requests"},
                                   {"type", "rate_limit_error"},
                                   {"code", "rate_limit_exceeded"}}}};
    case 503:
        return Json{{"error", Json{{"message", "The model is overloaded. Please try again later."},
                                   {"type", "overloaded_error"}}}};
    default:
        return Json{{"error", Json{{"message", "The server had an error while processing your request."},
                                   {"type", "server_error"}}}};
    }
}

// One model call of a request: a record with everything filled in from the draw.
SandboxLogRecord makeLog(const ModelInfo &model, const QDateTime &at, int status, bool cached, int step,
                         const QString &metadata, const Exchange &exchange, const char *userAgent, Random &random)
{
    SandboxLogRecord log;
    log.id = SandboxIds::ulid(at.toMSecsSinceEpoch(), random.next(), random.next());
    log.createdAt = SandboxTime::format(at);
    log.provider = QString::fromLatin1(model.provider);
    log.model = QString::fromLatin1(model.model);
    log.modelType = QStringLiteral("chat");
    log.path = QString::fromLatin1(model.path);
    log.statusCode = status;
    log.success = status == 200;
    log.cached = cached && log.success;
    log.metadata = metadata;
    log.requestType = QStringLiteral("universal");
    log.requestContentType = QStringLiteral("application/json");
    log.responseContentType = QStringLiteral("application/json");
    log.userAgent = QString::fromLatin1(userAgent);
    log.eventId = QStringLiteral("%1-%2-%3-%4-%5")
                      .arg(random.hex(8), random.hex(4), random.hex(4), random.hex(4), random.hex(12));
    log.step = step;

    const Json request = makeRequestBody(exchange);
    log.requestBody = compact(request).toUtf8();
    // Prompt tokens: the system prompt and question, plus whatever history the client sent along.
    log.tokensIn = 28 + static_cast<qint64>(std::strlen(exchange.question)) / 4 + random.below(1400);
    if (log.success) {
        log.tokensOut = static_cast<qint64>(std::strlen(exchange.answer)) / 4 + random.below(420);
        log.responseBody =
            compact(makeResponseBody(model, exchange, log.tokensIn, log.tokensOut, at.toSecsSinceEpoch(), random))
                .toUtf8();
        if (log.cached) {
            log.duration = 4 + random.below(30);
            log.cost = 0.0;
        } else {
            log.duration = 180 + random.below(400) + log.tokensOut * model.msPerOutputToken;
            const double cost = (static_cast<double>(log.tokensIn) * model.inputPerMillion +
                                 static_cast<double>(log.tokensOut) * model.outputPerMillion) /
                                1e6;
            log.cost = std::round(cost * 1e9) / 1e9;
        }
    } else {
        log.tokensOut = 0;
        log.cost = 0.0;
        log.duration = status == 429 ? 60 + random.below(120) : 900 + random.below(9000);
        log.responseBody = compact(makeErrorBody(status)).toUtf8();
    }
    log.requestHead = compact(Json{
        {"content-type", "application/json"}, {"cf-aig-metadata", metadata.toStdString()}, {"user-agent", userAgent}});
    log.responseHead = compact(Json{{"content-type", "application/json"},
                                    {"cf-aig-cache-status", log.cached ? "HIT" : "MISS"},
                                    {"cf-aig-model", model.model},
                                    {"cf-aig-provider", model.provider}});
    return log;
}

Json elementsOf(const Json &route)
{
    return route.is_object() && route.contains("elements") ? route["elements"] : Json::array();
}

} // namespace

Json SandboxDemoData::demoRoute()
{
    QFile file(kDemoRouteResource);
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcDemo) << "the demo route is missing from the resources:" << file.errorString();
        return Json();
    }
    const QByteArray bytes = file.readAll();
    auto parsed = JsonText::parse(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    return parsed ? std::move(*parsed.value) : Json();
}

Json SandboxDemoData::previousDemoElements()
{
    Json elements = elementsOf(demoRoute());
    Json out = Json::array();
    for (Json element : elements) {
        const std::string id = element.value("id", "");
        if (id == "free_rate_limit") {
            continue;
        }
        if (id == "plan_check") {
            element["outputs"]["true"]["elementId"] = "llama_8b";
        } else if (id == "paid_split") {
            element["outputs"] =
                Json{{"70%", Json{{"elementId", "gpt4o_mini"}}}, {"30%", Json{{"elementId", "claude_haiku"}}}};
        }
        out.push_back(std::move(element));
    }
    return out;
}

Json SandboxDemoData::quickAnswersElements()
{
    auto model = [](const char *id, const char *provider, const char *name, int timeout, const char *fallback) {
        return Json{
            {"id", id},
            {"type", "model"},
            {"properties", Json{{"provider", provider}, {"model", name}, {"timeout", timeout}, {"retries", 1}}},
            {"outputs", Json{{"success", Json{{"elementId", "end"}}}, {"fallback", Json{{"elementId", fallback}}}}}};
    };
    return Json::array({
        Json{{"id", "start"}, {"type", "start"}, {"outputs", Json{{"next", Json{{"elementId", "fast_model"}}}}}},
        model("fast_model", "openai", "gpt-4o-mini", 10000, "backup_model"),
        model("backup_model", "workers-ai", "@cf/meta/llama-3.1-8b-instruct", 15000, "end"),
        Json{{"id", "end"}, {"type", "end"}, {"outputs", Json::object()}},
    });
}

std::vector<SandboxLogRecord> SandboxDemoData::logs(const QDateTime &now)
{
    Random random(0x5EED'2024'AD0BE5ULL);
    const qint64 end = now.toMSecsSinceEpoch() - 60'000;
    const qint64 span = 7LL * 24 * 3600 * 1000 - 120'000;

    std::vector<SandboxLogRecord> logs;
    logs.reserve(kLogCount + 1);
    // Requests at random times; sorted afterwards so ids (ULIDs) and times agree.
    std::vector<qint64> times;
    for (int i = 0; i < kLogCount; ++i) {
        times.push_back(end - static_cast<qint64>(random.unit() * static_cast<double>(span)));
    }
    std::sort(times.begin(), times.end());

    for (qint64 ms : times) {
        if (static_cast<int>(logs.size()) >= kLogCount) {
            break;
        }
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
        const int planDraw = random.below(100);
        const char *plan = planDraw < 50 ? "free" : planDraw < 85 ? "pro" : "enterprise";
        const QString metadata =
            compact(Json{{"plan", plan}, {"user_id", "u-" + std::to_string(1000 + random.below(9000))}});
        const Exchange &exchange = kExchanges[static_cast<std::size_t>(random.below(int(kExchanges.size())))];
        const char *userAgent = kUserAgents[static_cast<std::size_t>(random.below(int(kUserAgents.size())))];

        // The demo route: free plan -> llama; paid plans -> 60% gpt-4o-mini, 40% claude, falling back to gemini.
        const bool free = planDraw < 50;
        const ModelInfo &first = free ? kLlama : (random.below(100) < 60 ? kGpt : kClaude);
        const int outcome = random.below(100);
        const int status = outcome < 90 ? 200 : outcome < 95 ? 429 : outcome < 98 ? 500 : 503;
        const bool cached = random.below(100) < 11;
        logs.push_back(makeLog(first, at, status, cached, 0, metadata, exchange, userAgent, random));

        if (status != 200 && !free) {
            const QDateTime later = at.addMSecs(logs.back().duration + 5);
            const int fallbackStatus = random.below(100) < 92 ? 200 : 503;
            logs.push_back(makeLog(kGemini, later, fallbackStatus, false, 1, metadata, exchange, userAgent, random));
        }
    }
    logs.resize(std::min<std::size_t>(logs.size(), kLogCount));
    return logs;
}

bool SandboxDemoData::seed(SandboxStore &store, const QString &account, const QDateTime &now)
{
    const Json demo = demoRoute();
    if (!demo.is_object()) {
        return false;
    }
    auto at = [&](qint64 minutesAgo) {
        return SandboxTime::format(now.addSecs(-minutesAgo * 60));
    };
    constexpr qint64 kDay = 24 * 60;

    SandboxResponse error;
    Json body = Json{{"cache_invalidate_on_update", true},
                     {"cache_ttl", 300},
                     {"collect_logs", true},
                     {"rate_limiting_interval", 60},
                     {"rate_limiting_limit", 1000},
                     {"rate_limiting_technique", "sliding"},
                     {"log_management", 100000},
                     {"log_management_strategy", "DELETE_OLDEST"}};
    const auto gateway =
        SandboxGatewayApi::buildGateway(gatewayId(), body, Json(), at(30 * kDay), at(12 * kDay), error);
    if (!gateway) {
        return false;
    }

    bool ok = store.gateways().insert(account, *gateway);

    // support-chat: first deployed three weeks ago; the shipped version replaced it three days ago.
    const QString name = QString::fromStdString(demo.value("name", "support-chat"));
    const auto routeId =
        ok ? SandboxRouteApi::insertRoute(store, account, gatewayId(), name, previousDemoElements(), at(21 * kDay))
           : std::nullopt;
    const auto currentId =
        routeId ? SandboxRouteApi::insertVersion(store, *routeId, elementsOf(demo), at(3 * kDay + 90)) : std::nullopt;
    ok = currentId && SandboxRouteApi::deploy(store, *routeId, *currentId, at(3 * kDay)) &&
         store.routes().touch(*routeId, at(3 * kDay));

    ok = ok && SandboxRouteApi::insertRoute(store, account, gatewayId(), QStringLiteral("quick-answers"),
                                            quickAnswersElements(), at(10 * kDay));

    // Ids are unique across accounts in the store, so they are drawn fresh rather than fixed.
    const Json configs[] = {
        Json{{"id", SandboxIds::uuid().toStdString()},
             {"alias", "openai-prod"},
             {"default_config", true},
             {"gateway_id", gatewayId().toStdString()},
             {"modified_at", at(20 * kDay).toStdString()},
             {"provider_slug", "openai"},
             {"secret_id", SandboxIds::uuid().toStdString()},
             {"secret_preview", "sk-...x7Qa"}},
        Json{{"id", SandboxIds::uuid().toStdString()},
             {"alias", "anthropic-main"},
             {"default_config", true},
             {"gateway_id", gatewayId().toStdString()},
             {"modified_at", at(18 * kDay).toStdString()},
             {"provider_slug", "anthropic"},
             {"secret_id", SandboxIds::uuid().toStdString()},
             {"secret_preview", "sk-ant-...Lm3Q"},
             {"rate_limit", 100},
             {"rate_limit_period", 60}},
    };
    for (const Json &config : configs) {
        ok = ok && store.providerConfigs().insert(account, gatewayId(), QString::fromStdString(config["provider_slug"]),
                                                  config);
    }
    for (const SandboxLogRecord &log : logs(now)) {
        ok = ok && store.logs().insert(account, gatewayId(), log);
    }
    return ok;
}

} // namespace rd
