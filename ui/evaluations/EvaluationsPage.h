#pragma once

#include "model/LogQuery.h"

#include <QPointer>
#include <QWidget>

#include <vector>

class QLabel;

namespace rd {

class ApiClient;
class DatasetList;
class EvaluationList;
class PageBanner;

// A gateway's datasets and evaluations in one tab ("Evaluations · <gateway>"): the datasets above, the
// evaluations below, and one banner for what any call says went wrong or what a re-read found.
class EvaluationsPage : public QWidget
{
    Q_OBJECT

public:
    explicit EvaluationsPage(QWidget *parent = nullptr);

    void setGateway(ApiClient *client, const QString &gatewayId);
    QString gatewayId() const { return m_gatewayId; }
    ApiClient *client() const;

    DatasetList *datasets() const { return m_datasets; }
    EvaluationList *evaluations() const { return m_evaluations; }
    PageBanner *banner() const { return m_banner; }
    // The banner's message; empty while it is hidden.
    QString bannerText() const;

public slots:
    void refresh();

signals:
    // "Open Logs" of a dataset: the window shows the gateway's logs with these filters.
    void logsRequested(const QString &gatewayId, const std::vector<rd::LogFilter> &filters);

private:
    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    QLabel *m_title = nullptr;
    PageBanner *m_banner = nullptr;
    DatasetList *m_datasets = nullptr;
    EvaluationList *m_evaluations = nullptr;
};

} // namespace rd
