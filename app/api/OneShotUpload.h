#pragma once

#include <QByteArray>
#include <QIODevice>

namespace rd {

// A request body that can be sent only once. QNetworkAccessManager silently re-sends a request when a
// kept-alive connection closes before any answer, whatever the method; for a POST that the server may
// already have applied that means a duplicate. A body that refuses to rewind turns that re-send into an
// error we can report instead.
class OneShotUpload : public QIODevice
{
    Q_OBJECT

public:
    OneShotUpload(QByteArray data, QObject *parent);

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_data.size() - m_position + QIODevice::bytesAvailable(); }
    qint64 size() const override { return m_data.size(); }
    bool reset() override; // true only while nothing has been read

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_position = 0;
};

} // namespace rd
