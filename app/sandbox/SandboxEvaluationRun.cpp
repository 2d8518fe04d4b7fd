#include "app/sandbox/SandboxEvaluationRun.h"

#include "app/sandbox/SandboxDatasetApi.h"
#include "app/sandbox/SandboxEvaluationTypes.h"
#include "app/sandbox/SandboxIds.h"
#include "app/sandbox/SandboxLogQuery.h"

#include <QStringList>
#include <QVariantList>

namespace rd {

namespace {

QString number(double value)
{
    return QString::number(value, 'g', 12);
}

// What each evaluator reports. Cloudflare does not document the text of `result`; these are our assumptions:
// cost is the average cost of the logs in USD, speed their average duration in milliseconds, performance the
// share of positive feedback (1) among the logs rated 1 or -1, from 0 to 1 ("0.75"). With nothing to measure
// `result` is empty and the status says so.
Json resultFor(const SandboxEvaluationTypes::Type &type, const SandboxLogRows::Totals &totals)
{
    QString result;
    QString description;
    int status = SandboxEvaluationRun::kDone;
    switch (type.kind) {
    case SandboxEvaluationTypes::Kind::Cost:
        result = number(totals.averageCost);
        description = QStringLiteral("Average cost in USD of %1 logs").arg(totals.logs);
        break;
    case SandboxEvaluationTypes::Kind::Speed:
        result = number(totals.averageDuration);
        description = QStringLiteral("Average duration in ms of %1 logs").arg(totals.logs);
        break;
    case SandboxEvaluationTypes::Kind::Performance:
        if (totals.rated > 0) {
            result = number(static_cast<double>(totals.positive) / static_cast<double>(totals.rated));
            description = QStringLiteral("%1 of %2 rated logs are positive").arg(totals.positive).arg(totals.rated);
        } else {
            status = SandboxEvaluationRun::kNothingToMeasure;
            description = QStringLiteral("None of the %1 logs has feedback").arg(totals.logs);
        }
        break;
    }
    if (totals.logs == 0) {
        result.clear();
        status = SandboxEvaluationRun::kNothingToMeasure;
        description = QStringLiteral("No log matches the datasets");
    }
    return Json{{"result", result.toStdString()},
                {"status", status},
                {"status_description", description.toStdString()},
                {"total_logs", totals.logs}};
}

} // namespace

std::optional<Json> SandboxEvaluationRun::run(SandboxStore &store, const QString &account, const QString &gateway,
                                              Json evaluation, const QString &now)
{
    // A log belongs to the evaluation when it is in any of its datasets: the datasets' conditions ORed.
    QStringList conditions;
    QVariantList bindings;
    for (const Json &dataset : evaluation.value("datasets", Json::array())) {
        QString error;
        const auto query = SandboxLogQuery::fromFilters(
            SandboxDatasetApi::logFilters(dataset.value("filters", Json::array())), &error);
        if (!query) {
            continue; // checked when the dataset was written; one that no longer reads holds no logs
        }
        conditions << QLatin1Char('(') + query->whereClause() + QLatin1Char(')');
        bindings << query->bindings();
    }
    const QString where = conditions.isEmpty() ? QStringLiteral("0") : conditions.join(QStringLiteral(" OR "));
    const auto totals = store.logs().totals(account, gateway, where, bindings);
    if (!totals) {
        return std::nullopt;
    }

    // Seed 001's result model: id, created_at, evaluation_id, evaluation_type_id, modified_at, result, status,
    // status_description, total_logs.
    Json results = Json::array();
    for (const Json &typeId : evaluation.value("evaluation_type_ids", Json::array())) {
        const auto *type = SandboxEvaluationTypes::find(QString::fromStdString(typeId.get<std::string>()));
        if (!type) {
            continue;
        }
        Json result = resultFor(*type, *totals);
        result["id"] = SandboxIds::uuid().toStdString();
        result["created_at"] = now.toStdString();
        result["evaluation_id"] = evaluation.value("id", std::string());
        result["evaluation_type_id"] = type->id;
        result["modified_at"] = now.toStdString();
        results.push_back(std::move(result));
    }
    evaluation["results"] = std::move(results);
    evaluation["total_logs"] = totals->logs;
    evaluation["processed"] = true;
    evaluation["modified_at"] = now.toStdString();
    return evaluation;
}

} // namespace rd
