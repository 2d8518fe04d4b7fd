#pragma once

#include <QObject>

#include <initializer_list>

class QSocketNotifier;

namespace rd {

// Turns SIGINT/SIGTERM into a Qt signal on the event loop (through a self-pipe), so shutdown runs the normal
// destructors, which close the database, instead of dying mid-write.
class UnixSignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit UnixSignalWatcher(std::initializer_list<int> signalNumbers, QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

    bool isValid() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void received(int signal);

private:
    void readPending();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace rd
