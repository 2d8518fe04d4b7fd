#include "app/sandbox/SandboxStore.h"

#include "app/sandbox/SandboxTransaction.h"
#include "model/JsonText.h"

#include <QAtomicInteger>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <algorithm>
#include <vector>

namespace rd {

namespace {

Q_LOGGING_CATEGORY(lcStore, "rd.sandbox.store")

// PRAGMA user_version of the file. Raise it with a change to kSchema, and add the statements that bring a
// file of the previous version up to the new one to kMigrations (entry N - 1 takes version N to N + 1);
// tests/sandbox keeps a file of every released version and opens it with the current code.
constexpr int kSchemaVersion = 1;
const std::vector<std::vector<const char *>> kMigrations = {};

const char *const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY, created_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS gateways (seq INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT NOT NULL, "
    "id TEXT NOT NULL, created_at TEXT NOT NULL, modified_at TEXT NOT NULL, body TEXT NOT NULL, "
    "UNIQUE (account_id, id))",
    "CREATE TABLE IF NOT EXISTS routes (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, "
    "account_id TEXT NOT NULL, gateway_id TEXT NOT NULL, name TEXT NOT NULL, created_at TEXT NOT NULL, "
    "modified_at TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS routes_by_gateway ON routes (account_id, gateway_id)",
    "CREATE TABLE IF NOT EXISTS versions (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, "
    "route_id TEXT NOT NULL, elements TEXT NOT NULL, created_at TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS versions_by_route ON versions (route_id)",
    "CREATE TABLE IF NOT EXISTS deployments (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, "
    "route_id TEXT NOT NULL, version_id TEXT NOT NULL, created_at TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS deployments_by_route ON deployments (route_id)",
    "CREATE TABLE IF NOT EXISTS logs (seq INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT NOT NULL, "
    "gateway_id TEXT NOT NULL, id TEXT NOT NULL, created_at TEXT NOT NULL, provider TEXT, model TEXT, "
    "model_type TEXT, path TEXT, success INTEGER NOT NULL, cached INTEGER NOT NULL, status_code INTEGER, "
    "duration INTEGER, tokens_in INTEGER, tokens_out INTEGER, cost REAL, custom_cost INTEGER, metadata TEXT, "
    "request_type TEXT, request_content_type TEXT, response_content_type TEXT, user_agent TEXT, event_id TEXT, "
    "step INTEGER, feedback INTEGER, score INTEGER, request_head TEXT, response_head TEXT, request_body BLOB, "
    "response_body BLOB, UNIQUE (account_id, gateway_id, id))",
    "CREATE INDEX IF NOT EXISTS logs_by_time ON logs (account_id, gateway_id, created_at)",
    "CREATE TABLE IF NOT EXISTS provider_configs (seq INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT NOT NULL, "
    "gateway_id TEXT NOT NULL, id TEXT NOT NULL UNIQUE, provider_slug TEXT NOT NULL, body TEXT NOT NULL)",
};

const QString kLogColumns = QStringLiteral(
    "id, created_at, provider, model, model_type, path, success, cached, status_code, duration, tokens_in, "
    "tokens_out, cost, custom_cost, metadata, request_type, request_content_type, response_content_type, "
    "user_agent, event_id, step, feedback, score, request_head, response_head, request_body, response_body");

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("rd-sandbox-%1").arg(counter.fetchAndAddRelaxed(1));
}

bool run(QSqlQuery &query)
{
    if (!query.exec()) {
        qCWarning(lcStore) << "query failed:" << query.lastError().text() << "in" << query.lastQuery().left(200);
        return false;
    }
    return true;
}

QString orderSql(const QString &column, bool descending, const QStringList &allowed)
{
    const QString safe = allowed.contains(column) ? column : allowed.value(0);
    const QString direction = descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    return QStringLiteral("%1 %2, seq %2").arg(safe, direction);
}

std::optional<Json> parseStored(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    auto parsed = JsonText::parse(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    if (!parsed) {
        qCWarning(lcStore) << "stored JSON is unreadable";
        return std::nullopt;
    }
    return std::move(*parsed.value);
}

QString toText(const Json &json)
{
    return QString::fromStdString(JsonText::compact(json));
}

QString likeEscaped(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QVariant optionalInt(const std::optional<int> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<int>());
}

SandboxLogRecord readLog(const QSqlQuery &q)
{
    SandboxLogRecord log;
    int c = 0;
    log.id = q.value(c++).toString();
    log.createdAt = q.value(c++).toString();
    log.provider = q.value(c++).toString();
    log.model = q.value(c++).toString();
    log.modelType = q.value(c++).toString();
    log.path = q.value(c++).toString();
    log.success = q.value(c++).toInt() != 0;
    log.cached = q.value(c++).toInt() != 0;
    log.statusCode = q.value(c++).toInt();
    log.duration = q.value(c++).toLongLong();
    log.tokensIn = q.value(c++).toLongLong();
    log.tokensOut = q.value(c++).toLongLong();
    log.cost = q.value(c++).toDouble();
    log.customCost = q.value(c++).toInt() != 0;
    log.metadata = q.value(c++).toString();
    log.requestType = q.value(c++).toString();
    log.requestContentType = q.value(c++).toString();
    log.responseContentType = q.value(c++).toString();
    log.userAgent = q.value(c++).toString();
    log.eventId = q.value(c++).toString();
    log.step = q.value(c++).toInt();
    const QVariant feedback = q.value(c++);
    if (!feedback.isNull()) {
        log.feedback = feedback.toInt();
    }
    const QVariant score = q.value(c++);
    if (!score.isNull()) {
        log.score = score.toInt();
    }
    log.requestHead = q.value(c++).toString();
    log.responseHead = q.value(c++).toString();
    log.requestBody = q.value(c++).toByteArray();
    log.responseBody = q.value(c++).toByteArray();
    return log;
}

SandboxStore::RouteRow readRoute(const QSqlQuery &q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toString(), q.value(5).toString()};
}

SandboxStore::VersionRow readVersion(const QSqlQuery &q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()};
}

