#include "app/sandbox/SandboxRouteApi.h"

#include "app/sandbox/SandboxBody.h"
#include "app/sandbox/SandboxIds.h"
#include "app/sandbox/SandboxListParams.h"
#include "app/sandbox/SandboxReply.h"
#include "app/sandbox/SandboxTime.h"
#include "app/sandbox/SandboxTransaction.h"
#include "model/JsonText.h"
#include "model/Route.h"
#include "model/RouteCodec.h"
#include "model/Validator.h"

namespace rd {

namespace {

constexpr int kMaxNameLength = 128;

const SandboxListParams::Rules kRouteListRules{
    20, 50, {QStringLiteral("created_at"), QStringLiteral("modified_at"), QStringLiteral("name")}};
const SandboxListParams::Rules kHistoryRules{20, 50, {QStringLiteral("created_at")}};

Json parseElements(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    auto parsed = JsonText::parse(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    return parsed ? std::move(*parsed.value) : Json::array();
}

ApiMessage badInput(std::string message, const std::optional<std::size_t> &index = std::nullopt)
{
    ApiMessage m;
    m.code = SandboxReply::kBadInput;
    m.message = std::move(message);
    if (index) {
        m.source = Json{{"pointer", "/elements/" + std::to_string(*index)}};
    }
    return m;
}

SandboxSlice sliceOf(const SandboxListParams &params)
{
    return {params.offset(), params.perPage, params.orderBy, params.descending};
}

Json pagingData(const SandboxListParams &params)
{
    Json data = Json::object();
    data["order_by"] = params.orderBy.toStdString();
    data["order_by_direction"] = params.direction().toStdString();
    data["page"] = params.page;
    data["per_page"] = params.perPage;
    return data;
}

Json versionJson(const SandboxVersionRows::Row &version, const QString &activeVersionId)
{
    Json out = Json::object();
    out["active"] = version.id == activeVersionId ? "true" : "false";
    out["created_at"] = version.createdAt.toStdString();
    out["data"] = version.elements.toStdString();
    out["version_id"] = version.id.toStdString();
    return out;
}

Json deploymentJson(const SandboxDeploymentRows::Row &deployment)
{
    Json out = Json::object();
    out["created_at"] = deployment.createdAt.toStdString();
    out["deployment_id"] = deployment.id.toStdString();
    out["version_id"] = deployment.versionId.toStdString();
    return out;
}

} // namespace

std::vector<ApiMessage> SandboxRouteApi::checkElements(const Json &elements, Json &normalized)
{
    if (!elements.is_array()) {
        return {badInput("`elements` must be an array of route elements, got " +
                         SandboxBody::kindOf(elements).toStdString() + ".")};
    }
    // The codec would quietly translate a percentage `else` into a share; the live API rejects it outright.
    std::vector<ApiMessage> errors;
    for (std::size_t i = 0; i < elements.size(); ++i) {
        const Json &e = elements[i];
        if (!e.is_object() || e.value("type", Json()) != "percentage") {
            continue;
        }
        auto outputs = e.find("outputs");
        if (outputs != e.end() && outputs->is_object() && outputs->contains("else")) {
            const std::string id = e.value("id", Json()).is_string() ? e["id"].get<std::string>() : "?";
            errors.push_back(badInput("Percentage element '" + id +
                                          "' has an \"else\" output, which is not accepted; give every output an "
                                          "explicit share (like \"25%\") so that the shares total 100%.",
                                      i));
        }
    }
    if (!errors.empty()) {
        return errors;
    }
    auto decoded = RouteCodec::decodeElements(elements, "$.elements");
    if (!decoded) {
        return {badInput("Invalid elements: " + decoded.error->toString())};
    }
    // Warnings are the older docs' spellings, which the codec translates for files but the API refuses.
    for (const DecodeIssue &warning : decoded.warnings) {
        errors.push_back(badInput("Not accepted by the API (" + warning.path + "): " + warning.message));
    }
    if (!errors.empty()) {
        return errors;
    }
    const Route route(*decoded.value);
    for (const Finding &finding : Validator::validate(route)) {
        if (finding.severity != Severity::Error) {
            continue;
        }
        std::optional<std::size_t> index;
        if (!finding.elementId.empty()) {
            index = route.indexOf(finding.elementId);
        }
        errors.push_back(badInput(finding.message, index));
    }
    if (errors.empty()) {
        normalized = RouteCodec::encodeElements(*decoded.value);
    }
    return errors;
}

std::optional<QString> SandboxRouteApi::insertRoute(SandboxStore &store, const QString &account, const QString &gateway,
                                                    const QString &name, const Json &elements, const QString &time)
{
    const QString routeId = SandboxIds::uuid();
    if (!store.routes().insert({routeId, account, gateway, name, time, time})) {
        return std::nullopt;
    }
    const auto versionId = insertVersion(store, routeId, elements, time);
    if (!versionId || !deploy(store, routeId, *versionId, time)) {
        return std::nullopt;
    }
    return routeId;
}

std::optional<QString> SandboxRouteApi::insertVersion(SandboxStore &store, const QString &routeId, const Json &elements,
                                                      const QString &time)
{
    const QString versionId = SandboxIds::uuid();
    if (!store.versions().insert({versionId, routeId, QString::fromStdString(JsonText::compact(elements)), time})) {
        return std::nullopt;
    }
    return versionId;
}

bool SandboxRouteApi::deploy(SandboxStore &store, const QString &routeId, const QString &versionId, const QString &time)
{
    return store.deployments().insert({SandboxIds::uuid(), routeId, versionId, time});
}

SandboxResponse SandboxRouteApi::list(const SandboxRequest &request, const QString &account, const QString &gateway)
{
    QString message;
    const auto params = SandboxListParams::parse(request, kRouteListRules, &message);
    if (!params) {
        return SandboxReply::badRequest(message);
    }
    const auto page = m_store.routes().list(account, gateway, sliceOf(*params));
    if (!page) {
        return SandboxReply::internalError();
    }
    Json routes = Json::array();
    for (const SandboxRouteRows::Row &row : page->items) {
        auto json = routeJson(row, true);
        if (!json) {
            return SandboxReply::internalError();
        }
        routes.push_back(std::move(*json));
    }
    Json data = pagingData(*params);
    data["routes"] = std::move(routes);
    return SandboxReply::data(std::move(data));
}

SandboxResponse SandboxRouteApi::create(const SandboxRequest &request, const QString &account, const QString &gateway)
{
    SandboxResponse error;
    const auto body = SandboxBody::readObject(request, error);
    if (!body) {
        return error;
    }
    const auto name = checkName(*body, account, gateway, {}, error);
    if (!name) {
        return error;
    }
    auto elementsIt = body->find("elements");
    if (elementsIt == body->end() || elementsIt->is_null()) {
        return SandboxReply::badRequest(QStringLiteral("`elements` is required."));
    }
    Json elements;
    if (auto problems = checkElements(*elementsIt, elements); !problems.empty()) {
        return SandboxReply::errors(400, problems);
    }
    SandboxTransaction transaction(m_store);
    if (!transaction.isOpen()) {
        return SandboxReply::internalError();
    }
    const auto routeId = insertRoute(m_store, account, gateway, *name, elements, SandboxTime::now());
    if (!routeId || !transaction.commit()) {
        return SandboxReply::internalError();
    }
    const auto row = m_store.routes().find(account, gateway, *routeId);
    auto json = row ? routeJson(*row, false) : std::nullopt;
    return json ? SandboxReply::result(std::move(*json)) : SandboxReply::internalError();
}

SandboxResponse SandboxRouteApi::get(const QString &account, const QString &gateway, const QString &routeId)
{
    SandboxResponse error;
    const auto row = findRoute(account, gateway, routeId, error);
    if (!row) {
        return error;
    }
    auto json = routeJson(*row, false);
    return json ? SandboxReply::result(std::move(*json)) : SandboxReply::internalError();
}

SandboxResponse SandboxRouteApi::rename(const SandboxRequest &request, const QString &account, const QString &gateway,
                                        const QString &routeId)
{
    SandboxResponse error;
    auto row = findRoute(account, gateway, routeId, error);
    if (!row) {
        return error;
    }
    const auto body = SandboxBody::readObject(request, error);
    if (!body) {
        return error;
    }
    const auto name = checkName(*body, account, gateway, routeId, error);
    if (!name) {
        return error;
    }
    row->name = *name;
    row->modifiedAt = SandboxTime::now();
    if (!m_store.routes().rename(routeId, row->name, row->modifiedAt)) {
        return SandboxReply::internalError();
    }
    auto json = routeJson(*row, true);
    return json ? SandboxReply::route(std::move(*json)) : SandboxReply::internalError();
}

SandboxResponse SandboxRouteApi::remove(const QString &account, const QString &gateway, const QString &routeId)
{
    SandboxResponse error;
    const auto row = findRoute(account, gateway, routeId, error);
    if (!row) {
        return error;
    }
    const auto deployment = m_store.deployments().current(routeId);
    const auto version = deployment ? m_store.versions().find(routeId, deployment->versionId) : std::nullopt;
    if (!version || !m_store.routes().remove(routeId)) {
        return SandboxReply::internalError();
    }
    return SandboxReply::result(routeSummary(*row, parseElements(version->elements)));
}

SandboxResponse SandboxRouteApi::listVersions(const SandboxRequest &request, const QString &account,
                                              const QString &gateway, const QString &routeId)
{
    SandboxResponse error;
    const auto row = findRoute(account, gateway, routeId, error);
    if (!row) {
        return error;
    }
    QString message;
    const auto params = SandboxListParams::parse(request, kHistoryRules, &message);
    if (!params) {
        return SandboxReply::badRequest(message);
    }
    const auto deployment = m_store.deployments().current(routeId);
    const auto page = m_store.versions().list(routeId, sliceOf(*params));
    if (!deployment || !page) {
        return SandboxReply::internalError();
    }
    Json data = pagingData(*params);
    Json versions = Json::array();
    for (const SandboxVersionRows::Row &version : page->items) {
        versions.push_back(versionJson(version, deployment->versionId));
    }
    data["versions"] = std::move(versions);
    return SandboxReply::data(std::move(data));
}

SandboxResponse SandboxRouteApi::createVersion(const SandboxRequest &request, const QString &account,
                                               const QString &gateway, const QString &routeId)
{
    SandboxResponse error;
    auto row = findRoute(account, gateway, routeId, error);
    if (!row) {
        return error;
    }
    const auto body = SandboxBody::readObject(request, error);
    if (!body) {
        return error;
    }
    auto elementsIt = body->find("elements");
    if (elementsIt == body->end() || elementsIt->is_null()) {
        return SandboxReply::badRequest(QStringLiteral("`elements` is required."));
    }
    Json elements;
    if (auto problems = checkElements(*elementsIt, elements); !problems.empty()) {
        return SandboxReply::errors(400, problems);
    }
    row->modifiedAt = SandboxTime::now();
    SandboxTransaction transaction(m_store);
    if (!transaction.isOpen()) {
        return SandboxReply::internalError();
    }
    if (!insertVersion(m_store, routeId, elements, row->modifiedAt) ||
        !m_store.routes().touch(routeId, row->modifiedAt) || !transaction.commit()) {
        return SandboxReply::internalError();
    }
    return SandboxReply::result(routeSummary(*row, elements));
}

SandboxResponse SandboxRouteApi::getVersion(const QString &account, const QString &gateway, const QString &routeId,
                                            const QString &versionId)
{
    SandboxResponse error;
    const auto row = findRoute(account, gateway, routeId, error);
    if (!row) {
        return error;
    }
    const auto version = m_store.versions().find(routeId, versionId);
    const auto deployment = m_store.deployments().current(routeId);
    if (!version || !deployment) {
        return SandboxReply::internalError();
    }
    if (version->id.isEmpty()) {
        return SandboxReply::notFound(
            QStringLiteral("Version %1 not found in route %2").arg(SandboxReply::quoted(versionId), routeId));
    }
    Json out = Json::object();
    out["id"] = row->id.toStdString();
    out["active"] = version->id == deployment->versionId ? "true" : "false";
    out["created_at"] = version->createdAt.toStdString();
    out["data"] = version->elements.toStdString();
    out["elements"] = parseElements(version->elements);
    out["gateway_id"] = row->gatewayId.toStdString();
    out["modified_at"] = row->modifiedAt.toStdString();
    out["name"] = row->name.toStdString();
    out["version_id"] = version->id.toStdString();
    return SandboxReply::result(std::move(out));
}

SandboxResponse SandboxRouteApi::listDeployments(const SandboxRequest &request, const QString &account,
                                                 const QString &gateway, const QString &routeId)
{
    SandboxResponse error;
    const auto row = findRoute(account, gateway, routeId, error);
    if (!row) {
        return error;
    }
    QString message;
    const auto params = SandboxListParams::parse(request, kHistoryRules, &message);
    if (!params) {
        return SandboxReply::badRequest(message);
    }
    const auto page = m_store.deployments().list(routeId, sliceOf(*params));
    if (!page) {
        return SandboxReply::internalError();
    }
    Json deployments = Json::array();
    for (const SandboxDeploymentRows::Row &deployment : page->items) {
        deployments.push_back(deploymentJson(deployment));
    }
    Json data = Json::object();
    data["deployments"] = std::move(deployments);
    data.update(pagingData(*params));
    return SandboxReply::data(std::move(data));
}

SandboxResponse SandboxRouteApi::createDeployment(const SandboxRequest &request, const QString &account,
                                                  const QString &gateway, const QString &routeId)
{
    SandboxResponse error;
    auto row = findRoute(account, gateway, routeId, error);
    if (!row) {
        return error;
    }
    const auto body = SandboxBody::readObject(request, error);
    if (!body) {
        return error;
    }
    QString versionId;
    if (!SandboxBody::requireString(*body, "version_id", versionId, error)) {
        return error;
    }
    const auto version = m_store.versions().find(routeId, versionId);
    if (!version) {
        return SandboxReply::internalError();
    }
    if (version->id.isEmpty()) {
        return SandboxReply::notFound(
            QStringLiteral("Version %1 not found in route %2").arg(SandboxReply::quoted(versionId), routeId));
    }
    row->modifiedAt = SandboxTime::now();
    SandboxTransaction transaction(m_store);
    if (!transaction.isOpen()) {
        return SandboxReply::internalError();
    }
    if (!deploy(m_store, routeId, versionId, row->modifiedAt) || !m_store.routes().touch(routeId, row->modifiedAt) ||
        !transaction.commit()) {
        return SandboxReply::internalError();
    }
    return SandboxReply::result(routeSummary(*row, parseElements(version->elements)));
}

std::optional<Json> SandboxRouteApi::routeJson(const SandboxRouteRows::Row &route, bool withAccountTag)
{
    const auto deployment = m_store.deployments().current(route.id);
    if (!deployment) {
        return std::nullopt;
    }
    std::optional<SandboxVersionRows::Row> version;
    if (!deployment->id.isEmpty()) {
        version = m_store.versions().find(route.id, deployment->versionId);
    } else {
        // Not reachable through the API (a route is born deployed); kept readable should a file be edited.
        auto newest = m_store.versions().list(route.id, {0, 1, QStringLiteral("created_at"), true});
        version = newest ? (newest->items.empty() ? SandboxVersionRows::Row{} : newest->items.front())
                         : std::optional<SandboxVersionRows::Row>();
    }
    if (!version) {
        return std::nullopt;
    }
    Json out = Json::object();
    out["id"] = route.id.toStdString();
    if (withAccountTag) {
        out["account_tag"] = route.accountId.toStdString();
    }
    out["created_at"] = route.createdAt.toStdString();
    out["deployment"] = deploymentJson(*deployment);
    out["elements"] = parseElements(version->elements);
    out["gateway_id"] = route.gatewayId.toStdString();
    out["modified_at"] = route.modifiedAt.toStdString();
    out["name"] = route.name.toStdString();
    out["version"] = versionJson(*version, deployment->versionId);
    return out;
}

Json SandboxRouteApi::routeSummary(const SandboxRouteRows::Row &route, const Json &elements)
{
    Json out = Json::object();
    out["id"] = route.id.toStdString();
    out["created_at"] = route.createdAt.toStdString();
    out["elements"] = elements;
    out["gateway_id"] = route.gatewayId.toStdString();
    out["modified_at"] = route.modifiedAt.toStdString();
    out["name"] = route.name.toStdString();
    return out;
}

std::optional<SandboxRouteRows::Row> SandboxRouteApi::findRoute(const QString &account, const QString &gateway,
                                                                const QString &routeId, SandboxResponse &error)
{
    auto row = m_store.routes().find(account, gateway, routeId);
    if (!row) {
        error = SandboxReply::internalError();
        return std::nullopt;
    }
    if (row->id.isEmpty()) {
        error = SandboxReply::notFound(QStringLiteral("Route %1 not found in gateway %2")
                                           .arg(SandboxReply::quoted(routeId), SandboxReply::quoted(gateway)));
        return std::nullopt;
    }
    return row;
}

std::optional<QString> SandboxRouteApi::checkName(const Json &body, const QString &account, const QString &gateway,
                                                  const QString &exceptId, SandboxResponse &error)
{
    QString name;
    if (!SandboxBody::requireString(body, "name", name, error)) {
        return std::nullopt;
    }
    if (name.trimmed().isEmpty()) {
        error = SandboxReply::badRequest(QStringLiteral("`name` must not be empty."));
        return std::nullopt;
    }
    if (name.size() > kMaxNameLength) {
        error = SandboxReply::badRequest(QStringLiteral("`name` is %1 characters long; at most %2 are accepted.")
                                             .arg(name.size())
                                             .arg(kMaxNameLength));
        return std::nullopt;
    }
    // Clients call a route as `dynamic/<name>`, so two routes of a gateway cannot share one.
    const auto taken = m_store.routes().nameTaken(account, gateway, name, exceptId);
    if (!taken) {
        error = SandboxReply::internalError();
        return std::nullopt;
    }
    if (*taken) {
        error = SandboxReply::badRequest(QStringLiteral("A route named %1 already exists in gateway %2.")
                                             .arg(SandboxReply::quoted(name), SandboxReply::quoted(gateway)));
        return std::nullopt;
    }
    return name;
}

} // namespace rd
