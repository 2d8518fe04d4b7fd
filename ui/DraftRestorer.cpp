#include "ui/DraftRestorer.h"

#include "app/ConnectionStore.h"
#include "app/RemoteRoute.h"
#include "ui/GatewayBrowser.h"
#include "ui/MainWindow.h"
#include "ui/RouteEditorPage.h"

#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>

namespace rd {

DraftRestorer::DraftRestorer(MainWindow *window, DraftStore *drafts)
    : QObject(window), m_window(window), m_drafts(drafts)
{
    // Connected after the window's own handler, which reopens the session's tabs first: a route it reopens
    // takes its draft instead of getting a second tab.
    connect(window->gatewayBrowser(), &GatewayBrowser::gatewaysLoaded, this, &DraftRestorer::connectionReady);
}

QString DraftRestorer::connectionName(const QString &connection) const
{
    if (connection.isEmpty()) {
        return tr("the local sandbox");
    }
    const ConnectionStore *store = m_window->connectionStore();
    if (!store) {
        return tr("a saved connection");
    }
    const std::optional<Connection> saved = store ? store->connection(connection) : std::nullopt;
    return saved ? tr("“%1”").arg(saved->name) : tr("a connection that was removed");
}

QString DraftRestorer::describe(const Draft &draft, const DraftOrigin &origin) const
{
    const QString name = QString::fromStdString(draft.route.name());
    // Today's drafts (the usual case after a crash) by time alone, so that each fits on one line.
    const QDateTime saved = draft.savedAt.toLocalTime();
    const QString when = saved.date() == QDate::currentDate() ? QLocale().toString(saved.time(), QLocale::ShortFormat)
                                                              : QLocale().toString(saved, QLocale::ShortFormat);
    if (origin.kind == DraftOrigin::Kind::Route) {
        return tr("“%1” in gateway %2 on %3 (%4)")
            .arg(name, origin.gatewayId,
                 origin.connectionKnown ? connectionName(origin.connection) : tr("the connection in use"), when);
    }
    if (origin.filePath.startsWith(QLatin1Char(':'))) {
        return tr("“%1”, the built-in example (%2)").arg(name, when);
    }
    if (origin.filePath.isEmpty()) {
        return tr("“%1”, not saved to a file yet (%2)").arg(name, when);
    }
    return tr("“%1” in %2 (%3)").arg(name, QDir::toNativeSeparators(origin.filePath), when);
}

void DraftRestorer::offer()
{
    std::vector<Draft> drafts = m_drafts->pendingDrafts();
    if (drafts.empty()) {
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Restore Unsaved Work"),
                                tr("Route Designer closed with unsaved changes. Restore them?"),
                                QMessageBox::Yes | QMessageBox::No, m_window);
    box->setObjectName(QStringLiteral("restoreDraftsBox"));
    const auto list = [this, box, drafts] {
        QStringList lines;
        for (const Draft &draft : drafts) {
            lines << QStringLiteral("\u2022 ") + describe(draft, DraftOrigin::fromJson(draft.origin));
        }
        box->setInformativeText(lines.join(QLatin1Char('\n')) + QStringLiteral("\n\n") +
                                tr("Restore puts each back into its route's tab, as one step you can undo. Later "
                                   "keeps them and asks again next time Route Designer starts."));
    };
    list();
    // The window learns its saved connections just after offering (ui/shell/main.cpp): then they can be named.
    QTimer::singleShot(0, box, list);
    box->button(QMessageBox::Yes)->setText(tr("Restore"));
    box->button(QMessageBox::No)->setText(tr("Discard"));
    QPushButton *later = box->addButton(tr("Later"), QMessageBox::RejectRole);
    later->setObjectName(QStringLiteral("laterButton"));
    // Closing the box or pressing Escape must not throw work away.
    box->setEscapeButton(later);
    box->setDefaultButton(QMessageBox::Yes);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, drafts = std::move(drafts)] {
        const QAbstractButton *clicked = box->clickedButton();
        if (clicked == box->button(QMessageBox::Yes)) {
            restore(drafts);
        } else if (clicked == box->button(QMessageBox::No)) {
            for (const Draft &draft : drafts) {
                QFile::remove(draft.filePath);
            }
        } else {
            m_window->statusBar()->showMessage(
                tr("Unsaved work kept: Route Designer offers it again when it next starts."), 10000);
        }
    });
    box->open();
}

