#pragma once

#include "app/api/ApiError.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

namespace rd {

// Finds out what the server did with a write whose answer never came: cancelled after it was sent, timed out,
// or dropped. Such a request cannot be taken back, so the only truth is what the server shows afterwards.
//
// It reads the server at once and, when the request may still be on its way to being applied (the server got
// it but had not answered), again after growing delays until it shows the write applied or the watch is over
// (as long as the client's own timeout: a server still working on a request after that is not waited for).
// It deletes itself once settled; whoever shows its result keeps a QPointer.
class WriteCheck : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Checking,   // no answer from the server yet
        Applied,    // the server shows the write
        NotApplied, // it does not (final only when the watch is over, or nothing was in flight)
        Unknown,    // the server could not be read
    };

    // One read of the server. `applied` says whether it shows the write; `observed` is what it shows instead
    // or as well, for messages (e.g. the version deployed now).
    struct Reading
    {
        bool applied = false;
        QString observed;
        std::optional<ApiError> error;
    };
    using Answer = std::function<void(const Reading &reading)>;
    // Starts one read for `context` (the check itself: closing it stops the read) and answers once.
    using Probe = std::function<void(QObject *context, Answer answer)>;

    // `mayStillApply`: the request was on the wire when it was given up, so a first "not applied" is not final.
    WriteCheck(Probe probe, bool mayStillApply, QObject *parent = nullptr);

    void start();
    State state() const { return m_state; }
    bool isFinal() const { return m_final; }
    bool mayStillApply() const { return m_mayStillApply; }
    const Reading &lastReading() const { return m_last; }
    // How long the whole watch lasts, for messages ("checking again for up to 30 s").
    int watchSeconds() const;

    // The delays between reads after the first (default 1, 2, 4, 8, 15 s: about the client's 30 s timeout).
    // Tests shorten them.
    static void setWatchDelays(const QList<int> &delaysMs);
    static QList<int> watchDelays();

signals:
    // After every read: what the server shows now, and whether more reads follow.
    void checked(rd::WriteCheck::State state, bool final);
    // The write was found applied (once).
    void applied(const QString &observed);
    // No more reads: `state` is the outcome.
    void settled(rd::WriteCheck::State state);

private:
    void readOnce();
    void finish(State state);

    Probe m_probe;
    bool m_mayStillApply;
    State m_state = State::Checking;
    bool m_final = false;
    int m_round = 0;
    Reading m_last;
    QTimer m_next;
};

} // namespace rd
