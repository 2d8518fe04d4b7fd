#include "app/RouteFile.h"

#include "model/JsonText.h"

#include <QFile>
#include <map>
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

    Decoded<RouteFileContent> decoded = RouteCodec::decodeDocument(*json.value);
    file.m_warnings.insert(file.m_warnings.end(), std::make_move_iterator(decoded.warnings.begin()),
                           std::make_move_iterator(decoded.warnings.end()));
    if (!decoded) {
        file.m_error = std::move(decoded.error);
        return file;
    }
    file.m_document = std::move(decoded.value);
    return file;
}

RouteDocument::Positions RouteFile::takePositions(Route &route)
{
    RouteDocument::Positions positions;
    Json &extra = route.metadata().extra;
    auto it = extra.find(kLayoutKey);
    if (it == extra.end()) {
        return positions;
    }
    if (it->is_object()) {
        if (auto stored = it->find("positions"); stored != it->end() && stored->is_object()) {
            for (const auto &[id, point] : stored->items()) {
                if (point.is_array() && point.size() == 2 && point[0].is_number() && point[1].is_number()) {
                    positions.emplace(id, QPointF(point[0].get<double>(), point[1].get<double>()));
                }
            }
        }
    }
    extra.erase(it);
    return positions;
}

QByteArray RouteFile::serialize(const Route &route, const RouteDocument::Positions &positions)
{
    Json json = RouteCodec::encodeRoute(route);
    // Sorted by id so that saving twice gives the same bytes and git diffs stay small.
    std::map<std::string, QPointF> sorted(positions.begin(), positions.end());
    Json stored = Json::object();
    for (const auto &[id, point] : sorted) {
        if (route.contains(id)) {
            stored[id] = Json::array({point.x(), point.y()});
        }
    }
    json[kLayoutKey] = Json::object({{"positions", std::move(stored)}});
    return QByteArray::fromStdString(JsonText::format(json));
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
