#include "app/LogTableModel.h"

#include "app/StatusColors.h"
#include "app/api/ApiClient.h"
#include "model/LogEntry.h"

#include <QLocale>
#include <QStringList>

#include <iterator>

namespace rd {

namespace {

// Tokens, cost and duration are compared down a column: right-aligned, as numbers are.
bool isNumeric(int column)
{
    return column == LogTableModel::TokensInColumn || column == LogTableModel::TokensOutColumn ||
           column == LogTableModel::CostColumn || column == LogTableModel::DurationColumn;
}

QString jsonScalarText(const Json &value)
{
    if (value.is_string()) {
        return QString::fromStdString(value.get<std::string>());
    }
    return QString::fromStdString(value.dump());
}

} // namespace

LogTableModel::Appearance LogTableModel::Appearance::forPalette(const QPalette &palette)
{
    Appearance appearance;
    appearance.okColor = StatusColors::text(StatusColors::Role::Ok, palette);
    appearance.failedColor = StatusColors::text(StatusColors::Role::Error, palette);
    appearance.mutedColor = StatusColors::muted(palette);
    return appearance;
}

LogTableModel::LogTableModel(QObject *parent) : QAbstractTableModel(parent)
{}

// The call in flight was started with this model as its context: destroying the model cancels it, and its
// callback never runs.
LogTableModel::~LogTableModel() = default;

void LogTableModel::setGateway(ApiClient *client, const QString &gatewayId)
{
    m_client = client;
    m_gatewayId = gatewayId;
    restart();
}

void LogTableModel::setSource(ApiClient *client, const QString &gatewayId, const std::vector<LogFilter> &filters,
                              const QString &search)
{
    m_client = client;
    m_gatewayId = gatewayId;
    m_filters = filters;
    m_search = search.trimmed();
    restart();
}

void LogTableModel::setQuery(const std::vector<LogFilter> &filters, const QString &search)
{
    m_filters = filters;
    m_search = search.trimmed();
    restart();
}

void LogTableModel::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    if (!m_rows.empty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DecorationRole, Qt::ForegroundRole});
    }
}

bool LogTableModel::isSortable(int column)
{
    return !orderKey(column).isEmpty();
}

QString LogTableModel::orderKey(int column)
{
    switch (column) {
    case TimeColumn:
        return QStringLiteral("created_at");
    case StatusColumn:
        return QStringLiteral("success");
    case ProviderColumn:
        return QStringLiteral("provider");
    case ModelColumn:
        return QStringLiteral("model");
    case CachedColumn:
        return QStringLiteral("cached");
    default:
        return {};
    }
}

LogQuery LogTableModel::nextPageQuery() const
{
    LogQuery query;
    query.page = m_nextPage;
    query.perPage = kPageSize;
    query.search = m_search.toStdString();
    query.orderBy = orderKey(m_sortColumn).toStdString();
    query.orderByDirection = m_sortOrder == Qt::AscendingOrder ? "asc" : "desc";
    query.filters = m_filters;
    return query;
}

QString LogTableModel::logId(int row) const
{
    if (row < 0 || row >= rowCount()) {
        return {};
    }
    return m_rows[static_cast<std::size_t>(row)].id;
}

int LogTableModel::rowOf(const QString &logId) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == logId) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

int LogTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int LogTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case Qt::TextAlignmentRole:
        return isNumeric(column) ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                 : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::DecorationRole:
        if (column == StatusColumn) {
            const QIcon &icon = row.success ? m_appearance.okIcon : m_appearance.failedIcon;
            return icon.isNull() ? QVariant() : QVariant(icon);
        }
        return {};
    case Qt::ForegroundRole: {
        QColor color;
        if (column == StatusColumn) {
            color = row.success ? m_appearance.okColor : m_appearance.failedColor;
        } else if ((column == CachedColumn && !row.cached) || display(row, column) == QStringLiteral("—")) {
            color = m_appearance.mutedColor;
        }
        return color.isValid() ? QVariant(color) : QVariant();
    }
    case Qt::ToolTipRole:
        switch (column) {
        case TimeColumn:
            return row.createdAt.toString(Qt::ISODateWithMs);
        case StatusColumn:
            return row.success ? tr("Succeeded (HTTP %1)").arg(row.statusCode)
                               : tr("Failed (HTTP %1)").arg(row.statusCode);
        case CostColumn:
            return row.cost < 0 ? QVariant() : QVariant(QStringLiteral("$%1").arg(row.cost, 0, 'f', 9));
        case MetadataColumn:
            return row.metadataJson.isEmpty() ? QVariant() : QVariant(row.metadataJson);
        default:
            return {};
        }
    case Qt::AccessibleTextRole:
        if (column == StatusColumn) {
            return row.success ? tr("Succeeded, HTTP %1").arg(row.statusCode)
                               : tr("Failed, HTTP %1").arg(row.statusCode);
        }
        return display(row, column);
    case LogIdRole:
        return row.id;
    case SuccessRole:
        return row.success;
    case SortValueRole:
        return sortValue(row, column);
    default:
        return {};
    }
}

