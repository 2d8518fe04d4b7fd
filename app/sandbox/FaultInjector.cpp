#include "app/sandbox/FaultInjector.h"

namespace rd {

void FaultInjector::add(const FaultSpec &fault)
{
    if (fault.count > 0) {
        m_queue.append(fault);
    }
}

void FaultInjector::clear()
{
    m_queue.clear();
}

std::optional<FaultSpec> FaultInjector::take(const QString &method, const QString &path)
{
    for (qsizetype i = 0; i < m_queue.size(); ++i) {
        FaultSpec &spec = m_queue[i];
        if (!spec.method.isEmpty() && spec.method.compare(method, Qt::CaseInsensitive) != 0) {
            continue;
        }
        if (!spec.pathContains.isEmpty() && !path.contains(spec.pathContains)) {
            continue;
        }
        FaultSpec hit = spec;
        hit.count = 1;
        if (--spec.count <= 0) {
            m_queue.removeAt(i);
        }
        return hit;
    }
    return std::nullopt;
}

QList<FaultSpec> FaultInjector::pending() const
{
    return m_queue;
}

} // namespace rd
