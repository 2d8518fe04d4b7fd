#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace rd {

// The labels the gateway administration dialogs share, so a problem and an explanation look the same in each.
class AdminLabels
{
public:
    // Red, wrapped, selectable, hidden until it has something to say (setProblem).
    static QLabel *problem(const QString &objectName);
    // A quiet line under a field: smaller, grey, wrapped.
    static QLabel *hint(const QString &text);
    // Shows `text` on a problem label, or hides it when `text` is empty.
    static void setProblem(QLabel *label, const QString &text);
    // Makes `window` tall enough for its wrapped labels at its width (it never shrinks it).
    static void fitHeight(QWidget *window);
};

} // namespace rd
