#pragma once

#include <QString>

class QLabel;

namespace rd {

class WriteCheck;
struct ApiError;

// Words on a label what a WriteCheck finds out about one write whose answer never came, from "asking the
// server…" to what it shows. The caller gives the sentences particular to the write.
class WriteOutcomeNotice
{
public:
    struct Words
    {
        QString appliedBeforeCancel; // "“x” was created before the cancel reached the server."
        QString appliedAnswerLost;   // "The server created “x” although its answer was lost."
        QString notSoFar;            // "No route “x” so far."
        QString cancelInTime;        // "The cancel reached the server in time: no route was created."
        QString cancelBeforeSent;    // "Cancelled before the request was sent: no route was created."
        QString notApplied;          // "No route “x” was created: you can try again."
        QString subject;             // "whether “x” was created"
    };

    static void follow(WriteCheck *check, QLabel *label, const ApiError &error, const Words &words);

    // The sentences for the gateway browser's writes.
    static Words routeCreated(const QString &name);
    static Words routeRenamed(const QString &oldName, const QString &newName);
    static Words routeDeleted(const QString &name);
};

} // namespace rd
