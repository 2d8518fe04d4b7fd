#pragma once

#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "model/engine/RequestContext.h"

#include <gtest/gtest.h>
#include <string>

namespace rd::test {

inline Json json(const std::string &text)
{
    const Decoded<Json> parsed = JsonText::parse(text);
    EXPECT_TRUE(parsed) << text;
    return parsed ? *parsed.value : Json();
}

inline RequestContext context(const std::string &text)
{
    Decoded<RequestContext> ctx = RequestContext::fromJson(json(text));
    EXPECT_TRUE(ctx) << text;
    return ctx ? *ctx.value : RequestContext();
}

inline Route route(const std::string &text)
{
    Decoded<Route> r = RouteCodec::decodeRoute(json(text));
    EXPECT_TRUE(r) << (r.error ? r.error->toString() : std::string());
    return r ? *r.value : Route();
}

} // namespace rd::test
