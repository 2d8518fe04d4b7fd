#include "app/sandbox/SandboxLogApi.h"

#include "app/sandbox/SandboxBody.h"
#include "app/sandbox/SandboxListParams.h"
#include "app/sandbox/SandboxLogQuery.h"
#include "app/sandbox/SandboxReply.h"
#include "model/JsonText.h"

#include <cmath>

namespace rd {

namespace {

constexpr std::int64_t kMaxDeleteLimit = 10'000'000;
constexpr std::size_t kMaxMetadataEntries = 5;

SandboxListParams::Rules listRules()
{
    return {20, 50, SandboxLogQuery::orderKeys()};
}

void putCommon(Json &out, const SandboxLogRecord &log)
{
    out["id"] = log.id.toStdString();
    out["cached"] = log.cached;
    out["created_at"] = log.createdAt.toStdString();
    out["duration"] = log.duration;
    out["model"] = log.model.toStdString();
    out["path"] = log.path.toStdString();
    out["provider"] = log.provider.toStdString();
    out["success"] = log.success;
    out["tokens_in"] = log.tokensIn;
    out["tokens_out"] = log.tokensOut;
    out["cost"] = log.cost;
    out["custom_cost"] = log.customCost;
    if (!log.metadata.isEmpty()) {
        out["metadata"] = log.metadata.toStdString();
    }
    out["model_type"] = log.modelType.toStdString();
    out["request_content_type"] = log.requestContentType.toStdString();
}

void putTail(Json &out, const SandboxLogRecord &log)
{
    out["status_code"] = log.statusCode;
    out["step"] = log.step;
    if (log.feedback) {
        out["feedback"] = *log.feedback;
    }
    if (log.score) {
        out["score"] = *log.score;
    }
}

Json bodyJson(const QByteArray &bytes)
{
    if (bytes.isEmpty()) {
        return Json();
    }
    auto parsed = JsonText::parse(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    // A body that is not JSON (a stream, say) comes back as its text.
    return parsed ? std::move(*parsed.value) : Json(QString::fromUtf8(bytes).toStdString());
}

// A present key means "change it"; null means "clear it".
bool readRating(const Json &body, const char *key, int min, int max, std::optional<std::optional<int>> &out,
                SandboxResponse &error)
{
    auto it = body.find(key);
    if (it == body.end()) {
        return true;
    }
    if (it->is_null()) {
        out = std::optional<int>();
        return true;
    }
    const bool whole =
        it->is_number_integer() || (it->is_number_float() && std::floor(it->get<double>()) == it->get<double>());
    if (!whole || it->get<double>() < min || it->get<double>() > max) {
        error = SandboxReply::badRequest(QStringLiteral("`%1` must be a whole number from %2 to %3, got %4.")
                                             .arg(QString::fromLatin1(key))
                                             .arg(min)
                                             .arg(max)
                                             .arg(QString::fromStdString(it->dump()).left(40)));
        return false;
    }
    out = static_cast<int>(it->get<double>());
    return true;
}

} // namespace

Json SandboxLogApi::listJson(const SandboxLogRecord &log)
{
    Json out = Json::object();
    putCommon(out, log);
    out["request_type"] = log.requestType.toStdString();
    out["response_content_type"] = log.responseContentType.toStdString();
    putTail(out, log);
    return out;
}

Json SandboxLogApi::detailJson(const SandboxLogRecord &log)
{
    Json out = Json::object();
    putCommon(out, log);
    out["request_head"] = log.requestHead.toStdString();
    out["request_head_complete"] = true;
    out["request_size"] = log.requestBody.size();
    out["request_type"] = log.requestType.toStdString();
    out["response_content_type"] = log.responseContentType.toStdString();
    out["response_head"] = log.responseHead.toStdString();
    out["response_head_complete"] = true;
    out["response_size"] = log.responseBody.size();
    putTail(out, log);
    return out;
}

SandboxResponse SandboxLogApi::list(const SandboxRequest &request, const QString &account, const QString &gateway)
{
    QString message;
    const auto params = SandboxListParams::parse(request, listRules(), &message);
    if (!params) {
        return SandboxReply::badRequest(message);
    }
    const auto query = SandboxLogQuery::parse(request, &message);
    if (!query) {
        return SandboxReply::badRequest(message);
    }
    const auto page = m_store.logs().list(account, gateway, query->whereClause(), query->bindings(),
                                          SandboxLogQuery::orderClause(*params), params->offset(), params->perPage);
    if (!page) {
        return SandboxReply::internalError();
    }
    Json items = Json::array();
    for (const SandboxLogRecord &log : page->items) {
        items.push_back(listJson(log));
    }
    return SandboxReply::resultPage(std::move(items),
                                    params->pageInfo(static_cast<std::int64_t>(page->items.size()), page->total));
}

SandboxResponse SandboxLogApi::get(const QString &account, const QString &gateway, const QString &id)
{
    const auto log = m_store.logs().find(account, gateway, id);
    if (!log) {
        return SandboxReply::internalError();
    }
    if (log->id.isEmpty()) {
        return SandboxReply::notFound(QStringLiteral("Log %1 not found in gateway %2")
                                          .arg(SandboxReply::quoted(id), SandboxReply::quoted(gateway)));
    }
    return SandboxReply::result(detailJson(*log));
}

SandboxResponse SandboxLogApi::body(const QString &account, const QString &gateway, const QString &id,
                                    const QString &which)
{
    const auto log = m_store.logs().find(account, gateway, id);
    if (!log) {
        return SandboxReply::internalError();
    }
    if (log->id.isEmpty()) {
        return SandboxReply::notFound(QStringLiteral("Log %1 not found in gateway %2")
                                          .arg(SandboxReply::quoted(id), SandboxReply::quoted(gateway)));
    }
    return SandboxReply::result(bodyJson(which == QLatin1String("request") ? log->requestBody : log->responseBody));
}

SandboxResponse SandboxLogApi::edit(const SandboxRequest &request, const QString &account, const QString &gateway,
                                    const QString &id)
{
    const auto log = m_store.logs().find(account, gateway, id);
    if (!log) {
        return SandboxReply::internalError();
    }
    if (log->id.isEmpty()) {
        return SandboxReply::notFound(QStringLiteral("Log %1 not found in gateway %2")
                                          .arg(SandboxReply::quoted(id), SandboxReply::quoted(gateway)));
    }
    SandboxResponse error;
    const auto body = SandboxBody::readObject(request, error);
    if (!body) {
        return error;
    }
    std::optional<std::optional<int>> feedback;
    std::optional<std::optional<int>> score;
    if (!readRating(*body, "feedback", -1, 1, feedback, error) || !readRating(*body, "score", 0, 100, score, error)) {
        return error;
    }
    std::optional<QString> metadata;
    if (auto it = body->find("metadata"); it != body->end()) {
        if (it->is_null()) {
            metadata = QString();
        } else if (!it->is_object()) {
            return SandboxReply::badRequest(
                QStringLiteral("`metadata` must be an object, got %1.").arg(SandboxBody::kindOf(*it)));
        } else if (it->size() > kMaxMetadataEntries) {
            return SandboxReply::badRequest(QStringLiteral("`metadata` has %1 entries; at most %2 are kept.")
                                                .arg(it->size())
                                                .arg(kMaxMetadataEntries));
        } else {
            for (const auto &[key, value] : it->items()) {
                if (!value.is_string() && !value.is_number() && !value.is_boolean()) {
                    return SandboxReply::badRequest(
                        QStringLiteral("`metadata.%1` must be a string, number or boolean, got %2.")
                            .arg(QString::fromStdString(key).left(40), SandboxBody::kindOf(value)));
                }
            }
            metadata = QString::fromStdString(JsonText::compact(*it));
        }
    }
    if (!m_store.logs().updateFeedback(account, gateway, id, feedback, score, metadata)) {
        return SandboxReply::internalError();
    }
    return SandboxReply::result(Json::object());
}

SandboxResponse SandboxLogApi::remove(const SandboxRequest &request, const QString &account, const QString &gateway)
{
    QString message;
    const auto params = SandboxListParams::parse(request, listRules(), &message);
    if (!params) {
        return SandboxReply::badRequest(message);
    }
    const auto query = SandboxLogQuery::parse(request, &message);
    if (!query) {
        return SandboxReply::badRequest(message);
    }
    std::int64_t limit = 0;
    if (auto text = request.queryValue(QStringLiteral("limit"))) {
        bool ok = false;
        limit = text->trimmed().toLongLong(&ok);
        if (!ok || limit < 1) {
            return SandboxReply::badRequest(QStringLiteral("`limit` must be a whole number of at least 1."));
        }
        limit = std::min(limit, kMaxDeleteLimit);
    }
    const auto deleted = m_store.logs().remove(account, gateway, query->whereClause(), query->bindings(),
                                               SandboxLogQuery::orderClause(*params), limit);
    if (!deleted) {
        return SandboxReply::internalError();
    }
    // LogDeleteResponse is {success}; the SDK hands back the whole envelope, which carries it.
    return SandboxReply::result(Json{{"success", true}});
}

} // namespace rd
