#include "model/routectl/RouteCtl.h"

#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "model/RouteCodecRoundTrip.h"
#include "model/Validator.h"
#include "model/routectl/RouteFileReader.h"
#include "model/routectl/SimulateCommand.h"
#include "model/routectl/TraceCommand.h"

#include <cstddef>
#include <iostream>
#include <string_view>

#ifndef RD_VERSION
#define RD_VERSION "unknown"
#endif

namespace rd::routectl {

namespace {

std::string plural(std::size_t n, std::string_view word)
{
    std::string s = std::to_string(n) + " " + std::string(word);
    if (n != 1) {
        s += 's';
    }
    return s;
}

// Most decode warnings are older doc spellings the codec translated; the rest are other adjustments (a
// missing `outputs` written as {}). DecodeIssue has no code, so the codec's wording tells them apart.
std::string_view decodeWarningCode(const DecodeIssue &warning)
{
    return warning.message.find("legacy") != std::string::npos ? "import.legacy" : "import.adjusted";
}

void printDecodeWarnings(std::ostream &os, const std::string &name, const std::vector<DecodeIssue> &warnings)
{
    for (const DecodeIssue &w : warnings) {
        os << name << ": warning " << decodeWarningCode(w) << ' ' << (w.path.empty() ? "-" : w.path) << ": "
           << w.message << '\n';
    }
}

std::string elementLabel(const Finding &finding)
{
    if (finding.elementId.empty()) {
        return "-";
    }
    return finding.output.empty() ? finding.elementId : finding.elementId + "." + finding.output;
}

struct Tally
{
    std::size_t files = 0;
    std::size_t errors = 0;
    std::size_t warnings = 0;
    std::size_t unreadable = 0;
};

void validateFile(const std::string &file, std::istream &in, std::ostream &out, std::ostream &err, Tally &tally)
{
    const std::string name = RouteFileReader::displayName(file);
    ++tally.files;
    Decoded<RouteFileContent> doc = RouteFileReader::load(file, in);
    printDecodeWarnings(out, name, doc.warnings);
    tally.warnings += doc.warnings.size();
    if (!doc) {
        err << name << ": error: " << doc.error->toString() << '\n';
        ++tally.unreadable;
        return;
    }
    const std::vector<Route> &routes = doc.value->routes;
    // A list names its routes so that two routes' "m1" can be told apart; a single route needs no prefix.
    const bool prefix = doc.value->form == RouteFileContent::Form::RouteList && routes.size() > 1;
    for (std::size_t i = 0; i < routes.size(); ++i) {
        const std::string routePrefix = prefix ? RouteFileReader::routeLabel(routes[i], i) + "/" : std::string();
        for (const Finding &f : Validator::validate(routes[i])) {
            (f.severity == Severity::Error ? tally.errors : tally.warnings) += 1;
            out << name << ": " << severityName(f.severity) << ' ' << f.code << ' ' << routePrefix << elementLabel(f)
                << ": " << f.message << '\n';
        }
    }
}

int usageError(std::ostream &err, const std::string &message)
{
    err << "routectl: " << message << "\n\n" << usage();
    return kExitBadInput;
}

bool isHelp(std::string_view arg)
{
    return arg == "-h" || arg == "--help";
}

// A command's arguments: files, with "--" ending options so that a file named "-x" can still be given.
struct CommandLine
{
    std::vector<std::string> files;
    bool help = false;
    std::string badOption;
};

CommandLine parseCommandLine(const std::vector<std::string> &args)
{
    CommandLine cl;
    bool optionsDone = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (!optionsDone && a == "--") {
            optionsDone = true;
        } else if (!optionsDone && isHelp(a)) {
            cl.help = true;
        } else if (!optionsDone && a.size() > 1 && a[0] == '-') {
            if (cl.badOption.empty()) {
                cl.badOption = a;
            }
        } else {
            cl.files.push_back(a);
        }
    }
    return cl;
}

int validateCommand(const CommandLine &cl, std::istream &in, std::ostream &out, std::ostream &err)
{
    if (cl.files.empty()) {
        return usageError(err, "validate needs at least one FILE");
    }
    Tally tally;
    for (const std::string &file : cl.files) {
        validateFile(file, in, out, err, tally);
    }
    out << plural(tally.files, "file") << ": " << plural(tally.errors, "error") << ", "
        << plural(tally.warnings, "warning");
    if (tally.unreadable > 0) {
        out << ", " << tally.unreadable << " unreadable";
    }
    out << '\n';
    if (tally.unreadable > 0) {
        return kExitBadInput;
    }
    return tally.errors > 0 ? kExitFindings : kExitOk;
}

int formatCommand(const CommandLine &cl, std::istream &in, std::ostream &out, std::ostream &err)
{
    if (cl.files.size() != 1) {
        return usageError(err, "format takes exactly one FILE");
    }
    const std::string &file = cl.files.front();
    const std::string name = RouteFileReader::displayName(file);
    Decoded<RouteFileContent> doc = RouteFileReader::load(file, in);
    // Warnings go to stderr so that stdout stays pure JSON for redirection back into the file.
    printDecodeWarnings(err, name, doc.warnings);
    if (!doc) {
        err << name << ": error: " << doc.error->toString() << '\n';
        return kExitBadInput;
    }
    // Checked before a byte is printed: a formatted file that reads back differently, or not at all, is worse
    // than none, since it is usually redirected over the original.
    const RouteCodecRoundTrip::Result formatted = RouteCodecRoundTrip::format(*doc.value);
    switch (formatted.outcome) {
    case RouteCodecRoundTrip::Outcome::Same:
        out << formatted.text;
        return kExitOk;
    case RouteCodecRoundTrip::Outcome::ExceedsLimits:
        err << name << ": error: cannot format: " << formatted.problem << '\n';
        break;
    case RouteCodecRoundTrip::Outcome::NotFaithful:
        err << name << ": error: cannot format without changing the routes (a routectl bug; please report it "
            << "with the file): " << formatted.problem << '\n';
        break;
    }
    return kExitBadInput;
}

} // namespace

