#pragma once

#include "app/LogDeletion.h"

#include <QPointer>
#include <QPushButton>

namespace rd {

class ApiClient;

// "Delete Log…" in a log's details: asks first, naming the log and that nothing brings it back, then deletes that
// one log (LogDeletion) and says what the server did, having checked.
class LogDeleteButton : public QPushButton
{
    Q_OBJECT

public:
    explicit LogDeleteButton(QWidget *parent = nullptr);

    void setGateway(ApiClient *client, const QString &gatewayId);
    // The log the button deletes, and how to name it in the question ("openai/gpt-4o-mini, Dec 7, 14:02 CET").
    void setLog(const QString &logId, const QString &description);

    // Tests answer the question without a dialog.
    enum class Answer { Ask, Delete, Cancel };
    void setAnswerForTesting(Answer answer) { m_answer = answer; }

signals:
    // Once the server has answered and the log was read back: `outcome` says what happened, `message` in words.
    void finished(const QString &logId, rd::LogDeletion::Outcome outcome, const QString &message);

private:
    void confirmAndDelete();

    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    QString m_logId;
    QString m_description;
    LogDeletion *m_deletion = nullptr;
    Answer m_answer = Answer::Ask;
};

} // namespace rd
