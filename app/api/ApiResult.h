#pragma once

#include "app/api/ApiError.h"

#include <functional>
#include <optional>

namespace rd {

// The outcome of one API call: a typed value or an ApiError.
template <class T>
struct ApiResult
{
    std::optional<T> value;
    std::optional<ApiError> error;

    bool ok() const { return value.has_value(); }
    explicit operator bool() const { return ok(); }
};

template <class T>
using ApiCallback = std::function<void(const ApiResult<T> &)>;

} // namespace rd
