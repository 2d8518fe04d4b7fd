#include "widgets/ApiActivityBar.h"

#include "app/api/ApiCall.h"
#include "widgets/ElidedLabel.h"

#include <QHBoxLayout>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>

namespace rd {

ApiActivityBar::ApiActivityBar(QWidget *parent)
    : QWidget(parent), m_bar(new QProgressBar), m_text(new ElidedLabel), m_cancel(new QPushButton(tr("Cancel")))
{
    setObjectName(QStringLiteral("apiActivityBar"));
    m_bar->setRange(0, 0);
    m_bar->setTextVisible(false);
    m_bar->setMaximumWidth(120);
    m_bar->setMaximumHeight(10);
    m_text->setObjectName(QStringLiteral("activityText"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setAutoDefault(false);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, &ApiActivityBar::cancel);
    hide();
}

QString ApiActivityBar::text() const
{
    return m_text->text();
}

bool ApiActivityBar::isActive() const
{
    return std::any_of(m_calls.begin(), m_calls.end(),
                       [](const QPointer<ApiCall> &call) { return call && !call->isFinished(); });
}

void ApiActivityBar::track(ApiCall *call, const QString &text)
{
    if (call == nullptr) {
        return;
    }
    const bool wasActive = isActive();
    prune();
    m_calls.emplace_back(call);
    m_text->setText(text);
    connect(call, &ApiCall::retrying, this, [this, text](int, int delayMs, const QString &reason) {
        m_text->setText(QStringLiteral("%1 (%2)").arg(text, ApiCall::describeRetry(reason, delayMs)));
    });
    connect(call, &ApiCall::finished, this, [this] {
        prune();
        if (!isActive()) {
            hide();
            emit activeChanged(false);
        }
    });
    show();
    if (!wasActive) {
        emit activeChanged(true);
    }
}

void ApiActivityBar::cancel()
{
    const std::vector<QPointer<ApiCall>> calls = m_calls;
    m_calls.clear();
    for (const QPointer<ApiCall> &call : calls) {
        if (call) {
            call->cancel();
        }
    }
    hide();
    emit activeChanged(false);
    emit cancelled();
}

void ApiActivityBar::prune()
{
    m_calls.erase(std::remove_if(m_calls.begin(), m_calls.end(),
                                 [](const QPointer<ApiCall> &call) { return !call || call->isFinished(); }),
                  m_calls.end());
}

} // namespace rd
