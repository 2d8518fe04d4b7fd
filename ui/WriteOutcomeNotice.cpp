#include "ui/WriteOutcomeNotice.h"

#include "app/StatusColors.h"
#include "app/WriteCheck.h"
#include "app/api/ApiError.h"

#include <QCoreApplication>
#include <QLabel>
#include <QPointer>

namespace rd {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("WriteOutcomeNotice", text);
}

void show(QLabel *label, const QString &text, bool warning)
{
    label->setText(text);
    label->setStyleSheet(
        warning
            ? QStringLiteral("color: %1;").arg(StatusColors::text(StatusColors::Role::Error, label->palette()).name())
            : QString());
    label->setVisible(true);
}

} // namespace

void WriteOutcomeNotice::follow(WriteCheck *check, QLabel *label, const ApiError &error, const Words &words)
{
    const bool cancelled = error.kind == ApiError::Kind::Cancelled;
    if (cancelled && error.mayHaveBeenApplied) {
        show(label, tr("Cancelled, but the request had already been sent: asking the server %1…").arg(words.subject),
             false);
    } else if (cancelled) {
        show(label, tr("Cancelled before the request was sent: checking the server…"), false);
    } else {
        show(label, tr("%1 Asking the server %2…").arg(error.summary, words.subject), true);
    }
    QPointer<QLabel> guard(label);
    QObject::connect(
        check, &WriteCheck::checked, label, [guard, check, cancelled, words](WriteCheck::State state, bool final) {
            if (!guard) {
                return;
            }
            switch (state) {
            case WriteCheck::State::Applied:
                show(guard, cancelled ? words.appliedBeforeCancel : words.appliedAnswerLost, false);
                break;
            case WriteCheck::State::NotApplied:
                if (!final) {
                    show(guard,
                         words.notSoFar + QLatin1Char(' ') +
                             tr("The request had already been sent, so the server may still apply it: checking again "
                                "for up to %1 s.")
                                 .arg(check->watchSeconds()),
                         false);
                } else if (cancelled && check->mayStillApply()) {
                    show(guard, words.cancelInTime, false);
                } else if (cancelled) {
                    show(guard, words.cancelBeforeSent, false);
                } else {
                    show(guard, words.notApplied, true);
                }
                break;
            case WriteCheck::State::Unknown:
                show(guard,
                     tr("Could not find out %1 (%2). Refresh before trying again.")
                         .arg(words.subject,
                              check->lastReading().error ? check->lastReading().error->summary : QString()),
                     true);
                break;
            case WriteCheck::State::Checking:
                break;
            }
        });
}

WriteOutcomeNotice::Words WriteOutcomeNotice::routeCreated(const QString &name)
{
    Words words;
    words.appliedBeforeCancel = tr("The route “%1” was created before the cancel reached the server.").arg(name);
    words.appliedAnswerLost = tr("The server created the route “%1” although its answer was lost.").arg(name);
    words.notSoFar = tr("No route “%1” so far.").arg(name);
    words.cancelInTime = tr("The cancel reached the server in time: no route was created.");
    words.cancelBeforeSent = tr("Cancelled before the request was sent: no route was created.");
    words.notApplied = tr("No route “%1” was created: you can try again.").arg(name);
    words.subject = tr("whether “%1” was created").arg(name);
    return words;
}

WriteOutcomeNotice::Words WriteOutcomeNotice::routeRenamed(const QString &oldName, const QString &newName)
{
    Words words;
    words.appliedBeforeCancel =
        tr("“%1” was renamed to “%2” before the cancel reached the server.").arg(oldName, newName);
    words.appliedAnswerLost = tr("The server renamed “%1” to “%2” although its answer was lost.").arg(oldName, newName);
    words.notSoFar = tr("“%1” keeps its name so far.").arg(oldName);
    words.cancelInTime = tr("The cancel reached the server in time: “%1” keeps its name.").arg(oldName);
    words.cancelBeforeSent = tr("Cancelled before the request was sent: “%1” keeps its name.").arg(oldName);
    words.notApplied = tr("“%1” was not renamed: you can try again.").arg(oldName);
    words.subject = tr("whether “%1” was renamed").arg(oldName);
    return words;
}

WriteOutcomeNotice::Words WriteOutcomeNotice::routeDeleted(const QString &name)
{
    Words words;
    words.appliedBeforeCancel = tr("“%1” was deleted before the cancel reached the server.").arg(name);
    words.appliedAnswerLost = tr("The server deleted “%1” although its answer was lost.").arg(name);
    words.notSoFar = tr("“%1” is still there so far.").arg(name);
    words.cancelInTime = tr("The cancel reached the server in time: “%1” was not deleted.").arg(name);
    words.cancelBeforeSent = tr("Cancelled before the request was sent: “%1” was not deleted.").arg(name);
    words.notApplied = tr("“%1” was not deleted.").arg(name);
    words.subject = tr("whether “%1” was deleted").arg(name);
    return words;
}

} // namespace rd
