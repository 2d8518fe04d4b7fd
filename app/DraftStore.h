#pragma once

#include "app/RouteDocument.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <vector>

class QTimer;

namespace rd {

// An unsaved document found on disk: what the app offers to restore after a crash.
struct Draft
{
    QString key;
    QJsonObject origin; // where the document came from: see DraftOrigin
    QDateTime savedAt;
    Route route;
    RouteDocument::Positions positions;
    QString filePath; // the draft file itself
};

// Crash-safe autosave. A watched document is written a moment after it stops changing (debounced), atomically
// (QSaveFile), one file per key; a document back at its saved state has no draft. Nothing here deletes a draft
// on shutdown: a draft that survives is exactly what a crash or kill leaves behind. A draft file that a newer
// Route Designer wrote (a newer format version) is never replaced or deleted here, and pendingDrafts() skips it.
class DraftStore : public QObject
{
    Q_OBJECT

public:
    static QString defaultDirectory(); // <AppDataLocation>/drafts

    explicit DraftStore(QString directory = defaultDirectory(), QObject *parent = nullptr);
    ~DraftStore() override;

    QString directory() const { return m_directory; }
    // Debounce delay in milliseconds (default 800).
    void setDelay(int milliseconds);
    int delay() const { return m_delay; }

    // Autosaves `document` under `key` (a file path, or gateway and route id) until it is destroyed or
    // unwatched. Watching a document again under another key moves its draft.
    void watch(RouteDocument *document, const QString &key, const QJsonObject &origin);
    // The same, with the origin read each time the draft is written: it can follow the document (a server
    // route's base version changes with every version saved).
    using OriginSource = std::function<QJsonObject()>;
    void watchWithOrigin(RouteDocument *document, const QString &key, OriginSource origin);
    // The key `document` is watched under; empty when it is not watched.
    QString keyOf(const RouteDocument *document) const;
    void unwatch(const QString &key);
    // Deletes the draft (after a successful save, or when the user declines to restore it).
    void discard(const QString &key);
    // Writes every pending draft now (on quit).
    void flush();

    // Drafts on disk, oldest first. Unreadable or corrupt files are skipped and described in `problems`.
    std::vector<Draft> pendingDrafts(QStringList *problems = nullptr) const;
    QString draftPath(const QString &key) const;

signals:
    // A draft could not be written: disk full, directory not writable, or a newer Route Designer's draft of the
    // same key is in the way (said once per watch).
    void writeFailed(const QString &key, const QString &error);

private:
    struct Watch
    {
        QPointer<RouteDocument> document;
        OriginSource origin;
        QTimer *timer = nullptr;
        QMetaObject::Connection changed;
        QMetaObject::Connection cleanChanged;
        QMetaObject::Connection destroyed;
        bool fileChecked = false; // the file on disk is known not to be a newer app's
        bool blocked = false;     // it is: writeFailed was emitted and nothing is written
    };

    void write(const QString &key);
    void stop(Watch &watch);

    QString m_directory;
    int m_delay = 800;
    std::map<QString, Watch> m_watches;
};

} // namespace rd
