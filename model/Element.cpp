#include "model/Element.h"

#include <algorithm>

namespace rd {

namespace {

std::string formatWindow(const Number &seconds)
{
    if (!seconds.isInteger()) {
        return seconds.toString() + " s";
    }
    const std::int64_t s = seconds.toInteger();
    if (s > 0 && s % 86400 == 0) {
        return std::to_string(s / 86400) + " d";
    }
    if (s > 0 && s % 3600 == 0) {
        return std::to_string(s / 3600) + " h";
    }
    if (s > 0 && s % 60 == 0) {
        return std::to_string(s / 60) + " min";
    }
    return std::to_string(s) + " s";
}

std::string elide(std::string text, std::size_t max)
{
    if (text.size() > max) {
        // Cut on a UTF-8 boundary so the summary stays valid text.
        std::size_t cut = max - 1;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        text.resize(cut);
        text += "\u2026";
    }
    return text;
}

} // namespace

Element Element::make(ElementType type, std::string id)
{
    Element e;
    e.id = std::move(id);
    e.type = type;
    switch (type) {
    case ElementType::Conditional:
        e.hasProperties = true;
        e.conditional.conditions = Json::object();
        break;
    case ElementType::Rate:
        e.hasProperties = true;
        e.rate.key = std::string();
        e.rate.limitType = "count";
        break;
    case ElementType::Model:
        e.hasProperties = true;
        e.model.provider = std::string();
        e.model.model = std::string();
        e.model.timeout = Number::fromInteger(30000);
        e.model.retries = Number::fromInteger(0);
        break;
    case ElementType::Start:
    case ElementType::Percentage:
    case ElementType::End:
    case ElementType::Unknown:
        break;
    }
    return e;
}

std::string_view Element::typeName() const
{
    return type == ElementType::Unknown ? std::string_view(unknownTypeName) : elementTypeName(type);
}

const Output *Element::output(std::string_view name) const
{
    auto it = std::find_if(outputs.begin(), outputs.end(), [&](const Output &o) { return o.name == name; });
    return it == outputs.end() ? nullptr : &*it;
}

Output *Element::output(std::string_view name)
{
    return const_cast<Output *>(std::as_const(*this).output(name));
}

void Element::setOutput(std::string_view name, std::string target)
{
    if (Output *o = output(name)) {
        o->target = std::move(target);
        return;
    }
    outputs.push_back(Output{std::string(name), std::move(target), Json()});
}

bool Element::removeOutput(std::string_view name)
{
    auto it = std::find_if(outputs.begin(), outputs.end(), [&](const Output &o) { return o.name == name; });
    if (it == outputs.end()) {
        return false;
    }
    outputs.erase(it);
    return true;
}

std::string Element::summary() const
{
    switch (type) {
    case ElementType::Start:
        return "Incoming request";
    case ElementType::End:
        return "Return response";
    case ElementType::Conditional: {
        if (!conditional.conditions) {
            return "no condition";
        }
        const Json &c = *conditional.conditions;
        // The common one-field form reads better without JSON punctuation: metadata.plan $eq "free".
        if (c.is_object() && c.size() == 1) {
            const std::string &field = c.begin().key();
            const Json &test = c.begin().value();
            if (test.is_object() && test.size() == 1) {
                const std::string &op = test.begin().key();
                const Json &value = test.begin().value();
                return elide(field + " " + op + " " + value.dump(-1, ' ', false, Json::error_handler_t::replace), 48);
            }
            if (!test.is_object() && !test.is_array()) {
                return elide(field + " = " + test.dump(-1, ' ', false, Json::error_handler_t::replace), 48);
            }
        }
        return elide(c.dump(-1, ' ', false, Json::error_handler_t::replace), 48);
    }
    case ElementType::Percentage: {
        std::string s;
        for (const Output &o : outputs) {
            if (!s.empty()) {
                s += " / ";
            }
            s += o.name;
        }
        return s.empty() ? "no branches" : elide(s, 48);
    }
    case ElementType::Rate: {
        std::string s = rate.limit ? rate.limit->toString() : "?";
        const bool cost = rate.limitType && *rate.limitType == "cost";
        s = cost ? "$" + s : s + " requests";
        s += " per ";
        s += rate.window ? formatWindow(*rate.window) : "?";
        return s;
    }
    case ElementType::Model: {
        const std::string m = model.model.value_or("");
        const std::string p = model.provider.value_or("");
        if (m.empty() && p.empty()) {
            return "no model";
        }
        return elide(p.empty() ? m : (m.empty() ? p : m + " (" + p + ")"), 48);
    }
    case ElementType::Unknown:
        break;
    }
    return "unknown type \"" + unknownTypeName + "\"";
}

} // namespace rd