QVariant LogTableModel::display(const Row &row, int column) const
{
    const QLocale locale;
    const QString none = QStringLiteral("—");
    switch (column) {
    case TimeColumn:
        return row.createdAt.isValid() ? row.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                       : none;
    case StatusColumn:
        return row.statusCode > 0 ? QString::number(row.statusCode) : (row.success ? tr("OK") : tr("Failed"));
    case ProviderColumn:
        return row.provider.isEmpty() ? none : row.provider;
    case ModelColumn:
        return row.model.isEmpty() ? none : row.model;
    case TokensInColumn:
        return row.tokensIn < 0 ? none : locale.toString(row.tokensIn);
    case TokensOutColumn:
        return row.tokensOut < 0 ? none : locale.toString(row.tokensOut);
    case CostColumn:
        // Per-request costs are fractions of a cent: six places show them without switching units.
        return row.cost < 0 ? none : QStringLiteral("$") + QString::number(row.cost, 'f', 6);
    case DurationColumn:
        return row.durationMs < 0 ? none : tr("%1 ms").arg(locale.toString(row.durationMs));
    case CachedColumn:
        return row.cached ? tr("Yes") : tr("No");
    case MetadataColumn:
        return row.metadata;
    default:
        return {};
    }
}

QVariant LogTableModel::sortValue(const Row &row, int column) const
{
    switch (column) {
    case TimeColumn:
        return row.createdAt;
    case StatusColumn:
        return row.success;
    case ProviderColumn:
        return row.provider;
    case ModelColumn:
        return row.model;
    case TokensInColumn:
        return row.tokensIn;
    case TokensOutColumn:
        return row.tokensOut;
    case CostColumn:
        return row.cost;
    case DurationColumn:
        return row.durationMs;
    case CachedColumn:
        return row.cached;
    case MetadataColumn:
        return row.metadataJson;
    default:
        return {};
    }
}

QVariant LogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case TimeColumn:
            return tr("Time");
        case StatusColumn:
            return tr("Status");
        case ProviderColumn:
            return tr("Provider");
        case ModelColumn:
            return tr("Model");
        case TokensInColumn:
            return tr("Tokens in");
        case TokensOutColumn:
            return tr("Tokens out");
        case CostColumn:
            return tr("Cost");
        case DurationColumn:
            return tr("Duration");
        case CachedColumn:
            return tr("Cached");
        case MetadataColumn:
            return tr("Metadata");
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole) {
        return isNumeric(section) ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                  : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole) {
        if (section == StatusColumn) {
            return tr("Click to sort failed requests first or last");
        }
        if (section == TimeColumn) {
            return tr("Local time. Click to sort");
        }
        return isSortable(section) ? tr("Click to sort")
                                   : tr("Cloudflare cannot sort logs by this column; filter instead");
    }
    return {};
}

Qt::ItemFlags LogTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

bool LogTableModel::canFetchMore(const QModelIndex &parent) const
{
    // After a failure or a cancel, only the user asks again: a view would otherwise retry on every layout.
    return !parent.isValid() && m_client && !m_gatewayId.isEmpty() && m_hasMore && !m_paused && !m_lastError &&
           !isLoading();
}

void LogTableModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent)) {
        requestPage(m_nextPage);
    }
}

void LogTableModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column) || (column == m_sortColumn && order == m_sortOrder)) {
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    restart();
}

void LogTableModel::refresh()
{
    restart();
}

void LogTableModel::retry()
{
    if (isLoading() || !m_client || m_gatewayId.isEmpty()) {
        return;
    }
    m_lastError.reset();
    m_paused = false;
    if (m_hasMore || m_rows.empty()) {
        requestPage(m_nextPage);
    }
}

void LogTableModel::cancel()
{
    if (!m_call) {
        return;
    }
    ++m_generation; // a cancelled call never calls back, but make sure nothing from it lands
    m_paused = true;
    setCall(nullptr);
}

