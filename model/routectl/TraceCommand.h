#pragma once

#include "model/routectl/EngineArguments.h"

#include <iosfwd>

namespace rd::routectl {

// `routectl trace`: one request through the route, a line per step, then who served it.
int traceCommand(const EngineArguments &args, std::istream &in, std::ostream &out, std::ostream &err);

} // namespace rd::routectl
