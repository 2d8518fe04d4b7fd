#include "ui/gateway/RouteRows.h"

#include "app/api/ApiClient.h" // GatewayBrowser.h returns its QPointer
#include "model/RouteDeployment.h"
#include "ui/GatewayBrowser.h"
#include "ui/VersionText.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTreeWidget>

namespace rd {

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

// Sorts the Modified column by the timestamp behind the localised text.
class RouteItem : public QTreeWidgetItem
{
public:
    using QTreeWidgetItem::QTreeWidgetItem;
    bool operator<(const QTreeWidgetItem &other) const override
    {
        const int column = treeWidget() ? treeWidget()->sortColumn() : 0;
        if (column == GatewayBrowser::ModifiedColumn) {
            return data(column, Qt::UserRole).toString() < other.data(column, Qt::UserRole).toString();
        }
        return QTreeWidgetItem::operator<(other);
    }
};

} // namespace

QString RouteRows::nameProblem(const QString &name)
{
    if (name.trimmed().isEmpty()) {
        return GatewayBrowser::tr("A route needs a name.");
    }
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9._-]+$"));
    if (!allowed.match(name).hasMatch()) {
        return GatewayBrowser::tr("Use letters, digits, dots, dashes and underscores only: clients call the route "
                                  "as dynamic/<name>.");
    }
    return {};
}

Route RouteRows::starterRoute(const QString &name)
{
    Route route;
    route.setName(name.toStdString());
    route.addElement(Element::make(ElementType::Start, "start"));
    Element model = Element::make(ElementType::Model, "model");
    model.model.provider = "openai";
    model.model.model = "gpt-4o-mini";
    model.model.timeout = Number::fromInteger(30000);
    model.model.retries = Number::fromInteger(1);
    route.addElement(model);
    route.addElement(Element::make(ElementType::End, "end"));
    route.connect("start", "next", "model");
    route.connect("model", "success", "end");
    route.connect("model", "fallback", "end");
    return route;
}

void RouteRows::fill(QTreeWidget *list, const std::vector<Route> &routes, const QString &keepId)
{
    using Column = GatewayBrowser::RouteColumn;
    list->setSortingEnabled(false);
    list->clear();
    for (const Route &route : routes) {
        auto *item = new RouteItem(list);
        const QString name = qs(route.name());
        item->setText(Column::NameColumn, name);
        item->setData(Column::NameColumn, kIdRole, qs(route.id()));
        item->setData(Column::NameColumn, kNameRole, name);
        item->setToolTip(Column::NameColumn,
                         GatewayBrowser::tr("%1\nid %2\nClients call it as dynamic/%1").arg(name, qs(route.id())));
        const auto &deployment = route.metadata().deployment;
        if (deployment && deployment->is_object()) {
            const auto decoded = RouteDeployment::fromJson(*deployment);
            if (decoded) {
                item->setText(Column::DeployedColumn, VersionText::shortId(decoded.value->versionId()));
                item->setToolTip(Column::DeployedColumn, GatewayBrowser::tr("Version %1\ndeployed %2")
                                                             .arg(qs(decoded.value->versionId()),
                                                                  VersionText::fullTime(decoded.value->createdAt())));
            }
        } else {
            item->setText(Column::DeployedColumn, GatewayBrowser::tr("—"));
            item->setToolTip(Column::DeployedColumn, GatewayBrowser::tr("Not deployed"));
        }
        const std::string modified = route.metadata().modifiedAt.value_or(route.metadata().createdAt.value_or(""));
        // Minutes are enough in a list this narrow; the tooltip has the full time.
        const QDateTime at = QDateTime::fromString(qs(modified), Qt::ISODateWithMs);
        item->setText(Column::ModifiedColumn,
                      at.isValid() ? at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : qs(modified));
        item->setToolTip(Column::ModifiedColumn, VersionText::fullTime(modified));
        // Sort by the timestamp, not by its localised text.
        item->setData(Column::ModifiedColumn, Qt::UserRole, qs(modified));
        if (item->data(Column::NameColumn, kIdRole).toString() == keepId) {
            list->setCurrentItem(item);
        }
    }
    list->setSortingEnabled(true);
}

QTreeWidgetItem *RouteRows::find(const QTreeWidget *list, const QString &routeId)
{
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = list->topLevelItem(i);
        if (item->data(GatewayBrowser::NameColumn, kIdRole).toString() == routeId) {
            return item;
        }
    }
    return nullptr;
}

} // namespace rd
