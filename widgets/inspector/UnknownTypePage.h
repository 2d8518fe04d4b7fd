#pragma once

#include "widgets/inspector/InspectorPage.h"

class QLabel;
class QPlainTextEdit;

namespace rd {

// An element type this version does not know: its properties, read-only, so they can be seen but not
// damaged. They are written back unchanged.
class UnknownTypePage : public InspectorPage
{
    Q_OBJECT

public:
    explicit UnknownTypePage(QWidget *parent = nullptr);

protected:
    void populate(const Element &element) override;

private:
    QLabel *m_text;
    QPlainTextEdit *m_properties;
};

} // namespace rd
