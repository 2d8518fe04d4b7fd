#include "app/sandbox/SandboxGatewayApi.h"

#include "app/sandbox/SandboxBody.h"
#include "app/sandbox/SandboxListParams.h"
#include "app/sandbox/SandboxReply.h"
#include "app/sandbox/SandboxTime.h"
#include "model/GatewaySettings.h"

#include <algorithm>

namespace rd {

namespace {

const SandboxListParams::Rules kListRules{
    20, 50, {QStringLiteral("created_at"), QStringLiteral("modified_at"), QStringLiteral("id")}};

// What Cloudflare writes on create for the optional fields a body leaves out.
Json defaultValue(std::string_view key)
{
    if (key == "authentication" || key == "is_default" || key == "logpush" || key == "zdr") {
        return false;
    }
    if (key == "rate_limiting_technique") {
        return "fixed";
    }
    return Json();
}

bool isSecretMissing(const Json &object)
{
    auto it = object.find("authorization");
    return it == object.end() || it->is_null();
}

// The previous exporter whose authorization a new one without it keeps: the one with the same url (the same
// index first, should several share it). Never one at another url: an exporter pointed somewhere new must not
// carry the old collector's secret there unasked, so it needs its authorization typed again.
const Json *previousExporter(const Json &previousOtel, const Json &exporter, std::size_t index)
{
    if (!previousOtel.is_array()) {
        return nullptr;
    }
    const auto sameUrl = [&](const Json &candidate) {
        return candidate.is_object() && exporter.contains("url") && candidate.contains("url") &&
               candidate["url"] == exporter["url"];
    };
    if (index < previousOtel.size() && sameUrl(previousOtel[index])) {
        return &previousOtel[index];
    }
    for (const Json &candidate : previousOtel) {
        if (sameUrl(candidate)) {
            return &candidate;
        }
    }
    return nullptr;
}

} // namespace

// The app never holds a gateway's secrets in a form it could send back (it masks them, keeps them out of its
// settings and logs), so an update it sends carries only the authorizations a person typed anew. Cloudflare keeps
// the stored ones in that case; the sandbox does the same, so that saving an unrelated setting does not wipe an
// OTel or Stripe authorization. A create has nothing to keep: there they stay required.
Json SandboxGatewayApi::withKeptSecrets(const Json &body, const Json &previous)
{
    Json out = body;
    if (!previous.is_object() || !out.is_object()) {
        return out;
    }
    if (auto otel = out.find("otel"); otel != out.end() && otel->is_array()) {
        const Json previousOtel = previous.value("otel", Json());
        for (std::size_t i = 0; i < otel->size(); ++i) {
            Json &exporter = (*otel)[i];
            if (!exporter.is_object() || !isSecretMissing(exporter)) {
                continue;
            }
            const Json *before = previousExporter(previousOtel, exporter, i);
            if (before && before->contains("authorization")) {
                exporter["authorization"] = (*before)["authorization"];
            }
        }
    }
    if (auto stripe = out.find("stripe"); stripe != out.end() && stripe->is_object() && isSecretMissing(*stripe)) {
        const Json previousStripe = previous.value("stripe", Json());
        if (previousStripe.is_object() && previousStripe.contains("authorization")) {
            (*stripe)["authorization"] = previousStripe["authorization"];
        }
    }
    return out;
}

std::optional<QString> SandboxGatewayApi::unknownFieldProblem(const std::string &key, const Json &value)
{
    const bool keyOk = !key.empty() && key.size() <= kMaxUnknownKeyLength &&
                       std::all_of(key.begin(), key.end(),
                                   [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
    if (!keyOk) {
        return QStringLiteral("`%1` is not a gateway field: unknown fields need names of 1 to %2 characters of "
                              "lowercase letters, digits and '_'.")
            .arg(QString::fromStdString(key).left(80))
            .arg(kMaxUnknownKeyLength);
    }
    if (const std::size_t size = value.dump().size(); size > kMaxUnknownValueBytes) {
        return QStringLiteral("`%1`: an unknown field's value may take at most %2 bytes as JSON; this one takes %3.")
            .arg(QString::fromStdString(key))
            .arg(kMaxUnknownValueBytes)
            .arg(size);
    }
    return std::nullopt;
}

bool SandboxGatewayApi::isValidId(const QString &id)
{
    return !GatewaySettings::idProblem(id.toStdString()).has_value();
}

std::optional<Json> SandboxGatewayApi::buildGateway(const QString &id, const Json &requestBody, const Json &previous,
                                                    const QString &createdAt, const QString &modifiedAt,
                                                    SandboxResponse &error)
{
    const bool creating = !previous.is_object();
    const Json body = creating ? requestBody : withKeptSecrets(requestBody, previous);
    Json out = Json::object();
    out["id"] = id.toStdString();
    for (const GatewaySetting &setting : GatewaySettings::all()) {
        const std::string key(setting.key);
        auto it = body.find(key);
        const bool given = it != body.end() && !it->is_null();
        if (given) {
            if (auto problem = GatewaySettings::problem(setting, *it)) {
                // Scalars say what was sent; nested objects name the path inside them instead.
                const bool scalar = it->is_number() || it->is_string() || it->is_boolean();
                error = SandboxReply::badRequest(
                    QStringLiteral("`%1`: %2%3.")
                        .arg(QString::fromStdString(key), QString::fromStdString(*problem),
                             scalar ? QStringLiteral(", got %1").arg(QString::fromStdString(it->dump()).left(60))
                                    : QString()));
                return std::nullopt;
            }
            out[key] = *it;
        } else if (setting.required) {
            error = SandboxReply::badRequest(
                QStringLiteral("`%1` is required (%2).")
                    .arg(QString::fromStdString(key), QString::fromStdString(GatewaySettings::describe(setting))));
            return std::nullopt;
        } else if (it != body.end()) {
            // An explicit null clears an optional field.
        } else if (!creating && previous.contains(key)) {
            out[key] = previous[key];
        } else if (creating && !defaultValue(key).is_null()) {
            out[key] = defaultValue(key);
        }
        if (key == "collect_logs") {
            out["created_at"] = createdAt.toStdString();
            out["modified_at"] = modifiedAt.toStdString();
        }
    }
    // Fields this sandbox does not know (a newer API's) are kept as sent and answered back, so a test can tell
    // whether a client passes through what it does not understand. Only those the body carries: a PUT that
    // leaves one out drops it, which is how such a test sees a client that lost it.
    for (const auto &[key, value] : body.items()) {
        if (key == "id" || key == "created_at" || key == "modified_at" || GatewaySettings::find(key)) {
            continue;
        }
        if (auto problem = unknownFieldProblem(key, value)) {
            error = SandboxReply::badRequest(*problem);
            return std::nullopt;
        }
        out[key] = value;
    }
    return out;
}

SandboxResponse SandboxGatewayApi::list(const SandboxRequest &request, const QString &account)
{
    QString message;
    const auto params = SandboxListParams::parse(request, kListRules, &message);
    if (!params) {
        return SandboxReply::badRequest(message);
    }
    const QString search = request.queryValue(QStringLiteral("search")).value_or(QString()).trimmed();
    const auto page = m_store.gateways().list(account, search,
                                              {params->offset(), params->perPage, params->orderBy, params->descending});
    if (!page) {
        return SandboxReply::internalError();
    }
    Json items = Json::array();
    for (const Json &gateway : page->items) {
        items.push_back(gateway);
    }
    return SandboxReply::resultPage(std::move(items),
                                    params->pageInfo(static_cast<std::int64_t>(page->items.size()), page->total));
}

SandboxResponse SandboxGatewayApi::create(const SandboxRequest &request, const QString &account)
{
    SandboxResponse error;
    const auto body = SandboxBody::readObject(request, error);
    if (!body) {
        return error;
    }
    QString id;
    if (!SandboxBody::requireString(*body, "id", id, error)) {
        return error;
    }
    if (!isValidId(id)) {
        return SandboxReply::badRequest(
            QStringLiteral("`id` must be 1 to 64 characters of lowercase letters, digits and '-', got \"%1\".")
                .arg(id.left(80)));
    }
    const auto existing = m_store.gateways().find(account, id);
    const auto count = m_store.gateways().count(account);
    if (!existing || !count) {
        return SandboxReply::internalError();
    }
    if (!existing->is_null()) {
        return SandboxReply::badRequest(
            QStringLiteral("A gateway with id %1 already exists.").arg(SandboxReply::quoted(id)));
    }
    if (*count >= kMaxGatewaysPerAccount) {
        return SandboxReply::badRequest(QStringLiteral("This account already has %1 gateways, the most allowed; delete "
                                                       "one before creating another.")
                                            .arg(kMaxGatewaysPerAccount));
    }
    const QString now = SandboxTime::now();
    auto gateway = buildGateway(id, *body, Json(), now, now, error);
    if (!gateway) {
        return error;
    }
    if (!m_store.gateways().insert(account, *gateway)) {
        return SandboxReply::internalError();
    }
    return SandboxReply::result(std::move(*gateway));
}

SandboxResponse SandboxGatewayApi::get(const QString &account, const QString &id)
{
    const auto gateway = m_store.gateways().find(account, id);
    if (!gateway) {
        return SandboxReply::internalError();
    }
    if (gateway->is_null()) {
        return SandboxReply::notFound(QStringLiteral("Gateway %1 not found").arg(SandboxReply::quoted(id)));
    }
    return SandboxReply::result(*gateway);
}

SandboxResponse SandboxGatewayApi::update(const SandboxRequest &request, const QString &account, const QString &id)
{
    const auto previous = m_store.gateways().find(account, id);
    if (!previous) {
        return SandboxReply::internalError();
    }
    if (previous->is_null()) {
        return SandboxReply::notFound(QStringLiteral("Gateway %1 not found").arg(SandboxReply::quoted(id)));
    }
    SandboxResponse error;
    const auto body = SandboxBody::readObject(request, error);
    if (!body) {
        return error;
    }
    auto gateway = buildGateway(id, *body, *previous, QString::fromStdString(previous->value("created_at", "")),
                                SandboxTime::now(), error);
    if (!gateway) {
        return error;
    }
    if (!m_store.gateways().update(account, *gateway)) {
        return SandboxReply::internalError();
    }
    return SandboxReply::result(std::move(*gateway));
}

SandboxResponse SandboxGatewayApi::remove(const QString &account, const QString &id)
{
    const auto gateway = m_store.gateways().find(account, id);
    if (!gateway) {
        return SandboxReply::internalError();
    }
    if (gateway->is_null()) {
        return SandboxReply::notFound(QStringLiteral("Gateway %1 not found").arg(SandboxReply::quoted(id)));
    }
    if (!m_store.gateways().remove(account, id)) {
        return SandboxReply::internalError();
    }
    return SandboxReply::result(*gateway);
}

} // namespace rd
