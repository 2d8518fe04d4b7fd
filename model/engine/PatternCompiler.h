#pragma once

#include "model/engine/Pattern.h"

#include <optional>
#include <string>
#include <string_view>

namespace rd {

// Pattern's parser and code generator (PatternCompiler.cpp): the pattern is parsed by recursive descent
// into a small syntax tree, then emitted as Pike VM instructions. Only Pattern::compile calls it.
std::optional<Pattern> compilePattern(std::string_view pattern, Pattern::Options options, std::string &error);

} // namespace rd
