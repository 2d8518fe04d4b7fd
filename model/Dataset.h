#pragma once

#include "model/JsonRecord.h"
#include "model/LogQuery.h"

#include <string>
#include <vector>

namespace rd {

// A gateway's dataset (seed 001): a saved log filter that evaluations run over. Its filters have the shape of the
// log filters, `{key, operator, value: [..]}`, with fewer keys and operators (eq, contains, lt, gt).
class Dataset : public JsonRecord
{
public:
    Dataset() = default;
    // Checks the filters too: each an object with a string `key` and `operator` and an array `value`.
    static Decoded<Dataset> fromJson(const Json &json, std::string_view path = "$");
    // The body of create (POST) and update (PUT): `{name, enable, filters}`, all three required by the API.
    static Json encodeBody(const std::string &name, bool enable, const std::vector<LogFilter> &filters);

    std::string id() const { return stringField("id"); }
    std::string name() const { return stringField("name"); }
    bool enable() const { return boolField("enable"); }
    std::string gatewayId() const { return stringField("gateway_id"); }
    std::string createdAt() const { return stringField("created_at"); }
    std::string modifiedAt() const { return stringField("modified_at"); }
    std::vector<LogFilter> filters() const;
};

} // namespace rd
