#include "ui/RouteSaveFlow.h"

#include "app/ConnectionManager.h"
#include "app/DraftOrigin.h"
#include "app/DraftStore.h"
#include "app/LayoutStore.h"
#include "app/RemoteRoute.h"
#include "app/RouteEntry.h"
#include "app/RouteSource.h"
#include "app/SessionStore.h"
#include "app/WriteCheck.h"
#include "ui/DeployDialog.h"
#include "ui/RouteEditorPage.h"
#include "ui/RouteHistoryPanel.h"
#include "ui/RouteTabs.h"
#include "ui/SaveCheckNotice.h"
#include "ui/VersionText.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonObject>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTreeWidget>

namespace rd {

RouteSaveFlow::RouteSaveFlow(const AppServices &services, RouteTabs *tabs, QWidget *window)
    : QObject(window), m_services(services), m_tabs(tabs), m_window(window)
{}

QString RouteSaveFlow::draftKey(const QString &sourcePath, const std::string &routeName)
{
    return sourcePath + QLatin1Char('#') + QString::fromStdString(routeName);
}

void RouteSaveFlow::watchDraft(RouteEditorPage *editor)
{
    DraftStore *drafts = m_services.drafts;
    const QString name = QString::fromStdString(editor->route().name());
    if (!editor->isRemote()) {
        drafts->watch(editor->document(), draftKey(editor->sourcePath(), editor->route().name()),
                      DraftOrigin::file(editor->sourcePath(), name).toJson());
        return;
    }
    // The tab stays with the connection that opened it, whichever is current when the draft is written.
    const RemoteRoute *remote = editor->remote();
    const QString connection =
        m_services.connections->connectionOf(remote->client()).value_or(m_services.connections->currentId());
    QPointer<RouteEditorPage> page = editor;
    drafts->watchWithOrigin(
        editor->document(), RouteEntry::serverRoute(connection, remote->gatewayId(), remote->routeId()).key(),
        [page, connection] {
            if (!page || !page->remote()) {
                return QJsonObject();
            }
            const RemoteRoute *route = page->remote();
            DraftOrigin origin = DraftOrigin::route(connection, route->gatewayId(), route->routeId(),
                                                    QString::fromStdString(page->route().name()));
            // What the tab knew of the server: a restore compares it with what the server says then.
            origin.baseVersionId = route->shownVersionId();
            origin.deployedVersionId = route->deployedVersionId();
            origin.latestVersionId = route->latestVersionId();
            return origin.toJson();
        });
}

bool RouteSaveFlow::save(RouteEditorPage *editor, Done done)
{
    if (!editor) {
        return false;
    }
    switch (editor->source()->kind()) {
    case RouteSource::Kind::ServerRoute:
        return saveVersion(editor, std::move(done));
    case RouteSource::Kind::Version:
        return false;
    case RouteSource::Kind::File:
        break;
    }
    const bool saved = editor->canSaveInPlace() ? saveFile(editor, editor->sourcePath()) : saveAs(editor);
    if (done) {
        done(saved);
    }
    return saved;
}

bool RouteSaveFlow::saveAs(RouteEditorPage *editor)
{
    if (!editor || editor->source()->kind() != RouteSource::Kind::File) {
        return false;
    }
    const QString suggested =
        QDir(m_services.session->lastDirectory()).filePath(editor->title() + QStringLiteral(".json"));
    const QString path =
        QFileDialog::getSaveFileName(m_window, tr("Save Route"), suggested, tr("Route files (*.json);;All files (*)"));
    if (path.isEmpty()) {
        return false;
    }
    m_services.session->setLastDirectory(QFileInfo(path).absolutePath());
    return saveFile(editor, path);
}

bool RouteSaveFlow::saveFile(RouteEditorPage *editor, const QString &path)
{
    DraftStore *drafts = m_services.drafts;
    const QString oldKey = drafts->keyOf(editor->document());
    QString error;
    if (!editor->save(path, &error)) {
        QMessageBox::warning(m_window, tr("Cannot Save Route"),
                             tr("\u201c%1\u201d could not be saved: %2").arg(QFileInfo(path).fileName(), error));
        return false;
    }
    // The draft goes with the file it was kept for; a new path is watched under its own key.
    drafts->discard(oldKey);
    watchDraft(editor);
    emit message(tr("Saved %1").arg(QDir::toNativeSeparators(editor->sourcePath())), 5000);
    return true;
}

void RouteSaveFlow::exportImage(RouteEditorPage *editor)
{
    if (!editor) {
        return;
    }
    const QString suggested =
        QDir(m_services.session->lastDirectory()).filePath(editor->title() + QStringLiteral(".png"));
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Export Route Diagram"), suggested,
                                                      tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    if (!editor->exportImage(path, &error)) {
        QMessageBox::warning(m_window, tr("Cannot Export"), error);
        return;
    }
    emit message(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
}

bool RouteSaveFlow::saveVersion(RouteEditorPage *editor, Done done)
{
    if (!editor || !editor->isRemote() || editor->isReadOnly()) {
        return false;
    }
    if (editor->errorCount() > 0) {
        QMessageBox box(
            QMessageBox::Warning, tr("Cannot Save a Version"),
            tr("“%1” has %n error(s) that the API would reject.", nullptr, editor->errorCount()).arg(editor->title()),
            QMessageBox::Ok, m_window);
        box.setObjectName(QStringLiteral("saveVersionRefusedBox"));
        box.setInformativeText(tr("The Problems list under the canvas says what each one is; click one to go to "
                                  "the element. Fix them, then save again."));
        box.exec();
        editor->problemList()->setFocus();
        return false;
    }
    RemoteRoute *remote = editor->remote();
    if (remote->isBusy() || !confirmTabAccount(editor, tr("Save Version"))) {
        return false;
    }
    editor->showNotice(QString());
    QPointer<RouteEditorPage> page(editor);
    editor->source()->save([this, page, done = std::move(done)](const RouteSource::SaveOutcome &result) {
        using Kind = RouteSource::SaveOutcome::Kind;
        if (!page) {
            if (done) {
                done(result.saved());
            }
            return;
        }
        RouteEditorPage *editor = page;
        RemoteRoute *remote = editor->remote();
        if (result.kind == Kind::Failed && result.error && result.error->kind != ApiError::Kind::Cancelled) {
            // Window-modal, not a nested loop: the outcome is already known, the box only tells it.
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Version Not Saved"), result.step + tr(" failed."),
                                        QMessageBox::Ok, m_window);
            box->setObjectName(QStringLiteral("saveVersionErrorBox"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->setInformativeText(result.error->toString() + QStringLiteral("\n\n") +
                                    tr("Your changes are still here, unsaved."));
            box->open();
        } else if (result.kind == Kind::Failed) {
            // Cancelled while the versions were being read: no version was asked for.
            editor->showNotice(tr("Save cancelled before anything was sent: no version was saved."));
        } else if (result.kind == Kind::Uncertain && result.check) {
            SaveCheckNotice::follow(result.check.data(), editor, *result.error);
            connect(result.check.data(), &WriteCheck::settled, editor, [this, editor] {
                editor->historyPanel()->refresh();
                emit routesChanged();
            });
        } else if (result.saved()) {
            // The tab's clean mark follows the elements (ContentCleanTracker): edits made while the request was
            // out stay marked. Positions are kept here, never on the server.
            LayoutStore().save(editor->source()->layoutKey(), editor->document()->positions());
            if (editor->document()->isClean()) {
                m_services.drafts->discard(m_services.drafts->keyOf(editor->document()));
            }
            if (RouteHistoryPanel *history = editor->historyPanel()) {
                history->refresh();
            }
            const QString shortId = VersionText::shortId(remote->shownVersionId());
            if (result.kind == Kind::NothingToSave) {
                const QString text =
                    tr("Nothing to save: version %1 on the server already has these elements.").arg(shortId);
                editor->showNotice(text);
                emit message(text, 8000);
            } else {
                emit routesChanged(); // their Modified column
                emit message(tr("Saved version %1 of %2").arg(shortId, remote->name()), 8000);
            }
        }
        if (done) {
            done(result.saved());
        }
    });
    return true;
}

bool RouteSaveFlow::confirmTabAccount(RouteEditorPage *editor, const QString &action)
{
    if (!editor->isOtherConnection()) {
        return true;
    }
    // The tab saves where it came from; after a switch of connection that must be a choice, never a surprise.
    const QString account = editor->remote()->connectionName();
    QMessageBox box(QMessageBox::Question, action,
                    tr("“%1” belongs to the account “%2”, not to the current connection “%3”.")
                        .arg(editor->title(), account, m_services.connections->name()),
                    QMessageBox::Cancel, m_window);
    box.setObjectName(QStringLiteral("otherAccountBox"));
    box.setInformativeText(tr("This tab was opened from “%1” and saves and deploys there. To work on the current "
                              "connection's copy, open the route from the Gateways panel.")
                               .arg(account));
    QPushButton *go = box.addButton(tr("%1 to “%2”").arg(action, account), QMessageBox::AcceptRole);
    box.setDefaultButton(go);
    box.exec();
    return box.clickedButton() == go;
}

void RouteSaveFlow::askBeforeClosing(RouteEditorPage *editor, std::function<void(bool mayClose)> done)
{
    if (editor->document()->isClean()) {
        done(true);
        return;
    }
    if (isClosing(editor)) {
        done(false); // its version is being saved for a close already: that close ends it
        return;
    }
    QMessageBox box(QMessageBox::Warning, tr("Unsaved Changes"),
                    tr("Save the changes to \u201c%1\u201d before closing?").arg(editor->title()),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, m_window);
    box.setObjectName(QStringLiteral("unsavedChangesBox"));
    box.setInformativeText(tr("Without saving, your changes will be lost."));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        break;
    case QMessageBox::Discard:
        done(true);
        return;
    default:
        done(false);
        return;
    }
    m_tabs->setCurrentWidget(editor);
    if (!editor->isRemote()) {
        done(save(editor));
        return;
    }
    // The server answers later: the tab stays, saying so, and goes once the version is saved.
    QPointer<RouteEditorPage> page(editor);
    m_closing << editor;
    const bool started = saveVersion(editor, [this, page, done](bool saved) {
        m_closing.removeAll(page.data());
        done(saved && page);
    });
    if (!started) {
        m_closing.removeAll(editor);
        done(false);
        return;
    }
    emit message(tr("Saving a version of %1: the tab closes when the server has it.").arg(editor->title()), 0);
}

bool RouteSaveFlow::isClosing(const RouteEditorPage *editor) const
{
    return m_closing.contains(editor);
}

void RouteSaveFlow::deploy(RouteEditorPage *editor)
{
    if (!editor || !editor->source()->canDeploy()) {
        return;
    }
    if (!confirmTabAccount(editor, tr("Deploy"))) {
        return;
    }
    if (editor->document()->isClean()) {
        openDeployDialog(editor);
        return;
    }
    QMessageBox ask(QMessageBox::Question, tr("Unsaved Changes"),
                    tr("“%1” has changes that are not in any version yet.").arg(editor->title()), QMessageBox::Cancel,
                    m_window);
    ask.setObjectName(QStringLiteral("deployUnsavedBox"));
    ask.setInformativeText(tr("Deploying picks a saved version. Save the changes as a version first?"));
    QPushButton *saveFirst = ask.addButton(tr("Save Version, Then Deploy…"), QMessageBox::AcceptRole);
    QPushButton *skip = ask.addButton(tr("Deploy a Saved Version…"), QMessageBox::ActionRole);
    ask.setDefaultButton(saveFirst);
    ask.exec();
    if (ask.clickedButton() == skip) {
        openDeployDialog(editor);
    } else if (ask.clickedButton() == saveFirst) {
        // The dialog opens once the server has the version; a failed save says why and opens nothing.
        QPointer<RouteEditorPage> page(editor);
        saveVersion(editor, [this, page](bool saved) {
            if (saved && page) {
                openDeployDialog(page);
            }
        });
    }
}

void RouteSaveFlow::openDeployDialog(RouteEditorPage *editor)
{
    RemoteRoute *remote = editor->remote();
    auto *dialog = new DeployDialog(remote->client(), remote->gatewayId(), remote->routeId(), m_window);
    dialog->setObjectName(QStringLiteral("deployDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setInitialVersion(remote->shownVersionId());
    dialog->setExpectedState(remote->deployedVersionId(), remote->latestVersionId());
    connect(dialog, &DeployDialog::deployed, editor, [this, editor](const QString &versionId) {
        editor->remote()->noteDeployed(versionId);
        editor->remote()->refreshState([](const std::optional<ApiError> &, const QString &) {});
        if (RouteHistoryPanel *history = editor->historyPanel()) {
            history->refresh();
        }
        emit routesChanged();
        emit message(tr("Deployed version %1 of %2").arg(VersionText::shortId(versionId), editor->title()), 8000);
        emit deployed(editor, versionId);
    });
    // Cancelled after it was sent (or its answer lost): the check outlives the dialog; the header follows the
    // server whatever it finds, and a deployment found applied is said where the person looks next.
    connect(dialog, &DeployDialog::outcomeCheckStarted, editor, [this, editor](WriteCheck *check, const QString &id) {
        connect(check, &WriteCheck::applied, editor, [this, editor, id] {
            editor->remote()->noteDeployed(id);
            const QString text = tr("Version %1 was deployed: the server applied it before the cancel reached it.")
                                     .arg(VersionText::shortId(id));
            editor->showNotice(text);
            emit message(text, 10000);
            emit routesChanged();
        });
        connect(check, &WriteCheck::settled, editor, [editor] {
            editor->remote()->refreshState([](const std::optional<ApiError> &, const QString &) {});
            if (RouteHistoryPanel *history = editor->historyPanel()) {
                history->refresh();
            }
        });
    });
    dialog->open();
}

} // namespace rd
