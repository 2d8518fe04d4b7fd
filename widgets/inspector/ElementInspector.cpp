#include "widgets/inspector/ElementInspector.h"

#include "app/RouteDocument.h"
#include "widgets/ElementTypeStyle.h"
#include "widgets/inspector/ConditionalPage.h"
#include "widgets/inspector/FindingsView.h"
#include "widgets/inspector/ModelPage.h"
#include "widgets/inspector/PassThroughPage.h"
#include "widgets/inspector/PercentagePage.h"
#include "widgets/inspector/PropertyFormPage.h"
#include "widgets/inspector/RatePage.h"
#include "widgets/inspector/UnknownTypePage.h"

#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace rd {

namespace {

constexpr int kEmptyState = 0;
constexpr int kEditor = 1;

} // namespace

ElementInspector::ElementInspector(QWidget *parent)
    : QWidget(parent), m_outer(new QStackedWidget(this)), m_scroll(new QScrollArea), m_typeIcon(new QLabel),
      m_typeName(new QLabel), m_idEdit(new QLineEdit), m_idMessage(new QLabel), m_pages(new QStackedWidget),
      m_unknownPage(new UnknownTypePage), m_findings(new FindingsView)
{
    auto *empty = new QLabel(tr("Select an element to edit it"));
    empty->setObjectName(QStringLiteral("emptyState"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setEnabled(false);
    empty->setMargin(12);

    m_typeName->setObjectName(QStringLiteral("typeName"));
    QFont title = m_typeName->font();
    title.setBold(true);
    title.setPointSizeF(title.pointSizeF() * 1.15);
    m_typeName->setFont(title);
    m_idEdit->setObjectName(QStringLiteral("idEdit"));
    m_idEdit->setToolTip(tr("The element's id: other elements' outputs refer to it. Press Enter to rename."));
    m_idMessage->setObjectName(QStringLiteral("idMessage"));
    m_idMessage->setWordWrap(true);
    m_idMessage->hide();

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_typeIcon);
    titleRow->addWidget(m_typeName, 1);

    auto *idForm = new QFormLayout;
    idForm->setContentsMargins(0, 0, 0, 0);
    idForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    idForm->addRow(tr("&Id:"), m_idEdit);
    idForm->addRow(QString(), m_idMessage);
    InspectorPage::alignLabels(idForm);

    auto *passThrough = new PassThroughPage;
    m_pageOf = {{ElementType::Model, new ModelPage},
                {ElementType::Rate, new RatePage},
                {ElementType::Percentage, new PercentagePage},
                {ElementType::Conditional, new ConditionalPage},
                {ElementType::Start, passThrough},
                {ElementType::End, passThrough}};
    for (ElementType type : kKnownElementTypes) {
        if (!pageFor(type)) {
            m_pageOf.emplace_back(type, new PropertyFormPage(type));
        }
    }
    for (const auto &[type, page] : m_pageOf) {
        if (m_pages->indexOf(page) < 0) {
            m_pages->addWidget(page);
        }
    }
    m_pages->addWidget(m_unknownPage);

    auto *line = new QFrame;
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);

    auto *editor = new QWidget;
    auto *layout = new QVBoxLayout(editor);
    layout->addLayout(titleRow);
    layout->addLayout(idForm);
    layout->addSpacing(4);
    layout->addWidget(m_pages);
    layout->addWidget(line);
    layout->addWidget(m_findings);
    layout->addStretch(1);

    // A dock can be short: the editor scrolls rather than squashing its fields; up and down only, never
    // sideways (fitWidthToContent).
    m_scroll->setWidget(editor);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_outer->addWidget(empty);
    m_outer->addWidget(m_scroll);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_outer);

    connect(m_idEdit, &QLineEdit::editingFinished, this, &ElementInspector::commitRename);
    connect(m_idEdit, &QLineEdit::textEdited, m_idMessage, &QLabel::hide);
    m_idEdit->installEventFilter(this);
    refresh();
}

ElementInspector::~ElementInspector()
{
    // A field that loses focus while the inspector is being destroyed emits editingFinished into pages that
    // are already half gone: cut every child's connections first.
    const auto children = findChildren<QObject *>();
    for (QObject *child : children) {
        child->disconnect();
    }
}

void ElementInspector::setDocument(RouteDocument *document)
{
    // A document destroyed under the inspector reads null already, and must still be let go of here.
    if (m_document == document && document != nullptr) {
        return;
    }
    if (m_document) {
        disconnect(m_document, nullptr, this, nullptr);
    }
    m_document = document;
    for (int i = 0; i < m_pages->count(); ++i) {
        static_cast<InspectorPage *>(m_pages->widget(i))->setDocument(document);
    }
    m_id.clear();
    if (document) {
        connect(document, &RouteDocument::elementChanged, this, [this](const std::string &id) {
            if (id == m_id) {
                refresh();
            }
        });
        connect(document, &RouteDocument::elementRenamed, this, [this](const std::string &from, const std::string &to) {
            if (from == m_id) {
                m_id = to;
                refresh();
            }
        });
        connect(document, &RouteDocument::elementRemoved, this, [this](const std::string &id) {
            if (id == m_id) {
                setElement({});
            }
        });
        connect(document, &RouteDocument::documentReset, this, [this] {
            if (!m_document->route().contains(m_id)) {
                m_id.clear();
            }
            refresh();
        });
        connect(document, &RouteDocument::findingsChanged, this, &ElementInspector::refreshFindings);
        connect(document, &QObject::destroyed, this, [this] { setDocument(nullptr); });
    }
    refresh();
}

