#include "app/sandbox/SandboxChatCompletion.h"

#include "app/sandbox/SandboxIds.h"
#include "app/sandbox/SandboxLogRecord.h"
#include "app/sandbox/SandboxReply.h"
#include "app/sandbox/SandboxStore.h"
#include "app/sandbox/SandboxTime.h"
#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "model/engine/CompiledRoute.h"
#include "model/engine/RequestContext.h"
#include "model/engine/RouteRunner.h"

#include <cmath>

namespace rd {

namespace {

// Headers that carry secrets never reach a log head.
bool isSecretHeader(const QByteArray &name)
{
    return name == "authorization" || name == "cf-aig-authorization" || name == "x-auth-key" ||
           name == "x-auth-email" || name == "cookie";
}

// OpenAI's error shape, which the SDKs pointed at the compat endpoint read.
SandboxResponse openAiError(int status, const QString &message, const char *type, const char *code)
{
    return SandboxReply::json(
        Json{{"error", Json{{"message", message.toStdString()}, {"type", type}, {"code", code}, {"param", nullptr}}}},
        status);
}

QByteArray headerOf(const SandboxResponse &response, const QByteArray &name)
{
    for (const auto &[key, value] : response.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

std::string text(const Json &value)
{
    return value.is_string() ? value.get<std::string>() : std::string();
}

// What a chat request asks, for tokens and the answer's text: every message's string content, and the last
// user message.
struct Prompt
{
    std::size_t characters = 0;
    std::string lastUserMessage;
};

Prompt readPrompt(const Json &messages)
{
    Prompt prompt;
    for (const Json &m : messages) {
        if (!m.is_object()) {
            continue;
        }
        const auto content = m.find("content");
        const std::string s = content == m.end() ? std::string() : text(*content);
        prompt.characters += s.size();
        if (m.value("role", std::string()) == "user") {
            prompt.lastUserMessage = s;
        }
    }
    return prompt;
}

// A single-model route for `provider/model` requests, so that they take the same path through the engine.
Json directRoute(const std::string &provider, const std::string &model)
{
    return Json::array(
        {Json{{"id", "start"}, {"type", "start"}, {"outputs", Json{{"next", Json{{"elementId", "model"}}}}}},
         Json{{"id", "model"},
              {"type", "model"},
              {"properties", Json{{"provider", provider}, {"model", model}, {"timeout", 60000}, {"retries", 0}}},
              {"outputs", Json{{"success", Json{{"elementId", "end"}}}, {"fallback", Json{{"elementId", "end"}}}}}},
         Json{{"id", "end"}, {"type", "end"}, {"outputs", Json::object()}}});
}

// A UUID (version 4 layout) from two draws, for ids that must come out the same on every run.
QString uuidFrom(std::uint64_t high, std::uint64_t low)
{
    high = (high & ~std::uint64_t{0xF000}) | 0x4000;
    low = (low & ~(std::uint64_t{3} << 62)) | (std::uint64_t{2} << 62);
    const QString hex = QStringLiteral("%1%2").arg(high, 16, 16, QLatin1Char('0')).arg(low, 16, 16, QLatin1Char('0'));
    return QStringLiteral("%1-%2-%3-%4-%5")
        .arg(hex.mid(0, 8), hex.mid(8, 4), hex.mid(12, 4), hex.mid(16, 4), hex.mid(20, 12));
}

} // namespace

struct SandboxChatCompletion::RunningRoute
{
    RunningRoute(Route r, const ProviderBehaviour &behaviour, qint64 now)
        : route(std::move(r)), compiled(route), runner(compiled, behaviour, PriceTable::builtIn()), startedMs(now)
    {}

    Route route;
    CompiledRoute compiled; // points into route
    RouteRunner runner;     // keeps the rate windows between requests
    qint64 startedMs = 0;
};

SandboxChatCompletion::SandboxChatCompletion(SandboxStore &store, QByteArray token, std::uint64_t seed,
                                             bool deterministicIds)
    : m_store(store), m_token(std::move(token)), m_seed(seed), m_deterministicIds(deterministicIds),
      m_logIds(SplitMix64::mix(seed ^ 0x51CE)), m_otherIds(SplitMix64::mix(seed ^ 0xE7E7))
{}

SandboxChatCompletion::~SandboxChatCompletion() = default;

void SandboxChatCompletion::setBehaviour(ProviderBehaviour behaviour)
{
    m_behaviour = std::move(behaviour);
    m_running.clear();
}

QString SandboxChatCompletion::newUuid()
{
    if (!m_deterministicIds) {
        return SandboxIds::uuid();
    }
    const std::uint64_t high = m_otherIds.next();
    return uuidFrom(high, m_otherIds.next());
}

bool SandboxChatCompletion::writeLog(const SandboxRequest &request, const QString &account, const QString &gateway,
                                     const Json &settings, const SandboxResponse &response, const LogFacts &facts,
                                     const QDateTime &at)
{
    if (!settings.value("collect_logs", true)) {
        return true;
    }
    SandboxLogRecord log;
    log.id = SandboxIds::ulid(at.toMSecsSinceEpoch(), m_logIds.next(), m_logIds.next());
    log.createdAt = SandboxTime::format(at);
    log.provider = facts.provider;
    log.model = facts.model;
    log.modelType = QStringLiteral("chat");
    log.path = QStringLiteral("compat/chat/completions");
    log.statusCode = response.status;
    log.success = facts.success;
    log.cached = facts.cached;
    log.duration = facts.durationMs;
    log.tokensIn = facts.tokensIn;
    log.tokensOut = facts.tokensOut;
    log.cost = facts.cost;
    log.metadata = facts.metadata;
    log.requestType = QStringLiteral("universal");
    log.requestContentType = QStringLiteral("application/json");
    log.responseContentType = QStringLiteral("application/json");
    log.userAgent = QString::fromUtf8(request.header("user-agent"));
    log.eventId = newUuid();
    Json requestHead = Json::object();
    for (auto it = request.headers.begin(); it != request.headers.end(); ++it) {
        if (!isSecretHeader(it.key())) {
            requestHead[it.key().toStdString()] = it.value().toStdString();
        }
    }
    Json responseHead{{"content-type", "application/json"}};
    for (const auto &[name, value] : response.headers) {
        responseHead[name.toLower().toStdString()] = value.toStdString();
    }
    log.requestHead = QString::fromStdString(JsonText::compact(requestHead));
    log.responseHead = QString::fromStdString(JsonText::compact(responseHead));
    log.requestBody = request.body;
    log.responseBody = response.body;
    const auto cap = settings.value("log_management", std::int64_t{0});
    const bool deleteOldest = settings.value("log_management_strategy", std::string()) == "DELETE_OLDEST";
    const SandboxLogRows::CappedInsert inserted = m_store.logs().insertWithin(account, gateway, log, cap, deleteOldest);
    m_logsWritten += inserted == SandboxLogRows::CappedInsert::Inserted ? 1 : 0;
    return inserted != SandboxLogRows::CappedInsert::Failed;
}

SandboxResponse SandboxChatCompletion::serve(const SandboxRequest &request, const QString &account,
                                             const QString &gateway, const Moment &at)
{
    const auto gatewayJson = m_store.gateways().find(account, gateway);
    if (!gatewayJson) {
        return SandboxReply::internalError();
    }
    if (gatewayJson->is_null()) {
        return openAiError(404, QStringLiteral("Gateway %1 not found").arg(SandboxReply::quoted(gateway)),
                           "invalid_request_error", "gateway_not_found");
    }
    if (gatewayJson->value("authentication", false)) {
        const QByteArray given = request.header("cf-aig-authorization").trimmed();
        if (given != QByteArray("Bearer ") + m_token) {
            return openAiError(401,
                               QStringLiteral("This gateway requires authentication: send cf-aig-authorization: "
                                              "Bearer <gateway token>"),
                               "authentication_error", "unauthorized");
        }
    }

    // cf-aig-metadata: an object of at most 5 entries. Strings, numbers and booleans route and are logged; a null
    // or an object is accepted but makes the log's metadata null, as Cloudflare was seen to do.
    Json metadata = Json::object();
    bool logMetadata = true;
    const QByteArray metadataHeader = request.header("cf-aig-metadata").trimmed();
    if (!metadataHeader.isEmpty()) {
        const Decoded<Json> parsed = JsonText::parse(metadataHeader.toStdString());
        if (!parsed || !parsed.value->is_object()) {
            return openAiError(400, QStringLiteral("cf-aig-metadata must be a JSON object, e.g. {\"plan\": \"free\"}"),
                               "invalid_request_error", "invalid_metadata");
        }
        if (parsed.value->size() > kMaxMetadataEntries) {
            return openAiError(400,
                               QStringLiteral("cf-aig-metadata has %1 entries; at most %2 are allowed")
                                   .arg(parsed.value->size())
                                   .arg(kMaxMetadataEntries),
                               "invalid_request_error", "invalid_metadata");
        }
        for (auto it = parsed.value->begin(); it != parsed.value->end(); ++it) {
            if (it->is_string() || it->is_number() || it->is_boolean()) {
                metadata[it.key()] = *it;
            } else {
                logMetadata = false;
            }
        }
    }

    // As the logs API returns it: JSON text, absent when there is none (or when a null or object value made
    // Cloudflare drop it).
    const QString loggedMetadata =
        logMetadata && !metadata.empty() ? QString::fromStdString(JsonText::compact(metadata)) : QString();

    const Decoded<Json> body = JsonText::parse(request.body.toStdString());
    if (!body || !body.value->is_object() || !body.value->contains("model") || !(*body.value)["model"].is_string() ||
        !body.value->contains("messages") || !(*body.value)["messages"].is_array()) {
        return openAiError(400,
                           QStringLiteral("The body must be a chat completion request: {\"model\": "
                                          "\"dynamic/<route>\", \"messages\": [...]}"),
                           "invalid_request_error", "invalid_body");
    }
    const std::string requested = (*body.value)["model"].get<std::string>();

    // The gateway's own rate limit, then its cache, before any route runs: as Cloudflare orders them.
    int retryAfter = 0;
    if (!m_limiter.admit(account, gateway, *gatewayJson, at.clockMs, retryAfter)) {
        SandboxResponse limited = openAiError(429,
                                              QStringLiteral("Rate limited by gateway %1; retry in %2 s")
                                                  .arg(SandboxReply::quoted(gateway))
                                                  .arg(retryAfter),
                                              "rate_limit_error", "gateway_rate_limited");
        limited.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfter)});
        LogFacts facts;
        facts.model = QString::fromStdString(requested);
        facts.metadata = loggedMetadata;
        if (!writeLog(request, account, gateway, *gatewayJson, limited, facts, at.wallTime)) {
            return SandboxReply::internalError();
        }
        return limited;
    }
    const auto ttl = gatewayJson->value("cache_ttl", 0.0);
    const qint64 cacheTtlMs = ttl > 0 ? static_cast<qint64>(ttl * 1000) : 0;
    const bool skipCache = request.header("cf-aig-skip-cache").trimmed().toLower() == "true";
    if (cacheTtlMs > 0 && !skipCache) {
        if (std::optional<SandboxResponse> hit = m_cache.find(account, gateway, request.body, at.clockMs)) {
            LogFacts facts;
            facts.cached = true;
            facts.success = true;
            facts.model = QString::fromUtf8(headerOf(*hit, "cf-aig-model"));
            facts.provider = QString::fromUtf8(headerOf(*hit, "cf-aig-provider"));
            const Decoded<Json> cachedBody = JsonText::parse(hit->body.toStdString());
            if (cachedBody && cachedBody.value->contains("usage")) {
                facts.tokensIn = (*cachedBody.value)["usage"].value("prompt_tokens", qint64{0});
                facts.tokensOut = (*cachedBody.value)["usage"].value("completion_tokens", qint64{0});
            }
            facts.metadata = loggedMetadata;
            if (!writeLog(request, account, gateway, *gatewayJson, *hit, facts, at.wallTime)) {
                return SandboxReply::internalError();
            }
            return *hit;
        }
    }

