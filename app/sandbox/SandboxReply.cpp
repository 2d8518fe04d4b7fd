#include "app/sandbox/SandboxReply.h"

#include "model/JsonText.h"

namespace rd {

SandboxResponse SandboxReply::json(const Json &body, int status)
{
    SandboxResponse response;
    response.status = status;
    response.body = QByteArray::fromStdString(JsonText::compact(body));
    return response;
}

SandboxResponse SandboxReply::result(Json result)
{
    return json(ApiEnvelope::makeSuccess(std::move(result)));
}

SandboxResponse SandboxReply::resultPage(Json items, const PageInfo &info)
{
    return json(ApiEnvelope::makeSuccess(std::move(items), ApiEnvelope::PayloadKind::Result, info));
}

SandboxResponse SandboxReply::data(Json data)
{
    return json(ApiEnvelope::makeSuccess(std::move(data), ApiEnvelope::PayloadKind::Data));
}

SandboxResponse SandboxReply::route(Json route)
{
    return json(ApiEnvelope::makeSuccess(std::move(route), ApiEnvelope::PayloadKind::Route));
}

SandboxResponse SandboxReply::error(int status, int code, const QString &message)
{
    ApiMessage m;
    m.code = code;
    // Messages are sentences, whichever helper wrote them.
    QString sentence = message;
    if (!sentence.isEmpty() && sentence[0].isLower()) {
        sentence[0] = sentence[0].toUpper();
    }
    m.message = sentence.toStdString();
    return errors(status, {m});
}

SandboxResponse SandboxReply::errors(int status, const std::vector<ApiMessage> &errors)
{
    return json(ApiEnvelope::makeFailure(errors), status);
}

QString SandboxReply::quoted(const QString &name)
{
    return QLatin1Char('\'') + name + QLatin1Char('\'');
}

} // namespace rd
