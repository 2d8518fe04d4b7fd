#pragma once

#include "model/ElementType.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>

namespace rd {

// How one element differs from the route it is compared with, as the canvas shows it.
struct DiffMark
{
    enum class Kind { Added, Changed, Removed };

    Kind kind = Kind::Changed;
    QString description; // for the tooltip: "properties and wires"
    // Removed elements are not in the scene's route: their ghost card shows this type.
    ElementType type = ElementType::Unknown;
    QString typeName; // the verbatim type, for Unknown

    // The canvas is always light (see RouteView::drawBackground), so these need no dark variants.
    static QColor color(Kind kind)
    {
        switch (kind) {
        case Kind::Added:
            return {0x1E, 0x8E, 0x3E};
        case Kind::Changed:
            return {0xE3, 0x74, 0x00};
        case Kind::Removed:
            break;
        }
        return {0xD9, 0x30, 0x25};
    }
    // A word beside the colour, for those who cannot tell green from amber.
    static QString label(Kind kind)
    {
        switch (kind) {
        case Kind::Added:
            return QCoreApplication::translate("rd::DiffMark", "New");
        case Kind::Changed:
            return QCoreApplication::translate("rd::DiffMark", "Changed");
        case Kind::Removed:
            break;
        }
        return QCoreApplication::translate("rd::DiffMark", "Removed");
    }
};

} // namespace rd