std::string usage()
{
    return "usage: routectl validate FILE...\n"
           "       routectl format FILE\n"
           "       routectl trace FILE [--route NAME] [--metadata KEY=VALUE]... [--context JSON]\n"
           "                      [--fail PROVIDER[/MODEL]]... [--rate-used ELEMENT=N]... [--seed N]\n"
           "                      [--expect PROVIDER/MODEL|unserved] [--json]\n"
           "       routectl simulate FILE [--route NAME] --requests N [--seed N] [--metadata KEY=VALUE]...\n"
           "                      [--context JSON] [--mix FILE.jsonl] [--fail PROVIDER[/MODEL]=RATE]...\n"
           "                      [--latency PROVIDER[/MODEL]=P50:P95]... [--rps R] [--prices FILE] [--json]\n"
           "       routectl --help | --version\n"
           "\n"
           "Checks, tidies, traces and simulates Cloudflare AI Gateway dynamic-route files without the editor.\n"
           "\n"
           "commands:\n"
           "  validate FILE...  report what the API would reject (errors) and what looks wrong (warnings),\n"
           "                    one line per finding: FILE: severity code element: message\n"
           "  format FILE       print FILE as canonical API JSON; older spellings are translated, with a\n"
           "                    warning on stderr\n"
           "  trace FILE        walk one request through the route: a line per step,\n"
           "                    ELEMENT (TYPE) -> OUTPUT: REASON, then \"served by PROVIDER/MODEL\" or\n"
           "                    \"unserved: REASON\". Models answer unless --fail names them (provider or\n"
           "                    provider/model); --rate-used says how much of a rate element's window is\n"
           "                    spent; --expect exits 3 when the outcome differs\n"
           "  simulate FILE     send --requests N requests through the route and count, per element and per\n"
           "                    model, where they went, what failed, what it cost and how long it took\n"
           "\n"
           "a request: --context '{\"metadata\": {...}, \"body\": {...}, \"headers\": {...}, \"tokens_in\": 500,\n"
           "  \"tokens_out\": 200}' (every key optional); --metadata KEY=VALUE sets one metadata entry (VALUE is\n"
           "  JSON when it parses, e.g. n=3 or b=true, else a string) over --context and every --mix line; at\n"
           "  most 5 entries, each a string, number or boolean. --mix FILE.jsonl holds one request a line with an\n"
           "  optional \"weight\" (default 1); requests are drawn by weight.\n"
           "simulation: requests arrive evenly at --rps R a second (default 10), so rate windows fill in\n"
           "  simulated time; --fail openai=0.05 (or 5%) fails that share of attempts (no rate: all); --latency\n"
           "  openai/gpt-4o=800:2500 sets the median and 95th percentile of an attempt in ms (default 600:1800,\n"
           "  lognormal); an attempt longer than the model's timeout fails after the timeout. Cost is tokens times\n"
           "  a built-in price table (USD per 1M tokens, dated) or --prices FILE ({\"prices\": {\"openai/gpt-4o\":\n"
           "  {\"input\": 2.5, \"output\": 10}}}, laid over the built-in one); failed attempts cost nothing and\n"
           "  models without a price are counted as unpriced, not as free. The same --seed (default 1) gives the\n"
           "  same output, byte for byte.\n"
           "conditions: Cloudflare documents only {\"path\": {\"$eq\": value}}; $ne $gt $gte $lt $lte $in $nin\n"
           "  $exists $regex $and $or $not and the {\"path\": value} shorthand follow MongoDB, an assumption that\n"
           "  validate flags (conditional.assumed-operator, conditional.assumed-form).\n"
           "\n"
           "FILE holds one route or a list of routes (trace and simulate need --route NAME for a list):\n"
           "  [ {element}, ... ]          one route's elements\n"
           "  {\"elements\": [...], ...}    one route, as the API returns it\n"
           "  {\"result\": {...}}           an API response with one route; also {\"route\": {...}}\n"
           "  {\"routes\": [...]}           a list of routes: what format writes for a list\n"
           "  {\"result\": [...]}           an API response with a list; also {\"data\": {\"routes\": [...]}}\n"
           "  [ {route}, ... ]            a list as older versions of format wrote it; refused when its\n"
           "                              entries could also be elements (both \"type\" and \"elements\")\n"
           "format writes one route in the shape it came in (an API response as the route it holds) and a\n"
           "list as {\"routes\": [...]}, and prints nothing unless its output reads back as the same routes.\n"
           "\"-\" reads standard input; \"--\" ends options.\n"
           "\n"
           "exit status: 0 clean (warnings allowed) or done, 1 validation errors (trace and simulate refuse\n"
           "             such a route), 2 unreadable or malformed input, or a misused command line,\n"
           "             3 trace --expect did not hold\n";
}

