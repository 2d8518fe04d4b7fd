#include "app/sandbox/SandboxTransaction.h"

#include "app/sandbox/SandboxStore.h"

namespace rd {

SandboxTransaction::SandboxTransaction(const SandboxStore &store) : SandboxTransaction(store.connection())
{}

SandboxTransaction::SandboxTransaction(QSqlDatabase database)
    : m_database(std::move(database)), m_open(m_database.transaction())
{}

SandboxTransaction::~SandboxTransaction()
{
    if (m_open) {
        m_database.rollback();
    }
}

bool SandboxTransaction::commit()
{
    if (!m_open || !m_database.commit()) {
        return false; // still open after a failed commit: the destructor rolls it back
    }
    m_open = false;
    return true;
}

} // namespace rd
