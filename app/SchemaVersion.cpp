#include "app/SchemaVersion.h"

#include "model/JsonText.h"

#include <QFile>

#include <cstdint>
#include <limits>

namespace rd {

SchemaVersion SchemaVersion::ofJson(const Json &root, int known)
{
    if (!root.is_object()) {
        return {0, known};
    }
    const auto field = root.find(kJsonKey);
    if (field == root.end()) {
        return {kUnversioned, known};
    }
    // Only whole, positive numbers: 1.5 or "2" were not written by any Route Designer.
    if (!field->is_number_integer() || (!field->is_number_unsigned() && field->get<std::int64_t>() < 1)) {
        return {0, known};
    }
    // Positive from here on, whichever of nlohmann's two integer kinds holds it.
    const auto value = field->get<std::uint64_t>();
    constexpr auto largest = static_cast<std::uint64_t>(std::numeric_limits<int>::max());
    return {static_cast<int>(value > largest ? largest : value), known};
}

SchemaVersion SchemaVersion::ofFile(const QString &path, int known)
{
    if (!QFile::exists(path)) {
        return {kUnversioned, known};
    }
    const Decoded<Json> json = JsonText::readFile(QFile::encodeName(path).toStdString());
    if (!json || !json.value->is_object()) {
        return {kUnversioned, known};
    }
    return ofJson(*json.value, known);
}

QString SchemaVersion::newerMessage() const
{
    return tr("written by a newer Route Designer (format version %1; this one reads up to %2); left as it is")
        .arg(m_found)
        .arg(m_known);
}

QString SchemaVersion::invalidMessage() const
{
    return tr("the format version is not a whole number from 1 up");
}

} // namespace rd
