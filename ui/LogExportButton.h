#pragma once

#include <QPointer>
#include <QPushButton>

namespace rd {

class LogsPage;

// "Export…" on the logs page: opens LogExportDialog for the page's gateway with the filters on screen.
class LogExportButton : public QPushButton
{
    Q_OBJECT

public:
    explicit LogExportButton(LogsPage *page);

    void openDialog();

private:
    QPointer<LogsPage> m_page;
};

} // namespace rd
