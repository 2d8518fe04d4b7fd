#include "ui/LogExportButton.h"

#include "app/LogTableModel.h"
#include "app/api/ApiCall.h"
#include "app/api/ApiClient.h"
#include "ui/LogExportDialog.h"
#include "ui/LogsPage.h"

namespace rd {

LogExportButton::LogExportButton(LogsPage *page) : QPushButton(tr("Export…")), m_page(page)
{
    setObjectName(QStringLiteral("logsExport"));
    setToolTip(tr("Write the logs the filters select to a CSV or JSON Lines file"));
    connect(this, &QPushButton::clicked, this, &LogExportButton::openDialog);
}

void LogExportButton::openDialog()
{
    if (!m_page || !m_page->model()->client()) {
        return;
    }
    auto *dialog = new LogExportDialog(m_page->model()->client(), m_page->model()->gatewayId(),
                                       m_page->currentFilters(), m_page->currentSearch(), m_page);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace rd
