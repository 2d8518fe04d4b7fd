#include "app/sandbox/SandboxBody.h"

#include "app/sandbox/SandboxReply.h"
#include "model/JsonText.h"

namespace rd {

std::optional<Json> SandboxBody::readObject(const SandboxRequest &request, SandboxResponse &error)
{
    if (request.body.trimmed().isEmpty()) {
        error = SandboxReply::badRequest(QStringLiteral("The request body is empty; send a JSON object."));
        return std::nullopt;
    }
    JsonTextLimits limits;
    limits.maxBytes = static_cast<std::size_t>(kMaxBytes);
    auto parsed = JsonText::parse(
        std::string_view(request.body.constData(), static_cast<std::size_t>(request.body.size())), limits);
    if (!parsed) {
        error = SandboxReply::badRequest(QStringLiteral("The request body is not valid JSON: %1")
                                             .arg(QString::fromStdString(parsed.error->toString())));
        return std::nullopt;
    }
    if (!parsed.value->is_object()) {
        error = SandboxReply::badRequest(
            QStringLiteral("The request body must be a JSON object, got %1.").arg(kindOf(*parsed.value)));
        return std::nullopt;
    }
    return std::move(*parsed.value);
}

namespace {

// The value of a required field of the expected kind, or nullptr with `error` set to say what is wrong.
const Json *requiredField(const Json &body, const char *key, bool (Json::*isKind)() const noexcept,
                          const char *kindText, SandboxResponse &error)
{
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) {
        error = SandboxReply::badRequest(QStringLiteral("`%1` is required.").arg(QString::fromLatin1(key)));
        return nullptr;
    }
    if (!((*it).*isKind)()) {
        error = SandboxReply::badRequest(
            QStringLiteral("`%1` must be %2, got %3.")
                .arg(QString::fromLatin1(key), QString::fromLatin1(kindText), SandboxBody::kindOf(*it)));
        return nullptr;
    }
    return &*it;
}

} // namespace

bool SandboxBody::requireString(const Json &body, const char *key, QString &out, SandboxResponse &error)
{
    const Json *value = requiredField(body, key, &Json::is_string, "a string", error);
    if (value) {
        out = QString::fromStdString(value->get<std::string>());
    }
    return value != nullptr;
}

bool SandboxBody::requireBool(const Json &body, const char *key, bool &out, SandboxResponse &error)
{
    const Json *value = requiredField(body, key, &Json::is_boolean, "true or false", error);
    if (value) {
        out = value->get<bool>();
    }
    return value != nullptr;
}

bool SandboxBody::optionalString(const Json &body, const char *key, std::optional<QString> &out, SandboxResponse &error)
{
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) {
        return true;
    }
    if (!it->is_string()) {
        error = SandboxReply::badRequest(
            QStringLiteral("`%1` must be a string, got %2.").arg(QString::fromLatin1(key), kindOf(*it)));
        return false;
    }
    out = QString::fromStdString(it->get<std::string>());
    return true;
}

QString SandboxBody::kindOf(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null:
        return QStringLiteral("null");
    case Json::value_t::object:
        return QStringLiteral("an object");
    case Json::value_t::array:
        return QStringLiteral("an array");
    case Json::value_t::string:
        return QStringLiteral("a string");
    case Json::value_t::boolean:
        return QStringLiteral("a boolean");
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return QStringLiteral("a number");
    case Json::value_t::binary:
    case Json::value_t::discarded:
        break;
    }
    return QStringLiteral("something else");
}

} // namespace rd
