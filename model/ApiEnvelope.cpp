#include "model/ApiEnvelope.h"

#include "model/Number.h"

namespace rd {

namespace {

// A code is an identifier, not a quantity: 7003.9 is not error 7003, and 1e30 is no error at all. Such a code is
// dropped (0, "no code", which errorSummary leaves out) and the message kept, since the message is what a person
// reads; a clamped or truncated code could match hasErrorCode() for an error the server never reported.
std::int64_t readCode(const Json &code, const std::string &path, std::vector<DecodeIssue> &warnings)
{
    const std::optional<Number> number = Number::fromJson(code);
    if (!number) {
        return 0;
    }
    if (const auto value = number->toExactInteger()) {
        return *value;
    }
    warnings.push_back({path, number->toString() + " is not an error code (a whole number); the message is kept "
                                                   "without it"});
    return 0;
}

std::vector<ApiMessage> readMessages(const Json &json, const char *key, std::vector<DecodeIssue> &warnings)
{
    std::vector<ApiMessage> out;
    auto it = json.find(key);
    if (it == json.end() || !it->is_array()) {
        return out;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const Json &m = (*it)[i];
        ApiMessage message;
        if (m.is_string()) {
            message.message = m.get<std::string>();
        } else if (m.is_object()) {
            if (auto code = m.find("code"); code != m.end()) {
                message.code = readCode(*code, "$." + std::string(key) + "[" + std::to_string(i) + "].code", warnings);
            }
            if (auto text = m.find("message"); text != m.end() && text->is_string()) {
                message.message = text->get<std::string>();
            }
            if (auto doc = m.find("documentation_url"); doc != m.end() && doc->is_string()) {
                message.documentationUrl = doc->get<std::string>();
            }
            if (auto source = m.find("source"); source != m.end()) {
                message.source = *source;
            }
        } else {
            continue;
        }
        out.push_back(std::move(message));
    }
    return out;
}

Json writeMessage(const ApiMessage &m)
{
    Json out = Json::object();
    out["code"] = m.code;
    out["message"] = m.message;
    if (!m.documentationUrl.empty()) {
        out["documentation_url"] = m.documentationUrl;
    }
    if (!m.source.is_null()) {
        out["source"] = m.source;
    }
    return out;
}

} // namespace

Decoded<ApiEnvelope> ApiEnvelope::fromJson(const Json &json)
{
    if (!json.is_object()) {
        return Decoded<ApiEnvelope>::failure(
            {"$", "expected a JSON object from the API, got " + std::string(json.type_name())});
    }
    ApiEnvelope e;
    std::vector<DecodeIssue> warnings;
    e.errors = readMessages(json, "errors", warnings);
    e.messages = readMessages(json, "messages", warnings);
    if (auto it = json.find("result"); it != json.end()) {
        e.payloadKind = PayloadKind::Result;
        e.payload = *it;
    } else if (auto route = json.find("route"); route != json.end()) {
        e.payloadKind = PayloadKind::Route;
        e.payload = *route;
    } else if (auto data = json.find("data"); data != json.end()) {
        e.payloadKind = PayloadKind::Data;
        e.payload = *data;
        if (data->is_object() && (data->contains("page") || data->contains("per_page"))) {
            e.pageInfo = PageInfo::fromJson(*data, "$.data", &warnings);
        }
    }
    if (auto info = json.find("result_info"); info != json.end() && info->is_object()) {
        e.pageInfo = PageInfo::fromJson(*info, "$.result_info", &warnings);
    }
    // Some error bodies omit `success`; errors without it still mean failure.
    if (auto success = json.find("success"); success != json.end() && success->is_boolean()) {
        e.success = success->get<bool>();
    } else {
        e.success = e.errors.empty() && e.payloadKind != PayloadKind::None;
    }
    return Decoded<ApiEnvelope>::success(std::move(e), std::move(warnings));
}

Json ApiEnvelope::makeSuccess(Json payload, PayloadKind kind, const std::optional<PageInfo> &resultInfo)
{
    Json out = Json::object();
    switch (kind) {
    case PayloadKind::Route:
        out["route"] = std::move(payload);
        out["success"] = true;
        return out;
    case PayloadKind::Data:
        out["data"] = std::move(payload);
        out["success"] = true;
        return out;
    case PayloadKind::Result:
    case PayloadKind::None:
        break;
    }
    out["success"] = true;
    out["errors"] = Json::array();
    out["messages"] = Json::array();
    out["result"] = std::move(payload);
    if (resultInfo) {
        out["result_info"] = resultInfo->toResultInfo();
    }
    return out;
}

Json ApiEnvelope::makeFailure(const std::vector<ApiMessage> &errors)
{
    Json out = Json::object();
    out["success"] = false;
    out["errors"] = Json::array();
    for (const ApiMessage &m : errors) {
        out["errors"].push_back(writeMessage(m));
    }
    out["messages"] = Json::array();
    out["result"] = nullptr;
    return out;
}

std::string ApiEnvelope::errorSummary() const
{
    std::string s;
    for (const ApiMessage &m : errors) {
        if (!s.empty()) {
            s += "; ";
        }
        if (m.code != 0) {
            s += "[" + std::to_string(m.code) + "] ";
        }
        s += m.message;
    }
    return s;
}

bool ApiEnvelope::hasErrorCode(std::int64_t code) const
{
    for (const ApiMessage &m : errors) {
        if (m.code == code) {
            return true;
        }
    }
    return false;
}

} // namespace rd
