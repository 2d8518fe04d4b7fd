#include "widgets/inspector/ProviderCatalog.h"

namespace rd {

QStringList ProviderCatalog::providers()
{
    return {QStringLiteral("workers-ai"),       QStringLiteral("openai"),
            QStringLiteral("anthropic"),        QStringLiteral("google-ai-studio"),
            QStringLiteral("google-vertex-ai"), QStringLiteral("azure-openai"),
            QStringLiteral("aws-bedrock"),      QStringLiteral("groq"),
            QStringLiteral("mistral"),          QStringLiteral("cohere"),
            QStringLiteral("deepseek"),         QStringLiteral("perplexity-ai"),
            QStringLiteral("openrouter"),       QStringLiteral("grok"),
            QStringLiteral("cerebras"),         QStringLiteral("huggingface"),
            QStringLiteral("replicate")};
}

QStringList ProviderCatalog::models(const QString &provider)
{
    if (provider == QLatin1String("openai")) {
        return {QStringLiteral("gpt-4o"), QStringLiteral("gpt-4o-mini"), QStringLiteral("gpt-4.1"),
                QStringLiteral("gpt-4.1-mini"), QStringLiteral("o3-mini")};
    }
    if (provider == QLatin1String("anthropic")) {
        return {QStringLiteral("claude-3-5-sonnet-latest"), QStringLiteral("claude-3-5-haiku-latest"),
                QStringLiteral("claude-3-7-sonnet-latest"), QStringLiteral("claude-3-opus-latest")};
    }
    if (provider == QLatin1String("workers-ai")) {
        return {QStringLiteral("@cf/meta/llama-3.1-8b-instruct"),
                QStringLiteral("@cf/meta/llama-3.3-70b-instruct-fp8-fast"),
                QStringLiteral("@cf/mistral/mistral-7b-instruct-v0.1"), QStringLiteral("@cf/qwen/qwq-32b")};
    }
    if (provider == QLatin1String("google-ai-studio") || provider == QLatin1String("google-vertex-ai")) {
        return {QStringLiteral("gemini-2.0-flash"), QStringLiteral("gemini-1.5-flash"),
                QStringLiteral("gemini-1.5-pro")};
    }
    if (provider == QLatin1String("groq")) {
        return {QStringLiteral("llama-3.1-8b-instant"), QStringLiteral("llama-3.3-70b-versatile")};
    }
    if (provider == QLatin1String("mistral")) {
        return {QStringLiteral("mistral-large-latest"), QStringLiteral("mistral-small-latest")};
    }
    if (provider == QLatin1String("deepseek")) {
        return {QStringLiteral("deepseek-chat"), QStringLiteral("deepseek-reasoner")};
    }
    return {};
}

QStringList ProviderCatalog::rateKeys()
{
    return {QStringLiteral("metadata.user_id"), QStringLiteral("metadata.team"), QStringLiteral("metadata.plan"),
            QStringLiteral("headers.cf-connecting-ip")};
}

QStringList ProviderCatalog::conditionFields()
{
    return {QStringLiteral("metadata.plan"), QStringLiteral("metadata.user_id"), QStringLiteral("metadata.team"),
            QStringLiteral("headers.user-agent"), QStringLiteral("headers.cf-connecting-ip")};
}

} // namespace rd