void DraftRestorer::restore(std::vector<Draft> drafts)
{
    QStringList problems;
    QStringList keptFiles;
    for (Draft &draft : drafts) {
        Waiting waiting{std::move(draft), {}};
        waiting.origin = DraftOrigin::fromJson(waiting.draft.origin);
        if (waiting.origin.routeName.isEmpty()) {
            waiting.origin.routeName = QString::fromStdString(waiting.draft.route.name());
        }
        if (waiting.origin.kind == DraftOrigin::Kind::Route) {
            const QString file = waiting.draft.filePath;
            QString problem;
            if (!restoreRoute(std::move(waiting), &problem)) {
                problems << QStringLiteral("\u2022 ") + problem;
                keptFiles << QDir::toNativeSeparators(file);
            }
        } else {
            restoreFile(std::move(waiting));
        }
    }
    if (!problems.isEmpty()) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Some Unsaved Work Is Not Back Yet"),
                                    tr("Some drafts belong to a connection that is not in use. They are kept."),
                                    QMessageBox::Ok, m_window);
        box->setObjectName(QStringLiteral("draftsNotRestoredBox"));
        box->setInformativeText(problems.join(QLatin1Char('\n')));
        box->setDetailedText(tr("Kept in:\n%1").arg(keptFiles.join(QLatin1Char('\n'))));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
}

bool DraftRestorer::belongsTo(const Waiting &waiting, RouteEditorPage *editor) const
{
    if (!editor || editor->isReadOnly()) {
        return false;
    }
    const DraftOrigin &origin = waiting.origin;
    if (origin.kind == DraftOrigin::Kind::Route) {
        return editor->isRemote() && m_window->connectionOf(editor->remote()->client()) == origin.connection &&
               editor->remote()->gatewayId() == origin.gatewayId && editor->remote()->routeId() == origin.routeId;
    }
    return !editor->isRemote() && !origin.filePath.isEmpty() && editor->sourcePath() == origin.filePath &&
           QString::fromStdString(editor->route().name()) == origin.routeName;
}

RouteEditorPage *DraftRestorer::findEditor(const Waiting &waiting) const
{
    QTabWidget *tabs = m_window->routeTabs();
    for (int i = 0; i < tabs->count(); ++i) {
        auto *editor = qobject_cast<RouteEditorPage *>(tabs->widget(i));
        if (belongsTo(waiting, editor)) {
            return editor;
        }
    }
    return nullptr;
}

void DraftRestorer::restoreFile(Waiting waiting)
{
    if (RouteEditorPage *open = findEditor(waiting)) {
        apply(open, waiting);
        return;
    }
    const QString key = waiting.draft.key;
    const QString path = waiting.origin.filePath;
    if (!path.isEmpty() && QFileInfo::exists(path)) {
        m_waiting.push_back(waiting);
        m_window->openRouteFile(path); // its tab takes the draft (editorAdded)
        const auto still =
            std::find_if(m_waiting.begin(), m_waiting.end(), [&key](const Waiting &w) { return w.draft.key == key; });
        if (still == m_waiting.end()) {
            return;
        }
        m_waiting.erase(still);
    }
    // The file is gone, unreadable, or no longer holds this route: the draft opens on its own, unsaved, and
    // saving writes it back to its path where there is one.
    auto *editor = new RouteEditorPage(waiting.draft.route, waiting.draft.positions, path, {});
    m_window->addRouteTab(editor, path.isEmpty()
                                      ? tr("Restored from autosave")
                                      : tr("Restored from autosave: %1").arg(QDir::toNativeSeparators(path)));
    editor->document()->undoStack()->resetClean();
    m_drafts->flush();
    if (m_drafts->keyOf(editor->document()) != waiting.draft.key) {
        QFile::remove(waiting.draft.filePath);
    }
}

bool DraftRestorer::restoreRoute(Waiting waiting, QString *problem)
{
    const ConnectionStore *store = m_window->connectionStore();
    const QString current = store ? store->currentId() : QString();
    if (!waiting.origin.connectionKnown) {
        // Written before drafts recorded their connection: the one in use is the best guess.
        waiting.origin.connection = current;
    }
    const QString name = waiting.origin.routeName;
    if (!m_window->hasConnection(waiting.origin.connection)) {
        *problem = waiting.origin.connection.isEmpty()
                       ? tr("“%1” (gateway %2) was edited on the local sandbox, which is not running now. It is "
                            "offered again next time.")
                             .arg(name, waiting.origin.gatewayId)
                       : tr("“%1” (gateway %2) was edited on a connection that has since been removed, so it "
                            "cannot go back there. It stays on disk (Show Details) and is offered again next time.")
                             .arg(name, waiting.origin.gatewayId);
        return false;
    }
    const bool here = waiting.origin.connection == current;
    if (!here) {
        *problem = tr("“%1” (gateway %2) was edited on %3. Switch to it in File › Connection and it is restored "
                      "then.")
                       .arg(name, waiting.origin.gatewayId, connectionName(waiting.origin.connection));
    }
    m_waiting.push_back(std::move(waiting));
    tryOpen(m_waiting.back());
    return here;
}

