#include "ui/engine/EngineText.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace rd {

QString EngineText::usd(double amount)
{
    if (amount == 0) {
        return QStringLiteral("$0");
    }
    // Two significant digits past the zeros for fractions of a cent; cents for larger sums.
    const int decimals = amount >= 1 ? 2 : std::clamp(1 - static_cast<int>(std::floor(std::log10(amount))) + 1, 2, 8);
    return QLatin1Char('$') + QLocale().toString(amount, 'f', decimals);
}

QString EngineText::percent(double share)
{
    const double p = share * 100;
    if (p > 0 && p < 0.1) {
        return tr("< 0.1 %");
    }
    return tr("%1 %").arg(QLocale().toString(p, 'f', p >= 10 || p == std::floor(p) ? 0 : 1));
}

QString EngineText::count(std::uint64_t n)
{
    return QLocale().toString(static_cast<qulonglong>(n));
}

QString EngineText::traceSummary(const TraceResult &result)
{
    if (!result.served) {
        return tr("Not served: %1").arg(QString::fromStdString(result.unservedReason.value_or(std::string())));
    }
    const QString model = QString::fromStdString(result.served->provider + '/' + result.served->model);
    const QString cost = result.unpriced ? tr("no price known") : usd(result.costUsd);
    return tr("Served by %1 in %2 ms · %3").arg(model).arg(std::llround(result.latencyMs)).arg(cost);
}

} // namespace rd
