#pragma once

#include "model/Evaluation.h"
#include "model/EvaluationType.h"

#include <QString>

#include <map>
#include <string>
#include <vector>

namespace rd {

// How the Evaluations page words what the API answers: times in local time with the zone, results per evaluator.
class EvaluationText
{
public:
    // The evaluator names by id, for results that carry only `evaluation_type_id`.
    using TypeNames = std::map<std::string, QString>;
    static TypeNames typeNames(const std::vector<EvaluationType> &types);

    // "2026-12-07 17:50 CET"; the text as given when it is not a time.
    static QString localTime(const std::string &iso);
    // "✓ Processed" or "⏳ Running".
    static QString processed(bool processed);
    // "Cost 0.0123 · Speed 350 · Performance — (None of the 3 logs has feedback)"; "" while unprocessed.
    static QString results(const Evaluation &evaluation, const TypeNames &names);
    // One result's value: the API's text, or "—" when it has none.
    static QString resultValue(const EvaluationResult &result);
    static QString typeName(const std::string &typeId, const TypeNames &names);
    // The dataset names, joined with commas.
    static QString datasets(const Evaluation &evaluation);
};

} // namespace rd