SandboxStore::DeploymentRow readDeployment(const QSqlQuery &q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()};
}

// Runs `countSql` and `pageSql` (the same bindings, then limit and offset) and reads rows with `read`.
template<class T, class Read>
std::optional<SandboxStore::Page<T>> pageQuery(const QSqlDatabase &db, const QString &countSql, const QString &pageSql,
                                               const QVariantList &bindings, std::int64_t offset, std::int64_t limit,
                                               Read read)
{
    SandboxStore::Page<T> page;
    QSqlQuery count(db);
    count.prepare(countSql);
    for (const QVariant &b : bindings) {
        count.addBindValue(b);
    }
    if (!run(count) || !count.next()) {
        return std::nullopt;
    }
    page.total = count.value(0).toLongLong();

    QSqlQuery rows(db);
    rows.setForwardOnly(true);
    rows.prepare(pageSql + QStringLiteral(" LIMIT ? OFFSET ?"));
    for (const QVariant &b : bindings) {
        rows.addBindValue(b);
    }
    rows.addBindValue(static_cast<qlonglong>(limit));
    rows.addBindValue(static_cast<qlonglong>(offset));
    if (!run(rows)) {
        return std::nullopt;
    }
    while (rows.next()) {
        page.items.push_back(read(rows));
    }
    return page;
}

} // namespace

SandboxStore::SandboxStore(QString path) : m_path(std::move(path)), m_connectionName(nextConnectionName())
{}

SandboxStore::~SandboxStore()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen()) {
            db.close();
        }
    }
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool SandboxStore::open(QString *error)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))) {
        *error = QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed");
        return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(m_path);
    if (!db.open()) {
        *error = QStringLiteral("cannot open %1: %2").arg(m_path, db.lastError().text());
        return false;
    }
    return createSchema(error);
}

bool SandboxStore::isOpen() const
{
    return QSqlDatabase::database(m_connectionName, false).isOpen();
}

bool SandboxStore::createSchema(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    // WAL lets the app's in-process sandbox and a route-sandbox on the same file read while the other writes;
    // a short busy timeout covers the writes.
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=5000"}) {
        q.exec(QString::fromLatin1(pragma));
    }
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        *error = QStringLiteral("%1 is not a database: %2").arg(m_path, q.lastError().text());
        return false;
    }
    const int version = q.value(0).toInt();
    if (version > kSchemaVersion) {
        *error = QStringLiteral("%1 was written by a newer sandbox (schema %2)").arg(m_path).arg(version);
        return false;
    }
    SandboxTransaction transaction(db);
    if (!transaction.isOpen()) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_path, db.lastError().text());
        return false;
    }
    // Version 0 is a new file. An older file is brought up one version at a time, in the same transaction
    // as the tables, so a failed migration leaves the file as it was.
    for (int from = std::max(version, 1); from < kSchemaVersion; ++from) {
        for (const char *statement : kMigrations[from - 1]) {
            if (!q.exec(QString::fromLatin1(statement))) {
                *error = QStringLiteral("cannot update the sandbox tables in %1 from version %2: %3")
                             .arg(m_path)
                             .arg(from)
                             .arg(q.lastError().text());
                return false;
            }
        }
    }
    for (const char *statement : kSchema) {
        if (!q.exec(QString::fromLatin1(statement))) {
            *error = QStringLiteral("cannot create the sandbox tables in %1: %2").arg(m_path, q.lastError().text());
            return false;
        }
    }
    q.exec(QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion));
    if (!transaction.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_path, db.lastError().text());
        return false;
    }
    return true;
}

