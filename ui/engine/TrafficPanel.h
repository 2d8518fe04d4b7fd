#pragma once

#include "app/RouteTraffic.h"
#include "widgets/canvas/FlowOverlay.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace rd {

class ApiClient;
class RouteDocument;
class RouteTrafficLoader;

// "What did this route do?" The gateway's logs over a range (by default since the route's current deployment)
// read within a call budget and drawn on the canvas: requests, errors, cost and p95 on each model card, the
// share of traffic on each wire. A table lists the figures per model and a legend says which are counted from
// every log, which come from a sample, and which are inferred by replaying the sample through the route.
class TrafficPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TrafficPanel(RouteDocument *document, QWidget *parent = nullptr);
    ~TrafficPanel() override;

    // The route on its gateway. Without a gateway (a file), the panel says where traffic comes from.
    void setSource(ApiClient *client, const QString &gatewayId, const QString &routeId, const QString &routeName);
    bool hasSource() const;
    // The route's name on the server, which unserved requests are logged under; renames follow.
    void setRouteName(const QString &name) { m_routeName = name; }

    // Empty while nothing is loaded or "Draw on the canvas" is off.
    FlowOverlay overlay() const;
    const RouteTraffic *traffic() const { return m_traffic.get(); }
    bool isLoading() const;

    QComboBox *rangeBox() const { return m_range; }
    QSpinBox *sampleBox() const { return m_sample; }
    QPushButton *loadButton() const { return m_load; }
    QPushButton *cancelButton() const { return m_cancel; }
    QCheckBox *drawBox() const { return m_draw; }
    QTableWidget *modelTable() const { return m_table; }
    QString planText() const;
    QString statusText() const;
    QString summaryText() const;
    QString legendText() const;

public slots:
    void load();
    void cancel();

signals:
    void overlayChanged();
    void loadingChanged(bool loading);
    // A load ended: loaded, failed or cancelled (statusText() says which).
    void loadFinished();
    void elementActivated(const QString &id);

private:
    void updatePlan();
    void setLoading(bool loading);
    void showTraffic();
    void fillTable();

    QPointer<RouteDocument> m_document;
    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    QString m_routeId;
    QString m_routeName;
    RouteTrafficLoader *m_loader = nullptr;
    std::shared_ptr<const RouteTraffic> m_traffic;
    FlowOverlay m_overlay;
    bool m_stale = false;

    QLabel *m_noSource;
    QWidget *m_body;
    QComboBox *m_range;
    QSpinBox *m_sample;
    QPushButton *m_load;
    QPushButton *m_cancel;
    QCheckBox *m_draw;
    QLabel *m_plan;
    QProgressBar *m_progress;
    QLabel *m_status;
    QLabel *m_summary;
    QTableWidget *m_table;
    QLabel *m_legend;
};

} // namespace rd
