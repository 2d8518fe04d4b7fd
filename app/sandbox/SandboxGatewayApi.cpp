#include "app/sandbox/SandboxGatewayApi.h"

#include "app/sandbox/SandboxBody.h"
#include "app/sandbox/SandboxListParams.h"
#include "app/sandbox/SandboxReply.h"
#include "app/sandbox/SandboxTime.h"
#include "model/GatewaySettings.h"

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

} // namespace

bool SandboxGatewayApi::isValidId(const QString &id)
{
    return !GatewaySettings::idProblem(id.toStdString()).has_value();
}

std::optional<Json> SandboxGatewayApi::buildGateway(const QString &id, const Json &body, const Json &previous,
                                                    const QString &createdAt, const QString &modifiedAt,
                                                    SandboxResponse &error)
{
    const bool creating = !previous.is_object();
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
            error = SandboxReply::badRequest(QStringLiteral("`%1` is required (%2).")
                                                 .arg(QString::fromStdString(key),
                                                      QString::fromStdString(GatewaySettings::describe(setting))));
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
