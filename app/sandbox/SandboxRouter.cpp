#include "app/sandbox/SandboxRouter.h"

#include "app/sandbox/FaultSpecCodec.h"
#include "app/sandbox/SandboxBody.h"
#include "app/sandbox/SandboxDemoData.h"
#include "app/sandbox/SandboxReply.h"
#include "app/sandbox/SandboxTransaction.h"
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

bool isApiPath(const QString &path)
{
    return path == QLatin1String("/client/v4") || path.startsWith(QLatin1String("/client/v4/"));
}

// The gateway endpoint clients call: no API token there (a gateway may ask for its own, which the data plane
// checks), but the same limits on size and media type.
bool isDataPlanePath(const QString &path)
{
    return path.startsWith(QLatin1String("/v1/"));
}

bool isReadMethod(const QString &method)
{
    return method == QLatin1String("GET") || method == QLatin1String("HEAD");
}

bool hasBody(const SandboxRequest &request)
{
    return !request.body.isEmpty() || request.header("content-length").trimmed().toLongLong() > 0 ||
           !request.header("transfer-encoding").isEmpty();
}

// JSON, or nothing said: a body declared as anything else (a form, plain text) is a client bug that would
// otherwise be parsed as if it were JSON.
bool isJsonMediaType(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray type = (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
    return type.isEmpty() || type == "application/json" || type.endsWith("+json");
}

} // namespace

