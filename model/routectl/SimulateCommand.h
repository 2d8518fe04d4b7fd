#pragma once

#include "model/routectl/EngineArguments.h"

#include <iosfwd>

namespace rd::routectl {

// `routectl simulate`: many requests through the route, counted per element and per model.
int simulateCommand(const EngineArguments &args, std::istream &in, std::ostream &out, std::ostream &err);

} // namespace rd::routectl
