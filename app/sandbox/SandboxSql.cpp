#include "app/sandbox/SandboxSql.h"

#include "model/JsonText.h"

#include <QLoggingCategory>
#include <QSqlError>

namespace rd {

namespace {

Q_LOGGING_CATEGORY(lcStore, "rd.sandbox.store")

} // namespace

QSqlDatabase SandboxSql::database(const QString &connectionName)
{
    return QSqlDatabase::database(connectionName, false);
}

bool SandboxSql::run(QSqlQuery &query)
{
    if (!query.exec()) {
        qCWarning(lcStore) << "query failed:" << query.lastError().text() << "in" << query.lastQuery().left(200);
        return false;
    }
    return true;
}

QString SandboxSql::orderBy(const QString &column, bool descending, const QStringList &allowed)
{
    const QString safe = allowed.contains(column) ? column : allowed.value(0);
    const QString direction = descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    return QStringLiteral("%1 %2, seq %2").arg(safe, direction);
}

QString SandboxSql::likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QVariant SandboxSql::optionalInt(const std::optional<int> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<int>());
}

std::optional<Json> SandboxSql::parseStored(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    auto parsed = JsonText::parse(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    if (!parsed) {
        qCWarning(lcStore) << "stored JSON is unreadable";
        return std::nullopt;
    }
    return std::move(*parsed.value);
}

QString SandboxSql::toText(const Json &json)
{
    return QString::fromStdString(JsonText::compact(json));
}

} // namespace rd