void LogTableModel::restart()
{
    ++m_generation;
    beginResetModel();
    m_rows.clear();
    m_ids.clear();
    m_strings.clear();
    m_nextPage = 1;
    m_hasMore = true;
    m_paused = false;
    m_lastError.reset();
    endResetModel();
    const bool hadTotal = m_totalCount.has_value();
    m_totalCount.reset();
    if (hadTotal) {
        emit totalCountChanged(-1);
    }
    // Replaced without passing through "not loading", so a progress display does not flicker.
    const bool wasLoading = isLoading();
    if (m_call) {
        m_call->cancel();
        m_call = nullptr;
    }
    if (m_client && !m_gatewayId.isEmpty()) {
        requestPage(1);
    } else {
        m_hasMore = false;
        if (wasLoading) {
            emit loadingChanged(false);
        }
    }
}

void LogTableModel::requestPage(int page)
{
    LogQuery query = nextPageQuery();
    query.page = page;
    const quint64 generation = m_generation;
    ApiCall *call = m_client->listLogs(
        m_gatewayId, query, this, [this, generation, page](const ApiResult<ListPage<LogEntry>> &result) {
            if (generation != m_generation) {
                return;
            }
            m_call = nullptr;
            if (!result) {
                m_lastError = *result.error;
                emit loadingChanged(false);
                emit errorOccurred(page == 1 ? tr("Loading logs") : tr("Loading logs, page %1").arg(page),
                                   *result.error);
                return;
            }
            receivePage(page, result.value->items, result.value->info);
            emit loadingChanged(false);
            emit pageLoaded(page);
        });
    setCall(call);
}

void LogTableModel::setCall(ApiCall *call)
{
    const bool wasLoading = isLoading();
    if (m_call && m_call != call) {
        m_call->cancel();
    }
    m_call = call;
    if (wasLoading != isLoading()) {
        emit loadingChanged(isLoading());
    }
}

void LogTableModel::receivePage(int page, const std::vector<LogEntry> &items, const PageInfo &info)
{
    std::vector<Row> fresh;
    fresh.reserve(items.size());
    for (const LogEntry &entry : items) {
        Row row = makeRow(entry);
        if (row.id.isEmpty() || m_ids.contains(row.id)) {
            continue;
        }
        m_ids.insert(row.id);
        fresh.push_back(std::move(row));
    }
    if (!fresh.empty()) {
        const int first = rowCount();
        beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
        m_rows.insert(m_rows.end(), std::make_move_iterator(fresh.begin()), std::make_move_iterator(fresh.end()));
        endInsertRows();
    }
    m_nextPage = page + 1;
    m_hasMore = !items.empty() && info.hasMore(items.size());
    std::optional<qint64> total;
    if (info.totalCount) {
        total = static_cast<qint64>(*info.totalCount);
    } else if (!m_hasMore) {
        total = rowCount();
    }
    if (total != m_totalCount) {
        m_totalCount = total;
        emit totalCountChanged(total.value_or(-1));
    }
}

LogTableModel::Row LogTableModel::makeRow(const LogEntry &entry)
{
    Row row;
    row.id = QString::fromStdString(entry.id());
    row.createdAt = QDateTime::fromString(QString::fromStdString(entry.createdAt()), Qt::ISODateWithMs);
    row.provider = shared(entry.provider());
    row.model = shared(entry.model());
    if (auto n = entry.tokensIn()) {
        row.tokensIn = n->toInteger();
    }
    if (auto n = entry.tokensOut()) {
        row.tokensOut = n->toInteger();
    }
    if (auto n = entry.cost()) {
        row.cost = n->toDouble();
    }
    if (auto n = entry.durationMs()) {
        row.durationMs = n->toInteger();
    }
    if (auto n = entry.statusCode()) {
        row.statusCode = static_cast<int>(n->toInteger());
    }
    row.success = entry.success();
    row.cached = entry.cached();
    const Json metadata = entry.metadataObject();
    QStringList pairs;
    for (const auto &[key, value] : metadata.items()) {
        pairs << QString::fromStdString(key) + QLatin1Char('=') + jsonScalarText(value);
    }
    row.metadata = pairs.join(QStringLiteral(" · "));
    if (!metadata.empty()) {
        row.metadataJson = QString::fromStdString(metadata.dump());
    }
    return row;
}

QString LogTableModel::shared(const std::string &text)
{
    // A page of logs names a handful of providers and models: one copy of each instead of one per row.
    const QString value = QString::fromStdString(text);
    auto it = m_strings.constFind(value);
    if (it != m_strings.constEnd()) {
        return *it;
    }
    m_strings.insert(value, value);
    return value;
}

} // namespace rd
