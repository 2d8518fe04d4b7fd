#pragma once

#include "model/Route.h"
#include "model/RouteDiff.h"

#include <QString>
#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;
class QProgressBar;

namespace rd {

class RouteComparison;
class RouteDocument;
class RouteScene;
class RouteView;

// What deploying a version changes against the deployed one, three ways: the version's graph with added and
// changed elements ringed and removed ones as ghost cards, a list of the changes (click one to find it), and the
// unified diff of the JSON. Part of DeployDialog, which picks the versions and deploys.
//
// The comparison runs on a worker thread (RouteComparison: a large one takes seconds) with a busy bar meanwhile;
// stop() or another compare() stops it. A diff too large to show line by line says so, and the marks and the list
// of changes still show.
class DeployPreview : public QWidget
{
    Q_OBJECT

public:
    explicit DeployPreview(QWidget *parent = nullptr);
    ~DeployPreview() override;

    // What the comparison found and a busy bar while it runs, for the owner to place beside its version picker.
    QWidget *statusLine() const { return m_status; }

    // Shows `to` (version `toId`) at once and starts comparing it with `from`, the deployed version `fromId`
    // (nothing deployed when `fromId` is empty).
    void compare(const QString &fromId, const Route &from, const QString &toId, const Route &to);
    // Stops a comparison under way; what is on screen stays, but no longer counts as compared.
    void stop();

    // The version whose finished comparison is on screen; empty while comparing, after stop() or a failure.
    QString comparedVersionId() const { return m_comparedId; }
    const std::optional<RouteDiff> &diff() const { return m_diff; }
    bool isComparing() const;
    RouteView *view() const { return m_view; }
    RouteScene *scene() const { return m_scene; }
    QString diffText() const;

signals:
    // The comparison of comparedVersionId() is on screen.
    void diffShown();
    // The comparison could not be made; the diff pane says why.
    void comparisonFailed(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void finishComparison(const RouteDiff &diff);
    void failComparison(const QString &message);
    void renderDiffText();
    void showPlainDiffText(const QString &text);
    void onChangeClicked(QListWidgetItem *item);

    RouteComparison *m_comparison;
    QString m_fromId;     // the deployed version of the comparison on screen or under way
    QString m_toId;       // the version it shows
    QString m_comparedId; // m_toId once its comparison is done
    std::optional<RouteDiff> m_diff;

    QWidget *m_status;
    QLabel *m_summary;
    QProgressBar *m_comparingBar;
    RouteDocument *m_document;
    RouteScene *m_scene;
    RouteView *m_view;
    QListWidget *m_changes;
    QPlainTextEdit *m_diffView;
};

} // namespace rd
