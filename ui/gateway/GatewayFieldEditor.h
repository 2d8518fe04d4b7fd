#pragma once

#include "model/GatewaySetting.h"
#include "model/Json.h"

#include <QObject>
#include <QString>

class QLabel;
class QWidget;

namespace rd {

// One field of the gateway settings dialog: the widget that edits it, what the server has (load), whether the
// person changed it, and what the PUT body then carries (apply). Fields left alone are not touched in the body,
// which is the server's own JSON, so what this app does not know about goes back as it came.
class GatewayFieldEditor : public QObject
{
    Q_OBJECT

public:
    explicit GatewayFieldEditor(const GatewaySetting &setting, QObject *parent = nullptr);

    const GatewaySetting &setting() const { return m_setting; }
    QString key() const;
    virtual QWidget *widget() const = 0;
    // The red line under the field: what is wrong with its value now (hidden when nothing).
    QLabel *problemLabel() const { return m_problemLabel; }

    // Shows the field as the server has it in `gateway` (the whole object), and forgets any edit.
    void load(const Json &gateway);
    // True once the person has changed the value from what was loaded.
    bool isChanged() const;
    // Writes the edited value into `body` (the server's JSON with its secrets taken out). Only called when changed.
    virtual void apply(Json &body) const;
    // Why the value cannot be sent ("" when it can); also shown on problemLabel().
    QString problem() const;
    void showProblem();

signals:
    void edited();

protected:
    // The widget shows `value` (null: the server has none).
    virtual void show(const Json &value) = 0;
    // The value the widget holds, as the body would carry it (null: not set). Secrets left unchanged are left out.
    virtual Json current() const = 0;
    // The value as the server would check it: current() with a stand-in for each secret left unchanged.
    virtual Json checkable() const { return current(); }
    // What the server's value is compared with current() as: secrets kept are left out of both.
    virtual Json comparable(const Json &loadedValue) const { return loadedValue; }
    // A reason particular to the widget (e.g. a header line without '='), checked before the model's.
    virtual QString widgetProblem() const { return {}; }
    // Connect the widgets' edit signals here.
    void markEdited();
    const Json &loaded() const { return m_loaded; }

private:
    const GatewaySetting &m_setting;
    Json m_loaded;
    bool m_dirty = false;
    bool m_loading = false;
    QLabel *m_problemLabel = nullptr;
};

} // namespace rd