QSqlDatabase SandboxStore::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

std::optional<bool> SandboxStore::registerAccount(const QString &account)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO accounts (id, created_at) VALUES (?, datetime('now'))"));
    q.addBindValue(account);
    if (!run(q)) {
        return std::nullopt;
    }
    return q.numRowsAffected() > 0;
}

std::optional<Json> SandboxStore::gateway(const QString &account, const QString &id)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT body FROM gateways WHERE account_id = ? AND id = ?"));
    q.addBindValue(account);
    q.addBindValue(id);
    if (!run(q)) {
        return std::nullopt;
    }
    if (!q.next()) {
        return Json(); // null: no such gateway
    }
    return parseStored(q.value(0).toString());
}

std::optional<SandboxStore::Page<Json>> SandboxStore::gateways(const QString &account, const QString &search,
                                                               const Slice &slice)
{
    QString where = QStringLiteral("account_id = ?");
    QVariantList bindings{account};
    if (!search.isEmpty()) {
        where += QStringLiteral(" AND id LIKE ? ESCAPE '\\'");
        bindings << likeEscaped(search);
    }
    const QString order = orderSql(slice.orderBy, slice.descending,
                                   {QStringLiteral("created_at"), QStringLiteral("modified_at"), QStringLiteral("id")});
    return pageQuery<Json>(
        QSqlDatabase::database(m_connectionName, false), QStringLiteral("SELECT COUNT(*) FROM gateways WHERE ") + where,
        QStringLiteral("SELECT body FROM gateways WHERE %1 ORDER BY %2").arg(where, order), bindings, slice.offset,
        slice.limit, [](const QSqlQuery &q) { return parseStored(q.value(0).toString()).value_or(Json::object()); });
}

std::optional<std::int64_t> SandboxStore::gatewayCount(const QString &account)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM gateways WHERE account_id = ?"));
    q.addBindValue(account);
    if (!run(q) || !q.next()) {
        return std::nullopt;
    }
    return q.value(0).toLongLong();
}

bool SandboxStore::insertGateway(const QString &account, const Json &gateway)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(
        QStringLiteral("INSERT INTO gateways (account_id, id, created_at, modified_at, body) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(account);
    q.addBindValue(QString::fromStdString(gateway.value("id", std::string())));
    q.addBindValue(QString::fromStdString(gateway.value("created_at", std::string())));
    q.addBindValue(QString::fromStdString(gateway.value("modified_at", std::string())));
    q.addBindValue(toText(gateway));
    return run(q);
}

bool SandboxStore::updateGateway(const QString &account, const Json &gateway)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("UPDATE gateways SET modified_at = ?, body = ? WHERE account_id = ? AND id = ?"));
    q.addBindValue(QString::fromStdString(gateway.value("modified_at", std::string())));
    q.addBindValue(toText(gateway));
    q.addBindValue(account);
    q.addBindValue(QString::fromStdString(gateway.value("id", std::string())));
    return run(q);
}

bool SandboxStore::deleteGateway(const QString &account, const QString &id)
{
    QSqlDatabase db = connection();
    SandboxTransaction transaction(db);
    if (!transaction.isOpen()) {
        return false;
    }
    const char *const statements[] = {
        "DELETE FROM versions WHERE route_id IN (SELECT id FROM routes WHERE account_id = ? AND gateway_id = ?)",
        "DELETE FROM deployments WHERE route_id IN (SELECT id FROM routes WHERE account_id = ? AND gateway_id = ?)",
        "DELETE FROM routes WHERE account_id = ? AND gateway_id = ?",
        "DELETE FROM logs WHERE account_id = ? AND gateway_id = ?",
        "DELETE FROM provider_configs WHERE account_id = ? AND gateway_id = ?",
        "DELETE FROM gateways WHERE account_id = ? AND id = ?",
    };
    for (const char *sql : statements) {
        QSqlQuery q(db);
        q.prepare(QString::fromLatin1(sql));
        q.addBindValue(account);
        q.addBindValue(id);
        if (!run(q)) {
            return false;
        }
    }
    return transaction.commit();
}

