#pragma once

#include "model/ElementTypeDescriptor.h"

#include <string_view>

namespace rd {

// The one place that says what each element type is (ElementTypes.cpp): its names, outputs, properties with
// their rules, older spellings and look. The codec, the validator, the palette, the canvas and the inspector
// read it rather than repeating it.
//
// A new element type: its enumerator in ElementType.h (and kKnownElementTypes, which a static_assert keeps
// complete), its properties struct in Element.h (if it has any), its descriptor in ElementTypes.cpp and its
// checks in ElementChecks.cpp; the compiler names the last two (switches over the type end without
// `default:`). The palette, quick-add and cards follow the descriptor; the inspector builds a form from it
// unless the type is given a page of its own (ElementInspector). Tests enumerate every type, and the synthetic
// routes (tests/support/RouteGenerator) must contain one.
class ElementTypes
{
public:
    // Every ElementType has one, Unknown included (empty name, outputs unchecked).
    static const ElementTypeDescriptor &of(ElementType type);
    // The known type the live API spells `name`; nullptr for anything else.
    static const ElementTypeDescriptor *fromName(std::string_view name);
    // The known type older docs spelled `name` ("rate_limit"); nullptr for anything else.
    static const ElementTypeDescriptor *fromLegacyName(std::string_view name);
};

} // namespace rd
