#include "ui/evaluations/EvaluationText.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

namespace rd {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rd::EvaluationText", text);
}

} // namespace

EvaluationText::TypeNames EvaluationText::typeNames(const std::vector<EvaluationType> &types)
{
    TypeNames names;
    for (const EvaluationType &type : types) {
        names[type.id()] = QString::fromStdString(type.name());
    }
    return names;
}

QString EvaluationText::localTime(const std::string &iso)
{
    const QString text = QString::fromStdString(iso);
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid()) {
        return text;
    }
    const QDateTime local = time.toLocalTime();
    return local.toString(QStringLiteral("yyyy-MM-dd HH:mm ")) + local.timeZoneAbbreviation();
}

QString EvaluationText::processed(bool processed)
{
    return processed ? tr("\u2713 Processed") : tr("\u23f3 Running");
}

QString EvaluationText::typeName(const std::string &typeId, const TypeNames &names)
{
    const auto it = names.find(typeId);
    return it != names.end() ? it->second : QString::fromStdString(typeId);
}

QString EvaluationText::resultValue(const EvaluationResult &result)
{
    const QString value = QString::fromStdString(result.result());
    return value.isEmpty() ? QStringLiteral("\u2014") : value;
}

QString EvaluationText::results(const Evaluation &evaluation, const TypeNames &names)
{
    if (!evaluation.processed()) {
        return {};
    }
    QStringList parts;
    for (const EvaluationResult &result : evaluation.results()) {
        QString part = typeName(result.evaluationTypeId(), names) + QLatin1Char(' ') + resultValue(result);
        if (result.result().empty() && !result.statusDescription().empty()) {
            part += QStringLiteral(" (%1)").arg(QString::fromStdString(result.statusDescription()));
        }
        parts << part;
    }
    return parts.isEmpty() ? tr("no results") : parts.join(QStringLiteral(" \u00b7 "));
}

QString EvaluationText::datasets(const Evaluation &evaluation)
{
    QStringList names;
    for (const Dataset &dataset : evaluation.datasets()) {
        names << QString::fromStdString(dataset.name());
    }
    return names.join(QStringLiteral(", "));
}

} // namespace rd