std::optional<SandboxStore::RouteRow> SandboxStore::route(const QString &account, const QString &gateway,
                                                          const QString &id)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT id, account_id, gateway_id, name, created_at, modified_at FROM routes "
                             "WHERE account_id = ? AND gateway_id = ? AND id = ?"));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(id);
    if (!run(q)) {
        return std::nullopt;
    }
    return q.next() ? readRoute(q) : RouteRow{};
}

std::optional<SandboxStore::Page<SandboxStore::RouteRow>>
SandboxStore::routes(const QString &account, const QString &gateway, const Slice &slice)
{
    const QString order =
        orderSql(slice.orderBy, slice.descending,
                 {QStringLiteral("created_at"), QStringLiteral("modified_at"), QStringLiteral("name")});
    return pageQuery<RouteRow>(
        QSqlDatabase::database(m_connectionName, false),
        QStringLiteral("SELECT COUNT(*) FROM routes WHERE account_id = ? AND gateway_id = ?"),
        QStringLiteral("SELECT id, account_id, gateway_id, name, created_at, modified_at FROM routes "
                       "WHERE account_id = ? AND gateway_id = ? ORDER BY ") +
            order,
        {account, gateway}, slice.offset, slice.limit, readRoute);
}

std::optional<bool> SandboxStore::routeNameTaken(const QString &account, const QString &gateway, const QString &name,
                                                 const QString &exceptId)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    // IS NOT, not <>: an empty exceptId binds as NULL, and "id <> NULL" would match nothing.
    q.prepare(QStringLiteral(
        "SELECT COUNT(*) FROM routes WHERE account_id = ? AND gateway_id = ? AND name = ? AND id IS NOT ?"));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(name);
    q.addBindValue(exceptId);
    if (!run(q) || !q.next()) {
        return std::nullopt;
    }
    return q.value(0).toLongLong() > 0;
}

bool SandboxStore::insertRoute(const RouteRow &route)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("INSERT INTO routes (id, account_id, gateway_id, name, created_at, modified_at) "
                             "VALUES (?, ?, ?, ?, ?, ?)"));
    for (const QString &v :
         {route.id, route.accountId, route.gatewayId, route.name, route.createdAt, route.modifiedAt}) {
        q.addBindValue(v);
    }
    return run(q);
}

bool SandboxStore::renameRoute(const QString &id, const QString &name, const QString &modifiedAt)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("UPDATE routes SET name = ?, modified_at = ? WHERE id = ?"));
    q.addBindValue(name);
    q.addBindValue(modifiedAt);
    q.addBindValue(id);
    return run(q);
}

bool SandboxStore::touchRoute(const QString &id, const QString &modifiedAt)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("UPDATE routes SET modified_at = ? WHERE id = ?"));
    q.addBindValue(modifiedAt);
    q.addBindValue(id);
    return run(q);
}

bool SandboxStore::deleteRoute(const QString &id)
{
    QSqlDatabase db = connection();
    SandboxTransaction transaction(db);
    if (!transaction.isOpen()) {
        return false;
    }
    for (const char *sql : {"DELETE FROM versions WHERE route_id = ?", "DELETE FROM deployments WHERE route_id = ?",
                            "DELETE FROM routes WHERE id = ?"}) {
        QSqlQuery q(db);
        q.prepare(QString::fromLatin1(sql));
        q.addBindValue(id);
        if (!run(q)) {
            return false;
        }
    }
    return transaction.commit();
}

bool SandboxStore::insertVersion(const VersionRow &version)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("INSERT INTO versions (id, route_id, elements, created_at) VALUES (?, ?, ?, ?)"));
    for (const QString &v : {version.id, version.routeId, version.elements, version.createdAt}) {
        q.addBindValue(v);
    }
    return run(q);
}

std::optional<SandboxStore::VersionRow> SandboxStore::version(const QString &routeId, const QString &versionId)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT id, route_id, elements, created_at FROM versions WHERE route_id = ? AND id = ?"));
    q.addBindValue(routeId);
    q.addBindValue(versionId);
    if (!run(q)) {
        return std::nullopt;
    }
    return q.next() ? readVersion(q) : VersionRow{};
}

