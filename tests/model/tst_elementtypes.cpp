// The element-type descriptors (ElementTypes) and the model layers that read them: every type has one, its
// names round-trip, and the codec, Element::make and the validator do what the descriptor says for every type
// and every property, so a new type described there is handled without further edits to them.
#include "model/ElementTypes.h"
#include "model/JsonField.h"
#include "model/LegacySpelling.h"
#include "model/RouteCodec.h"
#include "model/Validator.h"
#include "support/RouteGenerator.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <set>
#include <string>
#include <vector>

using namespace rd;

namespace {

std::vector<ElementType> allTypes()
{
    std::vector<ElementType> types(kKnownElementTypes.begin(), kKnownElementTypes.end());
    types.push_back(ElementType::Unknown);
    return types;
}

// A value of `property`'s kind that its rules accept.
Json validValue(const PropertyDescriptor &property)
{
    switch (property.kind()) {
    case PropertyKind::Text:
        return property.choices.empty() ? Json("some text") : Json(property.choices.back().value);
    case PropertyKind::Number:
        return property.range.minimum + 1;
    case PropertyKind::Json:
        return Json{{"metadata.plan", {{"$eq", "pro"}}}};
    }
    return Json();
}

// A value of another kind, which decoding must refuse; nullopt where any JSON is accepted.
std::optional<Json> wrongKindValue(const PropertyDescriptor &property)
{
    switch (property.kind()) {
    case PropertyKind::Text:
        return Json(12);
    case PropertyKind::Number:
        return Json("twelve");
    case PropertyKind::Json:
        break;
    }
    return std::nullopt;
}

std::string typeName(ElementType type)
{
    return std::string(elementTypeName(type));
}

bool mentions(const std::string &text, std::string_view part)
{
    return text.find(part) != std::string::npos;
}

// The demo route is clean; returns it with element `id`'s property changed by `edit`, validated.
std::vector<Finding> findingsAfter(ElementType type, void (*edit)(const PropertyDescriptor &, Element &),
                                   const PropertyDescriptor &property, std::string &id)
{
    Route route = test::makeDemoRoute();
    const auto &elements = route.elements();
    const auto it = std::find_if(elements.begin(), elements.end(), [&](const Element &e) { return e.type == type; });
    EXPECT_NE(it, elements.end()) << "the demo route has no " << typeName(type);
    id = it->id;
    edit(property, *route.find(id));
    return Validator::validate(route);
}

} // namespace

TEST(ElementTypes, EveryTypeHasItsOwnDescriptor)
{
    std::set<std::string_view> names;
    for (ElementType type : allTypes()) {
        const ElementTypeDescriptor &d = ElementTypes::of(type);
        EXPECT_EQ(d.type, type);
        EXPECT_FALSE(d.displayName.empty());
        ASSERT_NE(d.summary, nullptr) << typeName(type);
        if (type == ElementType::Unknown) {
            EXPECT_TRUE(d.name.empty());
            EXPECT_EQ(d.outputs, OutputKind::Unchecked);
            continue;
        }
        EXPECT_FALSE(d.name.empty());
        EXPECT_FALSE(d.description.empty()) << d.name;
        EXPECT_TRUE(names.insert(d.name).second) << "two types are called " << d.name;
        EXPECT_FALSE(d.likelyNext.empty()) << d.name;
    }
}

TEST(ElementTypes, NamesRoundTrip)
{
    for (ElementType type : kKnownElementTypes) {
        EXPECT_EQ(elementTypeFromName(elementTypeName(type)), type);
        ASSERT_NE(ElementTypes::fromName(elementTypeName(type)), nullptr);
        EXPECT_EQ(ElementTypes::fromName(elementTypeName(type))->type, type);
    }
    EXPECT_EQ(elementTypeName(ElementType::Unknown), "");
    EXPECT_EQ(elementTypeFromName(""), ElementType::Unknown);
    EXPECT_EQ(elementTypeFromName("Model"), ElementType::Unknown); // the API's spelling, exactly
    EXPECT_EQ(ElementTypes::fromName(""), nullptr);
}

