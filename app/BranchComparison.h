#pragma once

#include "app/api/ApiError.h"
#include "model/Evaluation.h"
#include "model/EvaluationType.h"
#include "model/LogQuery.h"
#include "model/Route.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <optional>
#include <string>
#include <vector>

class QTimer;

namespace rd {

class ApiCall;
class ApiClient;

// Compare Branches: how each model a route uses did since a moment (its deployment), measured by Cloudflare's own
// evaluators. One dataset per provider/model (filtered on provider, model and the range), one evaluation of each
// with every evaluation type, then the evaluations read until Cloudflare has run them. Everything it creates on
// the account is recorded, so that cleanUp() removes exactly that, and a create whose answer was lost is looked
// up by its name before anything is said about it.
class BranchComparison : public QObject
{
    Q_OBJECT

public:
    enum class State { Planned, Creating, Waiting, Done, Failed, Cancelled, CleaningUp, CleanedUp };

    struct Branch
    {
        std::string key; // "provider/model"
        std::string provider;
        std::string model;
        std::vector<std::string> cards; // the route's elements calling it: a model can be several branches' fallback
        QString datasetName;
        QString datasetId;    // empty until created
        QString evaluationId; // empty until created
        std::optional<Evaluation> evaluation;

        std::vector<LogFilter> filters(const QDateTime &from) const;
        // The value of the evaluator of `type` ("cost", "speed", "performance"), as the API wrote it.
        std::optional<std::string> result(const std::vector<EvaluationType> &types, const std::string &type) const;
    };

    static constexpr int kPollMs = 2000;

    BranchComparison(ApiClient *client, QString gatewayId, const Route &route, QString routeName, QDateTime from,
                     QObject *parent = nullptr);
    ~BranchComparison() override;

    // The branches the route has, in route order, with the names their datasets will get: nothing is sent yet.
    const std::vector<Branch> &branches() const { return m_branches; }
    const std::vector<EvaluationType> &types() const { return m_types; }
    State state() const { return m_state; }
    QDateTime from() const { return m_from; }
    QString gatewayId() const { return m_gatewayId; }
    // The calls start() makes before it waits (types, datasets, evaluations).
    int plannedCreateCalls() const { return 1 + 2 * static_cast<int>(m_branches.size()); }
    // What exists on the account because of this comparison: "dataset “…”", "evaluation “…”".
    QStringList created() const;
    int createdCount() const;
    int createdDatasets() const;
    int createdEvaluations() const;
    QString lastMessage() const { return m_message; }

    void start();
    // Stops creating and waiting; what was created stays listed in created() for cleanUp().
    void cancel();
    // Deletes the evaluations, then the datasets, this comparison made.
    void cleanUp();

signals:
    void changed();
    void stateChanged(rd::BranchComparison::State state);

private:
    void readTypes();
    void createNext();
    void createEvaluation(std::size_t index);
    void poll();
    void deleteNext();
    // After a cancel, once no create is on the wire: stops, or starts a queued clean-up.
    void stopped();
    void setState(State state, const QString &message = {});
    void fail(const QString &what, const ApiError &error);
    // After a create whose answer was lost: is a dataset or evaluation of that name there now?
    void findAfterLostAnswer(bool evaluation, std::size_t index, const ApiError &error);

    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    QString m_routeName;
    QDateTime m_from;
    std::vector<Branch> m_branches;
    std::vector<EvaluationType> m_types;
    State m_state = State::Planned;
    QString m_message;
    QTimer *m_poll;
    QPointer<ApiCall> m_call;
    std::size_t m_next = 0;
    int m_pending = 0;
    int m_generation = 0;
    bool m_cleanUpQueued = false; // asked while creating: runs once the step on the wire has answered
    bool m_chainRunning = false;  // a create (or the look-up after a lost answer) is under way
};

} // namespace rd
