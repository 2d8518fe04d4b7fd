// Every API response decoder of the model, on every input. One target rather than one per decoder: a body
// reaches a decoder whatever it holds (a proxy's error page, another endpoint's answer, a newer API), the
// decoders are cheap next to the parse they share, and one corpus that grows for all of them keeps the CI
// smoke at one run instead of a dozen. The raw input is also read as a log query string, for LogQuery.

#include "FuzzCheck.h"
#include "model/ApiEnvelope.h"
#include "model/ApiPayload.h"
#include "model/Dataset.h"
#include "model/Evaluation.h"
#include "model/EvaluationType.h"
#include "model/Gateway.h"
#include "model/JsonText.h"
#include "model/ListPage.h"
#include "model/LogEntry.h"
#include "model/LogQuery.h"
#include "model/PageInfo.h"
#include "model/ProviderConfig.h"
#include "model/RouteDeployment.h"
#include "model/RouteVersion.h"

#include <limits>
#include <string>
#include <vector>

using namespace rd;

namespace {

// Reading the getters is part of decoding for the app (they are lenient readers of whatever came); the sink
// keeps the optimiser from dropping them.
volatile std::size_t g_sink = 0;

void use(const std::string &s)
{
    g_sink = g_sink + s.size();
}
void use(bool b)
{
    g_sink = g_sink + (b ? 1 : 0);
}
void use(const std::optional<Number> &n)
{
    if (n) {
        g_sink = g_sink + static_cast<std::size_t>(n->toInteger()) + n->toString().size() + (n->isInteger() ? 1 : 0);
        const double d = n->toDouble();
        g_sink = g_sink + (d == d ? 1 : 0);
    }
}

void read(const Gateway &g)
{
    use(g.id());
    use(g.createdAt());
    use(g.modifiedAt());
    use(g.collectLogs());
    use(g.cacheInvalidateOnUpdate());
    use(g.cacheTtl());
    use(g.rateLimitingInterval());
    use(g.rateLimitingLimit());
    use(g.authentication());
    use(g.isDefault());
}

void read(const LogEntry &e)
{
    use(e.id());
    use(e.createdAt());
    use(e.provider());
    use(e.model());
    use(e.modelType());
    use(e.path());
    use(e.success());
    use(e.cached());
    use(e.durationMs());
    use(e.tokensIn());
    use(e.tokensOut());
    use(e.cost());
    use(e.customCost());
    use(e.statusCode());
    use(e.step());
    use(e.requestType());
    use(e.requestHead());
    use(e.responseHead());
    use(e.requestSize());
    use(e.responseSize());
    const Json metadata = e.metadataObject();
    if (!metadata.is_object()) {
        fuzz::fail("LogEntry::metadataObject is an object", metadata.dump());
    }
}

void read(const ProviderConfig &c)
{
    use(c.id());
    use(c.alias());
    use(c.providerSlug());
    use(c.gatewayId());
    use(c.modifiedAt());
    use(c.secretPreview());
    use(c.isDefault());
    use(c.rateLimit());
    use(c.rateLimitPeriod());
}

void read(const Dataset &d)
{
    use(d.id());
    use(d.name());
    use(d.enable());
    use(d.gatewayId());
    use(d.createdAt());
    use(d.modifiedAt());
    // fromJson checked every filter, so none is dropped when they are read.
    const std::vector<LogFilter> filters = d.filters();
    const auto it = d.json().find("filters");
    const std::size_t stored = it != d.json().end() && it->is_array() ? it->size() : 0;
    if (filters.size() != stored) {
        fuzz::fail("a decoded dataset reads back every filter it holds");
    }
    for (const LogFilter &f : filters) {
        use(f.key);
        use(f.op);
        g_sink = g_sink + f.values.size();
    }
}

void read(const EvaluationType &t)
{
    use(t.id());
    use(t.name());
    use(t.description());
    use(t.type());
    use(t.enable());
    use(t.mandatory());
    use(t.createdAt());
    use(t.modifiedAt());
}

void read(const Evaluation &e)
{
    use(e.id());
    use(e.name());
    use(e.gatewayId());
    use(e.processed());
    use(e.totalLogs());
    use(e.createdAt());
    use(e.modifiedAt());
    for (const Dataset &d : e.datasets()) {
        read(d);
    }
    for (const EvaluationResult &r : e.results()) {
        use(r.id());
        use(r.evaluationTypeId());
        use(r.result());
        use(r.status());
        use(r.statusDescription());
        use(r.totalLogs());
    }
}

void read(const RouteDeployment &d)
{
    use(d.deploymentId());
    use(d.versionId());
    use(d.createdAt());
}

void read(const RouteVersion &v)
{
    use(v.versionId());
    use(v.createdAt());
    use(v.isActive());
    use(v.data());
    const Decoded<Route> route = v.route();
    if (route.value.has_value() == route.error.has_value()) {
        fuzz::fail("RouteVersion::route gives a route or an error, not both or neither");
    }
    if (v.hasElements() == false && route) {
        fuzz::fail("RouteVersion::route without elements fails");
    }
}

void read(const Route &r)
{
    use(r.id());
    use(r.name());
    g_sink = g_sink + r.size() + r.edges().size();
}

void usePaging(const PageInfo &info, std::size_t items)
{
    // hasMore multiplies and compares what the server sent: every size a page can have.
    for (std::size_t n : {std::size_t{0}, items, std::size_t{1} << 31, std::numeric_limits<std::size_t>::max()}) {
        use(info.hasMore(n));
    }
}

// A list as the app decodes it (ApiPayload, through which app/api/ApiEndpoints reads every list answer).
template<class T> void list(const Decoded<ListPage<T>> &page, const char *what)
{
    if (page.value.has_value() == page.error.has_value()) {
        fuzz::fail("a list decodes to a page or an error, not both or neither", what);
    }
    if (!page) {
        return;
    }
    for (const T &item : page.value->items) {
        read(item);
    }
    usePaging(page.value->info, page.value->items.size());
}

template<class T> void single(const Decoded<T> &item)
{
    if (item.value.has_value() == item.error.has_value()) {
        fuzz::fail("a record decodes to a value or an error, not both or neither");
    }
    if (item) {
        read(*item.value);
    }
}

bool samePaging(const PageInfo &a, const PageInfo &b)
{
    return a.page == b.page && a.perPage == b.perPage && a.count == b.count && a.totalCount == b.totalCount &&
           a.totalPages == b.totalPages;
}

// The sandbox answers with the envelope writers and the client reads with fromJson: what one writes the
// other must read back unchanged.
void envelopeRoundTrips(const ApiEnvelope &e)
{
    const Decoded<ApiEnvelope> failure = ApiEnvelope::fromJson(ApiEnvelope::makeFailure(e.errors));
    if (!failure || failure.value->success || failure.value->errors != e.errors) {
        fuzz::fail("makeFailure(errors) reads back as a failure with the same errors",
                   JsonText::compact(ApiEnvelope::makeFailure(e.errors)));
    }
    if (e.payloadKind == ApiEnvelope::PayloadKind::None) {
        return;
    }
    const Json written = ApiEnvelope::makeSuccess(e.payload, e.payloadKind, e.pageInfo);
    const Decoded<ApiEnvelope> success = ApiEnvelope::fromJson(written);
    if (!success || !success.value->success || success.value->payloadKind != e.payloadKind ||
        success.value->payload != e.payload) {
        fuzz::fail("makeSuccess(payload) reads back as a success with the same payload", JsonText::compact(written));
    }
    if (e.payloadKind == ApiEnvelope::PayloadKind::Result && e.pageInfo &&
        (!success.value->pageInfo || !samePaging(*success.value->pageInfo, *e.pageInfo))) {
        fuzz::fail("makeSuccess(result, pageInfo) reads back with the same paging", JsonText::compact(written));
    }
}

// `k=v&k=v`, no percent-decoding: LogQuery sees the items after the server's URL parsing.
std::vector<std::pair<std::string, std::string>> queryItems(std::string_view text)
{
    std::vector<std::pair<std::string, std::string>> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('&', start), text.size());
        const std::string_view item = text.substr(start, end - start);
        const std::size_t eq = item.find('=');
        items.emplace_back(std::string(item.substr(0, eq)),
                           eq == std::string_view::npos ? std::string() : std::string(item.substr(eq + 1)));
        start = end + 1;
    }
    return items;
}

