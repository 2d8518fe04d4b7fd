#pragma once

#include "app/RouteDocument.h"
#include "model/Decoded.h"
#include "model/Finding.h"
#include "model/Route.h"

#include <QWidget>

#include <vector>

class QLabel;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace rd {

class ElementInspector;
class ElementPalette;
class RouteScene;
class RouteView;

// One open route: the palette, the canvas, the inspector of the selected element, and what validation says.
// The page owns the RouteDocument; everything in it edits through that document, so one undo history
// covers every way of changing the route.
class RouteEditorPage : public QWidget
{
    Q_OBJECT

public:
    // `importNotes` are what decoding adjusted in the file; they are listed with the problems. Elements
    // without a position are laid out automatically.
    RouteEditorPage(Route route, RouteDocument::Positions positions, QString sourcePath,
                    std::vector<DecodeIssue> importNotes, QWidget *parent = nullptr);
    ~RouteEditorPage() override;

    RouteDocument *document() const { return m_document; }
    RouteScene *scene() const { return m_scene; }
    RouteView *view() const { return m_view; }
    ElementInspector *inspector() const { return m_inspector; }
    ElementPalette *palette() const { return m_palette; }
    QTreeWidget *problemList() const { return m_problemList; }

    const Route &route() const { return m_document->route(); }
    const std::vector<Finding> &findings() const { return m_document->findings(); }
    const QString &sourcePath() const { return m_sourcePath; }
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
    // Lays out every element with Graphviz (one undo step).
    void autoLayout();
    // Selects an element on the canvas and brings it into view.
    void selectElement(const QString &id);

signals:
    // Title, health or clean state changed: the window updates the tab.
    void statusChanged();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *createHeader();
    QWidget *createEditor();
    QWidget *createProblemsPanel();
    void populateProblems();
    void refreshHeader();
    QString statusSummary() const;

    RouteDocument *m_document = nullptr;
    RouteScene *m_scene = nullptr;
    RouteView *m_view = nullptr;
    ElementPalette *m_palette = nullptr;
    ElementInspector *m_inspector = nullptr;
    QString m_sourcePath;
    std::vector<DecodeIssue> m_importNotes;

    QLabel *m_titleLabel = nullptr;
    QLabel *m_statusIconLabel = nullptr;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_pathLabel = nullptr;
    QTreeWidget *m_problemList = nullptr;
    QStackedWidget *m_problemStack = nullptr;
    QLabel *m_problemsHeading = nullptr;
    bool m_fitted = false;
};

} // namespace rd
