#pragma once

#include "model/JsonRecord.h"

namespace rd {

// An evaluator an evaluation can run (seed 001, account-level): Cloudflare's are cost, speed and performance.
class EvaluationType : public JsonRecord
{
public:
    EvaluationType() = default;
    static Decoded<EvaluationType> fromJson(const Json &json, std::string_view path = "$");

    std::string id() const { return stringField("id"); }
    std::string name() const { return stringField("name"); }
    std::string description() const { return stringField("description"); }
    std::string type() const { return stringField("type"); }
    bool enable() const { return boolField("enable"); }
    bool mandatory() const { return boolField("mandatory"); }
    std::string createdAt() const { return stringField("created_at"); }
    std::string modifiedAt() const { return stringField("modified_at"); }
};

} // namespace rd
