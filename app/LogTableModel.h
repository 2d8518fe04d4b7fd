#pragma once

#include "app/api/ApiError.h"
#include "model/LogQuery.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QDateTime>
#include <QHash>
#include <QIcon>
#include <QPalette>
#include <QPointer>
#include <QSet>
#include <QString>

#include <optional>
#include <vector>

namespace rd {

class ApiCall;
class ApiClient;
class LogEntry;
struct PageInfo;

// The logs of one gateway as a table, fetched from the API page by page as a view scrolls: it never holds
// more than what was scrolled through, and keeps only the shown fields of each log, not its JSON.
//
// Filtering and sorting happen on the server; changing either drops the rows and starts again from page
// one. A response that arrives for an older query is dropped.
class LogTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        StatusColumn,
        ProviderColumn,
        ModelColumn,
        TokensInColumn,
        TokensOutColumn,
        CostColumn,
        DurationColumn,
        CachedColumn,
        MetadataColumn,
        ColumnCount
    };

    enum Role {
        LogIdRole = Qt::UserRole + 1, // QString
        SuccessRole,                  // bool
        SortValueRole,                // the unformatted value: QDateTime, qint64, double, bool or QString
    };

    // How rows look is the view's business (palette, icons), but an item model is where Qt asks for it.
    struct Appearance
    {
        QIcon okIcon;
        QIcon failedIcon;
        QColor okColor;
        QColor failedColor;
        QColor mutedColor; // "no", "—": present but not worth the eye

        // Colours that read on `palette`'s base, light or dark; no icons.
        static Appearance forPalette(const QPalette &palette);
    };

    static constexpr int kPageSize = 50;

    explicit LogTableModel(QObject *parent = nullptr);
    ~LogTableModel() override;

    // Drops every row and loads page one of `gatewayId`'s logs. A null client or empty id empties the model.
    void setGateway(ApiClient *client, const QString &gatewayId);
    // Both at once: one request instead of one per change.
    void setSource(ApiClient *client, const QString &gatewayId, const std::vector<LogFilter> &filters,
                   const QString &search);
    ApiClient *client() const { return m_client; }
    QString gatewayId() const { return m_gatewayId; }

    // Drops every row and loads page one of the logs matching all `filters` and `search`.
    void setQuery(const std::vector<LogFilter> &filters, const QString &search);
    const std::vector<LogFilter> &filters() const { return m_filters; }
    QString search() const { return m_search; }

    void setAppearance(const Appearance &appearance);

    // The API orders by these keys only; the other columns cannot be sorted.
    static bool isSortable(int column);
    static QString orderKey(int column); // "" for columns that cannot be sorted
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    bool isLoading() const { return m_call != nullptr; }
    // As the server counted it; nullopt until a page arrived.
    std::optional<qint64> totalCount() const { return m_totalCount; }
    bool hasMore() const { return m_hasMore; }
    // True after cancel(): scrolling does not fetch until resume(), retry() or a new query.
    bool isPaused() const { return m_paused; }
    std::optional<ApiError> lastError() const { return m_lastError; }
    // The query the next page would be fetched with.
    LogQuery nextPageQuery() const;

    QString logId(int row) const;
    // The row holding `logId`, or -1.
    int rowOf(const QString &logId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Columns that cannot be sorted are ignored.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

public slots:
    // Drops the rows and loads page one again, with the same query.
    void refresh();
    // Asks again for the page that failed or was cancelled.
    void retry();
    // Stops the request in flight, keeps the rows already loaded.
    void cancel();

signals:
    void loadingChanged(bool loading);
    // `where` says what was being done: "Loading logs, page 3".
    void errorOccurred(const QString &where, const rd::ApiError &error);
    void totalCountChanged(qint64 total);
    // After each page that arrived, even an empty one: views and tests know the model settled.
    void pageLoaded(int page);

private:
    struct Row
    {
        QString id;
        QDateTime createdAt; // UTC
        QString provider;    // shared between rows through m_strings
        QString model;
        QString metadata; // "plan=pro · user_id=u-1234"
        QString metadataJson;
        double cost = -1.0; // < 0: not reported
        qint64 tokensIn = -1;
        qint64 tokensOut = -1;
        qint64 durationMs = -1;
        int statusCode = 0;
        bool success = false;
        bool cached = false;
    };

    void restart();
    void requestPage(int page);
    void setCall(ApiCall *call);
    void receivePage(int page, const std::vector<LogEntry> &items, const PageInfo &info);
    Row makeRow(const LogEntry &entry);
    QString shared(const std::string &text);
    QVariant display(const Row &row, int column) const;
    QVariant sortValue(const Row &row, int column) const;

    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    std::vector<LogFilter> m_filters;
    QString m_search;
    int m_sortColumn = TimeColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    Appearance m_appearance;

    std::vector<Row> m_rows;
    QSet<QString> m_ids; // offset paging repeats rows when logs arrive between two pages
    QHash<QString, QString> m_strings;
    QPointer<ApiCall> m_call;
    quint64 m_generation = 0; // bumped whenever rows are dropped: answers for an older one are stale
    int m_nextPage = 1;
    bool m_hasMore = false;
    bool m_paused = false;
    std::optional<qint64> m_totalCount;
    std::optional<ApiError> m_lastError;
};

} // namespace rd
