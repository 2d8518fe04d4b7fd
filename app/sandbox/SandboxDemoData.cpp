#include "app/sandbox/SandboxDemoData.h"

#include "app/sandbox/SandboxGatewayApi.h"
#include "app/sandbox/SandboxIds.h"
#include "app/sandbox/SandboxResponse.h"
#include "app/sandbox/SandboxRouteApi.h"
#include "app/sandbox/SandboxTime.h"
#include "model/JsonText.h"

#include <QFile>
#include <QLoggingCategory>

namespace rd {

namespace {

Q_LOGGING_CATEGORY(lcDemo, "rd.sandbox.demo")

// The shipped demo route, compiled into this library by app/sandbox/CMakeLists.txt.
const QString kDemoRouteResource = QStringLiteral(":/rd-sandbox/routes/demo-route.json");

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

double SandboxDemoData::routeWeight(const QString &route)
{
    return route == QLatin1String("support-chat") ? 6.0 : 1.0;
}

SandboxBackfill::Options SandboxDemoData::backfillOptions(const QDateTime &now)
{
    SandboxBackfill::Options options;
    options.now = now;
    options.days = 7;
    options.requests = kLogCount;
    options.seed = 0x5EED'2024'AD0BE5ULL;
    options.routeWeight = routeWeight;
    // An ordinary week: a few percent of attempts fail (retries mostly hide them), each provider at its own pace.
    ProviderBehaviour usual;
    usual.setFailureRate("openai", 0.03);
    usual.setFailureRate("anthropic", 0.02);
    usual.setFailureRate("workers-ai", 0.04);
    usual.setFailureRate("google-ai-studio", 0.02);
    usual.setLatency("openai", {650, 1900});
    usual.setLatency("anthropic", {800, 2400});
    usual.setLatency("workers-ai", {350, 1100});
    usual.setLatency("google-ai-studio", {450, 1300});
    options.behaviour = usual;
    // Two incidents give the logs something to find: an OpenAI outage under the previous version (paid requests
    // fall back to Gemini, quick-answers to Llama) and a Workers AI one under the current version (the free plan
    // has no fallback, so those requests go unserved).
    ProviderBehaviour openAiDown = usual;
    openAiDown.setFailureRate("openai", 1.0);
    options.incidents.push_back({now.addSecs(-(5 * 24 + 14) * 3600), now.addSecs(-(5 * 24 + 4) * 3600), openAiDown});
    ProviderBehaviour workersAiDown = usual;
    workersAiDown.setFailureRate("workers-ai", 0.9);
    options.incidents.push_back(
        {now.addSecs(-(1 * 24 + 20) * 3600), now.addSecs(-(1 * 24 + 15) * 3600), workersAiDown});
    return options;
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

    // A stored key for every provider a demo route's model node calls except workers-ai (tst_sandbox_gateways checks
    // this against the routes). Ids are unique across accounts in the store, so they are drawn fresh rather than
    // fixed.
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
        // The support-chat route falls back to Gemini. Workers AI is Cloudflare's own and needs no key.
        Json{{"id", SandboxIds::uuid().toStdString()},
             {"alias", "gemini-fallback"},
             {"default_config", true},
             {"gateway_id", gatewayId().toStdString()},
             {"modified_at", at(16 * kDay).toStdString()},
             {"provider_slug", "google-ai-studio"},
             {"secret_id", SandboxIds::uuid().toStdString()},
             {"secret_preview", "AIza...9fKd"}},
    };
    for (const Json &config : configs) {
        ok = ok && store.providerConfigs().insert(account, gatewayId(), QString::fromStdString(config["provider_slug"]),
                                                  config);
    }
    // The week of logs is traffic run through the data plane's own code at its past moments: the logs before the
    // current version's deployment (three days ago) follow the previous version, those after it the current one.
    // The demo gateway has no authentication, so no token is needed.
    if (ok) {
        const auto backfilled =
            SandboxBackfill::runGateway(store, QByteArray(), account, gatewayId(), backfillOptions(now));
        ok = backfilled.has_value();
    }
    return ok;
}

} // namespace rd
