#include "app/sandbox/SandboxGatewayApi.h"

#include "app/sandbox/SandboxBody.h"
#include "app/sandbox/SandboxListParams.h"
#include "app/sandbox/SandboxReply.h"
#include "app/sandbox/SandboxTime.h"

#include <QRegularExpression>

#include <vector>

namespace rd {

namespace {

enum class Kind { Bool, Number, String, Object, Array };

struct Field
{
    const char *key;
    Kind kind;
    bool required = false;
    double min = 0;
    double max = 0; // no bounds when min == max == 0
    std::vector<const char *> choices = {};
    Json defaultValue = Json(); // written on create when the body leaves the field out
};

// Seed 001's gateway model, in the order Cloudflare writes it (created_at and modified_at go after
// collect_logs).
const std::vector<Field> &fields()
{
    static const std::vector<Field> all{
        {"cache_invalidate_on_update", Kind::Bool, true},
        {"cache_ttl", Kind::Number, true, 0, 1e12},
        {"collect_logs", Kind::Bool, true},
        {"rate_limiting_interval", Kind::Number, true, 0, 1e12},
        {"rate_limiting_limit", Kind::Number, true, 0, 1e12},
        {"authentication", Kind::Bool, false, 0, 0, {}, false},
        {"dlp", Kind::Object},
        {"is_default", Kind::Bool, false, 0, 0, {}, false},
        {"log_management", Kind::Number, false, 10000, 10000000},
        {"log_management_strategy", Kind::String, false, 0, 0, {"STOP_INSERTING", "DELETE_OLDEST"}},
        {"logpush", Kind::Bool, false, 0, 0, {}, false},
        {"logpush_public_key", Kind::String, false, 16, 1024},
        {"otel", Kind::Array},
        {"rate_limiting_technique", Kind::String, false, 0, 0, {"fixed", "sliding"}, "fixed"},
        {"retry_backoff", Kind::String, false, 0, 0, {"constant", "linear", "exponential"}},
        {"retry_delay", Kind::Number, false, 0, 5000},
        {"retry_max_attempts", Kind::Number, false, 1, 5},
        {"store_id", Kind::String},
        {"stripe", Kind::Object},
        {"workers_ai_billing_mode", Kind::String, false, 0, 0, {"postpaid"}},
        {"zdr", Kind::Bool, false, 0, 0, {}, false},
    };
    return all;
}

const SandboxListParams::Rules kListRules{
    20, 50, {QStringLiteral("created_at"), QStringLiteral("modified_at"), QStringLiteral("id")}};

QString describe(const Field &field)
{
    QString text;
    switch (field.kind) {
    case Kind::Bool:
        return QStringLiteral("true or false");
    case Kind::Object:
        return QStringLiteral("an object");
    case Kind::Array:
        return QStringLiteral("an array");
    case Kind::Number:
        text = QStringLiteral("a number");
        if (field.min != 0 || field.max != 0) {
            text += QStringLiteral(" from %1 to %2").arg(field.min).arg(field.max);
        }
        return text;
    case Kind::String:
        if (!field.choices.empty()) {
            QStringList choices;
            for (const char *c : field.choices) {
                choices << QStringLiteral("\"%1\"").arg(QString::fromLatin1(c));
            }
            return QStringLiteral("one of ") + choices.join(QStringLiteral(", "));
        }
        text = QStringLiteral("a string");
        if (field.max != 0) {
            text += QStringLiteral(" of %1 to %2 characters").arg(field.min).arg(field.max);
        }
        return text;
    }
    return text;
}

bool accepts(const Field &field, const Json &value)
{
    switch (field.kind) {
    case Kind::Bool:
        return value.is_boolean();
    case Kind::Object:
        return value.is_object();
    case Kind::Array:
        return value.is_array();
    case Kind::Number: {
        if (!value.is_number()) {
            return false;
        }
        const double n = value.get<double>();
        return (field.min == 0 && field.max == 0) || (n >= field.min && n <= field.max);
    }
    case Kind::String: {
        if (!value.is_string()) {
            return false;
        }
        const std::string s = value.get<std::string>();
        if (!field.choices.empty()) {
            for (const char *c : field.choices) {
                if (s == c) {
                    return true;
                }
            }
            return false;
        }
        const auto length = static_cast<double>(QString::fromStdString(s).size());
        return field.max == 0 || (length >= field.min && length <= field.max);
    }
    }
    return false;
}

} // namespace

bool SandboxGatewayApi::isValidId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9-]{1,64}$"));
    return pattern.match(id).hasMatch();
}

std::optional<Json> SandboxGatewayApi::buildGateway(const QString &id, const Json &body, const Json &previous,
                                                    const QString &createdAt, const QString &modifiedAt,
                                                    SandboxResponse &error)
{
    const bool creating = !previous.is_object();
    Json out = Json::object();
    out["id"] = id.toStdString();
    for (const Field &field : fields()) {
        auto it = body.find(field.key);
        const bool given = it != body.end() && !it->is_null();
        if (given && !accepts(field, *it)) {
            error = SandboxReply::badRequest(QStringLiteral("`%1` must be %2, got %3.")
                                                 .arg(QString::fromLatin1(field.key), describe(field),
                                                      it->is_number() || it->is_string()
                                                          ? QString::fromStdString(it->dump()).left(60)
                                                          : SandboxBody::kindOf(*it)));
            return std::nullopt;
        }
        if (given) {
            out[field.key] = *it;
        } else if (field.required) {
            error = SandboxReply::badRequest(
                QStringLiteral("`%1` is required (%2).").arg(QString::fromLatin1(field.key), describe(field)));
            return std::nullopt;
        } else if (it != body.end()) {
            // An explicit null clears an optional field.
        } else if (!creating && previous.contains(field.key)) {
            out[field.key] = previous[field.key];
        } else if (creating && !field.defaultValue.is_null()) {
            out[field.key] = field.defaultValue;
        }
        if (std::string_view(field.key) == "collect_logs") {
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