void logQuery(std::string_view text)
{
    std::vector<LogFilter> filters;
    std::string error;
    if (!LogQuery::decodeFilters(queryItems(text), filters, error)) {
        if (error.empty()) {
            fuzz::fail("LogQuery::decodeFilters says why it fails");
        }
        return;
    }
    LogQuery query;
    query.filters = filters;
    std::vector<LogFilter> again;
    if (!LogQuery::decodeFilters(query.toQueryItems(), again, error) || again != filters) {
        fuzz::fail("log filters read back from their own query items unchanged", error);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text = fuzz::textOf(data, size);
    logQuery(text);

    const Decoded<Json> json = JsonText::parse(text);
    if (!json) {
        return 0;
    }
    const Decoded<ApiEnvelope> envelope = ApiEnvelope::fromJson(*json.value);
    if (envelope.value.has_value() != json.value->is_object()) {
        fuzz::fail("ApiEnvelope::fromJson fails exactly when the body is not an object");
    }
    // The bare payload decoders and PageInfo are also reached without an envelope (a data object's fields).
    const PageInfo bare = PageInfo::fromJson(*json.value);
    usePaging(bare, 0);
    if (!samePaging(PageInfo::fromJson(bare.toResultInfo()), bare)) {
        fuzz::fail("PageInfo reads back its own result_info", JsonText::compact(bare.toResultInfo()));
    }
    if (!envelope) {
        return 0;
    }
    const ApiEnvelope &e = *envelope.value;
    g_sink = g_sink + e.errorSummary().size();
    if (!e.errors.empty() && !e.hasErrorCode(e.errors.front().code)) {
        fuzz::fail("hasErrorCode finds the code of the first error");
    }
    if (e.pageInfo) {
        usePaging(*e.pageInfo, e.payload.is_array() ? e.payload.size() : 0);
    }
    envelopeRoundTrips(e);

    list(ApiPayload::gateways(e), "gateways");
    list(ApiPayload::routes(e), "routes");
    list(ApiPayload::versions(e), "versions");
    list(ApiPayload::deployments(e), "deployments");
    list(ApiPayload::logs(e), "logs");
    list(ApiPayload::providerConfigs(e), "provider_configs");
    list(ApiPayload::datasets(e), "datasets");
    list(ApiPayload::evaluationTypes(e), "evaluation_types");
    list(ApiPayload::evaluations(e), "evaluations");

    single(ApiPayload::gateway(e));
    single(ApiPayload::route(e));
    single(ApiPayload::version(e));
    single(ApiPayload::versionGraph(e));
    single(ApiPayload::log(e));
    single(ApiPayload::dataset(e));
    single(ApiPayload::evaluation(e));
    // Records no endpoint of the app answers with alone yet, decoded the way a single answer would be.
    single(RouteDeployment::fromJson(e.payload, "$.result"));
    single(ProviderConfig::fromJson(e.payload, "$.result"));
    return 0;
}
