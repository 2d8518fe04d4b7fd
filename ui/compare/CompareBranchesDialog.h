#pragma once

#include "app/BranchComparison.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace rd {

class ApiClient;

// "How did each branch do since the deployment?" Side by side, per provider/model the route uses (naming the
// cards, since one model can be the fallback of several branches): requests, average cost, average duration and
// the share of positive feedback, measured by Cloudflare's evaluators over a dataset per model. The dialog says
// what it will create on the account before it does, lists what it created while it runs, and offers to delete
// it all when done or closed.
class CompareBranchesDialog : public QDialog
{
    Q_OBJECT

public:
    CompareBranchesDialog(ApiClient *client, const QString &gatewayId, const QString &routeId, const Route &route,
                          const QString &routeName, QWidget *parent = nullptr);
    ~CompareBranchesDialog() override;

    BranchComparison *comparison() const { return m_comparison; }
    QTableWidget *table() const { return m_table; }
    QPushButton *compareButton() const { return m_compare; }
    QPushButton *stopButton() const { return m_stop; }
    QPushButton *cleanUpButton() const { return m_cleanUp; }
    QComboBox *rangeBox() const { return m_range; }
    QString planText() const;
    QString statusText() const;
    // Whether the range's start is known (the current deployment's time is read when the dialog opens).
    bool isReady() const;

    // How closing with things still on the account is answered in tests: Delete, Keep or Cancel.
    enum class CloseAnswer { Ask, Delete, Keep, Cancel };
    void setCloseAnswerForTesting(CloseAnswer answer) { m_closeAnswer = answer; }

public slots:
    void compare();
    void done(int result) override;

signals:
    // "Logs" of a row: the logs its dataset selects.
    void logsRequested(const QString &gatewayId, const std::vector<rd::LogFilter> &filters);

private:
    void readDeployment();
    void rebuild();
    void refresh();
    void updatePlan();
    QDateTime rangeStart() const;

    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    QString m_routeId;
    Route m_route;
    QString m_routeName;
    QDateTime m_deployedAt; // invalid until read, or when never deployed
    bool m_deploymentRead = false;
    BranchComparison *m_comparison = nullptr;
    CloseAnswer m_closeAnswer = CloseAnswer::Ask;

    QComboBox *m_range;
    QLabel *m_plan;
    QLabel *m_status;
    QTableWidget *m_table;
    QLabel *m_created;
    QPushButton *m_compare;
    QPushButton *m_stop;
    QPushButton *m_cleanUp;
    QPushButton *m_close;
};

} // namespace rd
