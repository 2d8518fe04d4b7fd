#include "app/sandbox/SandboxStore.h"

#include "app/sandbox/SandboxTransaction.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <vector>

namespace rd {

namespace {

// PRAGMA user_version of the file. Raise it with a change to kSchema, and add the statements that bring a
// file of the previous version up to the new one to kMigrations (entry N - 1 takes version N to N + 1);
// tests/fixtures/schema/ keeps a file of every released version; tests/schema opens each with the current code.
constexpr int kSchemaVersion = 2;
// 1 -> 2 only added the datasets and evaluations tables, which kSchema creates when they are missing.
const std::vector<std::vector<const char *>> kMigrations = {{}};

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
    "CREATE TABLE IF NOT EXISTS datasets (seq INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT NOT NULL, "
    "gateway_id TEXT NOT NULL, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, enable INTEGER NOT NULL, "
    "created_at TEXT NOT NULL, body TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS datasets_by_gateway ON datasets (account_id, gateway_id)",
    "CREATE TABLE IF NOT EXISTS evaluations (seq INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT NOT NULL, "
    "gateway_id TEXT NOT NULL, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, processed INTEGER NOT NULL, "
    "created_at TEXT NOT NULL, body TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS evaluations_by_gateway ON evaluations (account_id, gateway_id)",
};

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("rd-sandbox-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

SandboxStore::SandboxStore(QString path)
    : m_path(std::move(path)), m_connectionName(nextConnectionName()), m_gateways(m_connectionName),
      m_routes(m_connectionName), m_versions(m_connectionName), m_deployments(m_connectionName),
      m_logs(m_connectionName), m_providerConfigs(m_connectionName), m_datasets(m_connectionName),
      m_evaluations(m_connectionName)
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
    // The version first: a newer sandbox's file is left exactly as it is, its journal mode included.
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        *error = QStringLiteral("%1 is not a database: %2").arg(m_path, q.lastError().text());
        return false;
    }
    const int version = q.value(0).toInt();
    q.finish();
    if (version > kSchemaVersion) {
        *error = QStringLiteral("%1 was written by a newer sandbox (schema %2)").arg(m_path).arg(version);
        return false;
    }
    // WAL lets the app's in-process sandbox and a route-sandbox on the same file read while the other writes;
    // a short busy timeout covers the writes.
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=5000"}) {
        q.exec(QString::fromLatin1(pragma));
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
    if (!SandboxSql::run(q)) {
        return std::nullopt;
    }
    return q.numRowsAffected() > 0;
}

} // namespace rd
