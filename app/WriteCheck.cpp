#include "app/WriteCheck.h"

#include <numeric>

namespace rd {

namespace {

QList<int> &delays()
{
    static QList<int> value{1000, 2000, 4000, 8000, 15000};
    return value;
}

} // namespace

WriteCheck::WriteCheck(Probe probe, bool mayStillApply, QObject *parent)
    : QObject(parent), m_probe(std::move(probe)), m_mayStillApply(mayStillApply)
{
    m_next.setSingleShot(true);
    connect(&m_next, &QTimer::timeout, this, &WriteCheck::readOnce);
}

void WriteCheck::setWatchDelays(const QList<int> &delaysMs)
{
    delays() = delaysMs;
}

QList<int> WriteCheck::watchDelays()
{
    return delays();
}

int WriteCheck::watchSeconds() const
{
    const QList<int> &list = delays();
    return (std::accumulate(list.begin(), list.end(), 0) + 999) / 1000;
}

void WriteCheck::start()
{
    readOnce();
}

void WriteCheck::readOnce()
{
    m_probe(this, [this](const Reading &reading) {
        m_last = reading;
        if (reading.error) {
            finish(State::Unknown);
            return;
        }
        if (reading.applied) {
            // Listeners of applied() bring their state up to date before settled() has them say so.
            m_state = State::Applied;
            emit applied(reading.observed);
            finish(State::Applied);
            return;
        }
        const QList<int> &schedule = delays();
        if (!m_mayStillApply || m_round >= schedule.size()) {
            finish(State::NotApplied);
            return;
        }
        m_state = State::NotApplied;
        emit checked(m_state, false);
        m_next.start(schedule.at(m_round++));
    });
}

void WriteCheck::finish(State state)
{
    m_state = state;
    m_final = true;
    emit checked(state, true);
    emit settled(state);
    deleteLater();
}

} // namespace rd
