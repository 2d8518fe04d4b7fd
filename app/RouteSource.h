#pragma once

#include "app/RouteEntry.h"
#include "app/api/ApiError.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

namespace rd {

class RemoteRoute;
class RouteDocument;
class WriteCheck;

// Where an open route comes from and where Save puts it back: a route file, a route on a gateway, or one version
// of such a route, looked at read-only. The window, the session and autosave ask the source what may be done
// (save, save in place, deploy) and how to remember it, instead of telling the kinds of tab apart themselves;
// saving is one asynchronous call whatever the kind.
class RouteSource : public QObject
{
    Q_OBJECT

public:
    enum class Kind { File, ServerRoute, Version };

    struct SaveOutcome
    {
        enum class Kind {
            Saved,         // written: the file, or a new version (now the route's shown version)
            NothingToSave, // the newest version already has these elements: it is the one shown now
            Failed,        // nothing was written: `error` (the API's) or `fileError` says why, `step` where
            Uncertain,     // a version request cancelled or lost after it was sent: `check` finds out
        };
        Kind kind = Kind::Failed;
        std::optional<ApiError> error;
        QString fileError;
        QString step;
        QPointer<WriteCheck> check;

        bool saved() const { return kind == Kind::Saved || kind == Kind::NothingToSave; }
    };
    using SaveDone = std::function<void(const SaveOutcome &outcome)>;

    // A route file at `path`: "" when it has none yet, ":/…" for one built into the app (read, never written).
    RouteSource(RouteDocument *document, QString path, QObject *parent = nullptr);
    ~RouteSource() override;

    // The route lives on a gateway: the source takes `remote` and saves versions through it.
    void setServerRoute(RemoteRoute *remote);
    // Only this version of it is shown, read-only: nothing is saved.
    void setVersion(const QString &versionId);

    Kind kind() const;
    const QString &path() const { return m_path; }
    RemoteRoute *remote() const { return m_remote; }
    const QString &versionId() const { return m_versionId; }

    bool isBuiltIn() const;
    bool isReadOnly() const { return kind() == Kind::Version; }
    // A route on a gateway, or a file with a path of its own (not built in, not new): Save needs no question.
    bool canSaveInPlace() const;
    bool canDeploy() const { return kind() == Kind::ServerRoute; }

    // How the session remembers it (open tabs, recent routes): none for a version, a built-in or unnamed file.
    std::optional<RouteEntry> entry() const;
    // Where its layout is kept (LayoutStore), "" when nowhere.
    QString layoutKey() const;

    // Saves where the route came from: a file atomically, a server route as a new version (no duplicate of the
    // newest). A version, a built-in or unnamed file fail at once: ask for a place and use saveAs().
    void save(SaveDone done);
    // Writes the route's file to `path`, which becomes the source's path. Answers before it returns.
    void saveAs(const QString &path, SaveDone done);

signals:
    // The path changed (Save As), or the route became a server route or a version.
    void changed();

private:
    RouteDocument *m_document;
    QString m_path;
    RemoteRoute *m_remote = nullptr;
    QString m_versionId;
};

} // namespace rd
