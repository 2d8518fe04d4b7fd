#pragma once

#include <QString>

namespace rd {

class RouteScene;

// A picture of a whole route, for documents and reviews: SVG when the path ends in .svg, else a PNG at twice the
// scene's size (crisp on high-density screens), on white, with a margin around the cards.
class RouteImageExport
{
public:
    // False with `error` set when there is nothing to draw or the file cannot be written.
    static bool write(RouteScene &scene, const QString &title, const QString &path, QString *error);
};

} // namespace rd
