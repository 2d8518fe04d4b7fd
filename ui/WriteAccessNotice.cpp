#include "ui/WriteAccessNotice.h"

#include "app/StatusColors.h"
#include "app/api/ApiClient.h"

namespace rd {

WriteAccessNotice::WriteAccessNotice(const QString &what, bool keepsDrafts, QWidget *parent)
    : QLabel(parent), m_what(what), m_keepsDrafts(keepsDrafts)
{
    setObjectName(QStringLiteral("writeAccessNotice"));
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setVisible(false);
}

void WriteAccessNotice::setClient(ApiClient *client)
{
    disconnect(m_watch);
    m_client = client;
    if (client) {
        m_watch = connect(client, &ApiClient::writeAccessChanged, this, &WriteAccessNotice::refresh);
    }
    refresh();
}

void WriteAccessNotice::refresh()
{
    const bool denied = m_client && m_client->writeAccess() == ApiClient::WriteAccess::Denied;
    if (denied) {
        setText(m_keepsDrafts
                    ? tr("Read-only token: this account refused a change made with it (the \u201cAI Gateway "
                         "Edit\u201d permission is missing), so %1 will fail. Edits stay here as a draft; connect "
                         "with a token that can edit to save them.")
                          .arg(m_what)
                    : tr("Read-only token (no \u201cAI Gateway Edit\u201d permission): %1 will fail.").arg(m_what));
        setStyleSheet(QStringLiteral("QLabel { color: %1; }")
                          .arg(StatusColors::text(StatusColors::Role::Warning, palette()).name()));
    }
    setVisible(denied);
}

} // namespace rd