TEST(ElementTypes, LegacyNamesAreNoLiveNamesAndDecodeToTheirType)
{
    int legacyNames = 0;
    for (ElementType type : kKnownElementTypes) {
        for (std::string_view legacy : ElementTypes::of(type).legacyNames) {
            ++legacyNames;
            EXPECT_EQ(ElementTypes::fromName(legacy), nullptr) << legacy;
            ASSERT_NE(ElementTypes::fromLegacyName(legacy), nullptr);
            EXPECT_EQ(ElementTypes::fromLegacyName(legacy)->type, type);

            const Json json{{"id", "x"}, {"type", legacy}, {"outputs", Json::object()}};
            auto decoded = RouteCodec::decodeElement(json);
            ASSERT_TRUE(decoded) << legacy;
            EXPECT_EQ(decoded.value->type, type);
            ASSERT_EQ(decoded.warnings.size(), 1u);
            EXPECT_EQ(decoded.warnings[0].path, "$.type");
            EXPECT_EQ(RouteCodec::encodeElement(*decoded.value)["type"], typeName(type)); // never written back
        }
    }
    EXPECT_GT(legacyNames, 0); // rate_limit
    EXPECT_EQ(ElementTypes::fromLegacyName("rate"), nullptr);
}

TEST(ElementTypes, OutputsAgreeWithRequiredOutputsAndFallbacks)
{
    for (ElementType type : allTypes()) {
        const ElementTypeDescriptor &d = ElementTypes::of(type);
        ASSERT_EQ(d.ports.size(), d.portNames.size()) << typeName(type);
        for (std::size_t i = 0; i < d.ports.size(); ++i) {
            EXPECT_EQ(d.ports[i].name, d.portNames[i]);
            EXPECT_EQ(isFallbackOutput(type, d.ports[i].name), d.ports[i].fallback);
            EXPECT_TRUE(d.leadsOn(d.ports[i].name));
            EXPECT_FALSE(d.ports[i].connectHint.empty());
        }
        const auto required = requiredOutputs(type);
        if (d.outputs == OutputKind::Fixed) {
            EXPECT_FALSE(d.ports.empty()) << typeName(type);
            EXPECT_TRUE(std::equal(required.begin(), required.end(), d.portNames.begin(), d.portNames.end()));
            EXPECT_FALSE(d.leadsOn("not-a-port"));
        } else {
            EXPECT_TRUE(required.empty()) << typeName(type);
            EXPECT_TRUE(d.ports.empty()) << typeName(type);
        }
        EXPECT_EQ(d.maxOutputs > 0, d.outputs == OutputKind::Shares) << typeName(type);
        EXPECT_FALSE(isFallbackOutput(type, "success"));
    }
    // Only the fixed-port types with a "something went wrong" branch have one.
    EXPECT_TRUE(isFallbackOutput(ElementType::Model, "fallback"));
    EXPECT_TRUE(isFallbackOutput(ElementType::Rate, "fallback"));
    EXPECT_FALSE(isFallbackOutput(ElementType::Percentage, "fallback"));
}

