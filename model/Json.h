#pragma once

#include <nlohmann/json.hpp>

namespace rd {

// Insertion-ordered so that fields we do not know keep the place the author gave them, and files that
// operators keep in git do not churn when they pass through the app.
using Json = nlohmann::ordered_json;

} // namespace rd
