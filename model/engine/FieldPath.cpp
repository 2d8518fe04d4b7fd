#include "model/engine/FieldPath.h"

#include "model/engine/RequestContext.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace rd {

namespace {

// A whole decimal array index; "01" and "-1" are keys, not indexes, as in MongoDB.
bool arrayIndex(std::string_view s, std::size_t &index)
{
    if (s.empty() || (s.size() > 1 && s[0] == '0')) {
        return false;
    }
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), index);
    return ec == std::errc() && end == s.data() + s.size();
}

} // namespace

FieldPath FieldPath::parse(std::string_view path)
{
    FieldPath p;
    p.m_text = std::string(path);
    const std::size_t dot = path.find('.');
    const std::string_view head = path.substr(0, dot);
    const std::string_view rest = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    if (head == "body") {
        p.m_space = Namespace::Body;
        std::string_view r = rest;
        while (dot != std::string_view::npos) {
            const std::size_t next = r.find('.');
            p.m_segments.emplace_back(r.substr(0, next));
            if (next == std::string_view::npos) {
                break;
            }
            r = r.substr(next + 1);
        }
    } else if ((head == "metadata" || head == "headers") && !rest.empty()) {
        p.m_space = head == "metadata" ? Namespace::Metadata : Namespace::Headers;
        std::string key(rest);
        if (p.m_space == Namespace::Headers) {
            std::transform(key.begin(), key.end(), key.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        }
        p.m_segments.push_back(std::move(key));
    }
    return p;
}

const Json *FieldPath::resolve(const RequestContext &ctx) const
{
    switch (m_space) {
    case Namespace::Metadata:
    case Namespace::Headers: {
        const Json &map = m_space == Namespace::Metadata ? ctx.metadata : ctx.headers;
        if (!map.is_object()) {
            return nullptr;
        }
        const auto it = map.find(m_segments.front());
        return it == map.end() ? nullptr : &*it;
    }
    case Namespace::Body: {
        const Json *node = &ctx.body;
        for (const std::string &segment : m_segments) {
            if (node->is_object()) {
                const auto it = node->find(segment);
                if (it == node->end()) {
                    return nullptr;
                }
                node = &*it;
            } else if (std::size_t index = 0; node->is_array() && arrayIndex(segment, index)) {
                if (index >= node->size()) {
                    return nullptr;
                }
                node = &(*node)[index];
            } else {
                return nullptr;
            }
        }
        return node;
    }
    case Namespace::Unknown:
        break;
    }
    return nullptr;
}

} // namespace rd
