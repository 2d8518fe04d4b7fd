#include "app/sandbox/SandboxRouter.h"

#include "app/sandbox/FaultSpecCodec.h"
#include "app/sandbox/SandboxBody.h"
#include "app/sandbox/SandboxDemoData.h"
#include "app/sandbox/SandboxReply.h"
#include "model/JsonText.h"

#include <QDateTime>
#include <QLoggingCategory>

namespace rd {

namespace {

Q_LOGGING_CATEGORY(lcRouter, "rd.sandbox.router")

// Compares in time independent of where the first difference is, so response timing says nothing about
// how much of a guessed token was right.
bool sameSecret(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size()) {
        return false;
    }
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    }
    return diff == 0;
}

SandboxResponse methodNotAllowed(const SandboxRequest &request, const QStringList &allowed)
{
    QString choices = allowed.join(QStringLiteral(", "));
    if (allowed.size() > 1) {
        choices =
            allowed.mid(0, allowed.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" or ") + allowed.last();
    }
    SandboxResponse response = SandboxReply::error(
        405, SandboxReply::kMethod,
        QStringLiteral("Method %1 is not allowed on this path; use %2").arg(request.method.left(16), choices));
    response.headers.append({QByteArrayLiteral("Allow"), allowed.join(QStringLiteral(", ")).toLatin1()});
    return response;
}

// `rest` is the path after /accounts/{account}/ai-gateway.
bool isKnownPath(const QStringList &rest)
{
    const qsizetype n = rest.size();
    if (rest.value(0) != QLatin1String("gateways")) {
        return false;
    }
    if (n <= 2) {
        return true;
    }
    const QString &kind = rest[2];
    if (kind == QLatin1String("routes")) {
        if (n <= 4) {
            return true;
        }
        if (rest[4] == QLatin1String("versions")) {
            return n <= 6;
        }
        return rest[4] == QLatin1String("deployments") && n == 5;
    }
    if (kind == QLatin1String("logs")) {
        return n <= 4 || (n == 5 && (rest[4] == QLatin1String("request") || rest[4] == QLatin1String("response")));
    }
    return kind == QLatin1String("provider_configs") && n == 3;
}

// For a known path.
QStringList allowedMethods(const QStringList &rest)
{
    const qsizetype n = rest.size();
    const QString kind = rest.value(2);
    if (n == 1) {
        return {QStringLiteral("GET"), QStringLiteral("POST")};
    }
    if (n == 2) {
        return {QStringLiteral("GET"), QStringLiteral("PUT"), QStringLiteral("DELETE")};
    }
    if (kind == QLatin1String("routes")) {
        switch (n) {
        case 3:
        case 5:
            return {QStringLiteral("GET"), QStringLiteral("POST")};
        case 4:
            return {QStringLiteral("GET"), QStringLiteral("PATCH"), QStringLiteral("DELETE")};
        default:
            return {QStringLiteral("GET")};
        }
    }
    if (kind == QLatin1String("logs")) {
        switch (n) {
        case 3:
            return {QStringLiteral("GET"), QStringLiteral("DELETE")};
        case 4:
            return {QStringLiteral("GET"), QStringLiteral("PATCH")};
        default:
            return {QStringLiteral("GET")};
        }
    }
    return {QStringLiteral("GET"), QStringLiteral("POST")};
}

bool is(const SandboxRequest &request, const char *method)
{
    return request.method == QLatin1String(method);
}

} // namespace

SandboxRouter::SandboxRouter(SandboxStore &store, FaultInjector &faults, QByteArray token, bool seedDemo)
    : m_store(store), m_faults(faults), m_token(std::move(token)), m_seedDemo(seedDemo), m_gateways(store),
      m_routes(store), m_logs(store), m_providerConfigs(store)
{}

SandboxResponse SandboxRouter::noRoute()
{
    return SandboxReply::error(404, SandboxReply::kNoRoute, QStringLiteral("No route for that URI"));
}

std::optional<SandboxResponse> SandboxRouter::checkCredentials(const SandboxRequest &request) const
{
    const QByteArray authorization = request.header("authorization").trimmed();
    const QByteArray email = request.header("x-auth-email").trimmed();
    const QByteArray key = request.header("x-auth-key").trimmed();
    if (authorization.isEmpty() && (email.isEmpty() || key.isEmpty())) {
        return SandboxReply::error(401, SandboxReply::kAuth, QStringLiteral("Authentication error"));
    }
    if (!authorization.isEmpty()) {
        const qsizetype space = authorization.indexOf(' ');
        if (space > 0 && authorization.left(space).compare("Bearer", Qt::CaseInsensitive) == 0 &&
            sameSecret(authorization.mid(space + 1).trimmed(), m_token)) {
            return std::nullopt;
        }
    }
    if (!email.isEmpty() && sameSecret(key, m_token)) {
        return std::nullopt;
    }
    return SandboxReply::error(403, SandboxReply::kAuth, QStringLiteral("Authentication error"));
}

SandboxResponse SandboxRouter::handle(const SandboxRequest &request)
{
    if (request.body.size() > SandboxBody::kMaxBytes) {
        return SandboxReply::error(413, SandboxReply::kTooLarge,
                                   QStringLiteral("The request body is %1 bytes; the limit is %2 bytes.")
                                       .arg(request.body.size())
                                       .arg(SandboxBody::kMaxBytes));
    }
    if (auto denied = checkCredentials(request)) {
        return *denied;
    }
    // /client/v4/accounts/{account}/ai-gateway/...
    const QStringList &s = request.segments;
    if (s.size() < 6 || s[2] != QLatin1String("accounts") || s[4] != QLatin1String("ai-gateway")) {
        return noRoute();
    }
    const QString account = s[3];
    return dispatch(request, account, s.mid(5));
}

