#pragma once

#include "model/engine/RouteTracer.h"
#include "model/engine/SimulationReport.h"

#include <QCoreApplication>
#include <QString>

namespace rd {

// How the route engine's answers read in the app: one wording for the trace panel, the simulation and the test
// request, so that "served by", costs and shares look the same everywhere.
class EngineText
{
    Q_DECLARE_TR_FUNCTIONS(rd::EngineText)

public:
    // "Served by openai/gpt-4o-mini in 612 ms · $0.000195" or "Not served: …".
    static QString traceSummary(const TraceResult &result);
    // "$0.000195", "$1.24", "$0" — enough digits to read a single request's cost.
    static QString usd(double amount);
    // "74 %", "0.3 %", "< 0.1 %".
    static QString percent(double share);
    // 1234 → "1,234" in the user's locale.
    static QString count(std::uint64_t n);
};

} // namespace rd
