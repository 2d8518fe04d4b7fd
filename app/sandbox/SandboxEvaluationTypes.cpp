#include "app/sandbox/SandboxEvaluationTypes.h"

namespace rd {

namespace {

// Fixed, so a type's created_at never changes between runs or sandboxes.
constexpr const char *kCreatedAt = "2025-01-01T00:00:00.000Z";

} // namespace

const std::vector<SandboxEvaluationTypes::Type> &SandboxEvaluationTypes::all()
{
    // Cloudflare publishes no ids for its evaluators; these are the sandbox's, UUIDs like Cloudflare's ids.
    static const std::vector<Type> types{
        {"6f2d4a5e-0c1b-4f7a-9b3e-1c0e5d2a7b01", Kind::Cost, "cost", "Cost", "The average cost of the logs, in USD."},
        {"6f2d4a5e-0c1b-4f7a-9b3e-1c0e5d2a7b02", Kind::Speed, "speed", "Speed",
         "The average duration of the requests, in milliseconds."},
        {"6f2d4a5e-0c1b-4f7a-9b3e-1c0e5d2a7b03", Kind::Performance, "performance", "Performance",
         "The share of positive feedback among the logs that have feedback."},
    };
    return types;
}

const SandboxEvaluationTypes::Type *SandboxEvaluationTypes::find(const QString &id)
{
    for (const Type &type : all()) {
        if (id == QLatin1String(type.id)) {
            return &type;
        }
    }
    return nullptr;
}

Json SandboxEvaluationTypes::toJson(const Type &type)
{
    return Json{{"id", type.id},     {"created_at", kCreatedAt}, {"description", type.description},
                {"enable", true},    {"mandatory", false},       {"modified_at", kCreatedAt},
                {"name", type.name}, {"type", type.type}};
}

} // namespace rd
