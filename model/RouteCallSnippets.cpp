#include "model/RouteCallSnippets.h"

namespace rd {

namespace {

std::string modelName(const RouteCallSnippets::Input &input)
{
    return "dynamic/" + input.routeName;
}

// A JSON string literal, which is also a valid Python and JavaScript string literal once non-ASCII is escaped
// (and both read \uXXXX the same way JSON does).
std::string literal(const std::string &text)
{
    return Json(text).dump(-1, ' ', true);
}

std::string chatUrl(const RouteCallSnippets::Input &input)
{
    std::string url = input.compatUrl;
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    return url + "/chat/completions";
}

} // namespace

std::string RouteCallSnippets::shellQuote(std::string_view text)
{
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    out += '\'';
    return out;
}

std::string RouteCallSnippets::metadataHeader(const Input &input)
{
    Json object = Json::object();
    for (const auto &[key, value] : input.metadata) {
        object[key] = value;
    }
    return object.dump(-1, ' ', true);
}

std::string RouteCallSnippets::curl(const Input &input)
{
    const Json body{{"model", modelName(input)},
                    {"messages", Json::array({Json{{"role", "user"}, {"content", input.prompt}}})}};
    std::string out = "curl -sS " + shellQuote(chatUrl(input)) + " \\\n";
    out += "  -H 'Content-Type: application/json' \\\n";
    // Double quotes, so the shell puts the variable's value in; the name itself needs no quoting.
    if (input.authenticated) {
        out += "  -H \"cf-aig-authorization: Bearer $" + std::string(kGatewayTokenVar) + "\" \\\n";
    }
    if (input.callerKey) {
        out += "  -H \"Authorization: Bearer $" + std::string(kProviderKeyVar) + "\" \\\n";
    }
    if (!input.metadata.empty()) {
        out += "  -H " + shellQuote("cf-aig-metadata: " + metadataHeader(input)) + " \\\n";
    }
    out += "  -d " + shellQuote(body.dump(-1, ' ', true)) + '\n';
    return out;
}

std::string RouteCallSnippets::python(const Input &input)
{
    std::string out = "import os\n\nfrom openai import OpenAI\n\n";
    out += "client = OpenAI(\n";
    out += "    base_url=" + literal(input.compatUrl) + ",\n";
    if (input.callerKey) {
        out += "    api_key=os.environ[\"" + std::string(kProviderKeyVar) + "\"],\n";
    } else {
        out += "    # The SDK insists on a key; with keys stored on the gateway it goes unused.\n";
        out += "    api_key=os.environ.get(\"" + std::string(kProviderKeyVar) + "\", \"stored-on-gateway\"),\n";
    }
    if (input.authenticated) {
        out += "    default_headers={\"cf-aig-authorization\": f\"Bearer {os.environ['" +
               std::string(kGatewayTokenVar) + "']}\"},\n";
    }
    out += ")\n\n";
    out += "response = client.chat.completions.create(\n";
    out += "    model=" + literal(modelName(input)) + ",\n";
    out += "    messages=[{\"role\": \"user\", \"content\": " + literal(input.prompt) + "}],\n";
    if (!input.metadata.empty()) {
        // The header's text exactly as it goes out: what the route's conditions will read.
        out += "    extra_headers={\"cf-aig-metadata\": " + literal(metadataHeader(input)) + "},\n";
    }
    out += ")\n";
    out += "print(response.model, response.choices[0].message.content)\n";
    return out;
}

std::string RouteCallSnippets::javascript(const Input &input)
{
    std::string out = "import OpenAI from \"openai\";\n\n";
    out += "const client = new OpenAI({\n";
    out += "  baseURL: " + literal(input.compatUrl) + ",\n";
    if (input.callerKey) {
        out += "  apiKey: process.env." + std::string(kProviderKeyVar) + ",\n";
    } else {
        out += "  // The SDK insists on a key; with keys stored on the gateway it goes unused.\n";
        out += "  apiKey: process.env." + std::string(kProviderKeyVar) + " ?? \"stored-on-gateway\",\n";
    }
    if (input.authenticated) {
        out += "  defaultHeaders: { \"cf-aig-authorization\": `Bearer ${process.env." + std::string(kGatewayTokenVar) +
               "}` },\n";
    }
    out += "});\n\n";
    out += "const response = await client.chat.completions.create(\n";
    out += "  {\n";
    out += "    model: " + literal(modelName(input)) + ",\n";
    out += "    messages: [{ role: \"user\", content: " + literal(input.prompt) + " }],\n";
    out += "  },\n";
    if (!input.metadata.empty()) {
        out += "  { headers: { \"cf-aig-metadata\": " + literal(metadataHeader(input)) + " } },\n";
    }
    out += ");\n";
    out += "console.log(response.model, response.choices[0].message.content);\n";
    return out;
}

} // namespace rd
