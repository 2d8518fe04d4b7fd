#include "app/sandbox/SandboxProviderConfigApi.h"

#include "app/sandbox/SandboxBody.h"
#include "app/sandbox/SandboxIds.h"
#include "app/sandbox/SandboxListParams.h"
#include "app/sandbox/SandboxReply.h"
#include "app/sandbox/SandboxTime.h"
#include "app/sandbox/SandboxTransaction.h"

namespace rd {

namespace {

const SandboxListParams::Rules kListRules{20, 50, {QStringLiteral("created_at")}};

bool readLimit(const Json &body, const char *key, Json &out, SandboxResponse &error)
{
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) {
        return true;
    }
    if (!it->is_number() || it->get<double>() < 0) {
        error = SandboxReply::badRequest(
            QStringLiteral("`%1` must be a number of at least 0.").arg(QString::fromLatin1(key)));
        return false;
    }
    out = *it;
    return true;
}

} // namespace

QString SandboxProviderConfigApi::secretPreview(const QString &secret)
{
    // Short secrets show nothing: four characters of an eight-character key are half of it.
    if (secret.size() < 12) {
        return QStringLiteral("...");
    }
    const qsizetype dash = secret.indexOf(QLatin1Char('-'));
    const QString prefix = dash > 0 && dash < 6 ? secret.left(dash + 1) : secret.left(2);
    return prefix + QStringLiteral("...") + secret.right(4);
}

SandboxResponse SandboxProviderConfigApi::list(const SandboxRequest &request, const QString &account,
                                               const QString &gateway)
{
    QString message;
    const auto params = SandboxListParams::parse(request, kListRules, &message);
    if (!params) {
        return SandboxReply::badRequest(message);
    }
    const auto page = m_store.providerConfigs().list(
        account, gateway, {params->offset(), params->perPage, params->orderBy, params->descending});
    if (!page) {
        return SandboxReply::internalError();
    }
    Json items = Json::array();
    for (const Json &config : page->items) {
        items.push_back(config);
    }
    return SandboxReply::resultPage(std::move(items),
                                    params->pageInfo(static_cast<std::int64_t>(page->items.size()), page->total));
}

SandboxResponse SandboxProviderConfigApi::create(const SandboxRequest &request, const QString &account,
                                                 const QString &gateway)
{
    SandboxResponse error;
    const auto body = SandboxBody::readObject(request, error);
    if (!body) {
        return error;
    }
    QString alias;
    QString providerSlug;
    QString secret;
    bool isDefault = false;
    Json rateLimit;
    Json rateLimitPeriod;
    if (!SandboxBody::requireString(*body, "alias", alias, error) ||
        !SandboxBody::requireBool(*body, "default_config", isDefault, error) ||
        !SandboxBody::requireString(*body, "provider_slug", providerSlug, error) ||
        !SandboxBody::requireString(*body, "secret", secret, error) ||
        !readLimit(*body, "rate_limit", rateLimit, error) ||
        !readLimit(*body, "rate_limit_period", rateLimitPeriod, error)) {
        return error;
    }
    for (const auto &[key, value] : {std::pair{"alias", alias}, {"provider_slug", providerSlug}, {"secret", secret}}) {
        if (value.trimmed().isEmpty()) {
            return SandboxReply::badRequest(QStringLiteral("`%1` must not be empty.").arg(QString::fromLatin1(key)));
        }
    }

    Json config = Json::object();
    config["id"] = SandboxIds::uuid().toStdString();
    config["alias"] = alias.toStdString();
    config["default_config"] = isDefault;
    config["gateway_id"] = gateway.toStdString();
    config["modified_at"] = SandboxTime::now().toStdString();
    config["provider_slug"] = providerSlug.toStdString();
    config["secret_id"] = SandboxIds::uuid().toStdString();
    config["secret_preview"] = secretPreview(secret).toStdString();
    if (!rateLimit.is_null()) {
        config["rate_limit"] = rateLimit;
    }
    if (!rateLimitPeriod.is_null()) {
        config["rate_limit_period"] = rateLimitPeriod;
    }

    SandboxTransaction transaction(m_store);
    if (!transaction.isOpen()) {
        return SandboxReply::internalError();
    }
    if ((isDefault && !m_store.providerConfigs().clearDefault(account, gateway, providerSlug)) ||
        !m_store.providerConfigs().insert(account, gateway, providerSlug, config) || !transaction.commit()) {
        return SandboxReply::internalError();
    }
    return SandboxReply::result(std::move(config));
}

} // namespace rd
