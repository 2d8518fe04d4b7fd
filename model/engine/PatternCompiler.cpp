#include "model/engine/PatternCompiler.h"

#include <cctype>
#include <memory>

namespace rd {

namespace {

using ByteSet = std::bitset<256>;

ByteSet range(unsigned char from, unsigned char to)
{
    ByteSet s;
    for (unsigned c = from; c <= to; ++c) {
        s.set(c);
    }
    return s;
}

ByteSet digits()
{
    return range('0', '9');
}

ByteSet wordBytes()
{
    return range('a', 'z') | range('A', 'Z') | digits() | range('_', '_');
}

ByteSet spaces()
{
    ByteSet s;
    for (const unsigned char c : {' ', '\t', '\n', '\r', '\f', '\v'}) {
        s.set(c);
    }
    return s;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// The syntax tree between parsing and emitting: counted repetition emits its operand several times.
struct Node
{
    enum class Kind { Empty, Set, Concat, Alternation, Repeat, Assert } kind = Kind::Empty;
    ByteSet set;
    std::vector<std::unique_ptr<Node>> children;
    int min = 0;
    int max = -1; // -1: unbounded
    std::uint8_t assertion = 0;
};

std::unique_ptr<Node> makeSet(const ByteSet &set)
{
    auto n = std::make_unique<Node>();
    n->kind = Node::Kind::Set;
    n->set = set;
    return n;
}

} // namespace

// Recursive descent over the pattern (recursion bounded by kMaxNesting), then emission into Pike VM code.
class PatternCompiler
{
public:
    PatternCompiler(std::string_view pattern, Pattern::Options options, std::string &error)
        : m_p(pattern), m_options(options), m_error(error)
    {}

    std::optional<Pattern> run()
    {
        std::unique_ptr<Node> root = alternation(0);
        if (!m_error.empty()) {
            return std::nullopt;
        }
        if (m_i < m_p.size()) {
            return fail("unmatched ')' at position " + std::to_string(m_i + 1));
        }
        Pattern pattern;
        pattern.m_multiline = m_options.multiline;
        m_out = &pattern;
        emit(*root);
        if (!m_error.empty()) {
            return std::nullopt;
        }
        add({Pattern::Op::Match, 0, 0});
        if (pattern.m_program.size() > Pattern::kMaxProgram) {
            return fail("the pattern is too complex (its repetitions expand beyond " +
                        std::to_string(Pattern::kMaxProgram) + " steps)");
        }
        return pattern;
    }

private:
    static constexpr int kMaxNesting = 100;

    std::nullopt_t fail(std::string message)
    {
        if (m_error.empty()) {
            m_error = std::move(message);
        }
        return std::nullopt;
    }
    std::unique_ptr<Node> failNode(std::string message)
    {
        fail(std::move(message));
        return std::make_unique<Node>();
    }
    bool more() const { return m_i < m_p.size() && m_error.empty(); }
    char peek() const { return m_p[m_i]; }

    std::unique_ptr<Node> alternation(int depth)
    {
        if (depth > kMaxNesting) {
            return failNode("groups nested more than " + std::to_string(kMaxNesting) + " deep");
        }
        auto alt = std::make_unique<Node>();
        alt->kind = Node::Kind::Alternation;
        alt->children.push_back(concatenation(depth));
        while (more() && peek() == '|') {
            ++m_i;
            alt->children.push_back(concatenation(depth));
        }
        return alt->children.size() == 1 ? std::move(alt->children.front()) : std::move(alt);
    }

    std::unique_ptr<Node> concatenation(int depth)
    {
        auto seq = std::make_unique<Node>();
        seq->kind = Node::Kind::Concat;
        while (more() && peek() != '|' && peek() != ')') {
            seq->children.push_back(repeat(depth));
        }
        return seq;
    }

    bool readNumber(int &value)
    {
        const std::size_t start = m_i;
        value = 0;
        while (m_i < m_p.size() && std::isdigit(static_cast<unsigned char>(m_p[m_i]))) {
            value = std::min(value * 10 + (m_p[m_i] - '0'), 100000);
            ++m_i;
        }
        return m_i > start;
    }

