#include "ui/LogDeleteButton.h"

#include "app/api/ApiClient.h"

#include <QMessageBox>

namespace rd {

LogDeleteButton::LogDeleteButton(QWidget *parent) : QPushButton(tr("Delete Log…"), parent)
{
    setObjectName(QStringLiteral("logDelete"));
    setToolTip(tr("Delete this log from the gateway, for good: how to remove a log that holds something it should "
                  "not, such as a secret pasted into a prompt"));
    setEnabled(false);
    connect(this, &QPushButton::clicked, this, &LogDeleteButton::confirmAndDelete);
}

void LogDeleteButton::setGateway(ApiClient *client, const QString &gatewayId)
{
    m_client = client;
    m_gatewayId = gatewayId;
    delete m_deletion;
    m_deletion = client ? new LogDeletion(client, gatewayId, this) : nullptr;
    setLog({}, {});
}

void LogDeleteButton::setLog(const QString &logId, const QString &description)
{
    m_logId = logId;
    m_description = description;
    setEnabled(m_deletion && !logId.isEmpty());
}

void LogDeleteButton::confirmAndDelete()
{
    if (!m_deletion || m_logId.isEmpty()) {
        return;
    }
    Answer answer = m_answer;
    if (answer == Answer::Ask) {
        QMessageBox box(QMessageBox::Warning, tr("Delete Log"),
                        tr("Delete log %1 from gateway %2?").arg(m_logId, m_gatewayId), QMessageBox::NoButton, this);
        box.setInformativeText(tr("%1\n\nOnly this log is deleted: its request, its response and its metadata. "
                                  "Nothing brings it back.")
                                   .arg(m_description));
        QPushButton *del = box.addButton(tr("Delete Log"), QMessageBox::DestructiveRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        answer = box.clickedButton() == del ? Answer::Delete : Answer::Cancel;
    }
    if (answer != Answer::Delete) {
        return;
    }
    setEnabled(false);
    const QString id = m_logId;
    m_deletion->deleteLog(id, [this, id](const LogDeletion::Result &result) {
        setEnabled(result.outcome != LogDeletion::Outcome::Deleted && id == m_logId);
        emit finished(id, result.outcome, result.message);
    });
}

} // namespace rd
