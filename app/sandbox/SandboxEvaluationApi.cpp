#include "app/sandbox/SandboxEvaluationApi.h"

#include "app/sandbox/SandboxBody.h"
#include "app/sandbox/SandboxEvaluationRun.h"
#include "app/sandbox/SandboxEvaluationTypes.h"
#include "app/sandbox/SandboxIds.h"
#include "app/sandbox/SandboxListParams.h"
#include "app/sandbox/SandboxReply.h"
#include "app/sandbox/SandboxTime.h"
#include "app/sandbox/SandboxTransaction.h"

#include <QDateTime>

#include <algorithm>

namespace rd {

namespace {

const SandboxListParams::Rules kListRules{20, 50, {QStringLiteral("created_at"), QStringLiteral("name")}};
const SandboxListParams::Rules kTypeRules{
    20, 50, {QStringLiteral("created_at"), QStringLiteral("name"), QStringLiteral("type")}};

// Which evaluators to run is kept with the stored evaluation, but seed 001's answer has no such field.
constexpr const char *kTypeIds = "evaluation_type_ids";

Json answer(Json evaluation)
{
    evaluation.erase(kTypeIds);
    return evaluation;
}

SandboxResponse notFound(const QString &gateway, const QString &id)
{
    return SandboxReply::notFound(QStringLiteral("Evaluation %1 not found in gateway %2")
                                      .arg(SandboxReply::quoted(id), SandboxReply::quoted(gateway)));
}

// `body[key]`: a non-empty array of strings, duplicates dropped in order; false with `error` otherwise.
bool readIds(const Json &body, const char *key, QStringList &out, SandboxResponse &error)
{
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) {
        error = SandboxReply::badRequest(QStringLiteral("`%1` is required.").arg(QString::fromLatin1(key)));
        return false;
    }
    if (!it->is_array() || it->empty()) {
        error = SandboxReply::badRequest(
            QStringLiteral("`%1` must be a non-empty array of ids.").arg(QString::fromLatin1(key)));
        return false;
    }
    for (const Json &id : *it) {
        if (!id.is_string()) {
            error = SandboxReply::badRequest(QStringLiteral("`%1` holds %2; ids are strings.")
                                                 .arg(QString::fromLatin1(key), SandboxBody::kindOf(id)));
            return false;
        }
        const QString text = QString::fromStdString(id.get<std::string>());
        if (!out.contains(text)) {
            out << text;
        }
    }
    return true;
}

} // namespace

SandboxResponse SandboxEvaluationApi::listTypes(const SandboxRequest &request)
{
    QString message;
    const auto params = SandboxListParams::parse(request, kTypeRules, &message);
    if (!params) {
        return SandboxReply::badRequest(message);
    }
    std::vector<Json> types;
    for (const SandboxEvaluationTypes::Type &type : SandboxEvaluationTypes::all()) {
        types.push_back(SandboxEvaluationTypes::toJson(type));
    }
    // Stable, so that equal values (every created_at) keep the fixed order cost, speed, performance.
    const std::string key = params->orderBy.toStdString();
    if (key != "created_at") {
        std::stable_sort(types.begin(), types.end(), [&](const Json &a, const Json &b) {
            return params->descending ? a[key] > b[key] : a[key] < b[key];
        });
    }
    Json items = Json::array();
    const auto total = static_cast<std::int64_t>(types.size());
    for (std::int64_t i = params->offset(); i < total && i < params->offset() + params->perPage; ++i) {
        items.push_back(types[static_cast<std::size_t>(i)]);
    }
    const auto count = static_cast<std::int64_t>(items.size());
    return SandboxReply::resultPage(std::move(items), params->pageInfo(count, total));
}

bool SandboxEvaluationApi::settle(const QString &account, const QString &gateway)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto due =
        m_store.evaluations().unprocessed(account, gateway, SandboxTime::format(now.addMSecs(-m_delay.count())));
    if (!due) {
        return false;
    }
    if (due->empty()) {
        return true;
    }
    SandboxTransaction transaction(m_store);
    if (!transaction.isOpen()) {
        return false;
    }
    for (const Json &evaluation : *due) {
        const auto done = SandboxEvaluationRun::run(m_store, account, gateway, evaluation, SandboxTime::format(now));
        if (!done || !m_store.evaluations().update(account, gateway, *done)) {
            return false;
        }
    }
    return transaction.commit();
}