    // `{n}`, `{n,}` or `{n,m}` at m_i; anything else leaves m_i alone (a literal brace, as browsers read it).
    bool braces(int &min, int &max)
    {
        const std::size_t start = m_i;
        ++m_i;
        if (!readNumber(min)) {
            m_i = start;
            return false;
        }
        max = min;
        if (m_i < m_p.size() && m_p[m_i] == ',') {
            ++m_i;
            if (!readNumber(max)) {
                max = -1;
            }
        }
        if (m_i >= m_p.size() || m_p[m_i] != '}') {
            m_i = start;
            return false;
        }
        ++m_i;
        return true;
    }

    std::unique_ptr<Node> repeat(int depth)
    {
        std::unique_ptr<Node> atom = this->atom(depth);
        while (more()) {
            int min = 0;
            int max = -1;
            const char c = peek();
            if (c == '*') {
                ++m_i;
            } else if (c == '+') {
                min = 1;
                ++m_i;
            } else if (c == '?') {
                max = 1;
                ++m_i;
            } else if (c == '{' && braces(min, max)) {
                if (max >= 0 && max < min) {
                    return failNode("a repetition {" + std::to_string(min) + "," + std::to_string(max) +
                                    "} whose maximum is below its minimum");
                }
            } else {
                break;
            }
            if (atom->kind == Node::Kind::Assert || atom->kind == Node::Kind::Empty) {
                return failNode("nothing to repeat before position " + std::to_string(m_i));
            }
            if (more() && peek() == '?') {
                ++m_i; // lazy: matches the same texts
            }
            auto rep = std::make_unique<Node>();
            rep->kind = Node::Kind::Repeat;
            rep->min = min;
            rep->max = max;
            rep->children.push_back(std::move(atom));
            atom = std::move(rep);
        }
        return atom;
    }

    std::unique_ptr<Node> assertion(Pattern::Op op)
    {
        auto n = std::make_unique<Node>();
        n->kind = Node::Kind::Assert;
        n->assertion = static_cast<std::uint8_t>(op);
        return n;
    }

    std::unique_ptr<Node> atom(int depth)
    {
        const char c = m_p[m_i++];
        switch (c) {
        case '(': {
            if (m_p.substr(m_i, 2) == "?:") {
                m_i += 2;
            } else if (m_p.substr(m_i, 2) == "?=" || m_p.substr(m_i, 2) == "?!" || m_p.substr(m_i, 3) == "?<=" ||
                       m_p.substr(m_i, 3) == "?<!") {
                return failNode("look-ahead and look-behind, such as (?=...), are not supported");
            } else if (m_p.substr(m_i, 2) == "?<") {
                const std::size_t close = m_p.find('>', m_i);
                if (close == std::string_view::npos) {
                    return failNode("a named group without its closing '>'");
                }
                m_i = close + 1;
            } else if (m_i < m_p.size() && m_p[m_i] == '?') {
                return failNode("an unknown group kind \"(?" + std::string(m_p.substr(m_i + 1, 1)) + "\"");
            }
            std::unique_ptr<Node> inner = alternation(depth + 1);
            if (m_i >= m_p.size() || m_p[m_i] != ')') {
                return failNode("a group without its closing ')'");
            }
            ++m_i;
            return inner;
        }
        case '[':
            return characterClass();
        case '.': {
            ByteSet s;
            s.set();
            if (!m_options.dotAll) {
                s.reset('\n');
                s.reset('\r');
            }
            return makeSet(s);
        }
        case '^':
            return assertion(Pattern::Op::LineStart);
        case '$':
            return assertion(Pattern::Op::LineEnd);
        case '\\':
            return escape();
        case '*':
        case '+':
        case '?':
            return failNode("nothing to repeat before position " + std::to_string(m_i));
        default:
            return literal(static_cast<unsigned char>(c));
        }
    }

    std::unique_ptr<Node> literal(unsigned char c)
    {
        ByteSet s;
        s.set(c);
        return makeSet(foldCase(s));
    }

    ByteSet foldCase(ByteSet s) const
    {
        if (m_options.ignoreCase) {
            for (unsigned c = 'a'; c <= 'z'; ++c) {
                if (s.test(c) || s.test(c - 32)) {
                    s.set(c);
                    s.set(c - 32);
                }
            }
        }
        return s;
    }

