#pragma once

#include "model/Element.h"

#include <string>
#include <vector>

// Kept apart from the test proper: model/RouteCodec.h declares an rd::RouteDocument of its own (the decoded
// file), which clashes with app/RouteDocument.h in one translation unit.
namespace inspectortest {

// The route every inspector test starts from: one element of each type, plus conditions the builder cannot
// show and an element type this version does not know.
std::vector<rd::Element> fixtureElements();
std::vector<rd::Element> elementsFromJson(const std::string &json);
// The element exactly as it would be written to a file.
std::string dump(const rd::Element &element);

} // namespace inspectortest
