#include "model/routectl/EngineArguments.h"

#include "model/JsonText.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

namespace rd::routectl {

namespace {

bool parseUnsigned(std::string_view text, std::uint64_t &value)
{
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

// A finite number; "5%" reads as 0.05 when `percentAllowed`.
bool parseReal(std::string_view text, double &value, bool percentAllowed = false)
{
    bool percent = false;
    if (percentAllowed && !text.empty() && text.back() == '%') {
        percent = true;
        text.remove_suffix(1);
    }
    const Decoded<Json> json = JsonText::parse(text);
    if (!json || !json.value->is_number() || !std::isfinite(json.value->get<double>())) {
        return false;
    }
    value = json.value->get<double>() / (percent ? 100.0 : 1.0);
    return true;
}

// "--name value" or "--name=value".
class Cursor
{
public:
    explicit Cursor(const std::vector<std::string> &args) : m_args(args) {}

    bool done() const { return m_i >= m_args.size(); }
    std::string next() { return m_args[m_i++]; }
    bool value(const std::string &option, std::optional<std::string> &inlineValue, std::string &out, std::string &error)
    {
        if (inlineValue) {
            out = *inlineValue;
            return true;
        }
        if (done()) {
            error = option + " needs a value";
            return false;
        }
        out = next();
        return true;
    }

private:
    const std::vector<std::string> &m_args;
    std::size_t m_i = 1;
};

} // namespace

EngineArguments EngineArguments::parse(const std::vector<std::string> &args, std::string &error)
{
    EngineArguments a;
    a.command = args.front() == "simulate" ? Command::Simulate : Command::Trace;
    const bool simulate = a.command == Command::Simulate;
    const std::string commandName = args.front();
    bool haveRequests = false;
    bool optionsDone = false;
    std::vector<std::string> files;
    Cursor cursor(args);
    while (!cursor.done() && error.empty()) {
        std::string arg = cursor.next();
        if (optionsDone || arg == "-" || arg.size() < 2 || arg[0] != '-') {
            files.push_back(std::move(arg));
            continue;
        }
        if (arg == "--") {
            optionsDone = true;
            continue;
        }
        if (arg == "-h" || arg == "--help") {
            a.help = true;
            continue;
        }
        std::optional<std::string> inlineValue;
        if (const auto eq = arg.find('='); eq != std::string::npos && arg.rfind("--", 0) == 0) {
            inlineValue = arg.substr(eq + 1);
            arg.resize(eq);
        }
        if (arg == "--json") {
            a.json = true;
            continue;
        }
        std::string v;
        const auto known = {"--route", "--metadata", "--context", "--fail", "--seed"};
        const bool shared = std::find(known.begin(), known.end(), arg) != known.end();
        const bool traceOnly = arg == "--rate-used" || arg == "--expect";
        const bool simulateOnly =
            arg == "--requests" || arg == "--mix" || arg == "--latency" || arg == "--rps" || arg == "--prices";
        if (!shared && !(traceOnly && !simulate) && !(simulateOnly && simulate)) {
            error = traceOnly || simulateOnly ? arg + " is not an option of " + commandName
                                              : "unknown option '" + arg + "'";
            break;
        }
        if (!cursor.value(arg, inlineValue, v, error)) {
            break;
        }
        if (arg == "--route") {
            a.route = v;
        } else if (arg == "--metadata") {
            const auto eq = v.find('=');
            if (eq == std::string::npos || eq == 0) {
                error = "--metadata takes KEY=VALUE, e.g. plan=free";
                break;
            }
            const std::string value = v.substr(eq + 1);
            const Decoded<Json> json = JsonText::parse(value);
            Json parsed = json ? *json.value : Json(value);
            if (!parsed.is_string() && !parsed.is_number() && !parsed.is_boolean()) {
                error = "--metadata " + v.substr(0, eq) + " is " + std::string(parsed.type_name()) +
                        "; Cloudflare's metadata values are strings, numbers or booleans";
                break;
            }
            a.metadata.emplace_back(v.substr(0, eq), std::move(parsed));
        } else if (arg == "--context") {
            const Decoded<Json> json = JsonText::parse(v);
            if (!json) {
                error = "--context is not JSON: " + json.error->toString();
                break;
            }
            a.context = *json.value;
        } else if (arg == "--fail") {
            // The rate after the last '=' (model names may contain '/' but not '='); trace takes no rate.
            double rate = 1;
            std::string key = v;
            if (const auto eq = v.rfind('='); simulate && eq != std::string::npos) {
                key = v.substr(0, eq);
                if (!parseReal(std::string_view(v).substr(eq + 1), rate, true) || rate < 0 || rate > 1) {
                    error = "--fail " + v + ": the rate must be between 0 and 1 (or 0% and 100%), e.g. openai=0.05";
                    break;
                }
            }
            if (key.empty() || key.front() == '/') {
                error = "--fail needs a provider, e.g. --fail openai" + std::string(simulate ? "=0.05" : "");
                break;
            }
            a.fail.emplace_back(std::move(key), rate);
        } else if (arg == "--rate-used") {
            const auto eq = v.rfind('=');
            double used = 0;
            if (eq == std::string::npos || eq == 0 || !parseReal(std::string_view(v).substr(eq + 1), used) ||
                used < 0) {
                error = "--rate-used takes ELEMENT=N with N 0 or more, e.g. free_rate_limit=100";
                break;
            }
            a.rateUsed.emplace_back(v.substr(0, eq), used);
        } else if (arg == "--latency") {
            const auto eq = v.rfind('=');
            const auto colon = eq == std::string::npos ? std::string::npos : v.find(':', eq);
            ProviderBehaviour::Latency latency;
            if (eq == std::string::npos || eq == 0 || colon == std::string::npos ||
                !parseReal(std::string_view(v).substr(eq + 1, colon - eq - 1), latency.p50Ms) ||
                !parseReal(std::string_view(v).substr(colon + 1), latency.p95Ms) || latency.p50Ms <= 0 ||
                latency.p95Ms < latency.p50Ms) {
                error = "--latency takes PROVIDER[/MODEL]=P50:P95 in milliseconds with 0 < P50 <= P95, e.g. "
                        "openai=800:2500";
                break;
            }
            a.latency.emplace_back(v.substr(0, eq), latency);
        } else if (arg == "--seed") {
            if (!parseUnsigned(v, a.seed)) {
                error = "--seed takes a whole number from 0 to 18446744073709551615";
                break;
            }
        } else if (arg == "--expect") {
            if (v != "unserved" && (v.find('/') == std::string::npos || v.front() == '/' || v.back() == '/')) {
                error = "--expect takes PROVIDER/MODEL or unserved, e.g. openai/gpt-4o-mini";
                break;
            }
            a.expect = v;
        } else if (arg == "--requests") {
            if (!parseUnsigned(v, a.requests) || a.requests == 0 || a.requests > kMaxRequests) {
                error = "--requests takes a whole number from 1 to 100000000";
                break;
            }
            haveRequests = true;
        } else if (arg == "--mix") {
            a.mixFile = v;
        } else if (arg == "--rps") {
            if (!parseReal(v, a.requestsPerSecond) || !(a.requestsPerSecond > 0)) {
                error = "--rps takes a number of requests per second above 0, e.g. 10";
                break;
            }
        } else if (arg == "--prices") {
            a.pricesFile = v;
        }
    }
    if (!error.empty() || a.help) {
        return a;
    }
    if (files.size() != 1) {
        error = commandName + " takes exactly one FILE";
    } else if (simulate && !haveRequests) {
        error = "simulate needs --requests N, e.g. --requests 10000";
    } else {
        a.file = files.front();
    }
    return a;
}

} // namespace rd::routectl