TEST(ElementTypes, MakeGivesEachPropertyItsInitialValue)
{
    for (ElementType type : allTypes()) {
        const ElementTypeDescriptor &d = ElementTypes::of(type);
        const Element e = Element::make(type, "x");
        EXPECT_EQ(e.type, type);
        EXPECT_EQ(e.hasProperties, !d.properties.empty()) << typeName(type);
        for (const PropertyDescriptor &p : d.properties) {
            EXPECT_EQ(p.isSet(e), p.initial.present) << typeName(type) << "." << p.name;
            if (!p.initial.present) {
                continue;
            }
            switch (p.kind()) {
            case PropertyKind::Text:
                EXPECT_EQ(**p.text(e), p.initial.text);
                if (!p.choices.empty()) {
                    EXPECT_NE(p.choice(**p.text(e)), nullptr) << "a new element starts with a valid choice";
                }
                break;
            case PropertyKind::Number:
                EXPECT_EQ(**p.number(e), Number::fromInteger(p.initial.number));
                break;
            case PropertyKind::Json:
                EXPECT_EQ(**p.json(e), Json::object());
                break;
            }
        }
    }
    // The API's own numbers for a new model.
    const Element model = Element::make(ElementType::Model, "m");
    EXPECT_EQ(model.model.timeout, Number::fromInteger(30000));
    EXPECT_EQ(model.model.retries, Number::fromInteger(0));
}

// Each property has exactly one slot of its kind, and slots of different properties are different fields.
TEST(ElementTypes, PropertySlotsAreDistinct)
{
    for (ElementType type : kKnownElementTypes) {
        const ElementTypeDescriptor &d = ElementTypes::of(type);
        std::set<std::string_view> names;
        Element e = Element::make(type, "x");
        for (const PropertyDescriptor &p : d.properties) {
            EXPECT_TRUE(names.insert(p.name).second) << p.name;
            EXPECT_EQ(d.property(p.name), &p);
            EXPECT_EQ(p.text(e) != nullptr, p.kind() == PropertyKind::Text);
            EXPECT_EQ(p.number(e) != nullptr, p.kind() == PropertyKind::Number);
            EXPECT_EQ(p.json(e) != nullptr, p.kind() == PropertyKind::Json);
            EXPECT_FALSE(p.label.empty());
        }
        for (const PropertyDescriptor &p : d.properties) {
            Element changed = e;
            ASSERT_TRUE(p.assign(changed, validValue(p)));
            for (const PropertyDescriptor &other : d.properties) {
                if (&other != &p) {
                    EXPECT_EQ(other.toJson(changed), other.toJson(e)) << p.name << " also changed " << other.name;
                }
            }
        }
    }
}

// The codec writes every property under its descriptor's name, reads it back into the same place (not among
// the unknown fields) and refuses a value of the wrong kind there.
TEST(ElementTypes, CodecReadsAndWritesEveryProperty)
{
    for (ElementType type : kKnownElementTypes) {
        const ElementTypeDescriptor &d = ElementTypes::of(type);
        for (const PropertyDescriptor &p : d.properties) {
            Element e = Element::make(type, "x");
            ASSERT_TRUE(p.assign(e, validValue(p)));
            const Json json = RouteCodec::encodeElement(e);
            ASSERT_TRUE(json["properties"].contains(p.name)) << json.dump();
            EXPECT_EQ(json["properties"][std::string(p.name)], validValue(p));

            auto decoded = RouteCodec::decodeElement(json);
            ASSERT_TRUE(decoded) << decoded.error->toString();
            EXPECT_EQ(*decoded.value, e);
            EXPECT_TRUE(decoded.value->extraProperties.is_null()) << decoded.value->extraProperties.dump();

            if (const auto wrong = wrongKindValue(p)) {
                Json bad = json;
                bad["properties"][std::string(p.name)] = *wrong;
                auto refused = RouteCodec::decodeElement(bad);
                ASSERT_FALSE(refused) << p.name;
                EXPECT_EQ(refused.error->path, "$.properties." + std::string(p.name));
                EXPECT_TRUE(mentions(refused.error->message, p.expected())) << refused.error->message;
            }
        }
        // Properties written in the descriptor's order, whatever order they were set in.
        Element e = Element::make(type, "x");
        for (auto it = d.properties.rbegin(); it != d.properties.rend(); ++it) {
            it->assign(e, validValue(*it));
        }
        std::vector<std::string> written;
        const Json encoded = RouteCodec::encodeElement(e);
        const Json properties = encoded.value("properties", Json::object()); // none at all without properties
        for (const auto &[key, value] : properties.items()) {
            written.push_back(key);
        }
        std::vector<std::string> expected;
        for (const PropertyDescriptor &p : d.properties) {
            expected.emplace_back(p.name);
        }
        EXPECT_EQ(written, expected) << typeName(type);
    }
}

