#include "widgets/inspector/InspectorPage.h"

#include "app/RouteDocument.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>

namespace rd {

InspectorPage::InspectorPage(QWidget *parent) : QWidget(parent)
{}

InspectorPage::~InspectorPage()
{
    // A field that has the focus when the page goes loses it in QWidget's destructor and emits editingFinished
    // then, into slots of this page and its subclass, both already destroyed: cut the fields' connections first.
    const auto children = findChildren<QObject *>();
    for (QObject *child : children) {
        disconnect(child, nullptr, this, nullptr);
    }
}

void InspectorPage::setDocument(RouteDocument *document)
{
    m_document = document;
}

RouteDocument *InspectorPage::document() const
{
    return m_document;
}

void InspectorPage::showElement(const Element &element)
{
    if (m_applying && element.id == m_id) {
        return;
    }
    if (element.id != m_id) {
        m_id = element.id;
    }
    // Whatever comes from outside (undo, the canvas, another element) starts a fresh undo step.
    ++m_session;
    populate(element);
}

const Element *InspectorPage::currentElement() const
{
    return m_document ? m_document->route().find(m_id) : nullptr;
}

void InspectorPage::apply(const Element &element, const QString &property, const QString &field)
{
    if (!m_document) {
        return;
    }
    if (const Element *current = currentElement(); current && *current == element) {
        return;
    }
    m_applying = true;
    m_document->updateElement(element, describe(property), field + QLatin1Char('#') + QString::number(m_session));
    m_applying = false;
}

void InspectorPage::setStatusText(QLabel *label, const QString &text, StatusColors::Role role)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, StatusColors::text(role, palette));
    label->setPalette(palette);
    label->setTextFormat(Qt::PlainText);
    label->setText(wrappable(text));
}

void InspectorPage::letShrink(QComboBox *combo)
{
    // About six characters and the arrow: enough to recognise an option.
    combo->setMinimumWidth(combo->fontMetrics().averageCharWidth() * 6 + combo->iconSize().width() + 24);
}

void InspectorPage::letShrink(QAbstractSpinBox *box)
{
    // About eight digits and the arrows: the values people use read whole.
    box->setMinimumWidth(box->fontMetrics().averageCharWidth() * 8 + 28);
}

QString InspectorPage::wrappable(const QString &text)
{
    // Words shorter than this wrap as they are; only ids and names long enough to overflow get break points.
    constexpr int kLongWord = 16;
    constexpr QChar kZeroWidthSpace(0x200B);
    QString out;
    out.reserve(text.size() + text.size() / 8);
    int wordLength = 0;
    for (const QChar c : text) {
        out += c;
        wordLength = c.isSpace() ? 0 : wordLength + 1;
        const bool separator = c == QLatin1Char('_') || c == QLatin1Char('-') || c == QLatin1Char('.') ||
                               c == QLatin1Char('/') || c == QLatin1Char(':') || c == QLatin1Char('@');
        if (wordLength >= kLongWord && separator) {
            out += kZeroWidthSpace;
            wordLength = 0;
        } else if (wordLength >= 2 * kLongWord) {
            // No separator in sight: break anyway rather than overflow.
            out += kZeroWidthSpace;
            wordLength = 0;
        }
    }
    return out;
}

void InspectorPage::alignLabels(QFormLayout *form)
{
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (int row = 0; row < form->rowCount(); ++row) {
        auto *label = qobject_cast<QLabel *>(
            form->itemAt(row, QFormLayout::LabelRole) ? form->itemAt(row, QFormLayout::LabelRole)->widget() : nullptr);
        if (!label) {
            continue;
        }
        int width = 0;
        for (const QString &text : {tr("Limit type:"), tr("Count per:"), tr("Provider:"), tr("Timeout:")}) {
            width = qMax(width, label->fontMetrics().horizontalAdvance(text));
        }
        label->setMinimumWidth(width + label->fontMetrics().averageCharWidth());
    }
}

QString InspectorPage::describe(const QString &property) const
{
    return tr("Change %1 of '%2'").arg(property, QString::fromStdString(m_id));
}

} // namespace rd