// Cloudflare account ids are 32 hex digits; the sandbox takes any short name made of letters, digits, '-'
// and '_' so that tests and people can use readable ones, and refuses the rest (control characters, bytes
// that are not UTF-8, slashes) rather than seeding an account under a name nobody can type again.
bool SandboxRouter::isValidAccountId(const QString &account)
{
    if (account.isEmpty() || account.size() > 64) {
        return false;
    }
    for (const QChar c : account) {
        const char16_t u = c.unicode();
        const bool ok =
            (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' || u == '_';
        if (!ok) {
            return false;
        }
    }
    return true;
}

SandboxRouter::SandboxRouter(SandboxStore &store, FaultInjector &faults, QByteArray token, bool seedDemo)
    : m_store(store), m_faults(faults), m_token(std::move(token)), m_seedDemo(seedDemo), m_gateways(store),
      m_routes(store), m_logs(store), m_providerConfigs(store), m_datasets(store), m_evaluations(store),
      m_dataPlane(store, m_token)
{
    addApiRoutes();
    addEvaluationRoutes();
    addControlRoutes();
    addDataPlaneRoutes();
}

void SandboxRouter::addDataPlaneRoutes()
{
    m_table.add(QStringLiteral("POST"), QStringLiteral("/v1/{account}/{gateway}/compat/chat/completions"),
                [this](const SandboxRequest &r, const SandboxPathMatch &m) {
                    return m_dataPlane.chatCompletions(r, m.value(u"account"), m.value(u"gateway"));
                });
}

void SandboxRouter::addApiRoutes()
{
    using Match = SandboxPathMatch;
    const QString base = QStringLiteral("/client/v4/accounts/{account}/ai-gateway/gateways");
    auto add = [this, &base](const char *method, const char *rest, SandboxRouteTable::Handler handler) {
        m_table.add(QString::fromLatin1(method), base + QString::fromLatin1(rest), std::move(handler));
    };
    auto account = [](const Match &m) {
        return m.value(u"account");
    };
    auto gateway = [](const Match &m) {
        return m.value(u"gateway");
    };
    auto route = [](const Match &m) {
        return m.value(u"route");
    };

    add("GET", "", [=, this](const SandboxRequest &r, const Match &m) { return m_gateways.list(r, account(m)); });
    add("POST", "", [=, this](const SandboxRequest &r, const Match &m) { return m_gateways.create(r, account(m)); });
    add("GET", "/{gateway}",
        [=, this](const SandboxRequest &, const Match &m) { return m_gateways.get(account(m), gateway(m)); });
    add("PUT", "/{gateway}",
        [=, this](const SandboxRequest &r, const Match &m) { return m_gateways.update(r, account(m), gateway(m)); });
    add("DELETE", "/{gateway}",
        [=, this](const SandboxRequest &, const Match &m) { return m_gateways.remove(account(m), gateway(m)); });

    add("GET", "/{gateway}/routes",
        inGateway([this](const SandboxRequest &r, const QString &a, const QString &g, const Match &) {
            return m_routes.list(r, a, g);
        }));
    add("POST", "/{gateway}/routes",
        inGateway([this](const SandboxRequest &r, const QString &a, const QString &g, const Match &) {
            return m_routes.create(r, a, g);
        }));
    add("GET", "/{gateway}/routes/{route}",
        inGateway([=, this](const SandboxRequest &, const QString &a, const QString &g, const Match &m) {
            return m_routes.get(a, g, route(m));
        }));
    add("PATCH", "/{gateway}/routes/{route}",
        inGateway([=, this](const SandboxRequest &r, const QString &a, const QString &g, const Match &m) {
            return m_routes.rename(r, a, g, route(m));
        }));
    add("DELETE", "/{gateway}/routes/{route}",
        inGateway([=, this](const SandboxRequest &, const QString &a, const QString &g, const Match &m) {
            return m_routes.remove(a, g, route(m));
        }));
    add("GET", "/{gateway}/routes/{route}/versions",
        inGateway([=, this](const SandboxRequest &r, const QString &a, const QString &g, const Match &m) {
            return m_routes.listVersions(r, a, g, route(m));
        }));
    add("POST", "/{gateway}/routes/{route}/versions",
        inGateway([=, this](const SandboxRequest &r, const QString &a, const QString &g, const Match &m) {
            return m_routes.createVersion(r, a, g, route(m));
        }));
    add("GET", "/{gateway}/routes/{route}/versions/{version}",
        inGateway([=, this](const SandboxRequest &, const QString &a, const QString &g, const Match &m) {
            return m_routes.getVersion(a, g, route(m), m.value(u"version"));
        }));
    add("GET", "/{gateway}/routes/{route}/deployments",
        inGateway([=, this](const SandboxRequest &r, const QString &a, const QString &g, const Match &m) {
            return m_routes.listDeployments(r, a, g, route(m));
        }));
    add("POST", "/{gateway}/routes/{route}/deployments",
        inGateway([=, this](const SandboxRequest &r, const QString &a, const QString &g, const Match &m) {
            return m_routes.createDeployment(r, a, g, route(m));
        }));

    add("GET", "/{gateway}/logs",
        inGateway([this](const SandboxRequest &r, const QString &a, const QString &g, const Match &) {
            return m_logs.list(r, a, g);
        }));
    add("DELETE", "/{gateway}/logs",
        inGateway([this](const SandboxRequest &r, const QString &a, const QString &g, const Match &) {
            return m_logs.remove(r, a, g);
        }));
    add("GET", "/{gateway}/logs/{log}",
        inGateway([this](const SandboxRequest &, const QString &a, const QString &g, const Match &m) {
            return m_logs.get(a, g, m.value(u"log"));
        }));
    add("PATCH", "/{gateway}/logs/{log}",
        inGateway([this](const SandboxRequest &r, const QString &a, const QString &g, const Match &m) {
            return m_logs.edit(r, a, g, m.value(u"log"));
        }));
    for (const char *part : {"request", "response"}) {
        add("GET", QByteArray("/{gateway}/logs/{log}/").append(part).constData(),
            inGateway([this, part](const SandboxRequest &, const QString &a, const QString &g, const Match &m) {
                return m_logs.body(a, g, m.value(u"log"), QString::fromLatin1(part));
            }));
    }

    // The gateway's endpoint for a provider, as Cloudflare's answers it but on this sandbox: from the Host the
    // client used, so that what it prints works when pasted.
    add("GET", "/{gateway}/url/{provider}",
        inGateway([this](const SandboxRequest &r, const QString &a, const QString &g, const Match &m) {
            QByteArray host = r.header("host").trimmed();
            if (host.isEmpty()) {
                host = "127.0.0.1";
            }
            return SandboxReply::result(QStringLiteral("http://%1/v1/%2/%3/%4")
                                            .arg(QString::fromLatin1(host), a, g, m.value(u"provider"))
                                            .toStdString());
        }));
    add("GET", "/{gateway}/provider_configs",
        inGateway([this](const SandboxRequest &r, const QString &a, const QString &g, const Match &) {
            return m_providerConfigs.list(r, a, g);
        }));
    add("POST", "/{gateway}/provider_configs",
        inGateway([this](const SandboxRequest &r, const QString &a, const QString &g, const Match &) {
            return m_providerConfigs.create(r, a, g);
        }));
}

void SandboxRouter::addEvaluationRoutes()
{
    using Match = SandboxPathMatch;
    const QString base = QStringLiteral("/client/v4/accounts/{account}/ai-gateway");
    auto add = [this, &base](const char *method, const char *rest, SandboxRouteTable::Handler handler) {
        m_table.add(QString::fromLatin1(method), base + QString::fromLatin1(rest), std::move(handler));
    };
    // Account-level: the same fixed evaluators in every account.
    add("GET", "/evaluation-types",
        [this](const SandboxRequest &r, const Match &) { return m_evaluations.listTypes(r); });

    add("GET", "/gateways/{gateway}/datasets",
        inGateway([this](const SandboxRequest &r, const QString &a, const QString &g, const Match &) {
            return m_datasets.list(r, a, g);
        }));
    add("POST", "/gateways/{gateway}/datasets",
        inGateway([this](const SandboxRequest &r, const QString &a, const QString &g, const Match &) {
            return m_datasets.create(r, a, g);
        }));
    add("GET", "/gateways/{gateway}/datasets/{dataset}",
        inGateway([this](const SandboxRequest &, const QString &a, const QString &g, const Match &m) {
            return m_datasets.get(a, g, m.value(u"dataset"));
        }));
    add("PUT", "/gateways/{gateway}/datasets/{dataset}",
        inGateway([this](const SandboxRequest &r, const QString &a, const QString &g, const Match &m) {
            return m_datasets.update(r, a, g, m.value(u"dataset"));
        }));
    add("DELETE", "/gateways/{gateway}/datasets/{dataset}",
        inGateway([this](const SandboxRequest &, const QString &a, const QString &g, const Match &m) {
            return m_datasets.remove(a, g, m.value(u"dataset"));
        }));

    add("GET", "/gateways/{gateway}/evaluations",
        inGateway([this](const SandboxRequest &r, const QString &a, const QString &g, const Match &) {
            return m_evaluations.list(r, a, g);
        }));
    add("POST", "/gateways/{gateway}/evaluations",
        inGateway([this](const SandboxRequest &r, const QString &a, const QString &g, const Match &) {
            return m_evaluations.create(r, a, g);
        }));
    add("GET", "/gateways/{gateway}/evaluations/{evaluation}",
        inGateway([this](const SandboxRequest &, const QString &a, const QString &g, const Match &m) {
            return m_evaluations.get(a, g, m.value(u"evaluation"));
        }));
    add("DELETE", "/gateways/{gateway}/evaluations/{evaluation}",
        inGateway([this](const SandboxRequest &, const QString &a, const QString &g, const Match &m) {
            return m_evaluations.remove(a, g, m.value(u"evaluation"));
        }));
}

void SandboxRouter::addControlRoutes()
{
    for (const char *method : {"GET", "POST", "DELETE"}) {
        m_table.add(QString::fromLatin1(method), QStringLiteral("/__sandbox/faults"),
                    [this](const SandboxRequest &r, const SandboxPathMatch &) { return controlFaults(r); });
    }
    for (const char *method : {"GET", "PUT"}) {
        m_table.add(QString::fromLatin1(method), QStringLiteral("/__sandbox/providers"),
                    [this](const SandboxRequest &r, const SandboxPathMatch &) { return m_dataPlane.control(r); });
    }
}

SandboxRouteTable::Handler SandboxRouter::inGateway(
    std::function<SandboxResponse(const SandboxRequest &, const QString &, const QString &, const SandboxPathMatch &)>
        handler)
{
    return [this, handler = std::move(handler)](const SandboxRequest &request, const SandboxPathMatch &match) {
        const QString account = match.value(u"account");
        const QString gateway = match.value(u"gateway");
        const auto gatewayJson = m_store.gateways().find(account, gateway);
        if (!gatewayJson) {
            return SandboxReply::internalError();
        }
        if (gatewayJson->is_null()) {
            return SandboxReply::notFound(QStringLiteral("Gateway %1 not found").arg(SandboxReply::quoted(gateway)));
        }
        return handler(request, account, gateway, match);
    };
}

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
    QByteArray presented;
    if (!authorization.isEmpty()) {
        const qsizetype space = authorization.indexOf(' ');
        if (space > 0 && authorization.left(space).compare("Bearer", Qt::CaseInsensitive) == 0) {
            presented = authorization.mid(space + 1).trimmed();
        }
    }
    const auto matches = [&](const QByteArray &token) {
        return (!presented.isEmpty() && sameSecret(presented, token)) || (!email.isEmpty() && sameSecret(key, token));
    };
    if (matches(m_token)) {
        return std::nullopt;
    }
    // Every read-only token is compared, matched or not, so timing does not say which one a guess was close to.
    bool readOnly = false;
    for (const QByteArray &token : m_readOnlyTokens) {
        readOnly = matches(token) || readOnly;
    }
    // A token with Read but not Write permission: Cloudflare answers its writes with the same 403 and code as a
    // wrong token, so a client has to tell the two apart by what else it knows (its reads work).
    if (readOnly && isReadMethod(request.method)) {
        return std::nullopt;
    }
    return SandboxReply::error(403, SandboxReply::kAuth, QStringLiteral("Authentication error"));
}

