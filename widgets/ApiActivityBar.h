#pragma once

#include <QPointer>
#include <QWidget>

#include <vector>

class QProgressBar;
class QPushButton;

namespace rd {

class ApiCall;
class ElidedLabel;

// What the network is doing right now, for one panel or dialog: a busy bar, what is being done ("Loading
// versions…", or "rate limited — retrying in 4 s") and Cancel. Hidden while nothing runs.
class ApiActivityBar : public QWidget
{
    Q_OBJECT

public:
    explicit ApiActivityBar(QWidget *parent = nullptr);

    // Shows `text` until `call` (and any other tracked call) finishes.
    void track(ApiCall *call, const QString &text);
    bool isActive() const;
    QPushButton *cancelButton() const { return m_cancel; }
    // What is being done, in full (the label may show it shortened).
    QString text() const;

public slots:
    // Cancels every tracked call.
    void cancel();

signals:
    void activeChanged(bool active);
    // The user (or cancel()) stopped the calls; their callbacks may report Cancelled errors.
    void cancelled();

private:
    void prune();

    QProgressBar *m_bar;
    ElidedLabel *m_text; // elides: a long retry message must not widen the window
    QPushButton *m_cancel;
    std::vector<QPointer<ApiCall>> m_calls;
};

} // namespace rd
