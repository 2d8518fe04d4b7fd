#include "app/GatewayKeyCheck.h"

#include "app/api/ApiClient.h"

#include <QSettings>
#include <QUrl>

#include <algorithm>

namespace rd {

namespace {

// Far beyond any real gateway's provider configs; bounds the reading should a server keep saying "more".
constexpr int kMaxPages = 20;
constexpr int kPerPage = 50;

} // namespace

GatewayKeyCheck::GatewayKeyCheck(ApiClient *client, QString connectionId, QObject *parent)
    : QObject(parent), m_client(client), m_connectionId(std::move(connectionId))
{}

void GatewayKeyCheck::ensure(const QString &gatewayId)
{
    if (!gatewayId.isEmpty() && !isKnown(gatewayId) && !isLoading(gatewayId) && !m_errors.contains(gatewayId)) {
        refresh(gatewayId);
    }
}

void GatewayKeyCheck::refresh(const QString &gatewayId)
{
    if (!m_client || gatewayId.isEmpty()) {
        return;
    }
    if (isLoading(gatewayId)) {
        return; // the read under way answers soon enough, and is as fresh
    }
    m_errors.remove(gatewayId);
    readPage(gatewayId, 1, {});
}

void GatewayKeyCheck::readPage(const QString &gatewayId, int page, std::set<std::string> found)
{
    PageQuery query;
    query.page = page;
    query.perPage = kPerPage;
    ApiCall *call = m_client->listProviderConfigs(
        gatewayId, query, this,
        [this, gatewayId, page, found = std::move(found)](const ApiResult<ListPage<ProviderConfig>> &result) mutable {
            m_loading.remove(gatewayId);
            if (!result) {
                // What was known stays: a failed refresh is no reason to invent or drop warnings.
                m_errors.insert(gatewayId, result.error ? result.error->toString() : tr("No answer"));
                emit changed(gatewayId);
                return;
            }
            for (const ProviderConfig &config : result.value->items) {
                if (!config.providerSlug().empty()) {
                    found.insert(config.providerSlug());
                }
            }
            if (result.value->info.hasMore(result.value->items.size()) && !result.value->items.empty() &&
                page < kMaxPages) {
                readPage(gatewayId, page + 1, std::move(found));
                return;
            }
            m_keys.insert(gatewayId, std::move(found));
            emit changed(gatewayId);
        });
    if (call) {
        m_loading.insert(gatewayId, call);
    }
}

std::set<std::string> GatewayKeyCheck::storedProviders(const QString &gatewayId) const
{
    return m_keys.value(gatewayId);
}

QString GatewayKeyCheck::settingsKey(const QString &gatewayId) const
{
    // Ids go in as percent-encoded path parts: a "/" in one must not open a settings group of its own.
    const auto part = [](const QString &s) {
        return QString::fromLatin1(QUrl::toPercentEncoding(s.isEmpty() ? QStringLiteral("sandbox") : s));
    };
    return QStringLiteral("gatewayKeys/callersPassKeys/%1/%2").arg(part(m_connectionId), part(gatewayId));
}

bool GatewayKeyCheck::isSilenced(const QString &gatewayId) const
{
    return QSettings().value(settingsKey(gatewayId), false).toBool();
}

void GatewayKeyCheck::setSilenced(const QString &gatewayId, bool silenced)
{
    if (silenced == isSilenced(gatewayId)) {
        return;
    }
    QSettings settings;
    if (silenced) {
        settings.setValue(settingsKey(gatewayId), true);
    } else {
        settings.remove(settingsKey(gatewayId));
    }
    emit changed(gatewayId);
}

std::vector<Finding> GatewayKeyCheck::findings(const QString &gatewayId, const Route &route) const
{
    if (!isKnown(gatewayId) || isSilenced(gatewayId)) {
        return {};
    }
    return check(route, m_keys.value(gatewayId), gatewayId.toStdString());
}

bool GatewayKeyCheck::needsKey(const std::string &provider)
{
    // Workers AI runs on Cloudflare itself: the gateway needs no key for it.
    return !provider.empty() && provider != "workers-ai";
}

std::vector<Finding> GatewayKeyCheck::check(const Route &route, const std::set<std::string> &storedProviders,
                                            const std::string &gatewayId)
{
    std::vector<Finding> out;
    for (const Element &e : route.elements()) {
        if (e.type != ElementType::Model || !e.model.provider || !needsKey(*e.model.provider) ||
            storedProviders.count(*e.model.provider) > 0) {
            continue;
        }
        Finding finding;
        finding.severity = Severity::Warning;
        finding.code = kFindingCode;
        finding.elementId = e.id;
        finding.message = tr("No provider key for %1 on gateway %2: requests fail unless callers pass their own key")
                              .arg(QString::fromStdString(*e.model.provider), QString::fromStdString(gatewayId))
                              .toStdString();
        out.push_back(std::move(finding));
    }
    return out;
}

std::vector<std::string> GatewayKeyCheck::missingProviders(const Route &route,
                                                           const std::set<std::string> &storedProviders)
{
    std::set<std::string> missing;
    for (const Finding &f : check(route, storedProviders, {})) {
        if (const Element *e = route.find(f.elementId)) {
            missing.insert(*e->model.provider);
        }
    }
    return {missing.begin(), missing.end()};
}

} // namespace rd
