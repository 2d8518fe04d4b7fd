#pragma once

#include "app/Connection.h"

#include <QObject>

class QComboBox;
class QLabel;
class QLineEdit;
class QWidget;

namespace rd {

// The Advanced part of the connect dialog about the network: the proxy (the system's, none, or one typed in) and
// an extra CA certificate file for networks that inspect TLS. Two rows for the dialog's form; the dialog owns
// the widgets once it adds the rows.
class ConnectionNetworkFields : public QObject
{
    Q_OBJECT

public:
    explicit ConnectionNetworkFields(QWidget *dialog);

    QWidget *proxyRow() const { return m_proxyRow; }
    QWidget *caRow() const { return m_caRow; }

    void fill(const Connection &connection);
    // Writes the proxy and CA choices into `connection`; call only when isValid().
    void apply(Connection &connection) const;
    // Nothing set apart from the defaults (the dialog then keeps Advanced closed).
    bool isDefault() const;
    // Checks the fields, shows what is wrong under them, and says whether Connect may go on.
    bool validate();

signals:
    void changed();

private:
    void browse();

    QWidget *m_dialog;
    QWidget *m_proxyRow;
    QWidget *m_caRow;
    QComboBox *m_proxyMode;
    QLineEdit *m_proxyAddress;
    QLabel *m_proxyHint;
    QLineEdit *m_caFile;
    QLabel *m_caHint;
};

} // namespace rd
