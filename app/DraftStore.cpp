#include "app/DraftStore.h"

#include "app/SchemaVersion.h"
#include "model/JsonText.h"
#include "model/RouteCodec.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace rd {

namespace {

constexpr const char *kFormat = "route-designer-draft";
// Drafts have carried version 1 since the first one was written. A later format bumps it and upgrades older
// drafts in pendingDrafts(), after the version check.
constexpr int kFormatVersion = 1;

// Deletes a draft file unless a newer Route Designer wrote it: that draft is the newer app's to restore.
void removeUnlessNewer(const QString &path)
{
    if (!SchemaVersion::ofFile(path, kFormatVersion).isNewer()) {
        QFile::remove(path);
    }
}

Json toJson(const QJsonObject &object)
{
    const QByteArray bytes = QJsonDocument(object).toJson(QJsonDocument::Compact);
    Decoded<Json> json = JsonText::parse(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    return json ? std::move(*json.value) : Json::object();
}

QJsonObject toQJson(const Json &json)
{
    const std::string text = JsonText::compact(json);
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}

} // namespace

QString DraftStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/drafts");
}

DraftStore::DraftStore(QString directory, QObject *parent) : QObject(parent), m_directory(std::move(directory))
{}

DraftStore::~DraftStore()
{
    for (auto &[key, watch] : m_watches) {
        stop(watch);
    }
}

void DraftStore::setDelay(int milliseconds)
{
    m_delay = std::max(0, milliseconds);
    for (auto &[key, watch] : m_watches) {
        watch.timer->setInterval(m_delay);
    }
}

QString DraftStore::draftPath(const QString &key) const
{
    // Readable where possible, and a hash so that keys differing only in replaced characters stay apart.
    QString name;
    for (const QChar c : key) {
        const bool safe = (c.isLetterOrNumber() && c.unicode() < 128) || c == QLatin1Char('-') ||
                          c == QLatin1Char('.') || c == QLatin1Char('_');
        name += safe ? c : QLatin1Char('_');
    }
    name = name.right(80);
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex().left(10);
    // The prefix keeps a key starting with "." from making a hidden file that the listing would miss.
    return m_directory + QStringLiteral("/draft-") + name + QLatin1Char('-') + QString::fromLatin1(hash) +
           QStringLiteral(".json");
}

void DraftStore::watch(RouteDocument *document, const QString &key, const QJsonObject &origin)
{
    watchWithOrigin(document, key, [origin] { return origin; });
}

QString DraftStore::keyOf(const RouteDocument *document) const
{
    for (const auto &[key, watch] : m_watches) {
        if (document && watch.document == document) {
            return key;
        }
    }
    return {};
}

void DraftStore::watchWithOrigin(RouteDocument *document, const QString &key, OriginSource origin)
{
    if (!document) {
        return;
    }
    for (auto it = m_watches.begin(); it != m_watches.end();) {
        if (it->second.document == document && it->first != key) {
            stop(it->second);
            removeUnlessNewer(draftPath(it->first));
            it = m_watches.erase(it);
        } else {
            ++it;
        }
    }
    if (auto existing = m_watches.find(key); existing != m_watches.end()) {
        stop(existing->second);
        m_watches.erase(existing);
    }

    Watch &w = m_watches[key];
    w.document = document;
    w.origin = std::move(origin);
    w.timer = new QTimer(this);
    w.timer->setSingleShot(true);
    w.timer->setInterval(m_delay);
    connect(w.timer, &QTimer::timeout, this, [this, key] { write(key); });
    QTimer *timer = w.timer;
    w.changed = connect(document, &RouteDocument::changed, timer, qOverload<>(&QTimer::start));
    // setClean() (a save) emits no changed(): the draft must still go.
    w.cleanChanged = connect(document->undoStack(), &QUndoStack::cleanChanged, timer, qOverload<>(&QTimer::start));
    w.destroyed = connect(document, &QObject::destroyed, this, [this, key] { unwatch(key); });
    if (!document->isClean()) {
        timer->start();
    }
}

void DraftStore::stop(Watch &watch)
{
    QObject::disconnect(watch.changed);
    QObject::disconnect(watch.cleanChanged);
    QObject::disconnect(watch.destroyed);
    if (watch.timer) {
        watch.timer->stop();
        watch.timer->deleteLater();
        watch.timer = nullptr;
    }
}

void DraftStore::unwatch(const QString &key)
{
    if (auto it = m_watches.find(key); it != m_watches.end()) {
        stop(it->second);
        m_watches.erase(it);
    }
}

void DraftStore::discard(const QString &key)
{
    if (key.isEmpty()) {
        return;
    }
    if (auto it = m_watches.find(key); it != m_watches.end() && it->second.timer) {
        it->second.timer->stop();
    }
    removeUnlessNewer(draftPath(key));
}