    // Which route: the deployed version of dynamic/<name>, or a one-model route for provider/model.
    RouteKey key;
    Json elements;
    if (requested.rfind("dynamic/", 0) == 0) {
        const QString name = QString::fromStdString(requested.substr(8));
        const auto route = m_store.routes().findByName(account, gateway, name);
        if (!route) {
            return SandboxReply::internalError();
        }
        if (route->id.isEmpty()) {
            return openAiError(404,
                               QStringLiteral("No route named %1 on gateway %2")
                                   .arg(SandboxReply::quoted(name), SandboxReply::quoted(gateway)),
                               "invalid_request_error", "route_not_found");
        }
        const auto deployment = at.historical ? m_store.deployments().at(route->id, SandboxTime::format(at.wallTime))
                                              : m_store.deployments().current(route->id);
        if (!deployment) {
            return SandboxReply::internalError();
        }
        if (deployment->id.isEmpty()) {
            return openAiError(404, QStringLiteral("Route %1 has no deployed version").arg(SandboxReply::quoted(name)),
                               "invalid_request_error", "route_not_deployed");
        }
        key = {account, gateway, route->id, deployment->versionId};
        // A version never changes once saved: it is read and compiled once, when it first serves.
        if (m_running.find(key) == m_running.end()) {
            const auto version = m_store.versions().find(route->id, deployment->versionId);
            if (!version || version->id.isEmpty()) {
                return SandboxReply::internalError();
            }
            const Decoded<Json> parsed = JsonText::parse(version->elements.toStdString());
            if (!parsed) {
                return SandboxReply::internalError();
            }
            elements = *parsed.value;
        }
    } else {
        const std::size_t slash = requested.find('/');
        if (slash == std::string::npos || slash == 0 || slash + 1 == requested.size()) {
            return openAiError(400,
                               QStringLiteral("model must be dynamic/<route name> or provider/model, e.g. "
                                              "openai/gpt-4o-mini"),
                               "invalid_request_error", "invalid_model");
        }
        elements = directRoute(requested.substr(0, slash), requested.substr(slash + 1));
        key = {account, gateway, QString(), QString::fromStdString(requested)};
    }

