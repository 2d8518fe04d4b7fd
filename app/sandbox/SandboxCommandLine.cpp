#include "app/sandbox/SandboxCommandLine.h"

#include "app/sandbox/FaultSpecCodec.h"
#include "app/sandbox/SandboxRouter.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace rd {

namespace {

struct Options
{
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")};
    QCommandLineOption port{QStringLiteral("port"),
                            QStringLiteral("Port on 127.0.0.1 (0 = any free port; default 8787)."), QStringLiteral("N"),
                            QStringLiteral("8787")};
    QCommandLineOption token{QStringLiteral("token"),
                             QStringLiteral("Token clients must send (Authorization: Bearer T). Required, here or "
                                            "in ROUTE_SANDBOX_TOKEN."),
                             QStringLiteral("T")};
    QCommandLineOption readOnlyToken{
        QStringLiteral("read-only-token"),
        QStringLiteral("Another token clients may send, that only reads: GETs on the API work, every write answers "
                       "403 as Cloudflare does for a token without AI Gateway Write. Not for the data plane. "
                       "Repeatable."),
        QStringLiteral("T")};
    QCommandLineOption db{QStringLiteral("db"), QStringLiteral("SQLite file for the state."), QStringLiteral("PATH")};
    QCommandLineOption noDemo{QStringLiteral("no-demo"), QStringLiteral("Do not seed demo data into new accounts.")};
    QCommandLineOption fault{QStringLiteral("fault"),
                             QStringLiteral("Inject a fault: KIND[:COUNT[:PARAM]], KIND one of slow, server_error, "
                                            "rate_limited, malformed_json, drop_connection. PARAM: delay ms (slow), "
                                            "Retry-After s (rate_limited), apply_first (drop_connection). "
                                            "Repeatable."),
                             QStringLiteral("SPEC")};
    QCommandLineOption providerFail{
        QStringLiteral("provider-fail"),
        QStringLiteral("On the data plane, fail this share of a provider's (or provider/model's) attempts: "
                       "PROVIDER[/MODEL]=RATE, RATE from 0 to 1. Repeatable; also PUT /__sandbox/providers."),
        QStringLiteral("SPEC")};
    QCommandLineOption providerLatency{
        QStringLiteral("provider-latency"),
        QStringLiteral("On the data plane, a provider's latency: PROVIDER[/MODEL]=P50:P95 in ms (recorded in the "
                       "logs, not slept; default 600:1800). Repeatable."),
        QStringLiteral("SPEC")};
    QCommandLineOption backfill{
        QStringLiteral("backfill"),
        QStringLiteral("On start, write DAYS (1 to 365) days of past logs for the --account's gateways: about 60 "
                       "requests a day per gateway from the demo's mix (plan and user_id metadata), each routed by "
                       "the route version deployed at its time, as the data plane would have logged them."),
        QStringLiteral("DAYS")};
    QCommandLineOption traffic{
        QStringLiteral("traffic"),
        QStringLiteral("While running, send RATE requests a second (above 0, at most 1000) of the demo's mix to the "
                       "routes of the --account's demo-gateway through the data plane, for SECONDS (default: until "
                       "stopped). They are logged, rate-limited and cached like any other request."),
        QStringLiteral("RATE[:SECONDS]")};
    QCommandLineOption account{QStringLiteral("account"),
                               QStringLiteral("The account --backfill and --traffic work on (default demo; seeded "
                                              "with the demo when new)."),
                               QStringLiteral("ID"), QStringLiteral("demo")};
    QCommandLineOption maxConnections{
        QStringLiteral("max-connections"),
        QStringLiteral("Client connections open at once; more wait to be accepted (default 256)."),
        QStringLiteral("N")};
    QCommandLineOption idleTimeout{QStringLiteral("idle-timeout"),
                                   QStringLiteral("Close a connection with no request in progress after S seconds "
                                                  "(default 10)."),
                                   QStringLiteral("S")};
    QCommandLineOption requestTimeout{QStringLiteral("request-timeout"),
                                      QStringLiteral("Answer 408 and close when a request has not arrived in full "
                                                     "S seconds after its first byte (default 10)."),
                                      QStringLiteral("S")};

