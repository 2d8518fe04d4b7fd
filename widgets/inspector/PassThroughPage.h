#pragma once

#include "widgets/inspector/InspectorPage.h"

class QLabel;

namespace rd {

// Start and end have no properties: the page says what they do instead.
class PassThroughPage : public InspectorPage
{
    Q_OBJECT

public:
    explicit PassThroughPage(QWidget *parent = nullptr);

protected:
    void populate(const Element &element) override;

private:
    QLabel *m_text;
};

} // namespace rd