SandboxResponse SandboxEvaluationApi::list(const SandboxRequest &request, const QString &account,
                                           const QString &gateway)
{
    QString message;
    const auto params = SandboxListParams::parse(request, kListRules, &message);
    if (!params) {
        return SandboxReply::badRequest(message);
    }
    SandboxEvaluationRows::Filter filter;
    filter.name = request.queryValue(QStringLiteral("name"));
    if (auto processed = request.queryValue(QStringLiteral("processed"))) {
        if (*processed != QLatin1String("true") && *processed != QLatin1String("false")) {
            return SandboxReply::badRequest(QStringLiteral("`processed` must be true or false."));
        }
        filter.processed = *processed == QLatin1String("true");
    }
    filter.search = request.queryValue(QStringLiteral("search")).value_or(QString()).trimmed();
    if (!settle(account, gateway)) {
        return SandboxReply::internalError();
    }
    const auto page = m_store.evaluations().list(
        account, gateway, filter, {params->offset(), params->perPage, params->orderBy, params->descending});
    if (!page) {
        return SandboxReply::internalError();
    }
    Json items = Json::array();
    for (const Json &evaluation : page->items) {
        items.push_back(answer(evaluation));
    }
    return SandboxReply::resultPage(std::move(items),
                                    params->pageInfo(static_cast<std::int64_t>(page->items.size()), page->total));
}

SandboxResponse SandboxEvaluationApi::create(const SandboxRequest &request, const QString &account,
                                             const QString &gateway)
{
    SandboxResponse error;
    const auto body = SandboxBody::readObject(request, error);
    if (!body) {
        return error;
    }
    QString name;
    QStringList datasetIds;
    QStringList typeIds;
    if (!SandboxBody::requireString(*body, "name", name, error) || !readIds(*body, "dataset_ids", datasetIds, error) ||
        !readIds(*body, "evaluation_type_ids", typeIds, error)) {
        return error;
    }
    if (name.trimmed().isEmpty()) {
        return SandboxReply::badRequest(QStringLiteral("`name` must not be empty."));
    }
    Json types = Json::array();
    for (const QString &id : std::as_const(typeIds)) {
        if (!SandboxEvaluationTypes::find(id)) {
            return SandboxReply::badRequest(
                QStringLiteral("`evaluation_type_ids`: no evaluation type %1.").arg(SandboxReply::quoted(id.left(80))));
        }
        types.push_back(id.toStdString());
    }
    // The datasets as they are now, with the account fields of seed 001's evaluation model: what the evaluation
    // runs over, whatever later becomes of them.
    Json datasets = Json::array();
    for (const QString &id : std::as_const(datasetIds)) {
        auto dataset = m_store.datasets().find(account, gateway, id);
        if (!dataset) {
            return SandboxReply::internalError();
        }
        if (dataset->is_null()) {
            return SandboxReply::badRequest(QStringLiteral("`dataset_ids`: no dataset %1 in gateway %2.")
                                                .arg(SandboxReply::quoted(id.left(80)), SandboxReply::quoted(gateway)));
        }
        (*dataset)["account_id"] = account.toStdString();
        (*dataset)["account_tag"] = account.toStdString();
        datasets.push_back(std::move(*dataset));
    }

    const std::string now = SandboxTime::now().toStdString();
    Json evaluation{{"id", SandboxIds::uuid().toStdString()},
                    {"created_at", now},
                    {"datasets", std::move(datasets)},
                    {"gateway_id", gateway.toStdString()},
                    {"modified_at", now},
                    {"name", name.toStdString()},
                    {"processed", false},
                    {"results", Json::array()},
                    {"total_logs", 0},
                    {kTypeIds, std::move(types)}};
    if (!m_store.evaluations().insert(account, gateway, evaluation)) {
        return SandboxReply::internalError();
    }
    return SandboxReply::result(answer(std::move(evaluation)));
}

SandboxResponse SandboxEvaluationApi::get(const QString &account, const QString &gateway, const QString &id)
{
    if (!settle(account, gateway)) {
        return SandboxReply::internalError();
    }
    const auto evaluation = m_store.evaluations().find(account, gateway, id);
    if (!evaluation) {
        return SandboxReply::internalError();
    }
    return evaluation->is_null() ? notFound(gateway, id) : SandboxReply::result(answer(*evaluation));
}

SandboxResponse SandboxEvaluationApi::remove(const QString &account, const QString &gateway, const QString &id)
{
    if (!settle(account, gateway)) {
        return SandboxReply::internalError();
    }
    const auto evaluation = m_store.evaluations().find(account, gateway, id);
    if (!evaluation) {
        return SandboxReply::internalError();
    }
    if (evaluation->is_null()) {
        return notFound(gateway, id);
    }
    if (!m_store.evaluations().remove(account, gateway, id)) {
        return SandboxReply::internalError();
    }
    return SandboxReply::result(answer(*evaluation));
}

} // namespace rd