void DraftRestorer::tryOpen(const Waiting &waiting)
{
    if (m_window->connectionOf(m_window->client()) != waiting.origin.connection) {
        return; // not connected yet, or to another account: connectionReady() comes back to it
    }
    if (RouteEditorPage *open = findEditor(waiting)) {
        const QString key = waiting.draft.key;
        const auto it =
            std::find_if(m_waiting.begin(), m_waiting.end(), [&key](const Waiting &w) { return w.draft.key == key; });
        if (it == m_waiting.end()) {
            return;
        }
        const Waiting taken = *it;
        m_waiting.erase(it);
        apply(open, taken);
        return;
    }
    // Does nothing while the same route is already loading (session restore): its tab takes the draft.
    m_window->openRemoteRoute(waiting.origin.gatewayId, waiting.origin.routeId, waiting.origin.routeName);
}

void DraftRestorer::connectionReady()
{
    std::vector<Waiting> routes;
    for (const Waiting &waiting : m_waiting) {
        if (waiting.origin.kind == DraftOrigin::Kind::Route) {
            routes.push_back(waiting);
        }
    }
    for (const Waiting &waiting : routes) {
        tryOpen(waiting);
    }
}

void DraftRestorer::editorAdded(RouteEditorPage *editor)
{
    for (auto it = m_waiting.begin(); it != m_waiting.end(); ++it) {
        if (belongsTo(*it, editor)) {
            const Waiting taken = *it;
            m_waiting.erase(it);
            apply(editor, taken);
            return;
        }
    }
}

void DraftRestorer::apply(RouteEditorPage *editor, const Waiting &waiting)
{
    RouteDocument *document = editor->document();
    // On top of what the file or server holds now, so that undo shows what the draft changed.
    document->replaceElements(waiting.draft.route, waiting.draft.positions, tr("Restore unsaved changes"));
    QString changes;
    if (RemoteRoute *remote = editor->remote()) {
        changes = waiting.origin.serverChanges(remote->deployedVersionId(), remote->latestVersionId());
        if (!waiting.origin.baseVersionId.isEmpty()) {
            remote->noteShownVersion(waiting.origin.baseVersionId);
        }
    }
    // The draft now lives under the tab's key; written at once so no moment is without one.
    m_drafts->flush();
    if (m_drafts->keyOf(document) != waiting.draft.key) {
        QFile::remove(waiting.draft.filePath);
    }
    m_window->routeTabs()->setCurrentWidget(editor);
    // Queued: a route that is opening says "Opened …" right after this.
    QMetaObject::invokeMethod(
        m_window,
        [window = m_window, title = editor->title()] {
            window->statusBar()->showMessage(
                tr("Unsaved changes to %1 restored: Undo (Ctrl+Z) shows it without them").arg(title), 10000);
        },
        Qt::QueuedConnection);
    if (changes.isEmpty()) {
        return;
    }
    const QString text =
        tr("%1\n\nYour changes are restored as they were. Saving makes a new version of exactly them, without what "
           "was changed on the server: compare in the History panel first.")
            .arg(changes);
    if (m_changedBox) {
        m_changedBox->setInformativeText(m_changedBox->informativeText() + QStringLiteral("\n\n") +
                                         tr("“%1”: %2").arg(editor->title(), changes));
        return;
    }
    m_changedBox =
        new QMessageBox(QMessageBox::Warning, tr("The Route Changed on the Server"),
                        tr("“%1” changed on the server after your unsaved changes were made.").arg(editor->title()),
                        QMessageBox::Ok, m_window);
    m_changedBox->setObjectName(QStringLiteral("draftServerChangedBox"));
    m_changedBox->setInformativeText(text);
    m_changedBox->setAttribute(Qt::WA_DeleteOnClose);
    m_changedBox->open();
}

} // namespace rd
