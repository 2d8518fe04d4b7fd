#pragma once

#include "widgets/inspector/InspectorPage.h"

class QComboBox;
class QCompleter;
class QLineEdit;
class QStringListModel;

namespace rd {

class NumberSpinBox;

// provider, model, timeout and retries of a model element.
class ModelPage : public InspectorPage
{
    Q_OBJECT

public:
    explicit ModelPage(QWidget *parent = nullptr);

protected:
    void populate(const Element &element) override;

private:
    void updateModelSuggestions();
    void applyProvider(const QString &text);
    void applyModel(const QString &text);
    void applyTimeout();
    void applyRetries();

    QComboBox *m_provider;
    QLineEdit *m_model;
    QStringListModel *m_modelSuggestions;
    NumberSpinBox *m_timeout;
    NumberSpinBox *m_retries;
};

} // namespace rd