// Fixed ports are written in the descriptor's order, whatever the element holds them in.
TEST(ElementTypes, CodecWritesPortsInTheirOrder)
{
    for (ElementType type : kKnownElementTypes) {
        const ElementTypeDescriptor &d = ElementTypes::of(type);
        if (d.outputs != OutputKind::Fixed) {
            continue;
        }
        Element e = Element::make(type, "x");
        e.setOutput("extra", "t");
        for (auto it = d.portNames.rbegin(); it != d.portNames.rend(); ++it) {
            e.setOutput(*it, "t");
        }
        std::vector<std::string> written;
        const Json encoded = RouteCodec::encodeElement(e);
        for (const auto &[key, value] : encoded["outputs"].items()) {
            written.push_back(key);
        }
        std::vector<std::string> expected(d.portNames.begin(), d.portNames.end());
        expected.emplace_back("extra");
        EXPECT_EQ(written, expected) << typeName(type);
    }
}

TEST(ElementTypes, CodecTranslatesEveryLegacyProperty)
{
    int translated = 0;
    int dropped = 0;
    for (ElementType type : kKnownElementTypes) {
        const ElementTypeDescriptor &d = ElementTypes::of(type);
        for (const PropertyDescriptor &p : d.properties) {
            for (std::string_view legacy : p.legacyNames) {
                ++translated;
                EXPECT_EQ(d.property(legacy), nullptr) << legacy << " is also a live name";
                const Json json{{"id", "x"},
                                {"type", d.name},
                                {"properties", {{legacy, validValue(p)}}},
                                {"outputs", Json::object()}};
                auto decoded = RouteCodec::decodeElement(json);
                ASSERT_TRUE(decoded) << legacy;
                EXPECT_EQ(p.toJson(*decoded.value), validValue(p)) << legacy;
                EXPECT_TRUE(decoded.value->extraProperties.is_null());
                ASSERT_EQ(decoded.warnings.size(), 1u);
                EXPECT_TRUE(mentions(decoded.warnings[0].message, "translated to `" + std::string(p.name) + "`"));
                EXPECT_FALSE(RouteCodec::encodeElement(*decoded.value)["properties"].contains(legacy));
            }
        }
        for (std::string_view legacy : d.droppedLegacyProperties) {
            ++dropped;
            const Json json{
                {"id", "x"}, {"type", d.name}, {"properties", {{legacy, "sliding"}}}, {"outputs", Json::object()}};
            auto decoded = RouteCodec::decodeElement(json);
            ASSERT_TRUE(decoded) << legacy;
            EXPECT_TRUE(decoded.value->extraProperties.is_null());
            ASSERT_EQ(decoded.warnings.size(), 1u);
            EXPECT_TRUE(mentions(decoded.warnings[0].message, "dropped"));
        }
    }
    EXPECT_GT(translated, 0); // condition, interval
    EXPECT_GT(dropped, 0);    // technique
}

