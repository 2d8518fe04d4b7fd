#pragma once

#include "app/api/ApiError.h"
#include "model/Json.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QButtonGroup;
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTabWidget;

namespace rd {

class ApiCall;
class ApiClient;
class LogDeleteButton;
class LogEntry;

// One log in full: what it was, the request and response bodies pretty-printed, and the feedback a person
// gives it. Fetched when shown, with progress and a way to stop.
class LogDetailPanel : public QWidget
{
    Q_OBJECT

public:
    explicit LogDetailPanel(QWidget *parent = nullptr);
    ~LogDetailPanel() override;

    void setGateway(ApiClient *client, const QString &gatewayId);
    // Fetches the log and both bodies; what was shown before stays until they arrive.
    void showLog(const QString &logId);
    // Back to "nothing selected".
    void clear();

    QString logId() const { return m_logId; }
    bool isLoading() const;
    QString requestText() const;
    QString responseText() const;

    // JSON as an indented document; a string holding JSON is unwrapped first, other text is shown as it is.
    static QString prettyBody(const Json &body);

public slots:
    void cancel();
    void reload();
    void saveFeedback();

signals:
    void loadingChanged(bool loading);
    // Once the log and both bodies have arrived or failed.
    void loaded(const QString &logId);
    void feedbackSaved(const QString &logId, int feedback, std::optional<int> score);
    void errorOccurred(const QString &where, const rd::ApiError &error);
    // The log was deleted on the server (checked by reading it back): the list should drop it.
    void logDeleted(const QString &logId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void applyPalette();
    void startCall(ApiCall *call);
    void callDone(ApiCall *call);
    void showEntry(const LogEntry &entry);
    void showFailure(const QString &where, const ApiError &error);
    void setSaveState(const QString &text, bool failed);
    void feedbackEdited();
    void updateSaveButton();
    int currentFeedback() const;
    void addSummaryRow(const QString &label, QLabel *&value);

    QPointer<ApiClient> m_client;
    LogDeleteButton *m_deleteButton = nullptr;
    QString m_gatewayId;
    QString m_logId;
    quint64 m_generation = 0; // bumped per log shown: answers for an older one are dropped
    QList<QPointer<ApiCall>> m_calls;
    QPointer<ApiCall> m_saveCall;
    int m_savedFeedback = 0;
    std::optional<int> m_savedScore;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_title = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QWidget *m_errorBar = nullptr;
    QLabel *m_errorIcon = nullptr;
    QLabel *m_errorText = nullptr;
    QPushButton *m_retryButton = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_time = nullptr;
    QLabel *m_providerModel = nullptr;
    QLabel *m_path = nullptr;
    QLabel *m_tokens = nullptr;
    QLabel *m_cost = nullptr;
    QLabel *m_duration = nullptr;
    QLabel *m_step = nullptr;
    QLabel *m_sizes = nullptr;
    QLabel *m_metadata = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPlainTextEdit *m_request = nullptr;
    QPlainTextEdit *m_response = nullptr;
    QPlainTextEdit *m_heads = nullptr;
    QWidget *m_feedbackBox = nullptr;
    QButtonGroup *m_feedback = nullptr;
    QSpinBox *m_score = nullptr;
    QPushButton *m_saveButton = nullptr;
    QLabel *m_saveState = nullptr;
    bool m_saveFailed = false;
    bool m_entryShown = false;
    bool m_successShown = true;
};

} // namespace rd
