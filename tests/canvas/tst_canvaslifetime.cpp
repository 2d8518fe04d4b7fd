// Who goes first. The canvas's classes hold a document, a scene or a view they do not own, and any of those may
// be destroyed while the others live: a test fixture's children go in the order they were made (the document
// first), a dialog's members in theirs (the scene before the view), an undo during a drag rebuilds the scene
// under the view. These tests destroy them in those orders with a selection in place and signals connected,
// and check what the survivors say: a read of freed memory need not crash, so each test also asks a question
// that only has the right answer when nothing kept a dangling pointer (a null document, an empty scene, no
// wire still being drawn). Built with -fsanitize=address, the same tests catch the reads themselves.
#include "app/RouteDocument.h"
#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/EdgeItem.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/QuickAddPopup.h"
#include "widgets/canvas/RouteMinimap.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"
#include "widgets/inspector/ElementInspector.h"
#include "widgets/inspector/ModelPage.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QGraphicsPathItem>
#include <QLineEdit>
#include <QMimeData>
#include <QPointer>
#include <QTest>
#include <QUndoStack>
#include <QVBoxLayout>

#include <memory>

using namespace rd;

namespace {

Route loadDemoRoute()
{
    QFile file(QStringLiteral(RD_DEMO_ROUTE));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read the demo route");
    }
    auto decoded = RouteCodec::decodeRoute(Json::parse(file.readAll().toStdString()));
    if (!decoded) {
        qFatal("cannot decode the demo route");
    }
    return std::move(*decoded.value);
}

RouteDocument::Positions gridPositions(const Route &route)
{
    RouteDocument::Positions positions;
    for (std::size_t i = 0; i < route.size(); ++i) {
        positions[route.elements()[i].id] = QPointF(static_cast<qreal>(i % 4) * 320, static_cast<qreal>(i / 4) * 300);
    }
    return positions;
}

// A slot on the scene's selectionChanged like the editor's (which shows the one selected element in the
// inspector): it asks the scene for the selected ids, which reads the document. It counts its calls, and the
// calls in which the scene still handed out a document that had been destroyed; it does not make those reads.
struct SelectionProbe
{
    int calls = 0;
    int deadDocument = 0;
    std::vector<std::string> lastIds;
};

void attachProbe(RouteScene *scene, const QPointer<RouteDocument> &alive, SelectionProbe &probe, QObject *context)
{
    QObject::connect(scene, &QGraphicsScene::selectionChanged, context, [scene, alive, &probe] {
        ++probe.calls;
        if (alive.isNull() && scene->document() != nullptr) {
            ++probe.deadDocument;
            return;
        }
        probe.lastIds = scene->selectedElementIds();
    });
}

int wirePreviews(const QGraphicsScene &scene)
{
    int n = 0;
    for (const QGraphicsItem *item : scene.items()) {
        n += item->type() == QGraphicsPathItem::Type ? 1 : 0;
    }
    return n;
}

} // namespace

class TestCanvasLifetime : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();

    void documentGoesFirstInTheFixtureOrder();
    void selectedWiresNeverOutliveTheirCards();
    void sceneLetsGoOfDestroyedDocument();
    void viewOutlivesItsScene();
    void wireBeingDraggedOutlivesScene();
    void wireBeingDraggedOutlivesDocument();
    void wireBeingDraggedSurvivesUndoReset();
    void minimapOutlivesItsView();
    void sceneWithoutDocument();
    void inspectorLetsGoOfDestroyedDocument();
    void inspectorPageGoesWithAFieldFocused();

private:
    // The canvas test fixture's order: a window, then the document, the scene and the view as its children.
    void build();
    void selectTwoCardsAndAWire();
    // On every selectionChanged: counts the calls, and the selected wires whose two cards are not both selected.
    void watchForOrphanedWires(QObject *context, int &calls, int &orphaned);
    // Everything the canvas offers, by action, slot, key and mouse, on a view whose document or scene is gone:
    // each must do nothing (and read nothing).
    void exerciseDeadCanvas();
    QPoint cardPoint(const std::string &id) const;
    QPoint portPoint(const std::string &id, const std::string &output) const;
    QPoint emptyPoint() const;

    std::unique_ptr<QWidget> m_window;
    RouteDocument *m_doc = nullptr;
    RouteScene *m_scene = nullptr;
    RouteView *m_view = nullptr;
};

