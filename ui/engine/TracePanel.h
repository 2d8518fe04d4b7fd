#pragma once

#include "model/engine/RouteTracer.h"
#include "widgets/canvas/FlowOverlay.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QSpinBox;
class QTreeWidget;

namespace rd {

class RequestContextEditor;
class RouteDocument;

// "What will this route do with a request like this?" One request traced through the route as it stands in the
// editor, saved or not: the request on the left (metadata, body, headers, tokens; which models fail), the path on
// the right step by step with the reason for each turn, and the path lit on the canvas (overlay()). It traces
// again whenever the route or the request changes. A draft with errors is traced as far as the walk gets, under
// a banner saying the API would refuse it as it is.
class TracePanel : public QWidget
{
    Q_OBJECT

public:
    explicit TracePanel(RouteDocument *document, QWidget *parent = nullptr);

    const FlowOverlay &overlay() const { return m_overlay; }
    const std::optional<TraceResult> &result() const { return m_result; }
    RequestContextEditor *requestEditor() const { return m_request; }
    QTreeWidget *stepList() const { return m_steps; }
    QListWidget *failList() const { return m_fail; }
    QSpinBox *seedBox() const { return m_seed; }
    QString summaryText() const;
    QString bannerText() const;
    // Checks "provider/model" in the fail list (it must be one of the route's models).
    void setFailing(const QString &modelKey, bool failing);
    // Traces this request: the metadata shown, the seed, and exactly these models failing (others unchecked).
    void traceRequest(const Json &metadata, std::uint64_t seed, const std::vector<std::string> &failing);

    // Traces now instead of on the next turn of the event loop (tests; the panel does this itself when shown).
    void retraceNow();

protected:
    void showEvent(QShowEvent *event) override;

signals:
    // A new trace: the page draws overlay() when this panel is the one showing.
    void overlayChanged();
    // A step was clicked: its element should be selected on the canvas.
    void elementActivated(const QString &id);

private:
    void scheduleRetrace();
    void syncRouteParts(); // the fail list and the offered metadata keys follow the route's models and fields
    void showResult(const TraceResult &result);
    void showProblem(const QString &text);

    QPointer<RouteDocument> m_document;
    RequestContextEditor *m_request;
    QListWidget *m_fail;
    QSpinBox *m_seed;
    QLabel *m_banner;
    QLabel *m_summary;
    QTreeWidget *m_steps;
    FlowOverlay m_overlay;
    std::optional<TraceResult> m_result;
    bool m_pending = false;
};

} // namespace rd
