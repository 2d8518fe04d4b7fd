#include "app/api/ApiArgs.h"

#include <QUrl>

#include <algorithm>

namespace rd {

ApiArgs::ApiArgs(std::initializer_list<std::pair<const char *, QString>> params)
{
    for (const auto &[name, value] : params) {
        m_params << qMakePair(QString::fromLatin1(name), value);
    }
}

ApiArgs &ApiArgs::setQuery(QList<QPair<QString, QString>> items)
{
    m_query = std::move(items);
    return *this;
}

ApiArgs &ApiArgs::setQuery(const std::vector<std::pair<std::string, std::string>> &items)
{
    m_query.clear();
    for (const auto &[key, value] : items) {
        m_query << qMakePair(QString::fromStdString(key), QString::fromStdString(value));
    }
    return *this;
}

ApiArgs &ApiArgs::setBody(Json body)
{
    m_body = std::move(body);
    return *this;
}

QString ApiArgs::path(const char *pattern) const
{
    return fill(QString::fromLatin1(pattern), true);
}

QString ApiArgs::message(const QString &text) const
{
    return fill(text, false);
}

QString ApiArgs::fill(const QString &text, bool asSegment) const
{
    // One pass over the text: a value that itself reads like `{name}` is never filled in again.
    QString out;
    out.reserve(text.size());
    qsizetype from = 0;
    while (from < text.size()) {
        const qsizetype open = text.indexOf(QLatin1Char('{'), from);
        const qsizetype close = open < 0 ? -1 : text.indexOf(QLatin1Char('}'), open);
        if (close < 0) {
            break;
        }
        const QStringView name = QStringView(text).mid(open + 1, close - open - 1);
        out += QStringView(text).mid(from, open - from);
        const auto it = std::find_if(m_params.begin(), m_params.end(),
                                     [name](const QPair<QString, QString> &p) { return p.first == name; });
        if (it == m_params.end()) {
            out += QStringView(text).mid(open, close - open + 1);
        } else if (asSegment) {
            out += QString::fromLatin1(QUrl::toPercentEncoding(it->second));
        } else {
            out += QStringLiteral("\u201c%1\u201d").arg(it->second);
        }
        from = close + 1;
    }
    out += QStringView(text).mid(from);
    return out;
}

} // namespace rd
