#include "app/RouteFile.h"

#include "model/JsonText.h"

#include <QFile>
#include <QFileInfo>

namespace rd {

namespace {

// Resource paths (":/routes/...") are invisible to the model's std::filesystem-based reader, so they are read
// through QFile; real files go through JsonText::readFile, which names unreadable and oversized files well.
Decoded<Json> readJson(const QString &path)
{
    if (!path.startsWith(QLatin1Char(':'))) {
        return JsonText::readFile(QFile::encodeName(path).toStdString());
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        DecodeIssue issue;
        issue.message = file.errorString().toStdString();
        return Decoded<Json>::failure(std::move(issue));
    }
    const QByteArray bytes = file.readAll();
    return JsonText::parse(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
}

} // namespace

RouteFile RouteFile::open(const QString &path)
{
    RouteFile file;
    file.m_path = path;

    Decoded<Json> json = readJson(path);
    file.m_warnings = std::move(json.warnings);
    if (!json) {
        file.m_error = std::move(json.error);
        return file;
    }

    Decoded<RouteDocument> decoded = RouteCodec::decodeDocument(*json.value);
    file.m_warnings.insert(file.m_warnings.end(), std::make_move_iterator(decoded.warnings.begin()),
                           std::make_move_iterator(decoded.warnings.end()));
    if (!decoded) {
        file.m_error = std::move(decoded.error);
        return file;
    }
    file.m_document = std::move(decoded.value);
    return file;
}

QString RouteFile::displayName() const
{
    return QFileInfo(m_path).fileName();
}

QString RouteFile::errorText() const
{
    if (!m_error) {
        return {};
    }
    return QString::fromStdString(m_error->toString());
}

} // namespace rd
