#pragma once

#include "app/DatasetFilters.h"
#include "model/Dataset.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace rd {

class ApiClient;
struct ApiError;

// "Save as Dataset…" from the logs view: asks for a name and saves the view's filters as a dataset of the gateway.
// Filters a dataset cannot hold (neq, the search text, several values, keys datasets lack) are named before
// anything is saved, and the user saves without them or cancels: none is dropped unseen. The call's error, or what
// the server turned out to hold after a lost answer, is said in the dialog.
class SaveDatasetDialog : public QDialog
{
    Q_OBJECT

public:
    SaveDatasetDialog(ApiClient *client, const QString &gatewayId, const std::vector<LogFilter> &filters,
                      const QString &search, QWidget *parent = nullptr);

    // Opens one window-modally over `parent` (deleted when closed) and returns it.
    static SaveDatasetDialog *start(QWidget *parent, ApiClient *client, const QString &gatewayId,
                                    const std::vector<LogFilter> &filters, const QString &search);

    const DatasetFilters::Conversion &conversion() const { return m_conversion; }
    QLineEdit *nameEdit() const { return m_name; }
    QPushButton *saveButton() const { return m_save; }
    // The list of filters left out as shown; empty when every filter fits.
    QString refusedText() const;
    // The outcome or the error, as the dialog says it.
    QString messageText() const;
    const std::optional<Dataset> &saved() const { return m_saved; }

signals:
    void datasetSaved(const rd::Dataset &dataset);

private:
    void save();
    void showError(const ApiError &error);
    void checkLostCreate(const QString &name);
    void showSaved(const Dataset &dataset, const QString &sentence);

    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    DatasetFilters::Conversion m_conversion;
    std::optional<Dataset> m_saved;

    QLineEdit *m_name = nullptr;
    QLabel *m_refused = nullptr;
    QLabel *m_message = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_save = nullptr;
};

} // namespace rd
