#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace rd {

// A one-line message under a form field that comes and goes while the user types without moving the rows.
// Styled by the dialog's stylesheet through the label's `level` property ("warning" or "error").
class FormHints
{
public:
    static QLabel *label(const QString &objectName);
    // `field` with `hint` under it, as one widget for a form row.
    static QWidget *withHint(QWidget *field, QLabel *hint);
    // `level` is "warning" (allowed, but probably a mistake) or "error" (blocks the dialog's action).
    static void set(QLabel *hint, const QString &text, const char *level);
};

} // namespace rd