RouteDocument *ElementInspector::document() const
{
    return m_document;
}

void ElementInspector::setElement(const std::string &id)
{
    m_id = id;
    m_idMessage->hide();
    refresh();
}

InspectorPage *ElementInspector::currentPage() const
{
    return m_outer->currentIndex() == kEditor ? static_cast<InspectorPage *>(m_pages->currentWidget()) : nullptr;
}

void ElementInspector::refresh()
{
    const Element *element = m_document && !m_id.empty() ? m_document->route().find(m_id) : nullptr;
    if (!element) {
        m_outer->setCurrentIndex(kEmptyState);
        return;
    }
    m_outer->setCurrentIndex(kEditor);
    const int iconSide = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_typeIcon->setPixmap(ElementTypeStyle::icon(element->type).pixmap(QSize(iconSide, iconSide), devicePixelRatioF()));
    QString typeName = ElementTypeStyle::displayName(element->type);
    if (element->type == ElementType::Unknown) {
        typeName += QStringLiteral(" (%1)").arg(QString::fromStdString(element->unknownTypeName));
    }
    m_typeName->setText(typeName);
    if (!m_idEdit->hasFocus() || m_idEdit->text().toStdString() == m_id || m_idMessage->isVisible()) {
        m_idEdit->setText(QString::fromStdString(m_id));
    }
    InspectorPage *page = pageFor(element->type);
    if (m_pages->currentWidget() != page) {
        // A stacked widget is as tall as its tallest page; only the page showing should count, or short pages
        // sit above a gap.
        for (int i = 0; i < m_pages->count(); ++i) {
            QWidget *w = m_pages->widget(i);
            w->setSizePolicy(w == page ? QSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred)
                                       : QSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored));
        }
        m_pages->setCurrentWidget(page);
        m_pages->updateGeometry();
    }
    page->showElement(*element);
    refreshFindings();
}

void ElementInspector::fitWidthToContent()
{
    QWidget *editor = m_scroll->widget();
    editor->layout()->activate();
    const int scrollBar = m_scroll->verticalScrollBar()->sizeHint().width();
    m_scroll->setMinimumWidth(editor->minimumSizeHint().width() + scrollBar + 2 * m_scroll->frameWidth());
}

void ElementInspector::refreshFindings()
{
    if (!m_document || m_id.empty()) {
        return;
    }
    std::vector<Finding> mine;
    for (const Finding &finding : m_document->findings()) {
        if (finding.elementId == m_id) {
            mine.push_back(finding);
        }
    }
    m_findings->setFindings(mine);
    fitWidthToContent();
}

void ElementInspector::commitRename()
{
    const Element *element = m_document && !m_id.empty() ? m_document->route().find(m_id) : nullptr;
    if (!element) {
        return;
    }
    m_idMessage->hide();
    const std::string to = m_idEdit->text().trimmed().toStdString();
    if (to == m_id) {
        m_idEdit->setText(QString::fromStdString(m_id));
        return;
    }
    if (to.empty()) {
        showRenameError(tr("An element needs an id."));
        return;
    }
    if (m_document->route().contains(to)) {
        showRenameError(tr("\"%1\" is already the id of another element.").arg(QString::fromStdString(to)));
        return;
    }
    if (!m_document->renameElement(m_id, to)) {
        showRenameError(tr("\"%1\" cannot be used as an id.").arg(QString::fromStdString(to)));
    }
}

bool ElementInspector::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_idEdit && (event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride) &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        // Taking the override keeps a window-wide Esc shortcut from firing while there is an edit to abandon.
        if (event->type() == QEvent::ShortcutOverride) {
            if (m_idEdit->text() == QString::fromStdString(m_id)) {
                return false;
            }
            event->accept();
            return true;
        }
        revertId();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void ElementInspector::revertId()
{
    // Esc abandons the typed id: with the field showing the current id again, leaving it renames nothing.
    m_idMessage->hide();
    m_idEdit->setText(QString::fromStdString(m_id));
    m_idEdit->selectAll();
}

void ElementInspector::showRenameError(const QString &message)
{
    InspectorPage::setStatusText(m_idMessage, message, StatusColors::Role::Error);
    m_idMessage->show();
    m_idEdit->setText(QString::fromStdString(m_id));
}

InspectorPage *ElementInspector::pageFor(ElementType type) const
{
    for (const auto &[known, page] : m_pageOf) {
        if (known == type) {
            return page;
        }
    }
    return type == ElementType::Unknown ? m_unknownPage : nullptr;
}

} // namespace rd