void SandboxRouter::addReadOnlyToken(const QByteArray &token)
{
    if (!token.isEmpty() && !m_readOnlyTokens.contains(token)) {
        m_readOnlyTokens.append(token);
    }
}

std::optional<SandboxResponse> SandboxRouter::screen(const SandboxRequest &request) const
{
    if (isApiPath(request.path) || isDataPlanePath(request.path)) {
        if (request.body.size() > SandboxBody::kMaxBytes) {
            return SandboxReply::error(413, SandboxReply::kTooLarge,
                                       QStringLiteral("The request body is %1 bytes; the limit is %2 bytes.")
                                           .arg(request.body.size())
                                           .arg(SandboxBody::kMaxBytes));
        }
    } else if (!m_table.find(request).pathKnown) {
        return std::nullopt; // 404 once it has arrived; nothing out there needs credentials
    }
    if (auto denied = isDataPlanePath(request.path) ? std::nullopt : checkCredentials(request)) {
        return denied;
    }
    if (hasBody(request) && !isJsonMediaType(request.header("content-type"))) {
        return SandboxReply::error(
            415, SandboxReply::kMediaType,
            QStringLiteral("The request body must be JSON, sent with Content-Type: application/json (this one was "
                           "declared as %1).")
                .arg(SandboxReply::quoted(QString::fromLatin1(request.header("content-type").left(80)))));
    }
    return std::nullopt;
}