SandboxResponse SandboxRouter::dispatch(const SandboxRequest &request, const QString &account, const QStringList &rest)
{
    // Knowing the endpoint and method before touching the database means a typo never seeds an account.
    if (!isKnownPath(rest)) {
        return noRoute();
    }
    const QStringList allowed = allowedMethods(rest);
    if (!allowed.contains(request.method)) {
        return methodNotAllowed(request, allowed);
    }

    if (!m_knownAccounts.contains(account)) {
        // Registered and seeded in one transaction, so a failed seed is retried on the next request.
        if (!m_store.transaction()) {
            return SandboxReply::internalError();
        }
        const auto isNew = m_store.registerAccount(account);
        const bool seeded = isNew && (!*isNew || !m_seedDemo ||
                                      SandboxDemoData::seed(m_store, account, QDateTime::currentDateTimeUtc()));
        if (!seeded || !m_store.commit()) {
            m_store.rollback();
            qCWarning(lcRouter) << "registering or seeding an account failed";
            return SandboxReply::internalError();
        }
        m_knownAccounts.insert(account);
    }

    const qsizetype n = rest.size();
    if (n == 1) {
        if (is(request, "GET")) {
            return m_gateways.list(request, account);
        }
        return m_gateways.create(request, account);
    }
    const QString &gateway = rest[1];
    if (n == 2) {
        if (is(request, "GET")) {
            return m_gateways.get(account, gateway);
        }
        if (is(request, "PUT")) {
            return m_gateways.update(request, account, gateway);
        }
        return m_gateways.remove(account, gateway);
    }
    return dispatchGatewayChild(request, account, gateway, rest);
}

SandboxResponse SandboxRouter::dispatchGatewayChild(const SandboxRequest &request, const QString &account,
                                                    const QString &gateway, const QStringList &rest)
{
    const qsizetype n = rest.size();
    const QString &kind = rest[2];

    const auto gatewayJson = m_store.gateway(account, gateway);
    if (!gatewayJson) {
        return SandboxReply::internalError();
    }
    if (gatewayJson->is_null()) {
        return SandboxReply::notFound(QStringLiteral("Gateway %1 not found").arg(SandboxReply::quoted(gateway)));
    }

    if (kind == QLatin1String("routes")) {
        if (n == 3) {
            return is(request, "GET") ? m_routes.list(request, account, gateway)
                                      : m_routes.create(request, account, gateway);
        }
        const QString &route = rest[3];
        if (n == 4) {
            if (is(request, "GET")) {
                return m_routes.get(account, gateway, route);
            }
            return is(request, "PATCH") ? m_routes.rename(request, account, gateway, route)
                                        : m_routes.remove(account, gateway, route);
        }
        if (rest[4] == QLatin1String("deployments")) {
            return is(request, "GET") ? m_routes.listDeployments(request, account, gateway, route)
                                      : m_routes.createDeployment(request, account, gateway, route);
        }
        if (n == 5) {
            return is(request, "GET") ? m_routes.listVersions(request, account, gateway, route)
                                      : m_routes.createVersion(request, account, gateway, route);
        }
        return m_routes.getVersion(account, gateway, route, rest[5]);
    }
    if (kind == QLatin1String("logs")) {
        if (n == 3) {
            return is(request, "GET") ? m_logs.list(request, account, gateway)
                                      : m_logs.remove(request, account, gateway);
        }
        if (n == 4) {
            return is(request, "GET") ? m_logs.get(account, gateway, rest[3])
                                      : m_logs.edit(request, account, gateway, rest[3]);
        }
        return m_logs.body(account, gateway, rest[3], rest[4]);
    }
    return is(request, "GET") ? m_providerConfigs.list(request, account, gateway)
                              : m_providerConfigs.create(request, account, gateway);
}

SandboxResponse SandboxRouter::handleControl(const SandboxRequest &request)
{
    if (request.segments != QStringList{QStringLiteral("__sandbox"), QStringLiteral("faults")}) {
        return noRoute();
    }
    if (auto denied = checkCredentials(request)) {
        return *denied;
    }
    auto pendingJson = [this] {
        Json list = Json::array();
        for (const FaultSpec &fault : m_faults.pending()) {
            list.push_back(FaultSpecCodec::toJson(fault));
        }
        return list;
    };
    if (is(request, "GET")) {
        return SandboxReply::result(pendingJson());
    }
    if (is(request, "DELETE")) {
        m_faults.clear();
        return SandboxReply::result(pendingJson());
    }
    if (!is(request, "POST")) {
        return methodNotAllowed(request, {QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("DELETE")});
    }
    // One spec, or an array of them to queue in order.
    auto parsed =
        JsonText::parse(std::string_view(request.body.constData(), static_cast<std::size_t>(request.body.size())));
    if (!parsed) {
        return SandboxReply::badRequest(QStringLiteral("The request body is not valid JSON: %1")
                                            .arg(QString::fromStdString(parsed.error->toString())));
    }
    const Json specs = parsed.value->is_array() ? *parsed.value : Json::array({*parsed.value});
    std::vector<FaultSpec> faults;
    for (const Json &json : specs) {
        QString message;
        auto fault = FaultSpecCodec::fromJson(json, &message);
        if (!fault) {
            return SandboxReply::badRequest(message);
        }
        faults.push_back(*fault);
    }
    for (const FaultSpec &fault : faults) {
        m_faults.add(fault);
    }
    return SandboxReply::result(pendingJson());
}

} // namespace rd
