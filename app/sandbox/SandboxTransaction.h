#pragma once

#include <QSqlDatabase>

namespace rd {

class SandboxStore;

// One SQLite transaction for a scope: begun on construction, rolled back on destruction unless commit()
// succeeded, so no early return can leave a half-written change or an open transaction behind.
class SandboxTransaction
{
public:
    explicit SandboxTransaction(const SandboxStore &store);
    explicit SandboxTransaction(QSqlDatabase database);
    ~SandboxTransaction();
    SandboxTransaction(const SandboxTransaction &) = delete;
    SandboxTransaction &operator=(const SandboxTransaction &) = delete;

    // Whether the transaction began; when it did not, there is nothing to write in.
    bool isOpen() const { return m_open; }
    bool commit();

private:
    QSqlDatabase m_database;
    bool m_open = false;
};

} // namespace rd
