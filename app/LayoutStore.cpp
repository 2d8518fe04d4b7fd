#include "app/LayoutStore.h"

#include "app/SchemaVersion.h"
#include "model/JsonText.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <cmath>
#include <map>
#include <unordered_set>

namespace rd {

namespace {

// {"version", "key", "positions"}. Layouts written before versions were kept have no "version" and are this
// same format. A later format bumps it and upgrades older layouts in load(), after the version check.
constexpr int kFormatVersion = 1;

void say(QString *problem, const QString &text)
{
    if (problem) {
        *problem = text;
    }
}

} // namespace

QString LayoutStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/layouts");
}

QString LayoutStore::keyForRoute(const QString &gatewayId, const QString &routeId)
{
    return QStringLiteral("gateway:%1/route:%2").arg(gatewayId, routeId);
}

QString LayoutStore::keyForFile(const QString &path)
{
    // The same file reached through another relative path or a symlink keeps its layout.
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return QStringLiteral("file:") + (canonical.isEmpty() ? info.absoluteFilePath() : canonical);
}

LayoutStore::LayoutStore(QString directory) : m_directory(std::move(directory))
{}

QString LayoutStore::layoutPath(const QString &key) const
{
    // Keys hold paths and colons: a hash names the file, and the key is kept inside it.
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex();
    return m_directory + QLatin1Char('/') + QString::fromLatin1(hash) + QStringLiteral(".json");
}

RouteDocument::Positions LayoutStore::load(const QString &key, QString *problem) const
{
    RouteDocument::Positions positions;
    const QString path = layoutPath(key);
    if (!QFile::exists(path)) {
        return positions;
    }
    Decoded<Json> json = JsonText::readFile(QFile::encodeName(path).toStdString());
    if (!json || !json.value->is_object()) {
        return positions;
    }
    const SchemaVersion version = SchemaVersion::ofJson(*json.value, kFormatVersion);
    if (!version.isValid() || version.isNewer()) {
        say(problem, tr("%1: %2").arg(path, version.isNewer() ? version.newerMessage() : version.invalidMessage()));
        return positions;
    }
    const auto stored = json.value->find("positions");
    if (stored == json.value->end() || !stored->is_object()) {
        return positions;
    }
    for (const auto &[id, value] : stored->items()) {
        if (value.is_array() && value.size() == 2 && value[0].is_number() && value[1].is_number()) {
            const double x = value[0].get<double>();
            const double y = value[1].get<double>();
            if (std::isfinite(x) && std::isfinite(y)) {
                positions[id] = QPointF(x, y);
            }
        }
    }
    return positions;
}

bool LayoutStore::save(const QString &key, const RouteDocument::Positions &positions, QString *problem) const
{
    const QString path = layoutPath(key);
    if (const SchemaVersion existing = SchemaVersion::ofFile(path, kFormatVersion); existing.isNewer()) {
        say(problem, tr("%1: %2").arg(path, existing.newerMessage()));
        return false;
    }
    if (!QDir().mkpath(m_directory)) {
        say(problem, tr("Cannot create %1").arg(m_directory));
        return false;
    }
    // Sorted by id: the same layout always gives the same file.
    const std::map<std::string, QPointF> sorted(positions.begin(), positions.end());
    Json stored = Json::object();
    for (const auto &[id, pos] : sorted) {
        stored[id] = Json::array({pos.x(), pos.y()});
    }
    Json json = Json::object();
    json[SchemaVersion::kJsonKey] = kFormatVersion;
    json["key"] = key.toStdString();
    json["positions"] = std::move(stored);

    const std::string text = JsonText::format(json);
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) &&
        file.write(text.data(), static_cast<qint64>(text.size())) == static_cast<qint64>(text.size()) &&
        file.commit()) {
        return true;
    }
    say(problem, tr("%1: %2").arg(path, file.errorString()));
    return false;
}

void LayoutStore::remove(const QString &key) const
{
    QFile::remove(layoutPath(key));
}

std::vector<std::string> LayoutStore::unplaced(const Route &route, const RouteDocument::Positions &positions)
{
    std::vector<std::string> ids;
    std::unordered_set<std::string> seen; // duplicate ids are reported once
    for (const Element &e : route.elements()) {
        if (!positions.count(e.id) && seen.insert(e.id).second) {
            ids.push_back(e.id);
        }
    }
    return ids;
}

} // namespace rd
