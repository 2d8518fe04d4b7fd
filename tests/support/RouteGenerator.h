#pragma once

#include "model/Route.h"

#include <cstddef>
#include <cstdint>

namespace rd::test {

// A valid route of about `elementCount` elements built from every element type (start, conditionals,
// percentage splits, rate limits, models with fallbacks, end), deterministic for a given seed. Used by
// benchmarks and size tests.
Route makeSyntheticRoute(std::size_t elementCount, std::uint32_t seed = 1);

// The demo route that the sandbox seeds and the docs show: start -> conditional on metadata.plan ->
// percentage split over two models, a rate limit, fallbacks -> end.
Route makeDemoRoute();

} // namespace rd::test