// The validator holds every property to its descriptor's rules: required, within its range, one of its
// choices. Each change to the clean demo route gives findings on that element naming the property.
TEST(ElementTypes, ValidatorEnforcesEveryPropertyRule)
{
    int checked = 0;
    for (ElementType type : kKnownElementTypes) {
        for (const PropertyDescriptor &p : ElementTypes::of(type).properties) {
            std::string id;
            ASSERT_TRUE(findingsAfter(
                            type, [](const PropertyDescriptor &, Element &) {}, p, id)
                            .empty());

            std::vector<void (*)(const PropertyDescriptor &, Element &)> edits;
            edits.push_back([](const PropertyDescriptor &q, Element &e) {
                if (auto *t = q.text(e)) {
                    t->reset();
                } else if (auto *n = q.number(e)) {
                    n->reset();
                } else {
                    q.json(e)->reset();
                }
            });
            if (p.kind() == PropertyKind::Number) {
                edits.push_back([](const PropertyDescriptor &q, Element &e) {
                    const auto bound = q.range.minimum - (q.range.minimumAllowed ? 1 : 0);
                    *q.number(e) = Number::fromInteger(bound);
                });
                if (p.range.whole) {
                    edits.push_back([](const PropertyDescriptor &q, Element &e) {
                        *q.number(e) = Number::fromDouble(static_cast<double>(q.range.minimum) + 1.5);
                    });
                }
            }
            if (p.kind() == PropertyKind::Text) {
                edits.push_back([](const PropertyDescriptor &q, Element &e) { *q.text(e) = ""; });
            }
            for (auto edit : edits) {
                ++checked;
                const auto findings = findingsAfter(type, edit, p, id);
                ASSERT_FALSE(findings.empty()) << typeName(type) << "." << p.name;
                const bool named = std::any_of(findings.begin(), findings.end(), [&](const Finding &f) {
                    return f.elementId == id && f.severity == Severity::Error && mentions(f.message, p.label);
                });
                EXPECT_TRUE(named) << typeName(type) << "." << p.name << ": " << findings.front().message;
            }
            // The edge of the range is where the descriptor puts it: its first accepted value passes.
            if (p.kind() == PropertyKind::Number) {
                EXPECT_TRUE(findingsAfter(
                                type,
                                [](const PropertyDescriptor &q, Element &e) {
                                    *q.number(e) =
                                        Number::fromInteger(q.range.minimum + (q.range.minimumAllowed ? 0 : 1));
                                },
                                p, id)
                                .empty())
                    << typeName(type) << "." << p.name;
            }
            // Every choice is accepted, and a message about a wrong one lists them all.
            for (const PropertyChoice &c : p.choices) {
                Route route = test::makeDemoRoute();
                std::vector<std::string> ids;
                for (const Element &e : route.elements()) {
                    if (e.type == type) {
                        ids.push_back(e.id);
                    }
                }
                for (const std::string &each : ids) {
                    *p.text(*route.find(each)) = std::string(c.value);
                }
                EXPECT_TRUE(Validator::validate(route).empty()) << c.value;
            }
            if (!p.choices.empty()) {
                const auto findings = findingsAfter(
                    type, [](const PropertyDescriptor &q, Element &e) { *q.text(e) = "none-of-them"; }, p, id);
                ASSERT_EQ(findings.size(), 1u);
                for (const PropertyChoice &c : p.choices) {
                    EXPECT_TRUE(mentions(findings[0].message, "\"" + std::string(c.value) + "\""));
                    EXPECT_TRUE(mentions(findings[0].message, c.meaning));
                }
            }
        }
    }
    EXPECT_GE(checked, 10);
}

// Each fixed port must be wired; an output by any other name is flagged; shares are limited in number.
TEST(ElementTypes, ValidatorKnowsEveryTypesOutputs)
{
    for (ElementType type : kKnownElementTypes) {
        const ElementTypeDescriptor &d = ElementTypes::of(type);
        Route route;
        Element e = Element::make(type, "x");
        e.setOutput("not-a-port", "");
        route.addElement(e);
        const auto findings = Validator::validate(route);
        auto codeOn = [&](std::string_view code, std::string_view output) {
            return std::any_of(findings.begin(), findings.end(),
                               [&](const Finding &f) { return f.code == code && f.output == output; });
        };
        for (std::string_view port : d.portNames) {
            EXPECT_TRUE(codeOn("output.missing", port)) << d.name << "." << port;
        }
        EXPECT_EQ(codeOn("output.unknown-name", "not-a-port"), d.outputs == OutputKind::Fixed) << d.name;
        if (d.outputs == OutputKind::Shares) {
            Route shares;
            Element split = Element::make(type, "x");
            for (std::size_t i = 0; i <= d.maxOutputs; ++i) {
                split.setOutput(std::to_string(i) + "%", "");
            }
            shares.addElement(split);
            const auto tooMany = Validator::validate(shares);
            EXPECT_TRUE(std::any_of(tooMany.begin(), tooMany.end(), [&](const Finding &f) {
                return mentions(f.message, "at most " + std::to_string(d.maxOutputs));
            }));
        }
    }
}

