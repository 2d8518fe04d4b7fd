#pragma once

#include "model/Json.h"
#include "widgets/inspector/InspectorPage.h"

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace rd {

class ConditionBuilder;

// A conditional's `conditions`, in a builder (rows) and as raw JSON. The JSON is the truth: the builder only
// writes when the user edits in it, so conditions it cannot show are kept byte for byte.
class ConditionalPage : public InspectorPage
{
    Q_OBJECT

public:
    explicit ConditionalPage(QWidget *parent = nullptr);

    ConditionBuilder *builder() const { return m_builder; }
    QPlainTextEdit *jsonEdit() const { return m_json; }
    QTabWidget *tabs() const { return m_tabs; }
    // Applies the raw editor's text if it is a JSON object that differs from the conditions; else says why not.
    bool applyJson();

protected:
    void populate(const Element &element) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showConditions(const std::optional<Json> &conditions);
    void setJsonText(const QString &text);
    void applyBuilder(const QString &mergeHint);
    void showJsonError(const QString &message);

    QLabel *m_note;
    QTabWidget *m_tabs;
    ConditionBuilder *m_builder;
    QPlainTextEdit *m_json;
    QLabel *m_jsonError;
    QPushButton *m_apply;
    QPushButton *m_revert;
    QString m_shownText; // what the raw editor showed last, to tell edits from a mere focus change
};

} // namespace rd
