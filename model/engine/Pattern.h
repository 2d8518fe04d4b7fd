#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rd {

// The regular expressions of `$regex`: ECMAScript syntax without the parts that need backtracking, run as a
// Pike VM in time linear in the text (times the pattern's size) with no recursion over the text.
// std::regex backtracks: `(a*)*c` against forty a's takes minutes and a long prompt overflows the stack, and
// a route is a thing operators paste from anywhere. What is understood: literals, `.`, classes (`[a-z]`,
// `[^...]`, `\d \w \s` and their negations), `^ $ \b \B`, groups `(...)` and `(?:...)`, `|`, and the
// quantifiers `* + ? {n} {n,} {n,m}` (lazy forms match the same texts). Back-references and look-arounds are
// refused with a reason. Bytes are matched as bytes, so a UTF-8 character is a sequence of them.
class Pattern
{
public:
    struct Options
    {
        bool ignoreCase = false; // "i"
        bool multiline = false;  // "m": ^ and $ also at line breaks
        bool dotAll = false;     // "s": . also matches line breaks
    };

    // A compiled program, or nullopt with `error` saying what is wrong or unsupported.
    static std::optional<Pattern> compile(std::string_view pattern, Options options, std::string &error);
    // MongoDB's `$options` letters; false (with `error`) for a letter this engine does not take.
    static bool parseOptions(std::string_view letters, Options &options, std::string &error);

    // Whether the pattern matches anywhere in `text`.
    bool search(std::string_view text) const;

    // A pattern expands counted repetitions; beyond this many instructions it is refused as too complex.
    static constexpr std::size_t kMaxProgram = 5'000;

private:
    enum class Op : std::uint8_t { Set, Split, Jump, Match, LineStart, LineEnd, WordBoundary, NotWordBoundary };
    struct Instruction
    {
        Op op = Op::Match;
        std::uint32_t x = 0; // Set: index into m_sets; Split/Jump: target
        std::uint32_t y = 0; // Split: second target (lower priority)
    };

    friend class PatternCompiler;

    std::vector<Instruction> m_program;
    std::vector<std::bitset<256>> m_sets;
    bool m_multiline = false;
};

} // namespace rd
