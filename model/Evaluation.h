#pragma once

#include "model/Dataset.h"
#include "model/EvaluationResult.h"
#include "model/JsonRecord.h"

#include <vector>

namespace rd {

// An evaluation of a gateway (seed 001): evaluators run over the logs of some datasets. Cloudflare runs it
// asynchronously: `processed` is false and `results` empty until it has.
class Evaluation : public JsonRecord
{
public:
    Evaluation() = default;
    // Decodes the nested datasets and results too: one that does not decode fails the answer, naming it.
    static Decoded<Evaluation> fromJson(const Json &json, std::string_view path = "$");

    std::string id() const { return stringField("id"); }
    std::string name() const { return stringField("name"); }
    std::string gatewayId() const { return stringField("gateway_id"); }
    bool processed() const { return boolField("processed"); }
    std::optional<Number> totalLogs() const { return numberField("total_logs"); }
    std::string createdAt() const { return stringField("created_at"); }
    std::string modifiedAt() const { return stringField("modified_at"); }
    std::vector<Dataset> datasets() const;
    std::vector<EvaluationResult> results() const;
};

} // namespace rd
