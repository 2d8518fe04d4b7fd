#include "app/sandbox/SandboxLogQuery.h"

#include "app/sandbox/SandboxTime.h"

#include <QMap>
#include <QRegularExpression>

#include <array>

namespace rd {

namespace {

enum class ValueKind { Text, Number, Boolean, Time, MetadataKey, MetadataValue };

struct KeyInfo
{
    const char *key;
    const char *column;
    ValueKind kind;
};

// The filter keys of the official SDK's LogListParams.Filter / LogDeleteParams.Filter (and, for the two content
// types, of datasets). The sandbox's logs carry no DLP verdict, no authentication flag and no wholesale (Cloudflare-
// billed) flag, so those read as the natural default for every log: no DLP action (NULL: `eq` matches nothing,
// `neq` everything), not authenticated, not wholesale. compatibilityMode is whether the request came through the
// OpenAI-compatible endpoint, which is every request the sandbox's data plane serves; it is read from the path so
// that a log written otherwise (imported, say) is not counted.
constexpr std::array<KeyInfo, 24> kKeys{{
    {"id", "id", ValueKind::Text},
    {"created_at", "created_at", ValueKind::Time},
    {"success", "success", ValueKind::Boolean},
    {"cached", "cached", ValueKind::Boolean},
    {"provider", "provider", ValueKind::Text},
    {"model", "model", ValueKind::Text},
    {"model_type", "model_type", ValueKind::Text},
    {"cost", "cost", ValueKind::Number},
    {"tokens", "(tokens_in + tokens_out)", ValueKind::Number},
    {"tokens_in", "tokens_in", ValueKind::Number},
    {"tokens_out", "tokens_out", ValueKind::Number},
    {"duration", "duration", ValueKind::Number},
    {"feedback", "feedback", ValueKind::Number},
    {"event_id", "event_id", ValueKind::Text},
    {"metadata.key", "", ValueKind::MetadataKey},
    {"metadata.value", "", ValueKind::MetadataValue},
    {"request_type", "request_type", ValueKind::Text},
    {"user_agent", "user_agent", ValueKind::Text},
    {"request_content_type", "request_content_type", ValueKind::Text},
    {"response_content_type", "response_content_type", ValueKind::Text},
    {"dlp_action", "NULL", ValueKind::Text},
    {"authentication", "0", ValueKind::Boolean},
    {"wholesale", "0", ValueKind::Boolean},
    {"compatibilityMode", "(CASE WHEN path LIKE 'compat/%' OR path LIKE '%/compat/%' THEN 1 ELSE 0 END)",
     ValueKind::Boolean},
}};

const QStringList kOperators{QStringLiteral("eq"), QStringLiteral("neq"), QStringLiteral("contains"),
                             QStringLiteral("lt"), QStringLiteral("gt")};

// Metadata is JSON text; json_each reads it as rows. Text that is not JSON counts as no entries rather than
// failing the whole query.
const QString kMetadataRows = QStringLiteral("json_each(CASE WHEN json_valid(metadata) THEN metadata ELSE '{}' END)");
// json_each gives booleans as 1/0; compare them as the words a client would type.
const QString kMetadataValueText =
    QStringLiteral("(CASE type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(value AS TEXT) END)");

const KeyInfo *findKey(const QString &key)
{
    for (const KeyInfo &info : kKeys) {
        if (key == QLatin1String(info.key)) {
            return &info;
        }
    }
    return nullptr;
}

QString keyList()
{
    QStringList keys;
    for (const KeyInfo &info : kKeys) {
        keys << QString::fromLatin1(info.key);
    }
    return keys.join(QStringLiteral(", "));
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QString placeholders(qsizetype n)
{
    QStringList marks;
    for (qsizetype i = 0; i < n; ++i) {
        marks << QStringLiteral("?");
    }
    return marks.join(QStringLiteral(", "));
}

std::optional<bool> readBool(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("true") || t == QLatin1String("1")) {
        return true;
    }
    if (t == QLatin1String("false") || t == QLatin1String("0")) {
        return false;
    }
    return std::nullopt;
}

QString operatorError(const QString &key, const QString &op, const char *allowed)
{
    return QStringLiteral("filter on `%1`: operator `%2` does not apply to it; use %3")
        .arg(key, op, QString::fromLatin1(allowed));
}

// "a OR b OR c" over one condition per value, each with its own binding.
QString anyOf(const QString &condition, qsizetype n)
{
    QStringList parts;
    for (qsizetype i = 0; i < n; ++i) {
        parts << condition;
    }
    return QLatin1Char('(') + parts.join(QStringLiteral(" OR ")) + QLatin1Char(')');
}

} // namespace

std::optional<SandboxLogQuery> SandboxLogQuery::parse(const SandboxRequest &request, QString *error)
{
    static const QRegularExpression filterKey(
        QStringLiteral("^filters(?:\\[(\\d+)\\])?(?:\\.|\\[)(key|operator|value)\\]?(?:\\[\\d*\\])?$"));

    SandboxLogQuery query;
    QMap<QString, qsizetype> indexed; // "filters[3]" -> position in m_filters
    for (const auto &[name, value] : request.query) {
        if (name == QLatin1String("search")) {
            if (!value.trimmed().isEmpty()) {
                query.addSearch(value.trimmed());
            }
            continue;
        }
        if (!name.startsWith(QLatin1String("filters"))) {
            continue; // paging, ordering, meta_info and whatever else a client sends
        }
        const auto match = filterKey.match(name);
        if (!match.hasMatch()) {
            *error = QStringLiteral("unknown query parameter `%1`; filters are written filters.key, "
                                    "filters.operator and filters.value")
                         .arg(name.left(60));
            return std::nullopt;
        }
        const QString index = match.captured(1);
        const QString field = match.captured(2);
        Filter *filter = nullptr;
        if (!index.isEmpty()) {
            auto it = indexed.find(index);
            if (it == indexed.end()) {
                it = indexed.insert(index, query.m_filters.size());
                query.m_filters.append(Filter{});
            }
            filter = &query.m_filters[*it];
        } else if (field == QLatin1String("key")) {
            query.m_filters.append(Filter{});
            filter = &query.m_filters.last();
        } else if (query.m_filters.isEmpty()) {
            *error = QStringLiteral("`%1` comes before any filters.key; each filter starts with its key").arg(name);
            return std::nullopt;
        } else {
            filter = &query.m_filters.last();
        }
        if (field == QLatin1String("key")) {
            filter->key = value;
        } else if (field == QLatin1String("operator")) {
            filter->op = value;
        } else {
            filter->values << value;
        }
    }
    for (const Filter &filter : std::as_const(query.m_filters)) {
        if (!query.addFilter(filter, error)) {
            return std::nullopt;
        }
    }
    return query;
}

std::optional<SandboxLogQuery> SandboxLogQuery::fromFilters(const QList<Filter> &filters, QString *error)
{
    SandboxLogQuery query;
    query.m_filters = filters;
    for (const Filter &filter : filters) {
        if (!query.addFilter(filter, error)) {
            return std::nullopt;
        }
    }
    return query;
}

QStringList SandboxLogQuery::orderKeys()
{
    return {QStringLiteral("created_at"), QStringLiteral("provider"), QStringLiteral("model"),
            QStringLiteral("model_type"), QStringLiteral("success"),  QStringLiteral("cached")};
}

QString SandboxLogQuery::orderClause(const SandboxListParams &params)
{
    // Only ever a key from orderKeys() (SandboxListParams checked it), so it is safe to splice in.
    const QString column = orderKeys().contains(params.orderBy) ? params.orderBy : QStringLiteral("created_at");
    const QString direction = params.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    return QStringLiteral("%1 %2, seq %2").arg(column, direction);
}

QString SandboxLogQuery::whereClause() const
{
    if (m_conditions.isEmpty()) {
        return QStringLiteral("1");
    }
    return m_conditions.join(QStringLiteral(" AND "));
}

bool SandboxLogQuery::addFilter(const Filter &filter, QString *error)
{
    const KeyInfo *info = findKey(filter.key);
    if (!info) {
        *error = filter.key.isEmpty()
                     ? QStringLiteral("a filter has no key; use one of %1").arg(keyList())
                     : QStringLiteral("unknown filter key `%1`; use one of %2").arg(filter.key.left(60), keyList());
        return false;
    }
    if (filter.op.isEmpty()) {
        *error = QStringLiteral("filter on `%1` has no operator; use eq, neq, contains, lt or gt").arg(filter.key);
        return false;
    }
    if (!kOperators.contains(filter.op)) {
        *error = QStringLiteral("filter on `%1`: unknown operator `%2`; use eq, neq, contains, lt or gt")
                     .arg(filter.key, filter.op.left(20));
        return false;
    }
    if (filter.values.isEmpty()) {
        *error = QStringLiteral("filter on `%1` has no value").arg(filter.key);
        return false;
    }

    const QString column = QString::fromLatin1(info->column);
    const QString &op = filter.op;
    const qsizetype n = filter.values.size();

    switch (info->kind) {
    case ValueKind::Text:
    case ValueKind::Time: {
        QStringList values = filter.values;
        if (info->kind == ValueKind::Time && op != QLatin1String("contains")) {
            for (QString &value : values) {
                const auto time = SandboxTime::parse(value);
                if (!time) {
                    *error = QStringLiteral("filter on `%1`: \"%2\" is not a timestamp like 2025-01-31T12:00:00Z")
                                 .arg(filter.key, value.left(40));
                    return false;
                }
                value = SandboxTime::format(*time);
            }
        }
        if (op == QLatin1String("eq")) {
            m_conditions << QStringLiteral("%1 IN (%2)").arg(column, placeholders(n));
        } else if (op == QLatin1String("neq")) {
            m_conditions << QStringLiteral("(%1 IS NULL OR %1 NOT IN (%2))").arg(column, placeholders(n));
        } else if (op == QLatin1String("contains")) {
            m_conditions << anyOf(column + QStringLiteral(" LIKE ? ESCAPE '\\'"), n);
            for (QString &value : values) {
                value = likePattern(value);
            }
        } else if (info->kind == ValueKind::Time) {
            m_conditions << anyOf(
                column + (op == QLatin1String("lt") ? QStringLiteral(" < ?") : QStringLiteral(" > ?")), n);
        } else {
            *error = operatorError(filter.key, op, "eq, neq or contains (it is text)");
            return false;
        }
        for (const QString &value : std::as_const(values)) {
            m_bindings << value;
        }
        return true;
    }
    case ValueKind::Number: {
        QVariantList numbers;
        for (const QString &value : filter.values) {
            bool ok = false;
            const double number = value.trimmed().toDouble(&ok);
            if (!ok) {
                *error = QStringLiteral("filter on `%1`: \"%2\" is not a number").arg(filter.key, value.left(40));
                return false;
            }
            numbers << number;
        }
        if (op == QLatin1String("eq")) {
            m_conditions << QStringLiteral("%1 IN (%2)").arg(column, placeholders(n));
        } else if (op == QLatin1String("neq")) {
            m_conditions << QStringLiteral("(%1 IS NULL OR %1 NOT IN (%2))").arg(column, placeholders(n));
        } else if (op == QLatin1String("lt") || op == QLatin1String("gt")) {
            m_conditions << anyOf(
                column + (op == QLatin1String("lt") ? QStringLiteral(" < ?") : QStringLiteral(" > ?")), n);
        } else {
            *error = operatorError(filter.key, op, "eq, neq, lt or gt (it is a number)");
            return false;
        }
        m_bindings << numbers;
        return true;
    }
    case ValueKind::Boolean: {
        QVariantList flags;
        for (const QString &value : filter.values) {
            const auto flag = readBool(value);
            if (!flag) {
                *error = QStringLiteral("filter on `%1`: \"%2\" is not true or false").arg(filter.key, value.left(40));
                return false;
            }
            flags << (*flag ? 1 : 0);
        }
        if (op == QLatin1String("eq")) {
            m_conditions << QStringLiteral("%1 IN (%2)").arg(column, placeholders(n));
        } else if (op == QLatin1String("neq")) {
            m_conditions << QStringLiteral("%1 NOT IN (%2)").arg(column, placeholders(n));
        } else {
            *error = operatorError(filter.key, op, "eq or neq (it is true or false)");
            return false;
        }
        m_bindings << flags;
        return true;
    }
    case ValueKind::MetadataKey:
    case ValueKind::MetadataValue: {
        const QString subject = info->kind == ValueKind::MetadataKey ? QStringLiteral("key") : kMetadataValueText;
        QString condition;
        QVariantList bindings;
        if (op == QLatin1String("eq") || op == QLatin1String("neq")) {
            condition = QStringLiteral("%1 IN (%2)").arg(subject, placeholders(n));
            for (const QString &value : filter.values) {
                bindings << value;
            }
        } else if (op == QLatin1String("contains")) {
            condition = anyOf(subject + QStringLiteral(" LIKE ? ESCAPE '\\'"), n);
            for (const QString &value : filter.values) {
                bindings << likePattern(value);
            }
        } else if (info->kind == ValueKind::MetadataValue) {
            condition = QStringLiteral("type IN ('integer', 'real') AND ") +
                        anyOf(op == QLatin1String("lt") ? QStringLiteral("value < ?") : QStringLiteral("value > ?"), n);
            for (const QString &value : filter.values) {
                bool ok = false;
                const double number = value.trimmed().toDouble(&ok);
                if (!ok) {
                    *error = QStringLiteral("filter on `%1` with `%2`: \"%3\" is not a number")
                                 .arg(filter.key, op, value.left(40));
                    return false;
                }
                bindings << number;
            }
        } else {
            *error = operatorError(filter.key, op, "eq, neq or contains");
            return false;
        }
        const QString exists = QStringLiteral("EXISTS (SELECT 1 FROM %1 WHERE %2)").arg(kMetadataRows, condition);
        m_conditions << (op == QLatin1String("neq") ? QStringLiteral("NOT ") + exists : exists);
        m_bindings << bindings;
        return true;
    }
    }
    return false;
}

void SandboxLogQuery::addSearch(const QString &text)
{
    m_conditions << QStringLiteral("(id LIKE ? ESCAPE '\\' OR model LIKE ? ESCAPE '\\' OR provider LIKE ? ESCAPE "
                                   "'\\' OR metadata LIKE ? ESCAPE '\\')");
    const QString pattern = likePattern(text);
    m_bindings << pattern << pattern << pattern << pattern;
}

} // namespace rd
