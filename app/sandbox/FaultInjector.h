#pragma once

#include "app/sandbox/FaultSpec.h"

#include <QList>

#include <optional>

namespace rd {

// The queue of injected faults. Each spec affects its next `count` matching requests; when several match,
// the one injected first applies, so a test can line faults up in the order it expects them.
class FaultInjector
{
public:
    void add(const FaultSpec &fault);
    void clear();
    // The fault this request meets, if any, using up one of its count.
    std::optional<FaultSpec> take(const QString &method, const QString &path);
    // What is still queued, with counts reduced by what was used.
    QList<FaultSpec> pending() const;

private:
    QList<FaultSpec> m_queue;
};

} // namespace rd