    // A code point from \xHH or \uHHHH, as its UTF-8 bytes.
    std::unique_ptr<Node> codePoint(unsigned long cp)
    {
        std::string bytes;
        if (cp < 0x80) {
            bytes += static_cast<char>(cp);
        } else if (cp < 0x800) {
            bytes += static_cast<char>(0xC0 | (cp >> 6));
            bytes += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            bytes += static_cast<char>(0xE0 | (cp >> 12));
            bytes += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            bytes += static_cast<char>(0x80 | (cp & 0x3F));
        }
        if (bytes.size() == 1) {
            return literal(static_cast<unsigned char>(bytes[0]));
        }
        auto seq = std::make_unique<Node>();
        seq->kind = Node::Kind::Concat;
        for (const char b : bytes) {
            seq->children.push_back(literal(static_cast<unsigned char>(b)));
        }
        return seq;
    }

    bool hexDigits(std::size_t count, unsigned long &value)
    {
        value = 0;
        if (m_i + count > m_p.size()) {
            return false;
        }
        for (std::size_t k = 0; k < count; ++k) {
            const int h = hexValue(m_p[m_i + k]);
            if (h < 0) {
                return false;
            }
            value = value * 16 + static_cast<unsigned long>(h);
        }
        m_i += count;
        return true;
    }

    // What a class escape stands for (\d, \w, \s and negations); false when `c` is none of them.
    static bool classEscape(char c, ByteSet &s)
    {
        switch (c) {
        case 'd':
            s = digits();
            return true;
        case 'D':
            s = ~digits();
            return true;
        case 'w':
            s = wordBytes();
            return true;
        case 'W':
            s = ~wordBytes();
            return true;
        case 's':
            s = spaces();
            return true;
        case 'S':
            s = ~spaces();
            return true;
        default:
            return false;
        }
    }

    // A single-byte escape shared by classes and the rest; -1 when `c` is not one (or an error was set).
    int byteEscape(char c, bool inClass)
    {
        switch (c) {
        case 't':
            return '\t';
        case 'n':
            return '\n';
        case 'r':
            return '\r';
        case 'f':
            return '\f';
        case 'v':
            return '\v';
        case '0':
            return 0;
        case 'b':
            return inClass ? '\b' : -1;
        case 'c':
            if (m_i < m_p.size() && std::isalpha(static_cast<unsigned char>(m_p[m_i]))) {
                return m_p[m_i++] % 32;
            }
            return '\\';
        default:
            break;
        }
        if (std::isdigit(static_cast<unsigned char>(c))) {
            fail("back-references such as \\" + std::string(1, c) + " are not supported");
            return -1;
        }
        if (c == 'k' || c == 'p' || c == 'P') {
            fail("the escape \\" + std::string(1, c) + " is not supported");
            return -1;
        }
        return static_cast<unsigned char>(c); // an identity escape: \. \/ \\ \[ ...
    }

    std::unique_ptr<Node> escape()
    {
        if (m_i >= m_p.size()) {
            return failNode("the pattern ends with a lone backslash");
        }
        const char c = m_p[m_i++];
        ByteSet s;
        if (classEscape(c, s)) {
            return makeSet(s);
        }
        if (c == 'b' || c == 'B') {
            return assertion(c == 'b' ? Pattern::Op::WordBoundary : Pattern::Op::NotWordBoundary);
        }
        if (c == 'x' || c == 'u') {
            unsigned long cp = 0;
            if (!hexDigits(c == 'x' ? 2 : 4, cp)) {
                return literal(static_cast<unsigned char>(c));
            }
            return codePoint(cp);
        }
        const int b = byteEscape(c, false);
        return b < 0 ? std::make_unique<Node>() : literal(static_cast<unsigned char>(b));
    }

    // One member of a class at m_i: a byte (as a range of one) or a class escape.
    bool classAtom(ByteSet &set, int &single)
    {
        single = -1;
        const char c = m_p[m_i++];
        if (c != '\\') {
            single = static_cast<unsigned char>(c);
            return true;
        }
        if (m_i >= m_p.size()) {
            fail("the pattern ends with a lone backslash");
            return false;
        }
        const char e = m_p[m_i++];
        if (classEscape(e, set)) {
            return true;
        }
        if (e == 'x' || e == 'u') {
            unsigned long cp = 0;
            if (hexDigits(e == 'x' ? 2 : 4, cp)) {
                if (cp > 0xFF) {
                    fail("characters beyond \\xFF are not supported inside [...]");
                    return false;
                }
                single = static_cast<int>(cp);
            } else {
                single = static_cast<unsigned char>(e);
            }
            return true;
        }
        single = byteEscape(e, true);
        return single >= 0;
    }

