#include "ui/evaluations/PageBanner.h"

#include "app/StatusColors.h"
#include "app/api/ApiError.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

namespace rd {

PageBanner::PageBanner(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("pageBannerHost"));
    m_frame = new QWidget;
    m_frame->setObjectName(QStringLiteral("pageBanner"));
    m_frame->setAttribute(Qt::WA_StyledBackground);
    auto *host = new QVBoxLayout(this);
    host->setContentsMargins(0, 0, 0, 0);
    host->addWidget(m_frame);
    m_icon = new QLabel;
    m_text = new QLabel;
    m_text->setObjectName(QStringLiteral("pageBannerText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton;
    close->setIcon(QIcon(QStringLiteral(":/icons/close.svg")));
    close->setAutoRaise(true);
    close->setToolTip(tr("Hide this message"));
    connect(close, &QToolButton::clicked, this, &PageBanner::clear);
    auto *layout = new QHBoxLayout(m_frame);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    hide();
}

void PageBanner::showError(const QString &where, const ApiError &error)
{
    show(QStringLiteral("<b>%1</b> %2").arg(where.toHtmlEscaped(), error.toString().toHtmlEscaped()), true);
}

void PageBanner::showError(const QString &text)
{
    show(text.toHtmlEscaped(), true);
}

void PageBanner::showNotice(const QString &text)
{
    show(text.toHtmlEscaped(), false);
}

void PageBanner::show(const QString &html, bool error)
{
    m_error = error;
    m_text->setText(html);
    m_icon->setPixmap(
        QIcon(error ? QStringLiteral(":/icons/error.svg") : QStringLiteral(":/icons/info.svg")).pixmap(16, 16));
    applyPalette();
    QWidget::show();
}

void PageBanner::clear()
{
    m_text->clear();
    hide();
}

QString PageBanner::text() const
{
    if (isHidden()) {
        return {};
    }
    QTextDocument document;
    document.setHtml(m_text->text());
    return document.toPlainText();
}

void PageBanner::applyPalette()
{
    const StatusColors::Band band =
        StatusColors::band(m_error ? StatusColors::Role::Error : StatusColors::Role::Idle, palette());
    const QString sheet = QStringLiteral("#pageBanner { background: %1; border: 1px solid %2; border-radius: 4px; }")
                              .arg(band.background.name(), band.border.name());
    if (sheet != m_frame->styleSheet()) {
        m_frame->setStyleSheet(sheet);
    }
}

void PageBanner::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && !isHidden()) {
        applyPalette();
    }
    QWidget::changeEvent(event);
}

} // namespace rd
