#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace rd::routectl {

// Exit codes are part of the interface: CI jobs and git hooks branch on them.
inline constexpr int kExitOk = 0;           // clean, or warnings only
inline constexpr int kExitFindings = 1;     // at least one validation error
inline constexpr int kExitBadInput = 2;     // unreadable or malformed input, or a misused command line
inline constexpr int kExitExpectFailed = 3; // trace --expect: the request went elsewhere

// Runs routectl in-process. `args` are the arguments after the program name, e.g. {"validate", "a.json"}.
// Findings and formatted JSON go to `out`; problems with the input or the command line go to `err`.
// FILE "-" reads `in`.
int run(const std::vector<std::string> &args, std::istream &in, std::ostream &out, std::ostream &err);
// As above, with FILE "-" reading std::cin.
int run(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

std::string usage();

} // namespace rd::routectl
