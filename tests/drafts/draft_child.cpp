// The app as tst_draftcrash needs it: the real MainWindow, set up as ui/shell/main.cpp does, with the local-sandbox
// connection pointed at the test's server. It makes an edit, waits until autosave has put that edit on disk,
// prints "READY <state>" and waits to be killed (SIGKILL: no close, no save, no questions).
//
//   draft_child --api URL --token TOKEN edit-file PATH
//   draft_child --api URL --token TOKEN edit-route GATEWAY ROUTE_ID
//   draft_child --api URL --token TOKEN restore-and-edit      (answers the restore offer with Restore first)
#include "app/AppInfo.h"
#include "app/ConnectionStore.h"
#include "app/DraftStore.h"
#include "app/RemoteRoute.h"
#include "app/SecretStore.h"
#include "app/api/ApiClient.h"
#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "support/TestWindow.h"
#include "ui/MainWindow.h"
#include "ui/RouteEditorPage.h"

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QUndoStack>

#include <cstdio>
#include <functional>

using namespace rd;

namespace {

// What the test compares the restored tab with: the route's elements and every card's position.
Json stateOf(const RouteEditorPage *editor)
{
    Json state = Json::object();
    state["elements"] = RouteCodec::encodeRoute(editor->route())["elements"];
    Json positions = Json::object();
    for (const auto &[id, point] : editor->document()->positions()) {
        positions[id] = Json::array({point.x(), point.y()});
    }
    state["positions"] = std::move(positions);
    if (editor->isRemote()) {
        state["baseVersion"] = editor->remote()->shownVersionId().toStdString();
    }
    return state;
}

// Calls `step` every 20 ms until it returns true.
void poll(std::function<bool()> step)
{
    auto *timer = new QTimer;
    QObject::connect(timer, &QTimer::timeout, timer, [timer, step] {
        if (step()) {
            timer->deleteLater();
        }
    });
    timer->start(20);
}

// Route-content edits that keep the route valid (a server route must still save), and a fractional move.
void edit(RouteEditorPage *editor, int round)
{
    RouteDocument *document = editor->document();
    Element model = *document->route().find("gpt4o_mini");
    model.model.timeout = Number::fromInteger(11000 + round * 1000);
    document->updateElement(model, QStringLiteral("Change timeout"));
    document->moveElements({{"gpt4o_mini", QPointF(731.375 + round, -42.625 * (round + 1))}});
}

// Once autosave holds exactly what the tab shows, say so.
void reportWhenOnDisk(MainWindow *window, RouteEditorPage *editor)
{
    poll([window, editor] {
        const std::string elements = RouteCodec::encodeRoute(editor->route())["elements"].dump();
        for (const Draft &draft : window->drafts()->pendingDrafts()) {
            if (RouteCodec::encodeRoute(draft.route)["elements"].dump() == elements &&
                draft.positions == editor->document()->positions()) {
                std::printf("READY %s\n", JsonText::compact(stateOf(editor)).c_str());
                std::fflush(stdout);
                return true;
            }
        }
        return false;
    });
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(AppInfo::name());
    QApplication::setOrganizationName(AppInfo::organization());
    QStringList args = QApplication::arguments().mid(1);
    if (args.size() < 5 || args[0] != QLatin1String("--api") || args[2] != QLatin1String("--token")) {
        std::fprintf(stderr, "usage: draft_child --api URL --token TOKEN MODE [ARGS]\n");
        return 2;
    }
    const QUrl api(args[1]);
    const QString token = args[3];
    const QString mode = args[4];
    args = args.mid(5);

    ApiClient sandboxClient;
    ApiClient::Options options;
    options.baseUrl = api;
    sandboxClient.setOptions(options);
    sandboxClient.setCredentials(ApiCredentials::apiToken(QStringLiteral("local-sandbox"), token));

    // As ui/shell/main.cpp, in its order.
    TestWindow window;
    window.show();
    window.offerDraftRestore();
    QSettings settings;
    SecretStore secrets(QStringLiteral("route-designer-draft-test"));
    ConnectionStore connections(&settings, &secrets);
    window.restoreOpenTabs();
    window.setConnections(&sandboxClient, &connections);

    if (mode == QLatin1String("edit-file") && args.size() == 1) {
        if (!window.openRouteFile(args[0])) {
            return 3;
        }
        edit(window.currentEditor(), 0);
        reportWhenOnDisk(&window, window.currentEditor());
    } else if (mode == QLatin1String("edit-route") && args.size() == 2) {
        window.openRemoteRoute(args[0], args[1]);
        poll([&window, gateway = args[0], route = args[1]] {
            RouteEditorPage *editor = window.findRemoteEditor(gateway, route);
            if (!editor) {
                return false;
            }
            edit(editor, 0);
            reportWhenOnDisk(&window, editor);
            return true;
        });
    } else if (mode == QLatin1String("restore-and-edit")) {
        auto *box = window.findChild<QMessageBox *>(QStringLiteral("restoreDraftsBox"));
        if (!box) {
            return 4;
        }
        box->button(QMessageBox::Yes)->click();
        // The restored tab: unsaved, its undo history holding the restore.
        poll([&window] {
            RouteEditorPage *editor = window.currentEditor();
            if (!editor || editor->document()->isClean()) {
                return false;
            }
            edit(editor, 1);
            reportWhenOnDisk(&window, editor);
            return true;
        });
    } else {
        std::fprintf(stderr, "unknown mode\n");
        return 2;
    }
    return QApplication::exec();
}