void TestCanvasLifetime::build()
{
    m_window = std::make_unique<QWidget>();
    m_window->resize(1200, 800);
    const Route route = loadDemoRoute();
    m_doc = new RouteDocument(route, gridPositions(route), m_window.get());
    m_scene = new RouteScene(m_doc, m_window.get());
    m_view = new RouteView(m_scene, m_window.get());
    auto *layout = new QVBoxLayout(m_window.get());
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_view->resetZoom();
    m_view->centerOn(m_scene->elementsBoundingRect().center());
    m_view->setFocus();
}

void TestCanvasLifetime::cleanup()
{
    m_window.reset();
    m_doc = nullptr;
    m_scene = nullptr;
    m_view = nullptr;
}

QPoint TestCanvasLifetime::cardPoint(const std::string &id) const
{
    const ElementItem *item = m_scene->elementItem(id);
    Q_ASSERT(item);
    return m_view->mapFromScene(item->mapToScene(QPointF(canvas::kNodeWidth / 2, canvas::kHeaderHeight + 10)));
}

QPoint TestCanvasLifetime::portPoint(const std::string &id, const std::string &output) const
{
    const ElementItem *item = m_scene->elementItem(id);
    Q_ASSERT(item);
    const std::optional<int> index = item->outputIndex(output);
    Q_ASSERT(index);
    return m_view->mapFromScene(item->mapToScene(item->outputPortPos(*index) - QPointF(2, 0)));
}

QPoint TestCanvasLifetime::emptyPoint() const
{
    const QRectF cards = m_scene->elementsBoundingRect();
    return m_view->mapFromScene(QPointF(cards.left() + 40, cards.bottom() + 60));
}

void TestCanvasLifetime::selectTwoCardsAndAWire()
{
    m_scene->selectElements({"start", "llama_8b"});
    m_scene->edgeItem("paid_split", "60%")->setSelected(true);
    QCOMPARE(m_scene->selectedElementIds(), (std::vector<std::string>{"start", "llama_8b"}));
    QCOMPARE(m_scene->selectedEdges().size(), std::size_t(1));
}

void TestCanvasLifetime::watchForOrphanedWires(QObject *context, int &calls, int &orphaned)
{
    RouteScene *scene = m_scene;
    connect(scene, &QGraphicsScene::selectionChanged, context, [scene, &calls, &orphaned] {
        ++calls;
        const QList<QGraphicsItem *> selected = scene->selectedItems();
        for (const EdgeItem *edge : scene->selectedEdges()) {
            if (!selected.contains(edge->source()) || !selected.contains(edge->target())) {
                ++orphaned;
            }
        }
    });
}

void TestCanvasLifetime::exerciseDeadCanvas()
{
    for (QAction *action : m_view->editActions()) {
        QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
    }
    m_view->deleteSelection();
    m_view->copySelection();
    m_view->cutSelection();
    m_view->paste();
    m_view->duplicateSelection();
    m_view->selectAll();
    m_view->connectOutput();
    m_view->fitToView();
    m_view->fitForReading();
    m_view->fitToSelection();
    m_view->addElementAtCenter(ElementType::Model);
    m_view->setReadOnly(true);
    m_view->setReadOnly(false);
    m_view->openQuickAdd(m_view->viewport()->rect().center());
    QVERIFY(!m_view->quickAddPopup()->isVisible());

    m_view->setFocus();
    for (const int key : {Qt::Key_Tab, Qt::Key_Right, Qt::Key_Left, Qt::Key_Up, Qt::Key_Down, Qt::Key_C, Qt::Key_Delete,
                          Qt::Key_Menu, Qt::Key_Escape}) {
        m_view->setFocus();
        QTest::keyClick(m_view, static_cast<Qt::Key>(key));
    }
    QTest::keyClick(m_view, Qt::Key_Right, Qt::AltModifier);
    QWidget *vp = m_view->viewport();
    const QPoint middle = vp->rect().center();
    QTest::mouseClick(vp, Qt::LeftButton, {}, middle);
    QTest::mouseDClick(vp, Qt::LeftButton, {}, middle);
    QVERIFY(!m_view->quickAddPopup()->isVisible());
    QTest::mousePress(vp, Qt::LeftButton, {}, middle);
    QTest::mouseMove(vp, middle + QPoint(80, 60));
    QTest::mouseRelease(vp, Qt::LeftButton, {}, middle + QPoint(80, 60));

    // Painted near and far out (far out the scene draws its batched overview), the minimap too.
    QVERIFY(!m_view->grab().isNull());
    m_view->setZoom(0.05, middle);
    QVERIFY(!m_view->grab().isNull());
    QVERIFY(!m_view->minimap()->grab().isNull());
    QTest::mouseClick(m_view->minimap()->viewport(), Qt::LeftButton, {}, QPoint(20, 20));
    QVERIFY(!m_view->isWiring());
}

