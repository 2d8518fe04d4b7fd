#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QTreeWidget;

namespace rd {

// Files that could not be opened as routes, all in one window: several bad files on the command line or in
// one drop are one problem to read, not a modal box to dismiss per file.
class OpenErrorsDialog : public QDialog
{
    Q_OBJECT

public:
    struct Failure
    {
        QString path;
        QString reason;
    };

    explicit OpenErrorsDialog(const QList<Failure> &failures, QWidget *parent = nullptr);

    // One row per file: the file's name, and why it was refused.
    QTreeWidget *list() const { return m_list; }

private:
    QTreeWidget *m_list;
};

} // namespace rd
