#include "app/api/OneShotUpload.h"

#include <cstring>

namespace rd {

OneShotUpload::OneShotUpload(QByteArray data, QObject *parent) : QIODevice(parent), m_data(std::move(data))
{
    open(QIODevice::ReadOnly);
}

bool OneShotUpload::reset()
{
    return m_position == 0;
}

qint64 OneShotUpload::readData(char *data, qint64 maxSize)
{
    const qint64 n = std::min(maxSize, m_data.size() - m_position);
    if (n <= 0) {
        return m_position >= m_data.size() ? -1 : 0;
    }
    std::memcpy(data, m_data.constData() + m_position, static_cast<std::size_t>(n));
    m_position += n;
    return n;
}

} // namespace rd
