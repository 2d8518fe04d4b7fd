#include "app/api/ApiError.h"

#include <QCoreApplication>

namespace rd {

bool ApiError::hasCode(std::int64_t code) const
{
    for (const ApiMessage &m : messages) {
        if (m.code == code) {
            return true;
        }
    }
    return false;
}

QString ApiError::toString() const
{
    if (detail.isEmpty() || summary.contains(detail)) {
        return summary;
    }
    return QCoreApplication::translate("rd::ApiError", "%1 (%2)").arg(summary, detail);
}

} // namespace rd
