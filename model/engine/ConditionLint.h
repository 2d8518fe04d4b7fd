#pragma once

#include "model/Json.h"

#include <string>
#include <vector>

namespace rd {

// What validation has to say about a conditional's `conditions` beyond their shape: clauses the engine
// cannot evaluate (always false) and forms Cloudflare does not document (the engine assumes MongoDB's
// meaning for them). Each note has a stable code; ElementChecks turns them into warnings.
class ConditionLint
{
public:
    struct Note
    {
        std::string code;   // conditional.unknown-namespace | unknown-operator | bad-operand | bad-regex |
                            // assumed-operator | assumed-form
        std::string detail; // what exactly, for the message: the path, the operator, the form
    };

    // At most one note per code: the first thing found, with how many more there are in `detail`.
    static std::vector<Note> check(const Json &conditions);
};

} // namespace rd