TEST(ElementTypes, UnknownTypeMessageNamesEveryKnownType)
{
    Route route;
    Element e;
    e.id = "x";
    e.unknownTypeName = "cache";
    route.addElement(e);
    const auto findings = Validator::validate(route);
    const auto it = std::find_if(findings.begin(), findings.end(),
                                 [](const Finding &f) { return f.code == "element.unknown-type"; });
    ASSERT_NE(it, findings.end());
    for (ElementType type : kKnownElementTypes) {
        EXPECT_TRUE(mentions(it->message, elementTypeName(type))) << it->message;
    }
}

TEST(LegacySpelling, TypeAndPropertyOnTheirOwn)
{
    Element e = Element::make(ElementType::Rate, "r");
    std::vector<DecodeIssue> warnings;
    EXPECT_EQ(LegacySpelling::type("rate_limit", e, "$.type", warnings), ElementType::Rate);
    EXPECT_EQ(LegacySpelling::type("rate", e, "$.type", warnings), std::nullopt);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].message, "legacy type `rate_limit` of 'r' translated to `rate`");

    warnings.clear();
    auto result = LegacySpelling::property(e, "interval", Json("soon"), "$.properties", warnings);
    EXPECT_TRUE(result.legacy);
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->path, "$.properties.interval");
    EXPECT_EQ(result.error->message, "expected a number, got a string");

    result = LegacySpelling::property(e, "interval", Json(60), "$.properties", warnings);
    EXPECT_TRUE(result.legacy);
    EXPECT_FALSE(result.error);
    EXPECT_EQ(e.rate.window, Number::fromInteger(60));
    result = LegacySpelling::property(e, "interval", Json(30), "$.properties", warnings);
    EXPECT_EQ(e.rate.window, Number::fromInteger(60)); // the live spelling wins
    ASSERT_EQ(warnings.size(), 2u);
    EXPECT_TRUE(mentions(warnings[1].message, "takes precedence"));

    result = LegacySpelling::property(e, "colour", Json("red"), "$.properties", warnings);
    EXPECT_FALSE(result.legacy);
    EXPECT_EQ(warnings.size(), 2u);
}

TEST(JsonField, PathsAndWrongTypes)
{
    EXPECT_EQ(JsonField::child("$.elements[2]", "id"), "$.elements[2].id");
    EXPECT_EQ(JsonField::item("$.elements", 2), "$.elements[2]");
    const DecodeIssue issue = JsonField::wrongType("$.x", "a string", Json::array());
    EXPECT_EQ(issue.path, "$.x");
    EXPECT_EQ(issue.message, "expected a string, got an array");
    EXPECT_EQ(JsonField::kindOf(Json(true)), "true/false");
    EXPECT_EQ(JsonField::kindOf(Json(1.5)), "a number");

    std::optional<std::string> out;
    EXPECT_FALSE(JsonField::readString(Json{{"a", "b"}}, "missing", "$", out));
    EXPECT_FALSE(out);
    EXPECT_FALSE(JsonField::readString(Json{{"a", "b"}}, "a", "$", out));
    EXPECT_EQ(out, "b");
    const auto wrong = JsonField::readString(Json{{"a", 1}}, "a", "$", out);
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->path, "$.a");
    EXPECT_EQ(out, "b");
}