std::optional<SandboxStore::Page<SandboxStore::VersionRow>> SandboxStore::versions(const QString &routeId,
                                                                                   const Slice &slice)
{
    return pageQuery<VersionRow>(
        QSqlDatabase::database(m_connectionName, false),
        QStringLiteral("SELECT COUNT(*) FROM versions WHERE route_id = ?"),
        QStringLiteral("SELECT id, route_id, elements, created_at FROM versions WHERE route_id = ? ORDER BY ") +
            orderSql(slice.orderBy, slice.descending, {QStringLiteral("created_at")}),
        {routeId}, slice.offset, slice.limit, readVersion);
}

bool SandboxStore::insertDeployment(const DeploymentRow &deployment)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("INSERT INTO deployments (id, route_id, version_id, created_at) VALUES (?, ?, ?, ?)"));
    for (const QString &v : {deployment.id, deployment.routeId, deployment.versionId, deployment.createdAt}) {
        q.addBindValue(v);
    }
    return run(q);
}

std::optional<SandboxStore::DeploymentRow> SandboxStore::currentDeployment(const QString &routeId)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT id, route_id, version_id, created_at FROM deployments WHERE route_id = ? "
                             "ORDER BY created_at DESC, seq DESC LIMIT 1"));
    q.addBindValue(routeId);
    if (!run(q)) {
        return std::nullopt;
    }
    return q.next() ? readDeployment(q) : DeploymentRow{};
}

std::optional<SandboxStore::Page<SandboxStore::DeploymentRow>> SandboxStore::deployments(const QString &routeId,
                                                                                         const Slice &slice)
{
    return pageQuery<DeploymentRow>(
        QSqlDatabase::database(m_connectionName, false),
        QStringLiteral("SELECT COUNT(*) FROM deployments WHERE route_id = ?"),
        QStringLiteral("SELECT id, route_id, version_id, created_at FROM deployments WHERE route_id = ? ORDER BY ") +
            orderSql(slice.orderBy, slice.descending, {QStringLiteral("created_at")}),
        {routeId}, slice.offset, slice.limit, readDeployment);
}

bool SandboxStore::insertLog(const QString &account, const QString &gateway, const SandboxLogRecord &log)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("INSERT INTO logs (account_id, gateway_id, %1) VALUES (?, ?, %2)")
                  .arg(kLogColumns, QStringLiteral("?, ").repeated(26) + QStringLiteral("?")));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(log.id);
    q.addBindValue(log.createdAt);
    q.addBindValue(log.provider);
    q.addBindValue(log.model);
    q.addBindValue(log.modelType);
    q.addBindValue(log.path);
    q.addBindValue(log.success ? 1 : 0);
    q.addBindValue(log.cached ? 1 : 0);
    q.addBindValue(log.statusCode);
    q.addBindValue(static_cast<qlonglong>(log.duration));
    q.addBindValue(static_cast<qlonglong>(log.tokensIn));
    q.addBindValue(static_cast<qlonglong>(log.tokensOut));
    q.addBindValue(log.cost);
    q.addBindValue(log.customCost ? 1 : 0);
    q.addBindValue(log.metadata);
    q.addBindValue(log.requestType);
    q.addBindValue(log.requestContentType);
    q.addBindValue(log.responseContentType);
    q.addBindValue(log.userAgent);
    q.addBindValue(log.eventId);
    q.addBindValue(log.step);
    q.addBindValue(optionalInt(log.feedback));
    q.addBindValue(optionalInt(log.score));
    q.addBindValue(log.requestHead);
    q.addBindValue(log.responseHead);
    q.addBindValue(log.requestBody);
    q.addBindValue(log.responseBody);
    return run(q);
}

std::optional<SandboxLogRecord> SandboxStore::log(const QString &account, const QString &gateway, const QString &id)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(
        QStringLiteral("SELECT %1 FROM logs WHERE account_id = ? AND gateway_id = ? AND id = ?").arg(kLogColumns));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(id);
    if (!run(q)) {
        return std::nullopt;
    }
    return q.next() ? readLog(q) : SandboxLogRecord{};
}

std::optional<SandboxStore::Page<SandboxLogRecord>>
SandboxStore::logs(const QString &account, const QString &gateway, const QString &where, const QVariantList &bindings,
                   const QString &order, std::int64_t offset, std::int64_t limit)
{
    const QString scope = QStringLiteral("account_id = ? AND gateway_id = ? AND (%1)").arg(where);
    QVariantList all{account, gateway};
    all << bindings;
    return pageQuery<SandboxLogRecord>(
        QSqlDatabase::database(m_connectionName, false), QStringLiteral("SELECT COUNT(*) FROM logs WHERE ") + scope,
        QStringLiteral("SELECT %1 FROM logs WHERE %2 ORDER BY %3").arg(kLogColumns, scope, order), all, offset, limit,
        readLog);
}

