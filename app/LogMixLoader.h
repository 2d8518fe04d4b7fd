#pragma once

#include "app/api/ApiError.h"
#include "model/Json.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>
#include <vector>

namespace rd {

class ApiCall;
class ApiClient;

// Reads the metadata of a gateway's most recent logs, newest first, for a simulation that replays real traffic:
// page by page, 50 to a page (Cloudflare's largest), until `count` logs are read or there are no more. A log
// without metadata counts as a request that carried none. Deleting the loader cancels it; its callback is
// then never run.
class LogMixLoader : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const std::vector<Json> &metadata, const std::optional<ApiError> &error)>;
    static constexpr int kPageSize = 50;

    LogMixLoader(ApiClient *client, QString gatewayId, int count, QObject *parent = nullptr);
    ~LogMixLoader() override;

    void start(Done done);
    int loaded() const { return static_cast<int>(m_metadata.size()); }

signals:
    void progress(int loaded, int wanted);

private:
    void fetch(int page);

    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    int m_count;
    std::vector<Json> m_metadata;
    Done m_done;
    QPointer<ApiCall> m_call;
};

} // namespace rd
