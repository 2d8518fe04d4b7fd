#include "model/Validator.h"

#include "model/RouteAnalysis.h"

#include <algorithm>

namespace rd {

std::string_view severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    }
    return "error";
}

std::vector<Finding> Validator::validate(const Route &route)
{
    return RouteAnalysis(route).run();
}

bool Validator::hasErrors(const std::vector<Finding> &findings)
{
    return std::any_of(findings.begin(), findings.end(),
                       [](const Finding &f) { return f.severity == Severity::Error; });
}

} // namespace rd