void TestCanvasLifetime::documentGoesFirstInTheFixtureOrder()
{
    QObject context;
    SelectionProbe probe;
    build();
    const QPointer<RouteDocument> alive(m_doc);
    attachProbe(m_scene, alive, probe, &context);
    selectTwoCardsAndAWire();
    QVERIFY(probe.calls > 0);
    probe = {};

    // The window deletes its children in the order they were made: the document, then the scene (whose
    // selection empties as its cards go), then the view, which listens to that selection.
    m_window.reset();
    QVERIFY(alive.isNull());
    QVERIFY2(probe.calls > 0, "the selection emptied without a selectionChanged");
    QCOMPARE(probe.deadDocument, 0);
    QVERIFY(probe.lastIds.empty());
}

void TestCanvasLifetime::selectedWiresNeverOutliveTheirCards()
{
    build();
    // A listener reads a selected wire's two cards (RouteView::deleteSelection does). Every card and wire is
    // selected below, and a card leaves the selection only by going: so a selected wire whose card is no longer
    // selected points at a deleted card. The probe counts those, comparing pointers without following them.
    QObject context;
    int calls = 0;
    int orphaned = 0;
    watchForOrphanedWires(&context, calls, orphaned);
    const auto selectEverything = [this, &calls, &orphaned] {
        // The cards first: a wire selected before its cards would count as orphaned.
        const QList<QGraphicsItem *> items = m_scene->items();
        for (const int type : {int(ElementItem::Type), int(EdgeItem::Type)}) {
            for (QGraphicsItem *item : items) {
                if (item->type() == type) {
                    item->setSelected(true);
                }
            }
        }
        QCOMPARE(m_scene->selectedEdges().size(), m_scene->edgeCount());
        QCOMPARE(m_scene->selectedElementIds().size(), m_scene->elementCount());
        QCOMPARE(orphaned, 0);
        calls = 0;
    };

    // The scene rebuilt (a file reopened, a version loaded, an undo of either) just after an edit: the wires the
    // edit redrew were added last, after the cards they join, and nothing has been painted since.
    m_doc->connectOutput("llama_8b", "fallback", "claude_haiku");
    selectEverything();
    m_doc->reset(m_doc->route(), m_doc->positions());
    QVERIFY(calls > 0);
    QCOMPARE(orphaned, 0);
    QCOMPARE(m_scene->elementCount(), m_doc->route().size());

    // The document destroyed under the scene.
    selectEverything();
    delete m_doc;
    m_doc = nullptr;
    QVERIFY(calls > 0);
    QCOMPARE(orphaned, 0);

    // The scene destroyed, again just after an edit (with a fresh document and selection).
    cleanup();
    build();
    watchForOrphanedWires(&context, calls, orphaned);
    m_doc->connectOutput("llama_8b", "fallback", "claude_haiku");
    selectEverything();
    delete m_scene;
    m_scene = nullptr;
    QVERIFY(calls > 0);
    QCOMPARE(orphaned, 0);
}

