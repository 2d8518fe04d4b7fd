#pragma once

#include "app/api/ApiArgs.h"
#include "app/api/ApiRequest.h"
#include "model/ApiEnvelope.h"
#include "model/Decoded.h"

#include <QCoreApplication>

namespace rd {

// One endpoint of the API, described: its method and path, what a call to it is called in messages, and what its
// answer decodes to. The catalogue (ApiEndpoints) holds one for each endpoint the app calls; ApiClient::call
// sends one with the values an ApiArgs gives it.
template<class T> struct ApiEndpoint
{
    using Result = T;

    // The context the catalogue's messages are translated in (QT_TRANSLATE_NOOP there).
    static constexpr const char *kTranslationContext = "rd::ApiEndpoints";

    const char *method;  // "GET"
    const char *path;    // below /accounts/{account_id}, as Cloudflare's reference writes it: "/…/routes/{id}"
    const char *action;  // untranslated, what the call does: "get route {id}"
    const char *subject; // untranslated, what a 404 did not find: "Route {id} in gateway {gateway_id}"; "" for none
    Decoded<T> (*decode)(const ApiEnvelope &envelope);

    ApiRequest request(const ApiArgs &args) const
    {
        ApiRequest r;
        r.method = method;
        r.path = args.path(path);
        r.query = args.query();
        r.body = args.body();
        r.action = args.message(QCoreApplication::translate(kTranslationContext, action));
        if (*subject != '\0') {
            r.subject = args.message(QCoreApplication::translate(kTranslationContext, subject));
        }
        return r;
    }
};

} // namespace rd
