#include "widgets/inspector/ModelPage.h"

#include "model/ElementTypes.h"
#include "widgets/inspector/NumberSpinBox.h"
#include "widgets/inspector/ProviderCatalog.h"

#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QStringListModel>

namespace rd {

namespace {

const PropertyDescriptor &described(std::string_view name)
{
    return *ElementTypes::of(ElementType::Model).property(name);
}

} // namespace

ModelPage::ModelPage(QWidget *parent)
    : InspectorPage(parent), m_provider(new QComboBox(this)), m_model(new QLineEdit(this)),
      m_modelSuggestions(new QStringListModel(this)), m_timeout(new NumberSpinBox(this)),
      m_retries(new NumberSpinBox(this))
{
    m_provider->setObjectName(QStringLiteral("provider"));
    m_provider->setEditable(true);
    m_provider->setInsertPolicy(QComboBox::NoInsert);
    m_provider->addItems(ProviderCatalog::providers());
    letShrink(m_provider);
    m_provider->lineEdit()->setPlaceholderText(tr("e.g. openai"));
    m_provider->setToolTip(tr("The provider's name in AI Gateway. Any name is accepted."));

    m_model->setObjectName(QStringLiteral("model"));
    m_model->setPlaceholderText(tr("e.g. gpt-4o-mini"));
    auto *completer = new QCompleter(m_modelSuggestions, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_model->setCompleter(completer);

    m_timeout->setObjectName(QStringLiteral("timeout"));
    m_timeout->setDecimals(0);
    m_timeout->setNumberRange(described("timeout").range);
    m_timeout->setSingleStep(1000);
    m_timeout->setSuffix(tr(" ms"));
    m_timeout->setToolTip(tr("How long to wait for the model to start answering before taking the fallback."));

    m_retries->setObjectName(QStringLiteral("retries"));
    m_retries->setNumberRange(described("retries").range);
    m_retries->setToolTip(tr("How many more attempts before taking the fallback."));

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Provider:"), m_provider);
    form->addRow(tr("&Model:"), m_model);
    form->addRow(tr("&Timeout:"), m_timeout);
    form->addRow(tr("&Retries:"), m_retries);
    alignLabels(form);

    // Typing applies at once (the canvas follows along); each field's typing is one undo step.
    connect(m_provider, &QComboBox::currentTextChanged, this, &ModelPage::applyProvider);
    connect(m_provider->lineEdit(), &QLineEdit::editingFinished, this, &ModelPage::endEditSession);
    connect(m_model, &QLineEdit::textEdited, this, &ModelPage::applyModel);
    connect(m_model, &QLineEdit::editingFinished, this, &ModelPage::endEditSession);
    connect(completer, qOverload<const QString &>(&QCompleter::activated), this, &ModelPage::applyModel);
    connect(m_timeout, &NumberSpinBox::valueChanged, this, &ModelPage::applyTimeout);
    connect(m_timeout, &NumberSpinBox::editingFinished, this, &ModelPage::endEditSession);
    connect(m_retries, &NumberSpinBox::valueChanged, this, &ModelPage::applyRetries);
    connect(m_retries, &NumberSpinBox::editingFinished, this, &ModelPage::endEditSession);
}

void ModelPage::populate(const Element &element)
{
    const ModelProperties &p = element.model;
    const QSignalBlocker b1(m_provider);
    const QSignalBlocker b2(m_model);
    const QSignalBlocker b3(m_timeout);
    const QSignalBlocker b4(m_retries);
    m_provider->setEditText(QString::fromStdString(p.provider.value_or(std::string())));
    m_model->setText(QString::fromStdString(p.model.value_or(std::string())));
    m_timeout->setNumber(p.timeout);
    m_retries->setNumber(p.retries);
    updateModelSuggestions();
}

void ModelPage::updateModelSuggestions()
{
    m_modelSuggestions->setStringList(ProviderCatalog::models(m_provider->currentText().trimmed()));
}

void ModelPage::applyProvider(const QString &text)
{
    updateModelSuggestions();
    if (const Element *current = currentElement()) {
        Element e = *current;
        e.model.provider = text.toStdString();
        apply(e, tr("provider"), QStringLiteral("provider"));
    }
}

void ModelPage::applyModel(const QString &text)
{
    if (const Element *current = currentElement()) {
        Element e = *current;
        e.model.model = text.toStdString();
        apply(e, tr("model"), QStringLiteral("model"));
    }
}

void ModelPage::applyTimeout()
{
    if (const Element *current = currentElement()) {
        Element e = *current;
        e.model.timeout = m_timeout->number();
        apply(e, tr("timeout"), QStringLiteral("timeout"));
    }
}

void ModelPage::applyRetries()
{
    if (const Element *current = currentElement()) {
        Element e = *current;
        e.model.retries = m_retries->number();
        apply(e, tr("retries"), QStringLiteral("retries"));
    }
}

} // namespace rd