SandboxResponse SandboxRouter::handle(const SandboxRequest &request)
{
    const bool api = isApiPath(request.path);
    const SandboxRouteTable::Lookup lookup = m_table.find(request);
    if (!api && !lookup.pathKnown) {
        return noRoute();
    }
    if (auto refused = screen(request)) {
        return *refused;
    }
    if (!lookup.pathKnown) {
        return noRoute();
    }
    if (!lookup.handler) {
        return methodNotAllowed(request, lookup.allowed);
    }
    // Knowing the endpoint and method before touching the database means a typo never seeds an account.
    if (lookup.match.has(u"account")) {
        if (auto refused = openAccount(lookup.match.value(u"account"))) {
            return *refused;
        }
    }
    return (*lookup.handler)(request, lookup.match);
}

std::optional<SandboxResponse> SandboxRouter::openAccount(const QString &account)
{
    if (m_knownAccounts.contains(account)) {
        return std::nullopt;
    }
    if (!isValidAccountId(account)) {
        return SandboxReply::badRequest(
            QStringLiteral("The account id %1 is not valid: use up to 64 letters, digits, '-' or '_'.")
                .arg(SandboxReply::quoted(account.left(80))));
    }
    // Registered and seeded in one transaction, so a failed seed is retried on the next request.
    SandboxTransaction transaction(m_store);
    if (!transaction.isOpen()) {
        return SandboxReply::internalError();
    }
    const auto isNew = m_store.registerAccount(account);
    const bool seeded =
        isNew && (!*isNew || !m_seedDemo || SandboxDemoData::seed(m_store, account, QDateTime::currentDateTimeUtc()));
    if (!seeded || !transaction.commit()) {
        qCWarning(lcRouter) << "registering or seeding an account failed";
        return SandboxReply::internalError();
    }
    m_knownAccounts.insert(account);
    return std::nullopt;
}

SandboxResponse SandboxRouter::controlFaults(const SandboxRequest &request)
{
    auto pendingJson = [this] {
        Json list = Json::array();
        for (const FaultSpec &fault : m_faults.pending()) {
            list.push_back(FaultSpecCodec::toJson(fault));
        }
        return list;
    };
    if (request.method == QLatin1String("GET")) {
        return SandboxReply::result(pendingJson());
    }
    if (request.method == QLatin1String("DELETE")) {
        m_faults.clear();
        return SandboxReply::result(pendingJson());
    }
    // POST: one spec, or an array of them to queue in order.
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
