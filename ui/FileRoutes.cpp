#include "ui/FileRoutes.h"

#include "app/LayoutStore.h"
#include "app/RouteFile.h"
#include "app/SessionStore.h"
#include "ui/RouteEditorPage.h"
#include "ui/RouteTabs.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

#include <utility>

namespace rd {

FileRoutes::FileRoutes(SessionStore *session, RouteTabs *tabs, QWidget *window)
    : QObject(window), m_session(session), m_tabs(tabs), m_window(window)
{}

bool FileRoutes::open(const QString &path)
{
    QString reason;
    if (!load(path, &reason)) {
        showErrors({{path, reason}});
        return false;
    }
    return true;
}

void FileRoutes::openAll(const QStringList &paths)
{
    QList<OpenErrorsDialog::Failure> failures;
    for (const QString &path : paths) {
        QString reason;
        if (!load(path, &reason)) {
            failures.append({path, reason});
        }
    }
    showErrors(failures);
}

bool FileRoutes::openExample()
{
    return open(QStringLiteral(":/routes/demo-route.json"));
}

void FileRoutes::openWithDialog()
{
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Route"), m_session->lastDirectory(),
                                                      tr("Route files (*.json);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    m_session->setLastDirectory(QFileInfo(path).absolutePath());
    open(path);
}

bool FileRoutes::load(const QString &path, QString *reason)
{
    const QString canonical = path.startsWith(QLatin1Char(':')) ? path : QFileInfo(path).absoluteFilePath();
    if (RouteEditorPage *open = m_tabs->findFile(canonical)) {
        m_tabs->setCurrentWidget(open);
        return true;
    }

    const RouteFile file = RouteFile::open(canonical);
    if (!file.isValid()) {
        *reason = file.errorText();
        return false;
    }
    const RouteFileContent &document = *file.document();
    if (document.routes.empty()) {
        *reason = tr("The file holds no routes.");
        return false;
    }

    // Decoding notes concern the whole file; with several routes they go with the first rather than repeat.
    std::vector<DecodeIssue> notes = file.warnings();
    RouteEditorPage *first = nullptr;
    int errors = 0;
    int warnings = 0;
    std::size_t elements = 0;
    const bool builtIn = canonical.startsWith(QLatin1Char(':'));
    for (Route route : document.routes) {
        RouteDocument::Positions positions = RouteFile::takePositions(route);
        if (positions.empty() && !builtIn && document.routes.size() == 1) {
            // Saved without positions (by another tool): the layout the user last left it in, if any.
            positions = LayoutStore().load(LayoutStore::keyForFile(canonical));
        }
        auto *editor = new RouteEditorPage(std::move(route), std::move(positions), canonical, std::exchange(notes, {}));
        // The file's first route in front, the others behind it.
        emit editorCreated(editor, builtIn ? tr("Built-in example") : QDir::toNativeSeparators(canonical), !first);
        first = first ? first : editor;
        errors += editor->errorCount();
        warnings += editor->warningCount();
        elements += editor->route().size();
    }

    QString problems = tr("no problems");
    if (errors + warnings > 0) {
        problems = tr("%1, %2").arg(tr("%n error(s)", nullptr, errors), tr("%n warning(s)", nullptr, warnings));
    }
    emit message(tr("Opened %1: %2, %3")
                     .arg(file.displayName(), tr("%n element(s)", nullptr, static_cast<int>(elements)), problems),
                 8000);
    return true;
}

void FileRoutes::showErrors(const QList<OpenErrorsDialog::Failure> &failures)
{
    if (failures.isEmpty()) {
        return;
    }
    // Window-modal and non-blocking: the window stays responsive and tests can inspect the box.
    if (failures.size() == 1) {
        const OpenErrorsDialog::Failure &failure = failures.front();
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot Open Route"),
                                    tr("“%1” could not be opened as a route.").arg(QFileInfo(failure.path).fileName()),
                                    QMessageBox::Ok, m_window);
        box->setObjectName(QStringLiteral("openErrorBox"));
        box->setInformativeText(failure.reason.isEmpty() ? tr("The file could not be read.") : failure.reason);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    // Several at once (a command line, a drop): one list, not a box per file to click away.
    auto *dialog = new OpenErrorsDialog(failures, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace rd