    auto running = m_running.find(key);
    if (running == m_running.end()) {
        Decoded<std::vector<Element>> decoded = RouteCodec::decodeElements(elements);
        if (!decoded) {
            return SandboxReply::internalError();
        }
        running =
            m_running
                .emplace(key, std::make_unique<RunningRoute>(Route(std::move(*decoded.value)), m_behaviour, at.clockMs))
                .first;
    }
    RunningRoute &rr = *running->second;

    const Prompt prompt = readPrompt((*body.value)["messages"]);
    RequestContext context;
    context.metadata = metadata;
    context.body = *body.value;
    for (auto it = request.headers.begin(); it != request.headers.end(); ++it) {
        if (!isSecretHeader(it.key())) {
            context.headers[it.key().toStdString()] = it.value().toStdString();
        }
    }
    context.tokensIn = static_cast<double>(std::max<std::size_t>(1, prompt.characters / 4));
    const std::int64_t maxTokens = body.value->value("max_tokens", std::int64_t{256});
    context.tokensOut = static_cast<double>(std::clamp<std::int64_t>(
        24 + static_cast<std::int64_t>(prompt.lastUserMessage.size() % 97), 1, std::max<std::int64_t>(maxTokens, 1)));

    const PreparedContext prepared = rr.runner.prepare(context);
    SplitMix64 rng = SplitMix64::forRequest(m_seed, m_requests++);
    const double seconds = static_cast<double>(at.clockMs - rr.startedMs) / 1000.0;
    const RunOutcome outcome = rr.runner.run(prepared, rng, seconds);