std::optional<std::int64_t> SandboxStore::deleteLogs(const QString &account, const QString &gateway,
                                                     const QString &where, const QVariantList &bindings,
                                                     const QString &order, std::int64_t limit)
{
    const QString scope = QStringLiteral("account_id = ? AND gateway_id = ? AND (%1)").arg(where);
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (limit > 0) {
        q.prepare(QStringLiteral("DELETE FROM logs WHERE seq IN (SELECT seq FROM logs WHERE %1 ORDER BY %2 LIMIT ?)")
                      .arg(scope, order));
    } else {
        q.prepare(QStringLiteral("DELETE FROM logs WHERE ") + scope);
    }
    q.addBindValue(account);
    q.addBindValue(gateway);
    for (const QVariant &b : bindings) {
        q.addBindValue(b);
    }
    if (limit > 0) {
        q.addBindValue(static_cast<qlonglong>(limit));
    }
    if (!run(q)) {
        return std::nullopt;
    }
    return q.numRowsAffected();
}

bool SandboxStore::updateLogFeedback(const QString &account, const QString &gateway, const QString &id,
                                     const std::optional<std::optional<int>> &feedback,
                                     const std::optional<std::optional<int>> &score,
                                     const std::optional<QString> &metadata)
{
    QStringList sets;
    QVariantList bindings;
    if (feedback) {
        sets << QStringLiteral("feedback = ?");
        bindings << optionalInt(*feedback);
    }
    if (score) {
        sets << QStringLiteral("score = ?");
        bindings << optionalInt(*score);
    }
    if (metadata) {
        sets << QStringLiteral("metadata = ?");
        bindings << *metadata;
    }
    if (sets.isEmpty()) {
        return true;
    }
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("UPDATE logs SET %1 WHERE account_id = ? AND gateway_id = ? AND id = ?")
                  .arg(sets.join(QStringLiteral(", "))));
    for (const QVariant &b : bindings) {
        q.addBindValue(b);
    }
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(id);
    return run(q);
}

std::optional<SandboxStore::Page<Json>> SandboxStore::providerConfigs(const QString &account, const QString &gateway,
                                                                      const Slice &slice)
{
    return pageQuery<Json>(
        QSqlDatabase::database(m_connectionName, false),
        QStringLiteral("SELECT COUNT(*) FROM provider_configs WHERE account_id = ? AND gateway_id = ?"),
        QStringLiteral("SELECT body FROM provider_configs WHERE account_id = ? AND gateway_id = ? ORDER BY seq ") +
            (slice.descending ? QStringLiteral("DESC") : QStringLiteral("ASC")),
        {account, gateway}, slice.offset, slice.limit,
        [](const QSqlQuery &q) { return parseStored(q.value(0).toString()).value_or(Json::object()); });
}

bool SandboxStore::insertProviderConfig(const QString &account, const QString &gateway, const QString &providerSlug,
                                        const Json &config)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral(
        "INSERT INTO provider_configs (account_id, gateway_id, id, provider_slug, body) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(QString::fromStdString(config.value("id", std::string())));
    q.addBindValue(providerSlug);
    q.addBindValue(toText(config));
    return run(q);
}

bool SandboxStore::clearDefaultProviderConfig(const QString &account, const QString &gateway,
                                              const QString &providerSlug)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery select(db);
    select.prepare(QStringLiteral(
        "SELECT id, body FROM provider_configs WHERE account_id = ? AND gateway_id = ? AND provider_slug = ?"));
    select.addBindValue(account);
    select.addBindValue(gateway);
    select.addBindValue(providerSlug);
    if (!run(select)) {
        return false;
    }
    std::vector<std::pair<QString, Json>> changed;
    while (select.next()) {
        auto body = parseStored(select.value(1).toString());
        if (body && body->is_object() && body->value("default_config", false)) {
            (*body)["default_config"] = false;
            changed.emplace_back(select.value(0).toString(), std::move(*body));
        }
    }
    for (const auto &[id, body] : changed) {
        QSqlQuery update(db);
        update.prepare(QStringLiteral("UPDATE provider_configs SET body = ? WHERE id = ?"));
        update.addBindValue(toText(body));
        update.addBindValue(id);
        if (!run(update)) {
            return false;
        }
    }
    return true;
}

} // namespace rd
