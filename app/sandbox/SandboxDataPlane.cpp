#include "app/sandbox/SandboxDataPlane.h"

#include "app/sandbox/SandboxReply.h"
#include "model/JsonText.h"

#include <QDateTime>

namespace rd {

namespace {

// The seed of the data plane's draws: fixed, so that a test sending the same requests in the same order sees
// the same failures; requests are told apart by their number.
constexpr std::uint64_t kSeed = 1;

} // namespace

SandboxDataPlane::SandboxDataPlane(SandboxStore &store, QByteArray token)
    : m_chat(store, std::move(token), kSeed, false)
{
    m_clock.start();
}

SandboxDataPlane::~SandboxDataPlane() = default;

void SandboxDataPlane::setBehaviour(ProviderBehaviour behaviour)
{
    m_chat.setBehaviour(std::move(behaviour));
}

SandboxResponse SandboxDataPlane::chatCompletions(const SandboxRequest &request, const QString &account,
                                                  const QString &gateway)
{
    return m_chat.serve(request, account, gateway, {m_clock.elapsed(), QDateTime::currentDateTimeUtc(), false});
}

SandboxResponse SandboxDataPlane::control(const SandboxRequest &request)
{
    const auto show = [this] {
        Json failures = Json::object();
        for (const auto &[key, rate] : m_chat.behaviour().failureRates()) {
            failures[key] = rate;
        }
        Json latency = Json::object();
        for (const auto &[key, l] : m_chat.behaviour().latencies()) {
            latency[key] = Json{{"p50", l.p50Ms}, {"p95", l.p95Ms}};
        }
        return SandboxReply::result(Json{{"failures", failures}, {"latency", latency}});
    };
    if (request.method == QLatin1String("GET")) {
        return show();
    }
    const Decoded<Json> parsed = JsonText::parse(request.body.toStdString());
    if (!parsed || !parsed.value->is_object()) {
        return SandboxReply::badRequest(QStringLiteral("Send {\"failures\": {\"openai\": 0.05}, \"latency\": "
                                                       "{\"openai\": {\"p50\": 800, \"p95\": 2500}}}"));
    }
    ProviderBehaviour behaviour;
    const Json failures = parsed.value->value("failures", Json::object());
    const Json latency = parsed.value->value("latency", Json::object());
    if (!failures.is_object() || !latency.is_object()) {
        return SandboxReply::badRequest(QStringLiteral("failures and latency must be objects keyed by provider"));
    }
    for (auto it = failures.begin(); it != failures.end(); ++it) {
        if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 1) {
            return SandboxReply::badRequest(
                QStringLiteral("failures[%1] must be a rate from 0 to 1").arg(QString::fromStdString(it.key())));
        }
        behaviour.setFailureRate(it.key(), it->get<double>());
    }
    for (auto it = latency.begin(); it != latency.end(); ++it) {
        const Json &l = *it;
        if (!l.is_object() || !l.contains("p50") || !l.contains("p95") || !l["p50"].is_number() ||
            !l["p95"].is_number() || !(l["p50"].get<double>() > 0) || l["p95"].get<double>() < l["p50"].get<double>()) {
            return SandboxReply::badRequest(QStringLiteral("latency[%1] must be {\"p50\": ms, \"p95\": ms} with "
                                                           "0 < p50 <= p95")
                                                .arg(QString::fromStdString(it.key())));
        }
        behaviour.setLatency(it.key(), {l["p50"].get<double>(), l["p95"].get<double>()});
    }
    setBehaviour(std::move(behaviour));
    return show();
}

} // namespace rd
