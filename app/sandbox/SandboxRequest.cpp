#include "app/sandbox/SandboxRequest.h"

#include <QHttpServerRequest>
#include <QMetaEnum>
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

SandboxRequest SandboxRequest::fromHttp(const QHttpServerRequest &request)
{
    SandboxRequest out;
    const auto method = request.method();
    const char *name = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(static_cast<int>(method));
    out.method = name && method != QHttpServerRequest::Method::Unknown ? QString::fromLatin1(name).toUpper()
                                                                       : QStringLiteral("UNKNOWN");
    const QUrl url = request.url();
    splitPath(url.path(QUrl::FullyEncoded), out);
    splitQuery(url.query(QUrl::FullyEncoded), out);
    for (const auto &[name_, value] : request.headers()) {
        out.headers.insert(name_.toLower(), value);
    }
    out.body = request.body();
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
