#include "app/DatasetFilters.h"

#include <QCoreApplication>
#include <QDateTime>

namespace rd {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rd::DatasetFilters", text);
}

QString quoted(const QString &text)
{
    return QStringLiteral("\u201c%1\u201d").arg(text);
}

} // namespace

const QStringList &DatasetFilters::keys()
{
    static const QStringList keys{QStringLiteral("created_at"),
                                  QStringLiteral("request_content_type"),
                                  QStringLiteral("response_content_type"),
                                  QStringLiteral("success"),
                                  QStringLiteral("cached"),
                                  QStringLiteral("provider"),
                                  QStringLiteral("model"),
                                  QStringLiteral("cost"),
                                  QStringLiteral("tokens"),
                                  QStringLiteral("tokens_in"),
                                  QStringLiteral("tokens_out"),
                                  QStringLiteral("duration"),
                                  QStringLiteral("feedback")};
    return keys;
}

const QStringList &DatasetFilters::operators()
{
    static const QStringList ops{QStringLiteral("eq"), QStringLiteral("contains"), QStringLiteral("lt"),
                                 QStringLiteral("gt")};
    return ops;
}

std::optional<DatasetFilters::ValueKind> DatasetFilters::kindOf(const QString &key)
{
    if (key == QLatin1String("created_at")) {
        return ValueKind::Time;
    }
    if (key == QLatin1String("success") || key == QLatin1String("cached")) {
        return ValueKind::Boolean;
    }
    if (key == QLatin1String("cost") || key.startsWith(QLatin1String("tokens")) || key == QLatin1String("duration") ||
        key == QLatin1String("feedback")) {
        return keys().contains(key) ? std::optional(ValueKind::Number) : std::nullopt;
    }
    return keys().contains(key) ? std::optional(ValueKind::Text) : std::nullopt;
}

QStringList DatasetFilters::operatorsFor(const QString &key)
{
    // As the API's log query reads a dataset: `contains` is a text match, `lt`/`gt` compare numbers and times.
    switch (kindOf(key).value_or(ValueKind::Text)) {
    case ValueKind::Text:
        return {QStringLiteral("eq"), QStringLiteral("contains")};
    case ValueKind::Time:
        return operators();
    case ValueKind::Number:
        return {QStringLiteral("eq"), QStringLiteral("lt"), QStringLiteral("gt")};
    case ValueKind::Boolean:
        return {QStringLiteral("eq")};
    }
    return operators();
}

QString DatasetFilters::valueText(const Json &value)
{
    if (value.is_string()) {
        return QString::fromStdString(value.get<std::string>());
    }
    return QString::fromStdString(value.dump());
}

QString DatasetFilters::describe(const LogFilter &filter)
{
    QStringList values;
    for (const Json &value : filter.values) {
        values << valueText(value);
    }
    return QStringLiteral("%1 %2 %3")
        .arg(QString::fromStdString(filter.key), QString::fromStdString(filter.op), values.join(QStringLiteral(", ")));
}

QString DatasetFilters::describe(const std::vector<LogFilter> &filters)
{
    if (filters.empty()) {
        return tr("every log");
    }
    QStringList parts;
    for (const LogFilter &filter : filters) {
        parts << describe(filter);
    }
    return parts.join(tr(" and "));
}

QString DatasetFilters::whyNot(const LogFilter &filter)
{
    const QString key = QString::fromStdString(filter.key);
    const QString op = QString::fromStdString(filter.op);
    if (!keys().contains(key)) {
        return tr("datasets cannot filter on %1").arg(quoted(key));
    }
    if (!operators().contains(op)) {
        return tr("datasets have no %1 operator").arg(quoted(op));
    }
    if (!operatorsFor(key).contains(op)) {
        return tr("%1 takes %2, not %3").arg(quoted(key), operatorsFor(key).join(QStringLiteral(", ")), quoted(op));
    }
    if (filter.values.size() != 1) {
        return filter.values.empty() ? tr("it has no value") : tr("datasets take one value per filter");
    }
    QString error;
    if (!fromText(key, op, valueText(filter.values.front()), error)) {
        return error;
    }
    return {};
}

DatasetFilters::Conversion DatasetFilters::fromLogFilters(const std::vector<LogFilter> &filters, const QString &search)
{
    Conversion out;
    for (const LogFilter &filter : filters) {
        if (const QString why = whyNot(filter); !why.isEmpty()) {
            out.refused.push_back({describe(filter), why});
            continue;
        }
        QString error;
        // Typed as the editor types it, so a saved dataset reads back as the same filter.
        out.accepted.push_back(*fromText(QString::fromStdString(filter.key), QString::fromStdString(filter.op),
                                         valueText(filter.values.front()), error));
    }
    if (!search.trimmed().isEmpty()) {
        out.refused.push_back({tr("search %1").arg(quoted(search.trimmed())), tr("datasets have no free-text search")});
    }
    return out;
}

std::optional<LogFilter> DatasetFilters::fromText(const QString &key, const QString &op, const QString &value,
                                                  QString &error)
{
    const auto kind = kindOf(key);
    if (!kind) {
        error = tr("%1 is not a dataset key (use one of %2)").arg(quoted(key), keys().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    if (!operatorsFor(key).contains(op)) {
        error = tr("%1 takes %2, not %3").arg(quoted(key), operatorsFor(key).join(QStringLiteral(", ")), quoted(op));
        return std::nullopt;
    }
    const QString text = value.trimmed();
    if (text.isEmpty()) {
        error = tr("%1 needs a value").arg(quoted(key));
        return std::nullopt;
    }
    LogFilter filter{key.toStdString(), op.toStdString(), {}};
    switch (*kind) {
    case ValueKind::Text:
        filter.values.emplace_back(text.toStdString());
        break;
    case ValueKind::Time: {
        if (op == QLatin1String("contains")) {
            filter.values.emplace_back(text.toStdString());
            break;
        }
        const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!time.isValid()) {
            error = tr("%1 is not a time like 2025-01-31T12:00:00Z").arg(quoted(text));
            return std::nullopt;
        }
        // A time typed without a zone is local, as everything else on screen; the API takes UTC.
        filter.values.emplace_back(time.toUTC().toString(Qt::ISODate).toStdString());
        break;
    }
    case ValueKind::Number: {
        bool ok = false;
        const double number = text.toDouble(&ok);
        if (!ok) {
            error = tr("%1 needs a number, not %2").arg(quoted(key), quoted(text));
            return std::nullopt;
        }
        const auto whole = static_cast<std::int64_t>(number);
        filter.values.emplace_back(
            static_cast<double>(whole) == number && !text.contains(QLatin1Char('.')) ? Json(whole) : Json(number));
        break;
    }
    case ValueKind::Boolean:
        if (text != QLatin1String("true") && text != QLatin1String("false")) {
            error = tr("%1 is true or false, not %2").arg(quoted(key), quoted(text));
            return std::nullopt;
        }
        filter.values.emplace_back(text == QLatin1String("true"));
        break;
    }
    return filter;
}

} // namespace rd
