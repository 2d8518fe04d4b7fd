#pragma once

#include "app/StatusColors.h"
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

    // A mark's colour: the canvas is always light, so one colour serves every theme.
    static QColor color(Kind kind)
    {
        switch (kind) {
        case Kind::Added:
            return StatusColors::mark(StatusColors::Role::Added);
        case Kind::Changed:
            return StatusColors::mark(StatusColors::Role::Changed);
        case Kind::Removed:
            break;
        }
        return StatusColors::mark(StatusColors::Role::Removed);
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
