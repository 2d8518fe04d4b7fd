#pragma once

#include <QLabel>
#include <QPointer>

namespace rd {

class ApiClient;

// A warning line shown wherever something of an account is edited (a route's header, the gateway panel) while
// that account's credentials are known to be refused writes: said before the next edit, not after it.
// Hidden while writes are allowed or not known to be refused.
class WriteAccessNotice : public QLabel
{
    Q_OBJECT

public:
    // `what` names what will fail there: "Save Version and Deploy", "creating routes". `keepsDrafts`: the place
    // keeps unsaved edits (a route's tab), so the notice says they are not lost.
    WriteAccessNotice(const QString &what, bool keepsDrafts, QWidget *parent = nullptr);

    void setClient(ApiClient *client);

private:
    void refresh();

    QString m_what;
    bool m_keepsDrafts;
    QPointer<ApiClient> m_client;
    QMetaObject::Connection m_watch;
};

} // namespace rd
