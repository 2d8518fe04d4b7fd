#pragma once

#include "app/sandbox/SandboxStore.h"
#include "model/Json.h"

#include <QString>

#include <optional>

namespace rd {

// Runs one evaluation: its evaluators over the union of its datasets' logs (each dataset's filters ANDed, as
// Cloudflare's docs say, through the same SandboxLogQuery the log list uses), and writes what they found into it.
// It runs over the datasets as they were when the evaluation was created, whatever their `enable`: an evaluation
// names its datasets itself (our assumption; Cloudflare does not say what `enable` does to one).
class SandboxEvaluationRun
{
public:
    // Status of a result. Cloudflare documents `status` only as a number; these values are the sandbox's.
    static constexpr int kDone = 1;
    static constexpr int kNothingToMeasure = 2;

    // `evaluation` with `results`, `total_logs` and `processed: true` filled in at `now`; nullopt when the
    // database failed.
    static std::optional<Json> run(SandboxStore &store, const QString &account, const QString &gateway, Json evaluation,
                                   const QString &now);
};

} // namespace rd
