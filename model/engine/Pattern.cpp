#include "model/engine/Pattern.h"

#include "model/engine/PatternCompiler.h"

#include <cctype>

namespace rd {

namespace {

bool isWordByte(unsigned char c)
{
    return std::isalnum(c) || c == '_';
}

} // namespace

std::optional<Pattern> Pattern::compile(std::string_view pattern, Options options, std::string &error)
{
    error.clear();
    return compilePattern(pattern, options, error);
}

bool Pattern::parseOptions(std::string_view letters, Options &options, std::string &error)
{
    for (const char c : letters) {
        if (c == 'i') {
            options.ignoreCase = true;
        } else if (c == 'm') {
            options.multiline = true;
        } else if (c == 's') {
            options.dotAll = true;
        } else {
            error = "the option \"" + std::string(1, c) + "\" is not supported (i, m and s are)";
            return false;
        }
    }
    return true;
}

bool Pattern::search(std::string_view text) const
{
    const std::size_t size = m_program.size();
    // Two thread lists as sparse sets: `mark[pc] == generation` means pc is in the list being built.
    std::vector<std::uint32_t> current;
    std::vector<std::uint32_t> next;
    std::vector<std::size_t> mark(size, 0);
    std::vector<std::uint32_t> stack;
    current.reserve(size);
    next.reserve(size);
    std::size_t generation = 0;

    // Follows jumps, splits and assertions from `start` at position `pos`; true once Match is reachable.
    const auto addClosure = [&](std::vector<std::uint32_t> &list, std::uint32_t start, std::size_t pos) {
        const int prev = pos == 0 ? -1 : static_cast<unsigned char>(text[pos - 1]);
        const int cur = pos >= text.size() ? -1 : static_cast<unsigned char>(text[pos]);
        stack.push_back(start);
        bool matched = false;
        while (!stack.empty()) {
            const std::uint32_t pc = stack.back();
            stack.pop_back();
            if (mark[pc] == generation) {
                continue;
            }
            mark[pc] = generation;
            const Instruction &in = m_program[pc];
            switch (in.op) {
            case Op::Jump:
                stack.push_back(in.x);
                break;
            case Op::Split:
                stack.push_back(in.y);
                stack.push_back(in.x);
                break;
            case Op::LineStart:
                if (prev < 0 || (m_multiline && (prev == '\n' || prev == '\r'))) {
                    stack.push_back(pc + 1);
                }
                break;
            case Op::LineEnd:
                if (cur < 0 || (m_multiline && (cur == '\n' || cur == '\r'))) {
                    stack.push_back(pc + 1);
                }
                break;
            case Op::WordBoundary:
            case Op::NotWordBoundary: {
                const bool boundary = (prev >= 0 && isWordByte(static_cast<unsigned char>(prev))) !=
                                      (cur >= 0 && isWordByte(static_cast<unsigned char>(cur)));
                if (boundary == (in.op == Op::WordBoundary)) {
                    stack.push_back(pc + 1);
                }
                break;
            }
            case Op::Match:
                matched = true;
                break;
            case Op::Set:
                list.push_back(pc);
                break;
            }
        }
        return matched;
    };

    ++generation;
    if (addClosure(current, 0, 0)) {
        return true;
    }
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
        ++generation;
        next.clear();
        const auto byte = static_cast<unsigned char>(text[pos]);
        for (const std::uint32_t pc : current) {
            if (m_sets[m_program[pc].x].test(byte) && addClosure(next, pc + 1, pos + 1)) {
                return true;
            }
        }
        // Unanchored: a match may also start at the next position.
        if (addClosure(next, 0, pos + 1)) {
            return true;
        }
        current.swap(next);
    }
    return false;
}

} // namespace rd
