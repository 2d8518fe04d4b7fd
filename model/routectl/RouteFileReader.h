#pragma once

#include "model/Decoded.h"
#include "model/RouteCodec.h"

#include <iosfwd>
#include <string>

namespace rd::routectl {

// Reading route files for every routectl command: FILE "-" is standard input, read with the same size limit
// as a file so that an endless pipe cannot exhaust memory.
class RouteFileReader
{
public:
    static Decoded<RouteFileContent> load(const std::string &file, std::istream &in);
    // "<stdin>" for "-", else the file as given.
    static std::string displayName(const std::string &file);
    // A route's name, else its id, else "#N" (1-based) for messages and lists.
    static std::string routeLabel(const Route &route, std::size_t index);
};

} // namespace rd::routectl
