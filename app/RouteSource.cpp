#include "app/RouteSource.h"

#include "app/LayoutStore.h"
#include "app/RemoteRoute.h"
#include "app/RouteDocument.h"
#include "app/RouteFile.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSaveFile>

namespace rd {

RouteSource::RouteSource(RouteDocument *document, QString path, QObject *parent)
    : QObject(parent), m_document(document), m_path(std::move(path))
{}

RouteSource::~RouteSource() = default;

void RouteSource::setServerRoute(RemoteRoute *remote)
{
    m_remote = remote;
    remote->setParent(this);
    emit changed();
}

void RouteSource::setVersion(const QString &versionId)
{
    m_versionId = versionId;
    emit changed();
}

RouteSource::Kind RouteSource::kind() const
{
    if (!m_versionId.isEmpty()) {
        return Kind::Version;
    }
    return m_remote ? Kind::ServerRoute : Kind::File;
}

bool RouteSource::isBuiltIn() const
{
    return kind() == Kind::File && m_path.startsWith(QLatin1Char(':'));
}

bool RouteSource::canSaveInPlace() const
{
    switch (kind()) {
    case Kind::File:
        return !m_path.isEmpty() && !isBuiltIn();
    case Kind::ServerRoute:
        return true;
    case Kind::Version:
        return false;
    }
    return false;
}

std::optional<RouteEntry> RouteSource::entry() const
{
    switch (kind()) {
    case Kind::File:
        if (!canSaveInPlace()) {
            return std::nullopt;
        }
        return RouteEntry::file(m_path);
    case Kind::ServerRoute:
        // The connection that opened the route: after a switch it is not the window's.
        return RouteEntry::serverRoute(
            m_remote->connectionId(), m_remote->gatewayId(), m_remote->routeId(),
            QCoreApplication::translate("RouteSource", "%1 (%2)").arg(m_remote->name(), m_remote->gatewayId()));
    case Kind::Version:
        return std::nullopt;
    }
    return std::nullopt;
}

QString RouteSource::layoutKey() const
{
    switch (kind()) {
    case Kind::File:
        return canSaveInPlace() ? LayoutStore::keyForFile(m_path) : QString();
    case Kind::ServerRoute:
        return LayoutStore::keyForRoute(m_remote->gatewayId(), m_remote->routeId());
    case Kind::Version:
        return QString();
    }
    return QString();
}

void RouteSource::save(SaveDone done)
{
    switch (kind()) {
    case Kind::File:
        if (!canSaveInPlace()) {
            SaveOutcome refused;
            refused.fileError = QCoreApplication::translate("RouteSource", "The route has no file of its own yet.");
            done(refused);
            return;
        }
        saveAs(m_path, std::move(done));
        return;
    case Kind::ServerRoute:
        m_remote->saveVersion(m_document->route(), [done = std::move(done)](const RemoteRoute::SaveOutcome &result) {
            using From = RemoteRoute::SaveOutcome::Kind;
            SaveOutcome outcome;
            switch (result.kind) {
            case From::Saved:
                outcome.kind = SaveOutcome::Kind::Saved;
                break;
            case From::NothingToSave:
                outcome.kind = SaveOutcome::Kind::NothingToSave;
                break;
            case From::Failed:
                outcome.kind = SaveOutcome::Kind::Failed;
                break;
            case From::Uncertain:
                outcome.kind = SaveOutcome::Kind::Uncertain;
                break;
            }
            outcome.error = result.error;
            outcome.step = result.step;
            outcome.check = result.check;
            done(outcome);
        });
        return;
    case Kind::Version: {
        SaveOutcome refused;
        refused.fileError = QCoreApplication::translate("RouteSource", "A version is shown read-only.");
        done(refused);
        return;
    }
    }
}

void RouteSource::saveAs(const QString &path, SaveDone done)
{
    SaveOutcome outcome;
    if (kind() != Kind::File) {
        outcome.fileError = QCoreApplication::translate("RouteSource", "Only a route file is saved to a path.");
        done(outcome);
        return;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        outcome.fileError = file.errorString();
        done(outcome);
        return;
    }
    file.write(RouteFile::serialize(m_document->route(), m_document->positions()));
    if (!file.commit()) {
        outcome.fileError = file.errorString();
        done(outcome);
        return;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const bool moved = absolute != m_path;
    m_path = absolute;
    m_document->setClean();
    if (moved) {
        emit changed();
    }
    outcome.kind = SaveOutcome::Kind::Saved;
    done(outcome);
}

} // namespace rd