    SandboxResponse response;
    QString provider = QStringLiteral("unknown");
    QString model = QString::fromStdString(requested);
    const qint64 created = at.wallTime.toSecsSinceEpoch();
    if (outcome.servedBy >= 0) {
        const CompiledRoute::Model &m = rr.compiled.models()[static_cast<std::size_t>(outcome.servedBy)];
        provider = QString::fromStdString(m.provider);
        model = QString::fromStdString(m.model);
        const auto tokensIn = static_cast<std::int64_t>(context.tokensIn);
        const auto tokensOut = static_cast<std::int64_t>(context.tokensOut);
        const std::string answer =
            "Sandbox answer from " + m.provider + "/" + m.model + " to: " + prompt.lastUserMessage.substr(0, 80);
        response = SandboxReply::json(
            Json{{"id", ("chatcmpl-" + newUuid().remove(QLatin1Char('-'))).toStdString()},
                 {"object", "chat.completion"},
                 {"created", created},
                 {"model", m.model},
                 {"choices", Json::array({Json{{"index", 0},
                                               {"message", Json{{"role", "assistant"}, {"content", answer}}},
                                               {"finish_reason", "stop"}}})},
                 {"usage", Json{{"prompt_tokens", tokensIn},
                                {"completion_tokens", tokensOut},
                                {"total_tokens", tokensIn + tokensOut}}}});
    } else {
        response = openAiError(
            502, QStringLiteral("No model answered: %1").arg(QString::fromStdString(rr.runner.unservedReason(outcome))),
            "api_error", "route_unserved");
    }
    response.headers.append({QByteArrayLiteral("cf-aig-model"), model.toUtf8()});
    response.headers.append({QByteArrayLiteral("cf-aig-provider"), provider.toUtf8()});

    LogFacts facts;
    facts.provider = provider;
    facts.model = model;
    facts.success = outcome.servedBy >= 0;
    facts.durationMs = std::llround(outcome.latencyMs);
    facts.tokensIn = facts.success ? static_cast<qint64>(context.tokensIn) : 0;
    facts.tokensOut = facts.success ? static_cast<qint64>(context.tokensOut) : 0;
    facts.cost = std::round(outcome.costUsd * 1e9) / 1e9;
    facts.metadata = loggedMetadata;
    if (facts.success && cacheTtlMs > 0) {
        SandboxResponse fresh = response;
        fresh.headers.append({QByteArrayLiteral("cf-aig-cache-status"), QByteArrayLiteral("HIT")});
        m_cache.store(account, gateway, request.body, fresh, at.clockMs + cacheTtlMs);
        response.headers.append({QByteArrayLiteral("cf-aig-cache-status"), QByteArrayLiteral("MISS")});
    }
    if (!writeLog(request, account, gateway, *gatewayJson, response, facts, at.wallTime)) {
        return SandboxReply::internalError();
    }
    return response;
}

} // namespace rd
