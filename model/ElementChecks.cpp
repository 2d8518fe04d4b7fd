#include "model/ElementChecks.h"

#include "model/ElementTypes.h"
#include "model/FindingText.h"
#include "model/Share.h"
#include "model/engine/ConditionLint.h"

#include <string>

namespace rd {

namespace {

constexpr std::string_view kConditionsExample = R"({"metadata.plan": {"$eq": "free"}})";

bool isZero(const Number &n)
{
    return n.isInteger() ? n.toInteger() == 0 : n.toDouble() == 0.0;
}

// The descriptor of `element`'s property `name`: the checks below name only properties their type has.
const PropertyDescriptor &propertyOf(const Element &element, std::string_view name)
{
    return *ElementTypes::of(element.type).property(name);
}

} // namespace

ElementChecks::ElementChecks(const std::vector<Element> &elements, std::vector<Finding> &findings)
    : m_elements(elements), m_findings(findings)
{}

void ElementChecks::checkType(Index i)
{
    switch (m_elements[i].type) {
    case ElementType::Conditional:
        checkConditional(i);
        break;
    case ElementType::Rate:
        checkRate(i);
        break;
    case ElementType::Model:
        checkModel(i);
        break;
    case ElementType::Start:
    case ElementType::Percentage:
    case ElementType::End:
    case ElementType::Unknown:
        break;
    }
    if (ElementTypes::of(m_elements[i].type).outputs == OutputKind::Shares) {
        checkShares(i);
    }
}

// Share does the parsing so that the validator and the editor agree on what a share is; the API's range
// is ours to enforce. "0%" parses: it gets its own warning.
ElementChecks::ParsedShare ElementChecks::parseShare(std::string_view key)
{
    const auto value = Share::parseMillionths(key);
    if (!value) {
        return {};
    }
    if (*value > Share::kWhole) {
        return {ShareStatus::OutOfRange, 0};
    }
    return {ShareStatus::Ok, *value};
}

void ElementChecks::checkConditional(Index i)
{
    const Element &e = m_elements[i];
    const auto &conditions = *propertyOf(e, "conditions").json(e);
    if (conditions && conditions->is_object() && !conditions->empty()) {
        checkConditionForms(i, *conditions);
        return;
    }
    const std::string subject = FindingText::subject(e, i, true);
    if (!conditions) {
        add(Severity::Error, "conditional.conditions", i, {},
            subject + " has no conditions; set a query such as " + std::string(kConditionsExample) + ".");
    } else if (!conditions->is_object()) {
        add(Severity::Error, "conditional.conditions", i, {},
            subject + " has conditions that are " + FindingText::withArticle(conditions->type_name()) +
                ", not a JSON object; write them as an object such as " + std::string(kConditionsExample) + ".");
    } else if (conditions->empty()) {
        add(Severity::Warning, "conditional.always-true", i, {},
            subject + " has empty conditions, so every request takes its \"true\" output; add a condition such as " +
                std::string(kConditionsExample) + ".");
    }
}

// The engine's reading of conditions (ConditionEvaluator) decides traces and simulations; these warnings
// say where that reading is a guess about Cloudflare or where a clause can never match.
void ElementChecks::checkConditionForms(Index i, const Json &conditions)
{
    const std::string subject = FindingText::subject(m_elements[i], i, true);
    for (const ConditionLint::Note &note : ConditionLint::check(conditions)) {
        std::string message;
        if (note.code == "conditional.unknown-namespace") {
            message = subject + " tests " + FindingText::inQuotes(note.detail) +
                      ", which names no request field, so that test is always false; start the path with "
                      "\"metadata.\", \"headers.\" or \"body.\", e.g. \"metadata.plan\".";
        } else if (note.code == "conditional.unknown-operator") {
            message = subject + " uses " + FindingText::inQuotes(note.detail) +
                      ", which is not an operator, so that test is always false; use one of $eq $ne $gt $gte $lt "
                      "$lte $in $nin $exists $regex $and $or $not.";
        } else if (note.code == "conditional.bad-operand") {
            message = subject + " has a test that is always false: " + note.detail + ".";
        } else if (note.code == "conditional.bad-regex") {
            message = subject + " has a $regex that cannot be used, so that test is always false: " + note.detail + ".";
        } else if (note.code == "conditional.assumed-operator") {
            message = subject + " uses " + note.detail +
                      ": Cloudflare documents only $eq, so Route Designer assumes MongoDB's meaning for it; check "
                      "the route against the live gateway (send a test request) before relying on it.";
        } else {
            message = subject + " uses " + note.detail +
                      ": Cloudflare documents only {\"path\": {\"$eq\": value}}, so Route Designer assumes "
                      "MongoDB's meaning; check the route against the live gateway before relying on it.";
        }
        add(Severity::Warning, note.code, i, {}, std::move(message));
    }
}

void ElementChecks::checkRate(Index i)
{
    requireText(i, "key", "rate.key", "set what requests are counted per, e.g. \"metadata.user_id\"");
    requireNumber(i, "limit", "rate.limit",
                  {"set how much each key may use per window, e.g. 100", "set a limit above 0, e.g. 100"});
    requireNumber(i, "window", "rate.window",
                  {"set the period in seconds, e.g. 60", "set a period above 0 seconds, e.g. 60"});
    requireChoice(i, "limitType", "rate.limit-type");
}

void ElementChecks::checkModel(Index i)
{
    requireText(i, "provider", "model.provider", "set the provider, e.g. \"openai\"");
    requireText(i, "model", "model.model", "set the model to call, e.g. \"gpt-4o-mini\"");
    requireNumber(i, "timeout", "model.timeout",
                  {"set one in milliseconds, e.g. 30000", "set a timeout above 0 milliseconds, e.g. 30000"});
    requireNumber(i, "retries", "model.retries",
                  {"set how many times to retry, e.g. 1 (0 for none)", "set 0 or more, e.g. 1",
                   "set a whole number of attempts, e.g. 1 or 2"});
    const ModelProperties &model = m_elements[i].model;
    if (model.timeout && model.retries && isZero(*model.timeout) && isZero(*model.retries)) {
        add(Severity::Warning, "model.zero-timeout-zero-retries", i, {},
            FindingText::subject(m_elements[i], i, true) +
                " has timeout 0 and retries 0, which has been reported to break routes in production; set a "
                "timeout above 0, e.g. 30000.");
    }
}

void ElementChecks::checkShares(Index i)
{
    const Element &e = m_elements[i];
    const std::string most = std::to_string(ElementTypes::of(e.type).maxOutputs);
    if (e.outputs.empty()) {
        add(Severity::Error, "percentage.output-count", i, {},
            FindingText::subject(e, i, true) + " has no outputs; add between 1 and " + most +
                " shares, e.g. \"60%\" and \"40%\".");
    } else if (e.outputs.size() > ElementTypes::of(e.type).maxOutputs) {
        add(Severity::Error, "percentage.output-count", i, {},
            FindingText::subject(e, i, true) + " has " + std::to_string(e.outputs.size()) +
                " outputs, but the API allows at most " + most + "; remove or merge shares until " + most + " remain.");
    }

    m_shares.clear();
    std::int64_t total = 0;
    bool anyShare = false;
    for (const Output &o : e.outputs) {
        m_shares.push_back(parseShare(o.name));
        if (m_shares.back().status == ShareStatus::Ok) {
            total += m_shares.back().value;
            anyShare = true;
        }
    }
    // With no parsable share the total says nothing that the bad-share findings do not.
    if (anyShare && total != Share::kWhole) {
        add(Severity::Error, "percentage.total", i, {},
            "Shares of " + FindingText::reference(e, i) + " add up to " + Share::format(total) +
                "; they must total exactly 100%.");
    }
}

void ElementChecks::checkOutput(Index i, Index k)
{
    const Element &e = m_elements[i];
    const ElementTypeDescriptor &descriptor = ElementTypes::of(e.type);
    if (descriptor.outputs != OutputKind::Shares) {
        return;
    }
    const Output &o = e.outputs[k];
    const ParsedShare share = m_shares[k];
    if (!descriptor.legacyRemainderOutput.empty() && o.name == descriptor.legacyRemainderOutput) {
        std::string message = FindingText::subject(e, i, true) + " has an " + FindingText::inQuotes(o.name) +
                              " output, which the API rejects (error 7001); rename it to an explicit share";
        std::int64_t rest = Share::kWhole;
        for (const ParsedShare &s : m_shares) {
            rest -= s.status == ShareStatus::Ok ? s.value : 0;
        }
        message += rest > 0 ? ", e.g. " + FindingText::inQuotes(Share::format(rest)) + " (what the other shares leave)."
                            : " and adjust the others so they total 100%.";
        add(Severity::Error, "percentage.else", i, o.name, std::move(message));
    } else if (share.status != ShareStatus::Ok) {
        std::string message = "Output " + FindingText::inQuotes(o.name) + " of " + FindingText::subject(e, i, false);
        switch (share.status) {
        case ShareStatus::OutOfRange:
            message += " is more than 100%; a share must be above 0% and at most 100%.";
            break;
        case ShareStatus::NotShare:
        case ShareStatus::Ok:
            message += " is not a share; name it like \"25%\" or \"33.5%\" (above 0, at most 100).";
            break;
        }
        add(Severity::Error, "percentage.bad-share", i, o.name, std::move(message));
    } else if (share.value == 0) {
        add(Severity::Warning, "percentage.zero-share", i, o.name,
            "Share " + FindingText::inQuotes(o.name) + " of " + FindingText::subject(e, i, false) +
                " never receives traffic; remove it or give it a share above 0%.");
    }
}

void ElementChecks::requireText(Index i, std::string_view property, std::string_view code, std::string_view hint)
{
    const Element &e = m_elements[i];
    const PropertyDescriptor &p = propertyOf(e, property);
    const auto &value = *p.text(e);
    if (!value || value->empty()) {
        add(Severity::Error, code, i, {},
            FindingText::subject(e, i, true) + " has no " + std::string(p.label) + "; " + std::string(hint) + ".");
    }
}

void ElementChecks::requireNumber(Index i, std::string_view property, std::string_view code, const NumberHints &hints)
{
    const Element &e = m_elements[i];
    const PropertyDescriptor &p = propertyOf(e, property);
    const auto &value = *p.number(e);
    // Messages are built only for a finding: most elements have none, and validation runs after every edit.
    const auto has = [&](std::string_view hint) {
        return FindingText::subject(e, i, true) + " has " + std::string(p.label) + " " + value->toString() + "; " +
               std::string(hint) + ".";
    };
    if (!value) {
        add(Severity::Error, code, i, {},
            FindingText::subject(e, i, true) + " has no " + std::string(p.label) + "; " + std::string(hints.missing) +
                ".");
    } else if (p.range.whole && !NumberRange::isWhole(*value)) {
        add(Severity::Error, code, i, {}, has(hints.notWhole));
    } else if (!p.range.meetsMinimum(*value)) {
        add(Severity::Error, code, i, {}, has(hints.outOfRange));
    }
}

void ElementChecks::requireChoice(Index i, std::string_view property, std::string_view code)
{
    const Element &e = m_elements[i];
    const PropertyDescriptor &p = propertyOf(e, property);
    const auto &value = *p.text(e);
    if (value && p.choice(*value)) {
        return;
    }
    std::string message = FindingText::subject(e, i, true);
    if (!value) {
        message += " has no " + std::string(p.label) + ";";
    } else {
        message +=
            " has " + std::string(p.label) + " " + FindingText::inQuotes(*value) + ", which the API does not accept;";
    }
    message += " set it to " + FindingText::listChoices(p.choices) + ".";
    add(Severity::Error, code, i, {}, std::move(message));
}

void ElementChecks::add(Severity severity, std::string_view code, Index element, std::string_view output,
                        std::string message)
{
    m_findings.push_back(
        Finding{severity, std::string(code), m_elements[element].id, std::string(output), std::move(message)});
}

} // namespace rd
