#pragma once

#include "app/RouteDocument.h"
#include "model/Decoded.h"
#include "model/Finding.h"
#include "model/Route.h"

#include <QSizeF>
#include <QWidget>

#include <string>
#include <unordered_map>
#include <vector>

class QLabel;
class QSplitter;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;
template<typename T> class QFutureWatcher;

namespace rd {

class EditorBottomPanel;
class ElementInspector;
class RemoteRoute;
class RouteEnginePanels;
class RouteHistoryPanel;
class RouteSource;
class ElementPalette;
class ProblemsPanel;
class RouteScene;
class RouteView;
class WriteAccessNotice;

// One open route: the palette, the canvas, the inspector of the selected element, and what validation says.
// The page owns the RouteDocument; everything in it edits through that document, so one undo history
// covers every way of changing the route.
class RouteEditorPage : public QWidget
{
    Q_OBJECT

public:
    // `importNotes` are what decoding adjusted in the file; they are listed with the problems. Elements
    // without a position are laid out automatically: at once for small routes, so that the first paint is
    // right, and in the background (as autoLayout() does) for large ones.
    RouteEditorPage(Route route, RouteDocument::Positions positions, QString sourcePath,
                    std::vector<DecodeIssue> importNotes, QWidget *parent = nullptr);
    ~RouteEditorPage() override;

    RouteDocument *document() const { return m_document; }
    RouteScene *scene() const { return m_scene; }
    RouteView *view() const { return m_view; }
    ElementInspector *inspector() const { return m_inspector; }
    ElementPalette *palette() const { return m_palette; }
    QTreeWidget *problemList() const;
    // Problems and History, under the canvas.
    EditorBottomPanel *bottomPanel() const { return m_bottomPanel; }
    // Trace and Simulate: their pages in the bottom panel and what they draw on the canvas.
    RouteEnginePanels *engine() const { return m_engine; }

    const Route &route() const { return m_document->route(); }
    const std::vector<Finding> &findings() const { return m_document->findings(); }
    // Where the route came from and where Save puts it: a file, a route on a gateway, or a version of one.
    RouteSource *source() const { return m_source; }
    const QString &sourcePath() const;
    // Files saved elsewhere (Save As) and built-in examples have no path to save back to.
    bool canSaveInPlace() const;
    // The route's name, or the file's name when the route has none.
    QString title() const;
    int errorCount() const;
    int warningCount() const;
    // An icon for the route's health: error, warning or ok.
    QIcon statusIcon() const;

    // Writes the route (API elements format, positions under their own key) atomically. On success the
    // document is marked clean and the page's path becomes `path`.
    bool save(const QString &path, QString *error);
    // A picture of the whole route: PNG (at 2x) or SVG, by the file's suffix.
    bool exportImage(const QString &path, QString *error) const;
    // Lays out every element with Graphviz on a worker thread; the GUI stays usable meanwhile. The positions
    // arrive as one undo step, or not at all when the route changed in between (statusMessage() says so).
    // Does nothing while a layout is running.
    void autoLayout();
    bool isLayoutRunning() const { return m_layoutWatcher != nullptr; }
    // Selects an element on the canvas and brings it into view.
    void selectElement(const QString &id);

    // A route on the server: the header says where it lives and which version is shown, and a History panel
    // sits beside the problems. The page takes ownership of `remote`.
    void setRemote(RemoteRoute *remote);
    RemoteRoute *remote() const;
    RouteHistoryPanel *historyPanel() const { return m_history; }
    bool isRemote() const { return remote() != nullptr; }
    // A version looked at, not edited: canvas and inspector refuse changes, the palette is hidden.
    void setReadOnlyVersion(const QString &versionId);
    bool isReadOnly() const;
    // The window's current connection: when it is not the one the route was opened from, the header says that
    // this tab still saves and deploys to its own account.
    void setWindowConnection(const QString &connectionId, const QString &connectionName);
    bool isOtherConnection() const;
    // A line under the header for what happened to a request of this tab ("The version was saved before the
    // cancel reached the server"). Empty text hides it.
    enum class NoticeKind { Info, Warning };
    void showNotice(const QString &text, NoticeKind kind = NoticeKind::Info);
    QString noticeText() const;
    QString accountText() const;
    QString locationText() const;
    QString readOnlyVersion() const;

signals:
    // Title, health or clean state changed: the window updates the tab.
    void statusChanged();
    // An auto-layout started or ended: the window disables its Auto Layout action meanwhile.
    void layoutRunningChanged(bool running);
    // Something for the status bar, shown for `timeout` ms (0: until the next message).
    void statusMessage(const QString &text, int timeout);

protected:
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    enum class LayoutPurpose {
        Unplaced, // opening: elements without a position get one, the rest stay
        Everything
    };

    QWidget *createHeader();
    QWidget *createEditor();
    void populateProblems();
    // Gives the open bottom panel its remembered height.
    void placeBottomPanel();
    // Once the page has its real size: the column widths, and the open bottom panel's height.
    void settleLayout();
    void refreshHeader();
    QString statusSummary() const;
    std::unordered_map<std::string, QSizeF> cardSizes() const;
    void startLayout(LayoutPurpose purpose);
    void finishLayout();

    RouteDocument *m_document = nullptr;
    RouteScene *m_scene = nullptr;
    RouteView *m_view = nullptr;
    ElementPalette *m_palette = nullptr;
    ElementInspector *m_inspector = nullptr;
    RouteSource *m_source = nullptr;
    std::vector<DecodeIssue> m_importNotes;

    QLabel *m_titleLabel = nullptr;
    QLabel *m_statusIconLabel = nullptr;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_pathLabel = nullptr;
    QLabel *m_accountLabel = nullptr;
    QLabel *m_noticeLabel = nullptr;
    WriteAccessNotice *m_writeAccess = nullptr;
    QString m_windowConnectionId;
    QString m_windowConnectionName;
    bool m_windowConnectionKnown = false;
    ProblemsPanel *m_problems = nullptr;
    EditorBottomPanel *m_bottomPanel = nullptr;
    RouteEnginePanels *m_engine = nullptr;
    int m_problemsTab = 0;
    int m_historyTab = -1;
    bool m_hadProblems = false;
    // The open panel's height, the same for every page and remembered across sessions.
    static int s_bottomPanelHeight;
    bool m_fitted = false;
    RouteHistoryPanel *m_history = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_editorSplitter = nullptr; // palette | canvas | inspector
    bool m_columnsUserSized = false;       // the user dragged a divider: the columns keep their widths

    QFutureWatcher<RouteDocument::Positions> *m_layoutWatcher = nullptr;
    LayoutPurpose m_layoutPurpose = LayoutPurpose::Everything;
    // Counts the document's changes: a layout computed for one revision must not land on another.
    quint64 m_revision = 0;
    quint64 m_layoutRevision = 0;
};

} // namespace rd