    void addTo(QCommandLineParser &parser) const
    {
        parser.setApplicationDescription(
            QStringLiteral("A local stand-in for Cloudflare's AI Gateway API, on http://127.0.0.1:N/client/v4.\n"
                           "Faults can also be queued at runtime: POST /__sandbox/faults with "
                           "{\"kind\": \"server_error\", \"count\": 1, \"delay_ms\", \"retry_after\", \"method\", "
                           "\"path_contains\", \"apply_first\"}; DELETE /__sandbox/faults clears them (same token)."));
        parser.addOption(help);
        parser.addOption(port);
        parser.addOption(token);
        parser.addOption(readOnlyToken);
        parser.addOption(db);
        parser.addOption(noDemo);
        parser.addOption(fault);
        parser.addOption(providerFail);
        parser.addOption(providerLatency);
        parser.addOption(backfill);
        parser.addOption(traffic);
        parser.addOption(account);
        parser.addOption(maxConnections);
        parser.addOption(idleTimeout);
        parser.addOption(requestTimeout);
    }
};

} // namespace

std::optional<SandboxCommandLine> SandboxCommandLine::parse(const QStringList &arguments,
                                                            const QByteArray &tokenFromEnvironment, QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    QCommandLineParser parser;
    const Options options;
    options.addTo(parser);
    if (!parser.parse(arguments)) {
        message = parser.errorText();
        return std::nullopt;
    }
    SandboxCommandLine out;
    if (parser.isSet(options.help)) {
        out.helpRequested = true;
        return out;
    }
    if (!parser.positionalArguments().isEmpty()) {
        message = QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().first());
        return std::nullopt;
    }
    bool ok = false;
    const uint port = parser.value(options.port).toUInt(&ok);
    if (!ok || port > 65535) {
        message = QStringLiteral("--port must be a number from 0 to 65535");
        return std::nullopt;
    }
    out.port = static_cast<quint16>(port);
    out.token = parser.isSet(options.token) ? parser.value(options.token).toUtf8() : tokenFromEnvironment;
    if (out.token.trimmed().isEmpty()) {
        message = QStringLiteral("a token is required: pass --token T or set ROUTE_SANDBOX_TOKEN (the sandbox never "
                                 "runs without authentication)");
        return std::nullopt;
    }
    for (const QString &value : parser.values(options.readOnlyToken)) {
        const QByteArray readOnly = value.toUtf8();
        if (readOnly.trimmed().isEmpty()) {
            message = QStringLiteral("--read-only-token needs a token");
            return std::nullopt;
        }
        if (readOnly == out.token) {
            message = QStringLiteral("--read-only-token must differ from the token that may write");
            return std::nullopt;
        }
        out.readOnlyTokens.append(readOnly);
    }
    const auto seconds = [&](const QCommandLineOption &option, int &milliseconds) {
        if (!parser.isSet(option)) {
            return true;
        }
        bool valid = false;
        const double value = parser.value(option).toDouble(&valid);
        if (!valid || !(value >= 0.01 && value <= 86400)) {
            message = QStringLiteral("--%1 must be a number of seconds from 0.01 to 86400").arg(option.names().first());
            return false;
        }
        milliseconds = static_cast<int>(value * 1000);
        return true;
    };
    if (!seconds(options.idleTimeout, out.limits.idleTimeoutMs) ||
        !seconds(options.requestTimeout, out.limits.requestTimeoutMs)) {
        return std::nullopt;
    }
    if (parser.isSet(options.maxConnections)) {
        const int max = parser.value(options.maxConnections).toInt(&ok);
        if (!ok || max < 1 || max > 100000) {
            message = QStringLiteral("--max-connections must be a number from 1 to 100000");
            return std::nullopt;
        }
        out.limits.maxConnections = max;
    }
    out.databasePath = parser.value(options.db);
    out.seedDemo = !parser.isSet(options.noDemo);
    for (const QString &spec : parser.values(options.fault)) {
        auto fault = FaultSpecCodec::fromArgument(spec, &message);
        if (!fault) {
            return std::nullopt;
        }
        out.faults.append(*fault);
    }
    // PROVIDER[/MODEL]=VALUE, split at the last '=' (model names hold '/' but no '=').
    const auto split = [](const QString &spec, QString &key, QString &value) {
        const qsizetype eq = spec.lastIndexOf(QLatin1Char('='));
        if (eq <= 0 || spec.startsWith(QLatin1Char('/'))) {
            return false;
        }
        key = spec.left(eq);
        value = spec.mid(eq + 1);
        return true;
    };
    for (const QString &spec : parser.values(options.providerFail)) {
        QString key;
        QString value;
        bool valid = false;
        const double rate = split(spec, key, value) ? value.toDouble(&valid) : 0.0;
        if (!valid || rate < 0 || rate > 1) {
            message = QStringLiteral("--provider-fail takes PROVIDER[/MODEL]=RATE with RATE from 0 to 1, e.g. "
                                     "openai=0.05 (got %1)")
                          .arg(spec);
            return std::nullopt;
        }
        out.providers.setFailureRate(key.toStdString(), rate);
    }
    for (const QString &spec : parser.values(options.providerLatency)) {
        QString key;
        QString value;
        bool p50Valid = false;
        bool p95Valid = false;
        const QStringList parts = split(spec, key, value) ? value.split(QLatin1Char(':')) : QStringList();
        const double p50 = parts.size() == 2 ? parts[0].toDouble(&p50Valid) : 0.0;
        const double p95 = parts.size() == 2 ? parts[1].toDouble(&p95Valid) : 0.0;
        if (!p50Valid || !p95Valid || !(p50 > 0) || p95 < p50) {
            message = QStringLiteral("--provider-latency takes PROVIDER[/MODEL]=P50:P95 in ms with 0 < P50 <= P95, "
                                     "e.g. anthropic=800:2500 (got %1)")
                          .arg(spec);
            return std::nullopt;
        }
        out.providers.setLatency(key.toStdString(), {p50, p95});
    }
    out.account = parser.value(options.account);
    if (!SandboxRouter::isValidAccountId(out.account)) {
        message = QStringLiteral("--account takes up to 64 letters, digits, '-' or '_' (got %1)").arg(out.account);
        return std::nullopt;
    }
    if (parser.isSet(options.backfill)) {
        bool valid = false;
        const int days = parser.value(options.backfill).toInt(&valid);
        if (!valid || days < 1 || days > kMaxBackfillDays) {
            message = QStringLiteral("--backfill takes a whole number of days from 1 to %1, e.g. 7 (got %2)")
                          .arg(kMaxBackfillDays)
                          .arg(parser.value(options.backfill));
            return std::nullopt;
        }
        out.backfillDays = days;
    }
    if (parser.isSet(options.traffic)) {
        const QString spec = parser.value(options.traffic);
        const QStringList parts = spec.split(QLatin1Char(':'));
        bool rateValid = false;
        bool secondsValid = parts.size() == 1;
        const double rate = parts.size() <= 2 ? parts[0].toDouble(&rateValid) : 0.0;
        const double seconds = parts.size() == 2 ? parts[1].toDouble(&secondsValid) : 0.0;
        if (!rateValid || !secondsValid || !(rate > 0) || rate > kMaxTrafficRate ||
            (parts.size() == 2 && !(seconds > 0 && seconds <= 366 * 86400.0))) {
            message = QStringLiteral("--traffic takes RATE[:SECONDS]: RATE requests a second above 0 and at most %1, "
                                     "SECONDS above 0, e.g. 5 or 5:60 (got %2)")
                          .arg(kMaxTrafficRate)
                          .arg(spec);
            return std::nullopt;
        }
        out.trafficRate = rate;
        out.trafficSeconds = seconds;
    }
    return out;
}

QString SandboxCommandLine::helpText()
{
    QCommandLineParser parser;
    const Options options;
    options.addTo(parser);
    QString text = parser.helpText();
    // QCommandLineParser names the program from the running binary; tests and docs want a stable name.
    text.replace(QRegularExpression(QStringLiteral("^Usage: \\S+")), QStringLiteral("Usage: route-sandbox"));
    return text;
}

} // namespace rd
