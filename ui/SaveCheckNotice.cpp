#include "ui/SaveCheckNotice.h"

#include "app/RemoteRoute.h"
#include "app/WriteCheck.h"
#include "app/api/ApiError.h"
#include "ui/RouteEditorPage.h"
#include "ui/VersionText.h"

#include <QCoreApplication>
#include <QPointer>

namespace rd {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SaveCheckNotice", text);
}

} // namespace

void SaveCheckNotice::follow(WriteCheck *check, RouteEditorPage *editor, const ApiError &error)
{
    using Kind = RouteEditorPage::NoticeKind;
    const bool cancelled = error.kind == ApiError::Kind::Cancelled;
    if (cancelled && error.mayHaveBeenApplied) {
        editor->showNotice(tr("Save cancelled, but the request had already been sent: asking the server whether the "
                              "version was made…"));
    } else if (cancelled) {
        editor->showNotice(tr("Save cancelled before the request was sent: checking the server…"));
    } else {
        editor->showNotice(tr("%1 Asking the server whether the version was made…").arg(error.summary), Kind::Warning);
    }
    QPointer<RouteEditorPage> page(editor);
    QObject::connect(
        check, &WriteCheck::checked, editor, [page, check, cancelled](WriteCheck::State state, bool final) {
            if (!page) {
                return;
            }
            const QString observed = VersionText::shortId(check->lastReading().observed);
            switch (state) {
            case WriteCheck::State::Applied:
                page->showNotice(cancelled
                                     ? tr("The version was saved before the cancel reached the server: it is "
                                          "version %1 (the tab shows it, nothing left unsaved).")
                                           .arg(observed)
                                     : tr("The server saved the version although its answer was lost: it is version "
                                          "%1 (the tab shows it, nothing left unsaved).")
                                           .arg(observed));
                break;
            case WriteCheck::State::NotApplied:
                if (!final) {
                    page->showNotice(tr("No new version so far. The request had already been sent, so the server may "
                                        "still make it: checking again for up to %1 s.")
                                         .arg(check->watchSeconds()));
                } else if (cancelled && check->mayStillApply()) {
                    page->showNotice(tr(
                        "The cancel reached the server in time: no version was saved. Your changes are still here."));
                } else if (cancelled) {
                    page->showNotice(tr(
                        "Cancelled before the request was sent: no version was saved. Your changes are still here."));
                } else {
                    page->showNotice(tr("No version was saved: your changes are still here, unsaved."), Kind::Warning);
                }
                break;
            case WriteCheck::State::Unknown:
                page->showNotice(tr("Could not find out whether the version was saved (%1). Refresh the history: a "
                                    "version with these elements is recognised, and the next Save makes no duplicate.")
                                     .arg(check->lastReading().error ? check->lastReading().error->summary : QString()),
                                 Kind::Warning);
                break;
            case WriteCheck::State::Checking:
                break;
            }
        });
}

} // namespace rd