void TestCanvasLifetime::sceneLetsGoOfDestroyedDocument()
{
    QObject context;
    SelectionProbe probe;
    build();
    m_view->copySelection(); // nothing selected: the clipboard is untouched
    selectTwoCardsAndAWire();
    m_view->copySelection(); // so that Paste below has our cards to offer
    QVERIFY(QGuiApplication::clipboard()->mimeData()->hasFormat(RouteDocument::clipboardMimeType()));
    const QPointer<RouteDocument> alive(m_doc);
    attachProbe(m_scene, alive, probe, &context);

    delete m_doc;
    m_doc = nullptr;
    QVERIFY(m_scene->document() == nullptr);
    QVERIFY(m_view->document() == nullptr);
    // The cards showed a route that is gone: none stays behind to be selected, dragged or edited.
    QCOMPARE(m_scene->elementCount(), std::size_t(0));
    QCOMPARE(m_scene->edgeCount(), std::size_t(0));
    QVERIFY(m_scene->selectedItems().isEmpty());
    QVERIFY(probe.calls > 0);
    QCOMPARE(probe.deadDocument, 0);
    QVERIFY(probe.lastIds.empty());

    exerciseDeadCanvas();
    QCOMPARE(m_scene->elementCount(), std::size_t(0));
    QCOMPARE(probe.deadDocument, 0);
}

void TestCanvasLifetime::viewOutlivesItsScene()
{
    build();
    selectTwoCardsAndAWire();
    m_view->copySelection();

    // As a dialog whose scene is made before its view takes them down.
    delete m_scene;
    m_scene = nullptr;
    QVERIFY(m_view->routeScene() == nullptr);
    QVERIFY(m_view->document() == nullptr);
    QVERIFY(m_view->scene() == nullptr);
    exerciseDeadCanvas();

    // And the document after it, still before the view.
    delete m_doc;
    m_doc = nullptr;
    QVERIFY(!m_view->grab().isNull());
}

void TestCanvasLifetime::wireBeingDraggedOutlivesScene()
{
    build();
    QWidget *vp = m_view->viewport();
    QTest::mousePress(vp, Qt::LeftButton, {}, portPoint("start", "next"));
    QTest::mouseMove(vp, emptyPoint());
    QVERIFY(m_view->isWiring());
    QCOMPARE(wirePreviews(*m_scene), 1);

    // The scene deletes every item in it, the view's wire too: the view must not draw or delete it again.
    const QPoint to = emptyPoint() + QPoint(30, 10);
    delete m_scene;
    m_scene = nullptr;
    QVERIFY(!m_view->isWiring());
    QTest::mouseMove(vp, to);
    QTest::mouseRelease(vp, Qt::LeftButton, {}, to);
    QVERIFY(!m_view->quickAddPopup()->isVisible());
    QVERIFY(!m_view->grab().isNull());
    m_window.reset(); // the view goes last, with nothing left to cancel
}

void TestCanvasLifetime::wireBeingDraggedOutlivesDocument()
{
    build();
    QWidget *vp = m_view->viewport();
    const QPoint to = emptyPoint();
    QTest::mousePress(vp, Qt::LeftButton, {}, portPoint("start", "next"));
    QTest::mouseMove(vp, to);
    QVERIFY(m_view->isWiring());

    delete m_doc;
    m_doc = nullptr;
    QCOMPARE(m_scene->elementCount(), std::size_t(0));
    // Dropped on the empty canvas, a wire offers to add an element there, into a route that is gone.
    QTest::mouseRelease(vp, Qt::LeftButton, {}, to);
    QVERIFY(!m_view->isWiring());
    QVERIFY(!m_view->quickAddPopup()->isVisible());
    QCOMPARE(wirePreviews(*m_scene), 0);
}

void TestCanvasLifetime::wireBeingDraggedSurvivesUndoReset()
{
    build();
    // Restoring a version is one undo step that replaces every element; undoing it resets the scene.
    Route restored = m_doc->route();
    m_doc->replaceElements(restored, m_doc->positions(), QStringLiteral("Restore version"));
    QWidget *vp = m_view->viewport();
    QTest::mousePress(vp, Qt::LeftButton, {}, portPoint("llama_8b", "fallback"));
    QTest::mouseMove(vp, emptyPoint());
    QVERIFY(m_view->isWiring());
    QCOMPARE(wirePreviews(*m_scene), 1);

    m_doc->undoStack()->undo(); // Ctrl+Z while the mouse button is still down
    QCOMPARE(m_scene->elementCount(), m_doc->route().size());
    // The rebuilt scene keeps the view's wire: it is the view's to move, cancel and delete.
    QCOMPARE(wirePreviews(*m_scene), 1);
    QVERIFY(m_view->isWiring());

    const QPoint target = cardPoint("claude_haiku");
    QTest::mouseMove(vp, target);
    QTest::mouseRelease(vp, Qt::LeftButton, {}, target);
    QVERIFY(!m_view->isWiring());
    QCOMPARE(wirePreviews(*m_scene), 0);
    QCOMPARE(m_doc->route().find("llama_8b")->output("fallback")->target, std::string("claude_haiku"));
}

