#include "app/sandbox/FaultSpecCodec.h"

#include <QStringList>

#include <array>
#include <utility>

namespace rd {

namespace {

constexpr std::array<std::pair<FaultSpec::Kind, const char *>, 5> kKindNames{{
    {FaultSpec::Kind::Slow, "slow"},
    {FaultSpec::Kind::ServerError, "server_error"},
    {FaultSpec::Kind::RateLimited, "rate_limited"},
    {FaultSpec::Kind::MalformedJson, "malformed_json"},
    {FaultSpec::Kind::DropConnection, "drop_connection"},
}};

// Bounded so that a typo cannot park a request for a day or make the queue effectively endless.
constexpr int kMaxCount = 1'000'000;
constexpr int kMaxDelayMs = 600'000;
constexpr int kMaxRetryAfter = 86'400;

QString kindList()
{
    QStringList names;
    for (const auto &[kind, name] : kKindNames) {
        names << QString::fromLatin1(name);
    }
    return names.join(QStringLiteral(", "));
}

bool readInt(const Json &json, const char *key, int min, int max, int &out, QString *error)
{
    auto it = json.find(key);
    if (it == json.end() || it->is_null()) {
        return true;
    }
    if (!it->is_number_integer() || it->get<std::int64_t>() < min || it->get<std::int64_t>() > max) {
        *error =
            QStringLiteral("`%1` must be an integer from %2 to %3").arg(QString::fromLatin1(key)).arg(min).arg(max);
        return false;
    }
    out = static_cast<int>(it->get<std::int64_t>());
    return true;
}

bool readString(const Json &json, const char *key, QString &out, QString *error)
{
    auto it = json.find(key);
    if (it == json.end() || it->is_null()) {
        return true;
    }
    if (!it->is_string()) {
        *error = QStringLiteral("`%1` must be a string").arg(QString::fromLatin1(key));
        return false;
    }
    out = QString::fromStdString(it->get<std::string>());
    return true;
}

} // namespace

QString FaultSpecCodec::kindName(FaultSpec::Kind kind)
{
    for (const auto &[k, name] : kKindNames) {
        if (k == kind) {
            return QString::fromLatin1(name);
        }
    }
    return {};
}

std::optional<FaultSpec::Kind> FaultSpecCodec::kindFromName(const QString &name)
{
    for (const auto &[kind, n] : kKindNames) {
        if (name.compare(QLatin1String(n), Qt::CaseInsensitive) == 0) {
            return kind;
        }
    }
    return std::nullopt;
}

std::optional<FaultSpec> FaultSpecCodec::fromJson(const Json &json, QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    if (!json.is_object()) {
        message = QStringLiteral("the body must be a JSON object like {\"kind\": \"server_error\", \"count\": 1}");
        return std::nullopt;
    }
    auto kindIt = json.find("kind");
    if (kindIt == json.end() || !kindIt->is_string()) {
        message = QStringLiteral("`kind` is required: one of %1").arg(kindList());
        return std::nullopt;
    }
    const auto kind = kindFromName(QString::fromStdString(kindIt->get<std::string>()));
    if (!kind) {
        message = QStringLiteral("unknown `kind`; use one of %1").arg(kindList());
        return std::nullopt;
    }
    FaultSpec spec;
    spec.kind = *kind;
    if (spec.kind == FaultSpec::Kind::Slow) {
        spec.delayMs = kDefaultSlowDelayMs;
    }
    if (!readInt(json, "count", 1, kMaxCount, spec.count, &message) ||
        !readInt(json, "delay_ms", 0, kMaxDelayMs, spec.delayMs, &message) ||
        !readInt(json, "retry_after", 0, kMaxRetryAfter, spec.retryAfterSeconds, &message) ||
        !readString(json, "method", spec.method, &message) ||
        !readString(json, "path_contains", spec.pathContains, &message)) {
        return std::nullopt;
    }
    if (auto it = json.find("apply_first"); it != json.end() && !it->is_null()) {
        if (!it->is_boolean()) {
            message = QStringLiteral("`apply_first` must be true or false");
            return std::nullopt;
        }
        spec.applyFirst = it->get<bool>();
    }
    spec.method = spec.method.toUpper();
    return spec;
}

Json FaultSpecCodec::toJson(const FaultSpec &fault)
{
    Json out = Json::object();
    out["kind"] = kindName(fault.kind).toStdString();
    out["count"] = fault.count;
    out["delay_ms"] = fault.delayMs;
    out["retry_after"] = fault.retryAfterSeconds;
    out["method"] = fault.method.toStdString();
    out["path_contains"] = fault.pathContains.toStdString();
    out["apply_first"] = fault.applyFirst;
    return out;
}

std::optional<FaultSpec> FaultSpecCodec::fromArgument(const QString &argument, QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    const QStringList parts = argument.split(QLatin1Char(':'));
    const auto kind = kindFromName(parts.value(0).trimmed());
    if (parts.size() > 3 || !kind) {
        message =
            QStringLiteral("--fault %1: expected KIND[:COUNT[:PARAM]] with KIND one of %2").arg(argument, kindList());
        return std::nullopt;
    }
    FaultSpec spec;
    spec.kind = *kind;
    if (spec.kind == FaultSpec::Kind::Slow) {
        spec.delayMs = kDefaultSlowDelayMs;
    }
    if (parts.size() > 1) {
        bool ok = false;
        spec.count = parts[1].toInt(&ok);
        if (!ok || spec.count < 1 || spec.count > kMaxCount) {
            message =
                QStringLiteral("--fault %1: COUNT must be a whole number from 1 to %2").arg(argument).arg(kMaxCount);
            return std::nullopt;
        }
    }
    if (parts.size() > 2) {
        const QString param = parts[2].trimmed();
        bool ok = false;
        const int value = param.toInt(&ok);
        switch (spec.kind) {
        case FaultSpec::Kind::Slow:
            ok = ok && value >= 0 && value <= kMaxDelayMs;
            spec.delayMs = value;
            break;
        case FaultSpec::Kind::RateLimited:
            ok = ok && value >= 0 && value <= kMaxRetryAfter;
            spec.retryAfterSeconds = value;
            break;
        case FaultSpec::Kind::DropConnection:
            ok = param == QLatin1String("apply_first");
            spec.applyFirst = ok;
            break;
        case FaultSpec::Kind::ServerError:
        case FaultSpec::Kind::MalformedJson:
            ok = false;
            break;
        }
        if (!ok) {
            message = QStringLiteral("--fault %1: PARAM is the delay in ms for slow, the Retry-After seconds for "
                                     "rate_limited, or apply_first for drop_connection")
                          .arg(argument);
            return std::nullopt;
        }
    }
    return spec;
}

} // namespace rd
