#pragma once

#include "model/engine/SimulationReport.h"
#include "model/engine/TrafficSimulator.h"
#include "widgets/canvas/FlowOverlay.h"

#include <QPointer>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;
template<typename T> class QFutureWatcher;

namespace rd {

class ApiClient;
class LogMixLoader;
class RouteDocument;
class SimulationResultView;

// "What will this route do to my traffic?" Thousands of requests through the route as it stands in the editor:
// a mix of requests (typed as JSON Lines, one request a line as `routectl simulate --mix` reads them, or the
// metadata of the gateway's last logs), how often each model fails and how long it takes. The run happens on a
// worker thread with progress and Cancel; its answer is a table and the traffic drawn on the canvas (overlay()).
// A result describes the route as it was when the run started: an edit afterwards marks it out of date.
class SimulatePanel : public QWidget
{
    Q_OBJECT

public:
    explicit SimulatePanel(RouteDocument *document, QWidget *parent = nullptr);
    ~SimulatePanel() override;

    // Where "From recent logs" reads: the gateway the route lives on. Without one the button is disabled.
    void setLogSource(ApiClient *client, const QString &gatewayId);

    const FlowOverlay &overlay() const { return m_overlay; }
    const std::optional<SimulationReport> &report() const { return m_report; }
    bool isRunning() const { return m_watcher != nullptr; }

    // The settings as the run would use them, or nullopt with `error` saying what to fix.
    std::optional<SimulationOptions> options(QString *error) const;

    QSpinBox *requestsBox() const { return m_requests; }
    QPlainTextEdit *mixEdit() const { return m_mix; }
    QTableWidget *providerTable() const { return m_providers; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *fromLogsButton() const { return m_fromLogs; }
    QProgressBar *progressBar() const { return m_progress; }
    SimulationResultView *resultView() const { return m_result; }
    QString statusText() const;

public slots:
    void run();
    void cancel();
    // Fills the mix with the metadata of the gateway's last `count` logs (one line each, weight 1).
    void loadMixFromLogs(int count);

signals:
    void overlayChanged();
    void runningChanged(bool running);
    // The mix finished loading from the logs (or failed: statusText() says why).
    void mixLoaded();

private:
    struct Shared
    {
        std::atomic<std::uint64_t> done{0};
        std::atomic<bool> cancel{false};
    };
    void syncModels();
    void finish();
    void setStatus(const QString &text);

    QPointer<RouteDocument> m_document;
    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    QSpinBox *m_requests;
    QSpinBox *m_seed;
    QSpinBox *m_rate;
    QPlainTextEdit *m_mix;
    QPushButton *m_fromLogs;
    QSpinBox *m_logCount;
    QTableWidget *m_providers;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
    SimulationResultView *m_result;
    QTimer *m_poll;
    FlowOverlay m_overlay;
    std::optional<SimulationReport> m_report;
    QFutureWatcher<SimulationReport> *m_watcher = nullptr;
    std::shared_ptr<Shared> m_shared;
    std::uint64_t m_runRequests = 0;
    QPointer<LogMixLoader> m_loader;
    bool m_stale = false;
};

} // namespace rd
