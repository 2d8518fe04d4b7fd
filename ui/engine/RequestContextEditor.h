#pragma once

#include "model/Json.h"
#include "model/engine/RequestContext.h"

#include <QWidget>

#include <optional>
#include <string>
#include <vector>

class QDoubleSpinBox;
class QLineEdit;
class QTableWidget;

namespace rd {

// A request as an operator describes it for a trace or a test request: metadata rows (key, value), optional body
// and headers as JSON, and the tokens it will use. Rows whose value is empty are not sent, so a key the route reads
// can be listed without being set. Values are typed as JSON types them: 42 is a number, true a boolean, "42" (in
// quotes) and anything else text.
class RequestContextEditor : public QWidget
{
    Q_OBJECT

public:
    // MetadataOnly: the rows alone, for a real request whose body the caller writes.
    enum class Fields { All, MetadataOnly };
    explicit RequestContextEditor(Fields fields = Fields::All, QWidget *parent = nullptr);

    // The request, or nullopt with `error` saying what to fix ("Body: not JSON: …").
    std::optional<RequestContext> context(QString *error) const;
    // The metadata alone, as sent in `cf-aig-metadata` (an object, possibly empty).
    Json metadata() const;

    // Adds an empty row for each key not listed yet (the keys the route reads), keeping what is typed.
    void offerKeys(const std::vector<std::string> &keys);
    // Sets a key's value (adding its row), for tests and for replaying a log's metadata.
    void setValue(const QString &key, const QString &value);
    // Shows exactly this metadata: its keys get its values (as typed text), other rows are emptied, not removed.
    void setMetadata(const Json &metadata);
    // The text that parseValue() reads back as `value`.
    static QString valueText(const Json &value);
    void setBodyText(const QString &json);
    QTableWidget *metadataTable() const { return m_table; }

    // "42" → 42, "true" → true, "\"42\"" → "42", "free" → "free".
    static Json parseValue(const QString &text);

signals:
    void changed();

private:
    int addRow(const QString &key, const QString &value);

    QTableWidget *m_table;
    QLineEdit *m_body;
    QLineEdit *m_headers;
    QDoubleSpinBox *m_tokensIn;
    QDoubleSpinBox *m_tokensOut;
};

} // namespace rd
