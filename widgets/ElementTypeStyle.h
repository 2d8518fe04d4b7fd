#pragma once

#include "model/ElementType.h"

#include <QColor>
#include <QIcon>
#include <QString>

#include <string_view>

namespace rd {

// How each element type looks wherever it appears (palette, canvas, inspector, lists), so an operator learns one
// colour per type and finds it everywhere. Colours, names and descriptions are the types' descriptors'
// (ElementTypes); this turns them into Qt's terms.
class ElementTypeStyle
{
public:
    static QColor color(ElementType type);
    // A name for people: "Rate limit" rather than the API's "rate".
    static QString displayName(ElementType type);
    // One line on what the type does: "Returns the response". Empty for Unknown.
    static QString description(ElementType type);
    // A text from the model meant for people (a name, a label, a description), translated.
    static QString forPeople(std::string_view text);
    // A rounded swatch in the type's colour, crisp at any device pixel ratio.
    static QIcon icon(ElementType type);
};

} // namespace rd