void DraftStore::flush()
{
    std::vector<QString> pending;
    for (const auto &[key, watch] : m_watches) {
        if (watch.timer && watch.timer->isActive()) {
            pending.push_back(key);
        }
    }
    for (const QString &key : pending) {
        write(key);
    }
}

void DraftStore::write(const QString &key)
{
    const auto it = m_watches.find(key);
    if (it == m_watches.end()) {
        return;
    }
    Watch &watch = it->second;
    if (watch.timer) {
        watch.timer->stop();
    }
    const RouteDocument *document = watch.document.data();
    if (!document) {
        return;
    }
    const QString path = draftPath(key);
    // Checked once per watch, before the first write or removal: a draft of this key that a newer Route
    // Designer left is neither replaced nor deleted. After that the file is this store's own.
    if (watch.blocked) {
        return;
    }
    if (!watch.fileChecked) {
        const SchemaVersion existing = SchemaVersion::ofFile(path, kFormatVersion);
        if (existing.isNewer()) {
            watch.blocked = true;
            emit writeFailed(key, tr("%1: %2").arg(path, existing.newerMessage()));
            return;
        }
        watch.fileChecked = true;
    }
    if (document->isClean()) {
        QFile::remove(path);
        return;
    }

    Json json = Json::object();
    json["format"] = kFormat;
    json[SchemaVersion::kJsonKey] = kFormatVersion;
    json["key"] = key.toStdString();
    json["origin"] = toJson(watch.origin ? watch.origin() : QJsonObject());
    json["savedAt"] = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
    json["route"] = RouteCodec::encodeRoute(document->route());
    // In route order, so that the file does not churn with hash-map order.
    Json positions = Json::object();
    for (const Element &e : document->route().elements()) {
        if (const std::optional<QPointF> pos = document->position(e.id)) {
            positions[e.id] = Json::array({pos->x(), pos->y()});
        }
    }
    json["positions"] = std::move(positions);

    if (!QDir().mkpath(m_directory)) {
        emit writeFailed(key, tr("Cannot create %1").arg(m_directory));
        return;
    }
    QSaveFile file(path);
    const std::string text = JsonText::format(json);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) ||
        !file.commit()) {
        emit writeFailed(key, file.errorString());
    }
}

std::vector<Draft> DraftStore::pendingDrafts(QStringList *problems) const
{
    std::vector<Draft> drafts;
    const QDir dir(m_directory);
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        const QString path = dir.filePath(name);
        auto problem = [&](const QString &why) {
            if (problems) {
                problems->append(tr("%1: %2").arg(path, why));
            }
        };
        Decoded<Json> json = JsonText::readFile(QFile::encodeName(path).toStdString());
        if (!json) {
            problem(QString::fromStdString(json.error ? json.error->toString() : std::string("unreadable")));
            continue;
        }
        const Json &root = *json.value;
        if (!root.is_object() || root.value("format", Json()) != kFormat) {
            problem(tr("not a draft"));
            continue;
        }
        const SchemaVersion version = SchemaVersion::ofJson(root, kFormatVersion);
        if (!version.isValid()) {
            problem(version.invalidMessage());
            continue;
        }
        if (version.isNewer()) {
            problem(version.newerMessage());
            continue;
        }
        const auto key = root.find("key");
        const auto routeJson = root.find("route");
        if (key == root.end() || !key->is_string() || routeJson == root.end()) {
            problem(tr("no key or no route"));
            continue;
        }
        Decoded<Route> route = RouteCodec::decodeRoute(*routeJson);
        if (!route) {
            problem(tr("the route cannot be read"));
            continue;
        }
        Draft draft;
        draft.key = QString::fromStdString(key->get<std::string>());
        draft.route = std::move(*route.value);
        draft.filePath = path;
        if (const auto origin = root.find("origin"); origin != root.end() && origin->is_object()) {
            draft.origin = toQJson(*origin);
        }
        if (const auto savedAt = root.find("savedAt"); savedAt != root.end() && savedAt->is_string()) {
            draft.savedAt =
                QDateTime::fromString(QString::fromStdString(savedAt->get<std::string>()), Qt::ISODateWithMs);
        }
        bool positionsOk = true;
        if (const auto positions = root.find("positions"); positions != root.end() && positions->is_object()) {
            for (const auto &[id, value] : positions->items()) {
                if (!value.is_array() || value.size() != 2 || !value[0].is_number() || !value[1].is_number() ||
                    !std::isfinite(value[0].get<double>()) || !std::isfinite(value[1].get<double>())) {
                    positionsOk = false;
                    break;
                }
                draft.positions[id] = QPointF(value[0].get<double>(), value[1].get<double>());
            }
        }
        if (!positionsOk) {
            problem(tr("invalid positions"));
            continue;
        }
        drafts.push_back(std::move(draft));
    }
    std::stable_sort(drafts.begin(), drafts.end(),
                     [](const Draft &a, const Draft &b) { return a.savedAt < b.savedAt; });
    return drafts;
}

} // namespace rd
