#include "ui/RouteImageExport.h"

#include "widgets/canvas/RouteScene.h"

#include <QCoreApplication>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

namespace rd {

bool RouteImageExport::write(RouteScene &scene, const QString &title, const QString &path, QString *error)
{
    const QRectF source = scene.elementsBoundingRect().adjusted(-40, -40, 40, 40);
    if (source.isEmpty()) {
        if (error) {
            *error = QCoreApplication::translate("RouteImageExport", "The route has no elements to draw.");
        }
        return false;
    }
    if (path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(source.size().toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
        svg.setTitle(title);
        QPainter painter;
        if (!painter.begin(&svg)) {
            if (error) {
                *error = QCoreApplication::translate("RouteImageExport", "Cannot write %1.").arg(path);
            }
            return false;
        }
        painter.fillRect(QRectF(QPointF(0, 0), source.size()), Qt::white);
        scene.render(&painter, QRectF(QPointF(0, 0), source.size()), source);
        painter.end();
        return true;
    }
    // Twice the scene size: crisp on high-density screens and in documents.
    QImage image((source.size() * 2).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    scene.render(&painter, QRectF(QPointF(0, 0), image.size()), source);
    painter.end();
    if (!image.save(path)) {
        if (error) {
            *error = QCoreApplication::translate("RouteImageExport", "Cannot write %1.").arg(path);
        }
        return false;
    }
    return true;
}

} // namespace rd