int run(const std::vector<std::string> &args, std::istream &in, std::ostream &out, std::ostream &err)
{
    if (args.empty()) {
        return usageError(err, "no command given");
    }
    const std::string &command = args.front();
    if (isHelp(command)) {
        out << usage();
        return kExitOk;
    }
    if (command == "--version") {
        out << "routectl " << RD_VERSION << '\n';
        return kExitOk;
    }
    if (command == "trace" || command == "simulate") {
        std::string error;
        const EngineArguments engineArgs = EngineArguments::parse(args, error);
        if (!error.empty()) {
            return usageError(err, error);
        }
        if (engineArgs.help) {
            out << usage();
            return kExitOk;
        }
        return command == "trace" ? traceCommand(engineArgs, in, out, err) : simulateCommand(engineArgs, in, out, err);
    }
    if (command != "validate" && command != "format") {
        return usageError(err, "unknown command '" + command + "'");
    }
    const CommandLine cl = parseCommandLine(args);
    if (cl.help) {
        out << usage();
        return kExitOk;
    }
    if (!cl.badOption.empty()) {
        return usageError(err, "unknown option '" + cl.badOption + "'");
    }
    return command == "validate" ? validateCommand(cl, in, out, err) : formatCommand(cl, in, out, err);
}

int run(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    return run(args, std::cin, out, err);
}

} // namespace rd::routectl