void TestCanvasLifetime::minimapOutlivesItsView()
{
    build();
    // An overview that is not the view's child: nothing keeps the view alive for it.
    auto minimap = std::make_unique<RouteMinimap>(m_view);
    minimap->resize(200, 140);
    minimap->show();
    QVERIFY(QTest::qWaitForWindowExposed(minimap.get()));
    QVERIFY(!minimap->visibleSceneRect().isEmpty());

    delete m_view;
    m_view = nullptr;
    QCOMPARE(minimap->visibleSceneRect(), QRectF());
    minimap->updateCardsRect();
    QVERIFY(!minimap->grab().isNull());
    QTest::mouseClick(minimap->viewport(), Qt::LeftButton, {}, QPoint(50, 40));

    // Its scene and document go next; it still paints (an empty canvas).
    m_window.reset();
    QVERIFY(!minimap->grab().isNull());
}

void TestCanvasLifetime::sceneWithoutDocument()
{
    RouteScene scene(nullptr);
    RouteView view(&scene);
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(scene.document() == nullptr);
    QCOMPARE(scene.elementCount(), std::size_t(0));
    QVERIFY(scene.selectedElementIds().empty());
    QVERIFY(!view.pasteAction()->isEnabled());
    QVERIFY(!view.grab().isNull());
}

void TestCanvasLifetime::inspectorLetsGoOfDestroyedDocument()
{
    const Route route = loadDemoRoute();
    auto *doc = new RouteDocument(route, gridPositions(route));
    ElementInspector inspector;
    inspector.setDocument(doc);
    inspector.setElement("llama_8b");
    QVERIFY(inspector.currentPage() != nullptr);
    // A page on its own, as the inspector's tests use them.
    ModelPage page;
    page.setDocument(doc);
    page.showElement(*doc->route().find("gpt4o_mini"));
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    delete doc;
    QVERIFY(inspector.document() == nullptr);
    QVERIFY(inspector.currentPage() == nullptr);
    QVERIFY(inspector.element().empty());
    QVERIFY(page.document() == nullptr);

    // Typing into the page afterwards edits nothing and reads nothing.
    auto *model = page.findChild<QLineEdit *>(QStringLiteral("model"));
    QVERIFY(model);
    model->setFocus();
    QTest::keyClicks(model, QStringLiteral("-v2"));
    QTest::keyClick(model, Qt::Key_Return);
    inspector.setElement("llama_8b");
    QVERIFY(inspector.currentPage() == nullptr);
    inspector.setDocument(nullptr); // what the editor does as it closes
    QVERIFY(inspector.currentPage() == nullptr);
}

void TestCanvasLifetime::inspectorPageGoesWithAFieldFocused()
{
    const Route route = loadDemoRoute();
    RouteDocument doc(route, gridPositions(route));
    // Its own window, as the inspector's tests show pages; inside the inspector the inspector guards its pages.
    auto page = std::make_unique<ModelPage>();
    page->setDocument(&doc);
    page->showElement(*doc.route().find("gpt4o_mini"));
    page->show();
    QVERIFY(QTest::qWaitForWindowActive(page.get()));
    auto *model = page->findChild<QLineEdit *>(QStringLiteral("model"));
    QVERIFY(model);
    model->setFocus();
    QTest::keyClicks(model, QStringLiteral("-v2"));
    QCOMPARE(doc.route().find("gpt4o_mini")->model.model.value_or(std::string()), std::string("gpt-4o-mini-v2"));
    QVERIFY(model->hasFocus());
    const int steps = doc.undoStack()->count();

    // The field loses the focus as the page is destroyed and says "editing finished": nothing of the page that
    // is already gone may hear it (the Debug build asserts, UBSan reports a call on a destroyed InspectorPage).
    page.reset();
    QCOMPARE(doc.undoStack()->count(), steps);
    QCOMPARE(doc.route().find("gpt4o_mini")->model.model.value_or(std::string()), std::string("gpt-4o-mini-v2"));
}

QTEST_MAIN(TestCanvasLifetime)
#include "tst_canvaslifetime.moc"
