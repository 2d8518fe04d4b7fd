#pragma once

#include "model/Finding.h"
#include "model/Route.h"

#include <vector>

namespace rd {

// Everything the API would reject, as errors, and what is legal but probably wrong, as warnings.
// Runs in time linear in elements + outputs, so the editor can rerun it after every change.
class Validator
{
public:
    static std::vector<Finding> validate(const Route &route);
    static bool hasErrors(const std::vector<Finding> &findings);
};

} // namespace rd