    std::unique_ptr<Node> characterClass()
    {
        bool negate = false;
        if (m_i < m_p.size() && m_p[m_i] == '^') {
            negate = true;
            ++m_i;
        }
        ByteSet s;
        while (true) {
            if (m_i >= m_p.size()) {
                return failNode("a character class without its closing ']'");
            }
            if (m_p[m_i] == ']') {
                ++m_i;
                break;
            }
            ByteSet escaped;
            int low = -1;
            if (!classAtom(escaped, low)) {
                return std::make_unique<Node>();
            }
            if (low < 0) {
                s |= escaped;
                continue;
            }
            if (m_i + 1 < m_p.size() && m_p[m_i] == '-' && m_p[m_i + 1] != ']') {
                ++m_i;
                ByteSet ignored;
                int high = -1;
                if (!classAtom(ignored, high)) {
                    return std::make_unique<Node>();
                }
                if (high < 0) {
                    return failNode("a range in [...] that ends in a class such as \\d");
                }
                if (high < low) {
                    return failNode("a range in [...] that runs backwards");
                }
                s |= range(static_cast<unsigned char>(low), static_cast<unsigned char>(high));
            } else {
                s.set(static_cast<unsigned char>(low));
            }
        }
        s = foldCase(s);
        return makeSet(negate ? ~s : s);
    }

    std::uint32_t add(Pattern::Instruction in)
    {
        m_out->m_program.push_back(in);
        return static_cast<std::uint32_t>(m_out->m_program.size() - 1);
    }
    std::uint32_t here() const { return static_cast<std::uint32_t>(m_out->m_program.size()); }

    void emit(const Node &n)
    {
        if (m_out->m_program.size() > Pattern::kMaxProgram) {
            return; // refused in run(); stop expanding
        }
        switch (n.kind) {
        case Node::Kind::Empty:
            break;
        case Node::Kind::Set:
            m_out->m_sets.push_back(n.set);
            add({Pattern::Op::Set, static_cast<std::uint32_t>(m_out->m_sets.size() - 1), 0});
            break;
        case Node::Kind::Assert:
            add({static_cast<Pattern::Op>(n.assertion), 0, 0});
            break;
        case Node::Kind::Concat:
            for (const auto &child : n.children) {
                emit(*child);
            }
            break;
        case Node::Kind::Alternation: {
            std::vector<std::uint32_t> jumps;
            for (std::size_t k = 0; k + 1 < n.children.size(); ++k) {
                const std::uint32_t split = add({Pattern::Op::Split, 0, 0});
                m_out->m_program[split].x = here();
                emit(*n.children[k]);
                jumps.push_back(add({Pattern::Op::Jump, 0, 0}));
                m_out->m_program[split].y = here();
            }
            emit(*n.children.back());
            for (const std::uint32_t j : jumps) {
                m_out->m_program[j].x = here();
            }
            break;
        }
        case Node::Kind::Repeat: {
            const Node &body = *n.children.front();
            for (int k = 0; k < n.min; ++k) {
                emit(body);
            }
            if (n.max < 0) {
                const std::uint32_t split = add({Pattern::Op::Split, 0, 0});
                m_out->m_program[split].x = here();
                emit(body);
                add({Pattern::Op::Jump, split, 0});
                m_out->m_program[split].y = here();
            } else {
                std::vector<std::uint32_t> splits;
                for (int k = n.min; k < n.max && m_out->m_program.size() <= Pattern::kMaxProgram; ++k) {
                    const std::uint32_t split = add({Pattern::Op::Split, 0, 0});
                    m_out->m_program[split].x = here();
                    splits.push_back(split);
                    emit(body);
                }
                for (const std::uint32_t s : splits) {
                    m_out->m_program[s].y = here();
                }
            }
            break;
        }
        }
    }

    std::string_view m_p;
    std::size_t m_i = 0;
    Pattern::Options m_options;
    std::string &m_error;
    Pattern *m_out = nullptr;
};

std::optional<Pattern> compilePattern(std::string_view pattern, Pattern::Options options, std::string &error)
{
    return PatternCompiler(pattern, options, error).run();
}

} // namespace rd
