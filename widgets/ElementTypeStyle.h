#pragma once

#include "model/ElementType.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace rd {

// How each element type looks wherever it appears (lists now, the canvas later), so an operator learns one
// colour per type and finds it everywhere.
class ElementTypeStyle
{
public:
    static QColor color(ElementType type);
    // A name for people: "Rate limit" rather than the API's "rate".
    static QString displayName(ElementType type);
    // A rounded swatch in the type's colour, crisp at any device pixel ratio.
    static QIcon icon(ElementType type);
};

} // namespace rd
