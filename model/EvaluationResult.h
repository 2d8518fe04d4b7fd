#pragma once

#include "model/JsonRecord.h"

namespace rd {

// What one evaluator of an evaluation found (seed 001). `result` is a string in the API whatever it measures.
class EvaluationResult : public JsonRecord
{
public:
    EvaluationResult() = default;
    static Decoded<EvaluationResult> fromJson(const Json &json, std::string_view path = "$");

    std::string id() const { return stringField("id"); }
    std::string evaluationId() const { return stringField("evaluation_id"); }
    std::string evaluationTypeId() const { return stringField("evaluation_type_id"); }
    std::string result() const { return stringField("result"); }
    std::optional<Number> status() const { return numberField("status"); }
    std::string statusDescription() const { return stringField("status_description"); }
    std::optional<Number> totalLogs() const { return numberField("total_logs"); }
    std::string createdAt() const { return stringField("created_at"); }
    std::string modifiedAt() const { return stringField("modified_at"); }
};

} // namespace rd
