#pragma once

#include <QPointer>
#include <QWidget>

#include <vector>

class QLabel;
class QProgressBar;
class QPushButton;

namespace rd {

class ApiCall;

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
    QLabel *m_text;
    QPushButton *m_cancel;
    std::vector<QPointer<ApiCall>> m_calls;
};

} // namespace rd
