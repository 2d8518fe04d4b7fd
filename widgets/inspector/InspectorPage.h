#pragma once

#include "app/StatusColors.h"
#include "model/Element.h"

#include <QColor>
#include <QPointer>
#include <QString>
#include <QWidget>

#include <string>

class QAbstractSpinBox;
class QComboBox;
class QFormLayout;
class QLabel;

namespace rd {

class RouteDocument;

// One type's editor in the inspector. Pages never change the route themselves: they build a changed copy of
// the element and hand it to the document, which makes it one undo step.
class InspectorPage : public QWidget
{
    Q_OBJECT

public:
    explicit InspectorPage(QWidget *parent = nullptr);
    ~InspectorPage() override;

    void setDocument(RouteDocument *document);
    RouteDocument *document() const;
    const std::string &elementId() const { return m_id; }

    // Shows `element`. A change this page has just made itself is not shown again: rewriting a field the
    // user is typing in would move the cursor, and a window of "24 hours" must not turn into "1 days" mid-edit.
    void showElement(const Element &element);

    // Inline messages and totals: plain text in a colour (and the text says it too, for those who cannot
    // tell colours apart).
    static void setStatusText(QLabel *label, const QString &text, StatusColors::Role role);
    // `text` with break opportunities (zero-width spaces) after the separators inside long words such as ids
    // and model names, so that a word-wrapped label can wrap them instead of growing wider than the inspector.
    static QString wrappable(const QString &text);
    // Lets a combo box get narrower than its longest item (the text is shortened): a long option must not make
    // the inspector scroll sideways.
    static void letShrink(QComboBox *combo);
    // The same for a number box, whose natural width is that of its largest value with every decimal: the
    // window amount beside its unit would otherwise set the inspector's width.
    static void letShrink(QAbstractSpinBox *box);
    // Gives a form's labels the width of the widest label of any page, so that switching elements does not
    // make the fields jump sideways, and the header's id lines up with them.
    static void alignLabels(QFormLayout *form);

protected:
    virtual void populate(const Element &element) = 0;

    // The element as the document has it now (nullptr when it is gone).
    const Element *currentElement() const;
    // Hands a changed copy of the element to the document. Consecutive calls with the same `field` during
    // one edit session merge into one undo step ("Change timeout of 'gpt'").
    void apply(const Element &element, const QString &property, const QString &field);
    // Ends the edit session: the next change of any field is a new undo step (call on editingFinished).
    void endEditSession() { ++m_session; }
    QString describe(const QString &property) const;

private:
    QPointer<RouteDocument> m_document; // not ours: null once destroyed
    std::string m_id;
    bool m_applying = false;
    int m_session = 0;
};

} // namespace rd
