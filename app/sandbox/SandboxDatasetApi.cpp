#include "app/sandbox/SandboxDatasetApi.h"

#include "app/sandbox/SandboxBody.h"
#include "app/sandbox/SandboxIds.h"
#include "app/sandbox/SandboxListParams.h"
#include "app/sandbox/SandboxReply.h"
#include "app/sandbox/SandboxTime.h"

namespace rd {

namespace {

const SandboxListParams::Rules kListRules{20, 50, {QStringLiteral("created_at"), QStringLiteral("name")}};

// Seed 001's dataset filter: fewer keys and operators than the log list takes.
const QStringList kKeys{QStringLiteral("created_at"),
                        QStringLiteral("request_content_type"),
                        QStringLiteral("response_content_type"),
                        QStringLiteral("success"),
                        QStringLiteral("cached"),
                        QStringLiteral("provider"),
                        QStringLiteral("model"),
                        QStringLiteral("cost"),
                        QStringLiteral("tokens"),
                        QStringLiteral("tokens_in"),
                        QStringLiteral("tokens_out"),
                        QStringLiteral("duration"),
                        QStringLiteral("feedback")};
const QStringList kOperators{QStringLiteral("eq"), QStringLiteral("contains"), QStringLiteral("lt"),
                             QStringLiteral("gt")};

SandboxResponse notFound(const QString &gateway, const QString &id)
{
    return SandboxReply::notFound(QStringLiteral("Dataset %1 not found in gateway %2")
                                      .arg(SandboxReply::quoted(id), SandboxReply::quoted(gateway)));
}

QString valueText(const Json &value)
{
    if (value.is_string()) {
        return QString::fromStdString(value.get<std::string>());
    }
    return QString::fromStdString(value.dump()); // true, false, 12, 0.5
}

// `filters[i]` checked against seed 001's model; false with `error` saying which filter and why.
bool checkFilter(const Json &filter, std::size_t i, Json &out, SandboxResponse &error)
{
    const QString where = QStringLiteral("`filters[%1]`").arg(i);
    if (!filter.is_object()) {
        error = SandboxReply::badRequest(QStringLiteral("%1 must be an object {key, operator, value}, got %2.")
                                             .arg(where, SandboxBody::kindOf(filter)));
        return false;
    }
    auto key = filter.find("key");
    auto op = filter.find("operator");
    auto value = filter.find("value");
    if (key == filter.end() || !key->is_string() || !kKeys.contains(QString::fromStdString(key->get<std::string>()))) {
        error = SandboxReply::badRequest(
            QStringLiteral("%1.key must be one of %2, got %3.")
                .arg(where, kKeys.join(QStringLiteral(", ")),
                     key == filter.end() ? QStringLiteral("nothing") : QString::fromStdString(key->dump()).left(60)));
        return false;
    }
    if (op == filter.end() || !op->is_string() ||
        !kOperators.contains(QString::fromStdString(op->get<std::string>()))) {
        error =
            SandboxReply::badRequest(QStringLiteral("%1.operator must be one of eq, contains, lt, gt, got %2.")
                                         .arg(where, op == filter.end() ? QStringLiteral("nothing")
                                                                        : QString::fromStdString(op->dump()).left(40)));
        return false;
    }
    if (value == filter.end() || !value->is_array() || value->empty()) {
        error = SandboxReply::badRequest(QStringLiteral("%1.value must be a non-empty array.").arg(where));
        return false;
    }
    for (const Json &v : *value) {
        if (!v.is_string() && !v.is_number() && !v.is_boolean()) {
            error =
                SandboxReply::badRequest(QStringLiteral("%1.value holds %2; values are strings, numbers or booleans.")
                                             .arg(where, SandboxBody::kindOf(v)));
            return false;
        }
    }
    out = Json{{"key", *key}, {"operator", *op}, {"value", *value}};
    return true;
}

} // namespace

QList<SandboxLogQuery::Filter> SandboxDatasetApi::logFilters(const Json &filters)
{
    QList<SandboxLogQuery::Filter> out;
    if (!filters.is_array()) {
        return out;
    }
    for (const Json &filter : filters) {
        SandboxLogQuery::Filter f;
        f.key = QString::fromStdString(filter.value("key", std::string()));
        f.op = QString::fromStdString(filter.value("operator", std::string()));
        if (auto it = filter.find("value"); it != filter.end() && it->is_array()) {
            for (const Json &v : *it) {
                f.values << valueText(v);
            }
        }
        out << f;
    }
    return out;
}

std::optional<Json> SandboxDatasetApi::readFilters(const Json &body, SandboxResponse &error)
{
    auto it = body.find("filters");
    if (it == body.end() || it->is_null()) {
        error = SandboxReply::badRequest(QStringLiteral("`filters` is required (an array, empty for every log)."));
        return std::nullopt;
    }
    if (!it->is_array()) {
        error = SandboxReply::badRequest(
            QStringLiteral("`filters` must be an array, got %1.").arg(SandboxBody::kindOf(*it)));
        return std::nullopt;
    }
    Json filters = Json::array();
    for (std::size_t i = 0; i < it->size(); ++i) {
        Json filter;
        if (!checkFilter((*it)[i], i, filter, error)) {
            return std::nullopt;
        }
        filters.push_back(std::move(filter));
    }
    // The values must make sense for their key too (a number for cost, true/false for success, no `contains`
    // on a number): the log query that evaluations run is the judge, so a dataset never fails later.
    QString message;
    if (!SandboxLogQuery::fromFilters(logFilters(filters), &message)) {
        error = SandboxReply::badRequest(QStringLiteral("`filters`: %1").arg(message));
        return std::nullopt;
    }
    return filters;
}

bool SandboxDatasetApi::readBody(const SandboxRequest &request, Json &dataset, SandboxResponse &error)
{
    const auto body = SandboxBody::readObject(request, error);
    if (!body) {
        return false;
    }
    QString name;
    bool enable = false;
    if (!SandboxBody::requireString(*body, "name", name, error) ||
        !SandboxBody::requireBool(*body, "enable", enable, error)) {
        return false;
    }
    if (name.trimmed().isEmpty()) {
        error = SandboxReply::badRequest(QStringLiteral("`name` must not be empty."));
        return false;
    }
    auto filters = readFilters(*body, error);
    if (!filters) {
        return false;
    }
    dataset["name"] = name.toStdString();
    dataset["enable"] = enable;
    dataset["filters"] = std::move(*filters);
    return true;
}

SandboxResponse SandboxDatasetApi::list(const SandboxRequest &request, const QString &account, const QString &gateway)
{
    QString message;
    const auto params = SandboxListParams::parse(request, kListRules, &message);
    if (!params) {
        return SandboxReply::badRequest(message);
    }
    SandboxDatasetRows::Filter filter;
    filter.name = request.queryValue(QStringLiteral("name"));
    if (auto enable = request.queryValue(QStringLiteral("enable"))) {
        if (*enable != QLatin1String("true") && *enable != QLatin1String("false")) {
            return SandboxReply::badRequest(QStringLiteral("`enable` must be true or false."));
        }
        filter.enable = *enable == QLatin1String("true");
    }
    filter.search = request.queryValue(QStringLiteral("search")).value_or(QString()).trimmed();
    const auto page = m_store.datasets().list(account, gateway, filter,
                                              {params->offset(), params->perPage, params->orderBy, params->descending});
    if (!page) {
        return SandboxReply::internalError();
    }
    Json items = Json::array();
    for (const Json &dataset : page->items) {
        items.push_back(dataset);
    }
    return SandboxReply::resultPage(std::move(items),
                                    params->pageInfo(static_cast<std::int64_t>(page->items.size()), page->total));
}

SandboxResponse SandboxDatasetApi::create(const SandboxRequest &request, const QString &account, const QString &gateway)
{
    // Seed 001's key order: id, created_at, enable, filters, gateway_id, modified_at, name.
    const QString now = SandboxTime::now();
    Json dataset = Json::object();
    dataset["id"] = SandboxIds::uuid().toStdString();
    dataset["created_at"] = now.toStdString();
    SandboxResponse error;
    if (!readBody(request, dataset, error)) {
        return error;
    }
    dataset["gateway_id"] = gateway.toStdString();
    dataset["modified_at"] = now.toStdString();
    if (!m_store.datasets().insert(account, gateway, dataset)) {
        return SandboxReply::internalError();
    }
    return SandboxReply::result(std::move(dataset));
}

SandboxResponse SandboxDatasetApi::get(const QString &account, const QString &gateway, const QString &id)
{
    const auto dataset = m_store.datasets().find(account, gateway, id);
    if (!dataset) {
        return SandboxReply::internalError();
    }
    return dataset->is_null() ? notFound(gateway, id) : SandboxReply::result(*dataset);
}

SandboxResponse SandboxDatasetApi::update(const SandboxRequest &request, const QString &account, const QString &gateway,
                                          const QString &id)
{
    auto dataset = m_store.datasets().find(account, gateway, id);
    if (!dataset) {
        return SandboxReply::internalError();
    }
    if (dataset->is_null()) {
        return notFound(gateway, id);
    }
    SandboxResponse error;
    if (!readBody(request, *dataset, error)) {
        return error;
    }
    (*dataset)["modified_at"] = SandboxTime::now().toStdString();
    if (!m_store.datasets().update(account, gateway, *dataset)) {
        return SandboxReply::internalError();
    }
    return SandboxReply::result(std::move(*dataset));
}

SandboxResponse SandboxDatasetApi::remove(const QString &account, const QString &gateway, const QString &id)
{
    const auto dataset = m_store.datasets().find(account, gateway, id);
    if (!dataset) {
        return SandboxReply::internalError();
    }
    if (dataset->is_null()) {
        return notFound(gateway, id);
    }
    // Evaluations keep their own copy of the datasets they ran over, so they stay readable.
    if (!m_store.datasets().remove(account, gateway, id)) {
        return SandboxReply::internalError();
    }
    return SandboxReply::result(*dataset);
}

} // namespace rd
