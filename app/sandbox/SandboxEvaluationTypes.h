#pragma once

#include "model/Json.h"

#include <QString>

#include <vector>

namespace rd {

// The account-level evaluators (GET /ai-gateway/evaluation-types): Cloudflare's three, cost, speed and performance
// (human feedback), as fixed rows with stable ids, the same in every account and every sandbox.
class SandboxEvaluationTypes
{
public:
    enum class Kind { Cost, Speed, Performance };

    struct Type
    {
        const char *id;
        Kind kind;
        const char *type; // the `type` field
        const char *name;
        const char *description;
    };

    static const std::vector<Type> &all();
    // nullptr for an id that is none of them.
    static const Type *find(const QString &id);
    // EvaluationTypeListResponse of seed 001.
    static Json toJson(const Type &type);
};

} // namespace rd
