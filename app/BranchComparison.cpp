#include "app/BranchComparison.h"

#include "app/api/ApiCall.h"
#include "app/api/ApiClient.h"
#include "model/engine/LogReplay.h"

#include <QTimer>

#include <algorithm>

namespace rd {

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

std::vector<LogFilter> BranchComparison::Branch::filters(const QDateTime &from) const
{
    // One value per filter: Cloudflare's datasets take no more (its docs), and the filters are ANDed.
    return {LogFilter{"provider", "eq", {Json(provider)}}, LogFilter{"model", "eq", {Json(model)}},
            LogFilter{"created_at", "gt", {Json(from.toUTC().toString(Qt::ISODate).toStdString())}}};
}

std::optional<std::string> BranchComparison::Branch::result(const std::vector<EvaluationType> &types,
                                                            const std::string &type) const
{
    if (!evaluation) {
        return std::nullopt;
    }
    for (const EvaluationType &t : types) {
        if (t.type() != type) {
            continue;
        }
        for (const EvaluationResult &r : evaluation->results()) {
            if (r.evaluationTypeId() == t.id()) {
                return r.result();
            }
        }
    }
    return std::nullopt;
}

BranchComparison::BranchComparison(ApiClient *client, QString gatewayId, const Route &route, QString routeName,
                                   QDateTime from, QObject *parent)
    : QObject(parent), m_client(client), m_gatewayId(std::move(gatewayId)), m_routeName(std::move(routeName)),
      m_from(from.toUTC()), m_poll(new QTimer(this))
{
    m_poll->setSingleShot(true);
    connect(m_poll, &QTimer::timeout, this, &BranchComparison::poll);
    // The names say what made them and when, so a person reading the dashboard knows them, and a create whose
    // answer was lost can be found again by name.
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    for (const auto &[key, cards] : LogReplay::cardsByModel(route)) {
        Branch b;
        b.key = key;
        const auto slash = key.find('/');
        b.provider = key.substr(0, slash);
        b.model = key.substr(slash + 1);
        b.cards = cards;
        b.datasetName = tr("Compare %1 · %2 · %3").arg(m_routeName, qs(key), stamp);
        m_branches.push_back(std::move(b));
    }
}

// Calls run with this object as their context: they stop with it. What was created stays on the account; the
// dialog offers the clean-up before it lets this go.
BranchComparison::~BranchComparison() = default;

QStringList BranchComparison::created() const
{
    QStringList out;
    for (const Branch &b : m_branches) {
        if (!b.evaluationId.isEmpty()) {
            out << tr("evaluation “%1”").arg(b.datasetName);
        }
        if (!b.datasetId.isEmpty()) {
            out << tr("dataset “%1”").arg(b.datasetName);
        }
    }
    return out;
}

int BranchComparison::createdCount() const
{
    return createdDatasets() + createdEvaluations();
}

int BranchComparison::createdDatasets() const
{
    return static_cast<int>(
        std::count_if(m_branches.begin(), m_branches.end(), [](const Branch &b) { return !b.datasetId.isEmpty(); }));
}

int BranchComparison::createdEvaluations() const
{
    return static_cast<int>(
        std::count_if(m_branches.begin(), m_branches.end(), [](const Branch &b) { return !b.evaluationId.isEmpty(); }));
}

void BranchComparison::setState(State state, const QString &message)
{
    m_state = state;
    m_message = message;
    emit stateChanged(state);
    emit changed();
}

void BranchComparison::fail(const QString &what, const ApiError &error)
{
    m_poll->stop();
    const int left = createdCount();
    QString message = tr("%1 failed: %2").arg(what, error.toString());
    if (left > 0) {
        message += QLatin1Char(' ') + tr("What was already created is listed below: clean it up or keep it.");
    }
    m_chainRunning = false;
    setState(State::Failed, message);
    if (m_cleanUpQueued) {
        m_cleanUpQueued = false;
        cleanUp();
    }
}

void BranchComparison::start()
{
    if (!m_client || m_state != State::Planned || m_branches.empty()) {
        return;
    }
    m_chainRunning = true;
    setState(State::Creating, tr("Reading the evaluation types…"));
    readTypes();
}

void BranchComparison::cancel()
{
    if (m_state != State::Creating && m_state != State::Waiting) {
        return;
    }
    m_poll->stop();
    if (m_state == State::Waiting) {
        // Only reads are on the wire while waiting: drop their answers.
        ++m_generation;
        m_pending = 0;
    }
    // While creating, the step on the wire is let finish (a create cancelled there may or may not have been
    // applied); the chain stops at the next step.
    setState(State::Cancelled, createdCount() > 0 ? tr("Stopped. What was created is listed below.") : tr("Stopped."));
}

void BranchComparison::readTypes()
{
    const int generation = m_generation;
    m_call = m_client->listEvaluationTypes(
        PageQuery{1, 50, {}, {}, {}}, this, [this, generation](const ApiResult<ListPage<EvaluationType>> &result) {
            if (generation != m_generation) {
                return;
            }
            m_call = nullptr;
            if (!result) {
                return fail(tr("Reading the evaluation types"), *result.error);
            }
            m_types.clear();
            for (const EvaluationType &t : result.value->items) {
                if (t.enable()) {
                    m_types.push_back(t);
                }
            }
            if (m_types.empty()) {
                setState(State::Failed, tr("The account has no evaluation type enabled: there is nothing to measure."));
                return;
            }
            if (m_state == State::Cancelled) {
                return stopped();
            }
            m_next = 0;
            createNext();
        });
}

void BranchComparison::stopped()
{
    m_chainRunning = false;
    emit changed();
    if (m_cleanUpQueued) {
        m_cleanUpQueued = false;
        cleanUp();
    }
}

void BranchComparison::createNext()
{
    if (m_state == State::Cancelled) {
        return stopped();
    }
    if (m_next >= m_branches.size()) {
        m_chainRunning = false;
        setState(State::Waiting, tr("Waiting for Cloudflare to run the evaluations…"));
        poll();
        return;
    }
    Branch &b = m_branches[m_next];
    setState(State::Creating, tr("Creating the dataset of %1…").arg(qs(b.key)));
    const std::size_t index = m_next;
    const int generation = m_generation;
    m_call = m_client->createDataset(
        m_gatewayId, b.datasetName, true, b.filters(m_from), this,
        [this, index, generation](const ApiResult<Dataset> &result) {
            if (generation != m_generation) {
                return;
            }
            m_call = nullptr;
            if (!result) {
                if (result.error->mayHaveBeenApplied) {
                    return findAfterLostAnswer(false, index, *result.error);
                }
                return fail(tr("Creating the dataset of %1").arg(qs(m_branches[index].key)), *result.error);
            }
            m_branches[index].datasetId = qs(result.value->id());
            emit changed();
            createEvaluation(index);
        });
}

void BranchComparison::createEvaluation(std::size_t index)
{
    if (m_state == State::Cancelled) {
        return stopped();
    }
    Branch &b = m_branches[index];
    setState(State::Creating, tr("Creating the evaluation of %1…").arg(qs(b.key)));
    QStringList typeIds;
    for (const EvaluationType &t : m_types) {
        typeIds << qs(t.id());
    }
    const int generation = m_generation;
    m_call = m_client->createEvaluation(
        m_gatewayId, b.datasetName, {b.datasetId}, typeIds, this,
        [this, index, generation](const ApiResult<Evaluation> &result) {
            if (generation != m_generation) {
                return;
            }
            m_call = nullptr;
            if (!result) {
                if (result.error->mayHaveBeenApplied) {
                    return findAfterLostAnswer(true, index, *result.error);
                }
                return fail(tr("Creating the evaluation of %1").arg(qs(m_branches[index].key)), *result.error);
            }
            m_branches[index].evaluationId = qs(result.value->id());
            m_branches[index].evaluation = *result.value;
            ++m_next;
            createNext();
        });
}

void BranchComparison::findAfterLostAnswer(bool evaluation, std::size_t index, const ApiError &error)
{
    const QString name = m_branches[index].datasetName;
    const QString what = evaluation ? tr("evaluation") : tr("dataset");
    setState(m_state, tr("The answer to creating the %1 “%2” was lost: looking for it on the server…").arg(what, name));
    const int generation = m_generation;
    const auto found = [this, index, generation, evaluation, what, name, error](const QString &id,
                                                                                const std::optional<ApiError> &lookup) {
        if (generation != m_generation) {
            return;
        }
        m_call = nullptr;
        if (lookup) {
            return fail(tr("Looking for the %1 “%2” after a lost answer").arg(what, name), *lookup);
        }
        if (id.isEmpty()) {
            // Not there: the create never reached the server, or it refused it. Nothing was made.
            return fail(tr("Creating the %1 “%2” (the server has no such %1: nothing was created)").arg(what, name),
                        error);
        }
        Branch &b = m_branches[index];
        (evaluation ? b.evaluationId : b.datasetId) = id;
        emit changed();
        if (evaluation) {
            ++m_next;
            createNext();
        } else {
            createEvaluation(index);
        }
    };
    PageQuery query{1, 50, name, QStringLiteral("created_at"), QStringLiteral("desc")};
    if (evaluation) {
        m_call = m_client->listEvaluations(m_gatewayId, query, this,
                                           [found, name](const ApiResult<ListPage<Evaluation>> &result) {
                                               QString id;
                                               if (result) {
                                                   for (const Evaluation &e : result.value->items) {
                                                       if (qs(e.name()) == name) {
                                                           id = qs(e.id());
                                                       }
                                                   }
                                               }
                                               found(id, result.error);
                                           });
    } else {
        m_call =
            m_client->listDatasets(m_gatewayId, query, this, [found, name](const ApiResult<ListPage<Dataset>> &result) {
                QString id;
                if (result) {
                    for (const Dataset &d : result.value->items) {
                        if (qs(d.name()) == name) {
                            id = qs(d.id());
                        }
                    }
                }
                found(id, result.error);
            });
    }
}

void BranchComparison::poll()
{
    if (m_state != State::Waiting || m_pending > 0) {
        return;
    }
    std::vector<std::size_t> waiting;
    for (std::size_t i = 0; i < m_branches.size(); ++i) {
        if (!m_branches[i].evaluation || !m_branches[i].evaluation->processed()) {
            waiting.push_back(i);
        }
    }
    if (waiting.empty()) {
        setState(State::Done, tr("Cloudflare has run every evaluation."));
        return;
    }
    // One read per evaluation still running, all at once; the next round two seconds after the last answer.
    const int generation = m_generation;
    m_pending = static_cast<int>(waiting.size());
    for (std::size_t index : waiting) {
        m_client->getEvaluation(m_gatewayId, m_branches[index].evaluationId, this,
                                [this, index, generation](const ApiResult<Evaluation> &result) {
                                    if (generation != m_generation) {
                                        return;
                                    }
                                    --m_pending;
                                    if (!result) {
                                        ++m_generation; // the other answers of this round no longer count
                                        m_pending = 0;
                                        return fail(tr("Reading the evaluation of %1").arg(qs(m_branches[index].key)),
                                                    *result.error);
                                    }
                                    m_branches[index].evaluation = *result.value;
                                    emit changed();
                                    if (m_pending == 0) {
                                        bool all = true;
                                        for (const Branch &b : m_branches) {
                                            all = all && b.evaluation && b.evaluation->processed();
                                        }
                                        if (all) {
                                            setState(State::Done, tr("Cloudflare has run every evaluation."));
                                        } else {
                                            m_poll->start(kPollMs);
                                        }
                                    }
                                });
    }
}

void BranchComparison::cleanUp()
{
    if (m_state == State::CleaningUp) {
        return;
    }
    if (m_chainRunning) {
        // A create still under way: what it made must be known before deleting, or it would be left behind.
        m_cleanUpQueued = true;
        return;
    }
    m_poll->stop();
    ++m_generation;
    m_pending = 0;
    setState(State::CleaningUp, tr("Deleting what the comparison created…"));
    deleteNext();
}

void BranchComparison::deleteNext()
{
    // Evaluations first: they refer to the datasets.
    for (std::size_t i = 0; i < m_branches.size(); ++i) {
        Branch &b = m_branches[i];
        if (b.evaluationId.isEmpty()) {
            continue;
        }
        const int generation = m_generation;
        m_call = m_client->deleteEvaluation(
            m_gatewayId, b.evaluationId, this, [this, i, generation](const ApiResult<Evaluation> &result) {
                if (generation != m_generation) {
                    return;
                }
                m_call = nullptr;
                if (!result && !result.error->isNotFound()) {
                    return fail(tr("Deleting the evaluation of %1").arg(qs(m_branches[i].key)), *result.error);
                }
                m_branches[i].evaluationId.clear();
                emit changed();
                deleteNext();
            });
        return;
    }
    for (std::size_t i = 0; i < m_branches.size(); ++i) {
        Branch &b = m_branches[i];
        if (b.datasetId.isEmpty()) {
            continue;
        }
        const int generation = m_generation;
        m_call = m_client->deleteDataset(
            m_gatewayId, b.datasetId, this, [this, i, generation](const ApiResult<Dataset> &result) {
                if (generation != m_generation) {
                    return;
                }
                m_call = nullptr;
                if (!result && !result.error->isNotFound()) {
                    return fail(tr("Deleting the dataset of %1").arg(qs(m_branches[i].key)), *result.error);
                }
                m_branches[i].datasetId.clear();
                emit changed();
                deleteNext();
            });
        return;
    }
    setState(State::CleanedUp, tr("Deleted every dataset and evaluation the comparison created."));
}

} // namespace rd
