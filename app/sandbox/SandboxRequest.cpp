#include "app/sandbox/SandboxRequest.h"

#include <QUrl>

namespace rd {

namespace {

void splitPath(const QString &encodedPath, SandboxRequest &out)
{
    out.path = QUrl::fromPercentEncoding(encodedPath.toUtf8());
    const QStringList raw = encodedPath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    out.segments.clear();
    for (const QString &segment : raw) {
        out.segments << QUrl::fromPercentEncoding(segment.toUtf8());
    }
}

// QUrlQuery would do, but it folds nothing and keeps '+' as '+' too; parsing by hand makes the rule visible:
// percent-decoding only, like the Qt client and the official SDK (which writes spaces as %20) expect.
void splitQuery(const QString &encodedQuery, SandboxRequest &out)
{
    out.query.clear();
    const QStringList items = encodedQuery.split(QLatin1Char('&'), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const QString key = eq < 0 ? item : item.left(eq);
        const QString value = eq < 0 ? QString() : item.mid(eq + 1);
        out.query.append({QUrl::fromPercentEncoding(key.toUtf8()), QUrl::fromPercentEncoding(value.toUtf8())});
    }
}

} // namespace

SandboxRequest SandboxRequest::fromHead(const QByteArray &method, const QByteArray &target,
                                        const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    SandboxRequest out;
    out.method = QString::fromLatin1(method);
    // A fragment is never sent by a client that means it; if one is, it is not part of the path.
    const qsizetype hash = target.indexOf('#');
    const QString pathAndQuery = QString::fromLatin1(hash < 0 ? target : target.left(hash));
    const qsizetype q = pathAndQuery.indexOf(QLatin1Char('?'));
    splitPath(q < 0 ? pathAndQuery : pathAndQuery.left(q), out);
    splitQuery(q < 0 ? QString() : pathAndQuery.mid(q + 1), out);
    for (const auto &[name, value] : headers) {
        out.headers.insert(name.toLower(), value);
    }
    return out;
}

SandboxRequest SandboxRequest::make(QString method, const QString &pathAndQuery, QByteArray body)
{
    SandboxRequest out;
    out.method = method.toUpper();
    const qsizetype q = pathAndQuery.indexOf(QLatin1Char('?'));
    splitPath(q < 0 ? pathAndQuery : pathAndQuery.left(q), out);
    splitQuery(q < 0 ? QString() : pathAndQuery.mid(q + 1), out);
    out.body = std::move(body);
    return out;
}

std::optional<QString> SandboxRequest::queryValue(const QString &key) const
{
    for (const auto &[k, v] : query) {
        if (k == key) {
            return v;
        }
    }
    return std::nullopt;
}

} // namespace rd
