#include "app/RouteDocumentCommand.h"

namespace rd {

RouteDocumentCommand::RouteDocumentCommand(RouteDocument *document, const QString &text)
    : QUndoCommand(text), m_document(document)
{}

void RouteDocumentCommand::finish(bool routeChanged) const
{
    if (routeChanged) {
        m_document->revalidate();
    }
    emit m_document->changed();
}

} // namespace rd
