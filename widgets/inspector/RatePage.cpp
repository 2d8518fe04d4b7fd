#include "widgets/inspector/RatePage.h"

#include "model/ElementTypes.h"
#include "widgets/inspector/ChoiceComboBox.h"
#include "widgets/inspector/NumberSpinBox.h"
#include "widgets/inspector/ProviderCatalog.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>

#include <array>
#include <cmath>

namespace rd {

namespace {

struct WindowUnit
{
    const char *name;
    std::int64_t seconds;
};

constexpr std::array<WindowUnit, 4> kUnits{{{"seconds", 1}, {"minutes", 60}, {"hours", 3600}, {"days", 86400}}};

const PropertyDescriptor &described(std::string_view name)
{
    return *ElementTypes::of(ElementType::Rate).property(name);
}

} // namespace

RatePage::RatePage(QWidget *parent)
    : InspectorPage(parent), m_key(new QComboBox(this)), m_limit(new NumberSpinBox(this)),
      m_limitType(new ChoiceComboBox(described("limitType").choices, this)), m_windowAmount(new NumberSpinBox(this)),
      m_windowUnit(new QComboBox(this))
{
    m_key->setObjectName(QStringLiteral("rateKey"));
    m_key->setEditable(true);
    m_key->setInsertPolicy(QComboBox::NoInsert);
    m_key->addItems(ProviderCatalog::rateKeys());
    m_key->lineEdit()->setPlaceholderText(tr("e.g. metadata.user_id"));
    m_key->setToolTip(tr("What requests are counted per: each distinct value gets its own limit."));

    m_limit->setObjectName(QStringLiteral("limit"));
    m_limit->setNumberRange(described("limit").range);
    m_limitType->setObjectName(QStringLiteral("limitType"));

    m_windowAmount->setObjectName(QStringLiteral("windowAmount"));
    m_windowAmount->setDecimals(3);
    m_windowUnit->setObjectName(QStringLiteral("windowUnit"));
    for (const WindowUnit &unit : kUnits) {
        m_windowUnit->addItem(tr(unit.name), QVariant::fromValue(static_cast<qlonglong>(unit.seconds)));
    }
    for (QComboBox *combo : std::initializer_list<QComboBox *>{m_key, m_limitType, m_windowUnit}) {
        letShrink(combo);
    }
    letShrink(m_windowAmount);
    auto *window = new QHBoxLayout;
    window->setContentsMargins(0, 0, 0, 0);
    window->addWidget(m_windowAmount, 1);
    window->addWidget(m_windowUnit);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Count &per:"), m_key);
    form->addRow(tr("Limit &type:"), m_limitType);
    form->addRow(tr("&Limit:"), m_limit);
    auto *windowLabel = new QLabel(tr("&Window:"), this);
    windowLabel->setBuddy(m_windowAmount);
    form->addRow(windowLabel, window);
    alignLabels(form);

    connect(m_key, &QComboBox::currentTextChanged, this, &RatePage::applyKey);
    connect(m_key->lineEdit(), &QLineEdit::editingFinished, this, &RatePage::endEditSession);
    connect(m_limit, &NumberSpinBox::valueChanged, this, &RatePage::applyLimit);
    connect(m_limit, &NumberSpinBox::editingFinished, this, &RatePage::endEditSession);
    connect(m_limitType, &QComboBox::currentIndexChanged, this, &RatePage::applyLimitType);
    connect(m_windowAmount, &NumberSpinBox::valueChanged, this, &RatePage::applyWindow);
    connect(m_windowAmount, &NumberSpinBox::editingFinished, this, &RatePage::endEditSession);
    connect(m_windowUnit, &QComboBox::currentIndexChanged, this, [this] {
        applyWindow();
        endEditSession();
    });
}

void RatePage::populate(const Element &element)
{
    const RateProperties &p = element.rate;
    const QSignalBlocker b1(m_key);
    const QSignalBlocker b2(m_limit);
    const QSignalBlocker b3(m_limitType);
    const QSignalBlocker b4(m_windowAmount);
    const QSignalBlocker b5(m_windowUnit);

    m_key->setEditText(QString::fromStdString(p.key.value_or(std::string())));
    m_limit->setNumber(p.limit);

    m_limitType->setValue(p.limitType);

    std::size_t unit = 0;
    if (p.window && p.window->isInteger() && p.window->toInteger() > 0) {
        for (std::size_t i = kUnits.size(); i-- > 0;) {
            if (p.window->toInteger() % kUnits[i].seconds == 0) {
                unit = i;
                break;
            }
        }
    }
    m_windowUnit->setCurrentIndex(static_cast<int>(unit));
    if (p.window) {
        m_windowAmount->setNumber(Number::fromDouble(p.window->toDouble() / static_cast<double>(kUnits[unit].seconds)));
    } else {
        m_windowAmount->clearNumber();
    }
    updateLimitDecoration();
}

void RatePage::updateLimitDecoration()
{
    const bool cost = m_limitType->value() == QLatin1String("cost");
    m_limit->setPrefix(cost ? QStringLiteral("$ ") : QString());
    m_limit->setSuffix(cost ? QString() : tr(" requests"));
}

void RatePage::applyKey(const QString &text)
{
    if (const Element *current = currentElement()) {
        Element e = *current;
        e.rate.key = text.toStdString();
        apply(e, tr("key"), QStringLiteral("key"));
    }
}

void RatePage::applyLimit()
{
    if (const Element *current = currentElement()) {
        Element e = *current;
        e.rate.limit = m_limit->number();
        apply(e, tr("limit"), QStringLiteral("limit"));
    }
}

void RatePage::applyLimitType()
{
    updateLimitDecoration();
    const QString type = m_limitType->value();
    if (const Element *current = currentElement(); current && !type.isEmpty()) {
        Element e = *current;
        e.rate.limitType = type.toStdString();
        apply(e, tr("limit type"), QStringLiteral("limitType"));
    }
    endEditSession();
}

void RatePage::applyWindow()
{
    const Element *current = currentElement();
    if (!current) {
        return;
    }
    Element e = *current;
    if (!m_windowAmount->isSet()) {
        // Picking a unit for a window that is not set must not invent one.
        e.rate.window.reset();
        apply(e, tr("window"), QStringLiteral("window"));
        return;
    }
    const double seconds = m_windowAmount->value() * static_cast<double>(m_windowUnit->currentData().toLongLong());
    const double whole = std::round(seconds);
    // Whole seconds are written as an integer; a unit change never turns `3600` into `3600.0`.
    e.rate.window = std::fabs(seconds - whole) < 1e-9 ? Number::fromInteger(static_cast<std::int64_t>(whole))
                                                      : Number::fromDouble(seconds);
    apply(e, tr("window"), QStringLiteral("window"));
}

} // namespace rd
