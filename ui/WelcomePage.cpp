#include "ui/WelcomePage.h"

#include "app/AppInfo.h"
#include "app/StatusColors.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace rd {

namespace {

constexpr int kCardWidth = 200;
constexpr int kCardPadding = 16;

// Scoped by object name so the welcome page can look designed without restyling the rest of the app;
// palette() keeps it right in dark themes too. The orange is the brand's (Cloudflare's, like the model element's),
// an identity rather than a status, so it stays here rather than in StatusColors.
const char *const kStyleSheet = R"(
#welcomePage { background: palette(base); }
#welcomeTitle { color: palette(text); }
#welcomeTagline, #welcomeHint { color: %1; }
QPushButton#openRouteButton {
    background: #F38020; color: white; border: none; border-radius: 6px; padding: 9px 20px; font-weight: 600;
}
QPushButton#openRouteButton:hover { background: #E5731A; }
QPushButton#openRouteButton:pressed { background: #C95F0C; }
QPushButton#openRouteButton:focus { outline: none; border: 2px solid #FBAD41; padding: 7px 18px; }
QPushButton#connectButton {
    background: palette(base); color: palette(text); border: 1px solid palette(mid); border-radius: 6px;
    padding: 8px 19px;
}
QPushButton#connectButton:disabled { color: %1; border-color: palette(midlight); }
QFrame#featureCard { background: palette(alternate-base); border: 1px solid palette(midlight); border-radius: 10px; }
QLabel#featureStep {
    background: #FDE3C8; color: #B4530A; border-radius: 11px; font-weight: 700; min-width: 22px; max-width: 22px;
    min-height: 22px; max-height: 22px;
}
QLabel#featureTitle { font-weight: 600; color: palette(text); }
QLabel#featureText { color: %1; }
)";

QFont scaledFont(const QFont &base, qreal factor, QFont::Weight weight)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * factor);
    font.setWeight(weight);
    return font;
}

} // namespace

WelcomePage::WelcomePage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePage"));
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(QString::fromLatin1(kStyleSheet).arg(StatusColors::muted(palette()).name()));

    auto *logo = new QLabel;
    logo->setPixmap(QIcon(QStringLiteral(":/icons/route-designer.svg")).pixmap(QSize(88, 88)));
    logo->setAlignment(Qt::AlignCenter);
    logo->setAccessibleName(tr("Route Designer logo"));

    auto *title = new QLabel(AppInfo::name());
    title->setObjectName(QStringLiteral("welcomeTitle"));
    title->setFont(scaledFont(font(), 2.2, QFont::DemiBold));
    title->setAlignment(Qt::AlignCenter);

    auto *tagline = new QLabel(AppInfo::tagline());
    tagline->setObjectName(QStringLiteral("welcomeTagline"));
    tagline->setFont(scaledFont(font(), 1.15, QFont::Normal));
    tagline->setAlignment(Qt::AlignCenter);
    tagline->setWordWrap(true);

    auto *openButton = new QPushButton(tr("Open a route file…"));
    openButton->setObjectName(QStringLiteral("openRouteButton"));
    openButton->setCursor(Qt::PointingHandCursor);
    openButton->setDefault(true);
    connect(openButton, &QPushButton::clicked, this, &WelcomePage::openRequested);

    auto *connectButton = new QPushButton(tr("Connect to Cloudflare…"));
    connectButton->setObjectName(QStringLiteral("connectButton"));
    connectButton->setCursor(Qt::PointingHandCursor);
    connectButton->setToolTip(tr("Work on your account's gateways with an API token or a global key. Until then, "
                                 "the local sandbox in the Gateways panel speaks the same API."));
    connect(connectButton, &QPushButton::clicked, this, &WelcomePage::connectRequested);

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(12);
    buttons->addStretch();
    buttons->addWidget(openButton);
    buttons->addWidget(connectButton);
    buttons->addStretch();

    auto *example = new QLabel(
        tr("New to dynamic routes? <a href=\"example\" style=\"color: #C95F0C;\">Open the example route</a>, "
           "a support chat that rate-limits free users and splits paid traffic."));
    example->setObjectName(QStringLiteral("welcomeHint"));
    example->setAlignment(Qt::AlignCenter);
    example->setWordWrap(true);
    example->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(example, &QLabel::linkActivated, this, &WelcomePage::exampleRequested);

    auto *cards = new QHBoxLayout;
    cards->setSpacing(14);
    cards->addWidget(createFeatureCard(QStringLiteral("1"), tr("Design"),
                                       tr("Chain conditions, percentage splits, rate limits and models into a "
                                          "route.")));
    cards->addWidget(createFeatureCard(QStringLiteral("2"), tr("Validate"),
                                       tr("See what the API would reject, and what is legal but probably "
                                          "wrong, before you deploy.")));
    cards->addWidget(createFeatureCard(QStringLiteral("3"), tr("Deploy"),
                                       tr("Save versions, deploy one, and roll back to an earlier one when "
                                          "needed.")));

    auto *hint = new QLabel(tr("Tip: drop a route's .json file anywhere in this window to open it."));
    hint->setObjectName(QStringLiteral("welcomeHint"));
    hint->setAlignment(Qt::AlignCenter);

    auto *column = new QWidget;
    column->setMaximumWidth(820);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(24, 0, 24, 0);
    columnLayout->setSpacing(0);
    columnLayout->addWidget(logo);
    columnLayout->addSpacing(18);
    columnLayout->addWidget(title);
    columnLayout->addSpacing(8);
    columnLayout->addWidget(tagline);
    columnLayout->addSpacing(28);
    columnLayout->addLayout(buttons);
    columnLayout->addSpacing(16);
    columnLayout->addWidget(example);
    columnLayout->addSpacing(40);
    columnLayout->addLayout(cards);
    columnLayout->addSpacing(28);
    columnLayout->addWidget(hint);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 32, 0, 32);
    outer->addStretch(2);
    outer->addWidget(column, 0, Qt::AlignHCenter);
    outer->addStretch(3);
}

QWidget *WelcomePage::createFeatureCard(const QString &step, const QString &title, const QString &text)
{
    auto *card = new QFrame;
    card->setObjectName(QStringLiteral("featureCard"));
    card->setFixedWidth(kCardWidth);

    auto *stepLabel = new QLabel(step);
    stepLabel->setObjectName(QStringLiteral("featureStep"));
    stepLabel->setAlignment(Qt::AlignCenter);

    auto *titleLabel = new QLabel(title);
    titleLabel->setObjectName(QStringLiteral("featureTitle"));

    auto *heading = new QHBoxLayout;
    heading->setSpacing(10);
    heading->addWidget(stepLabel);
    heading->addWidget(titleLabel, 1);

    auto *textLabel = new QLabel(text);
    textLabel->setObjectName(QStringLiteral("featureText"));
    textLabel->setWordWrap(true);
    textLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    // A wrapped label inside a centred row is laid out at its one-line size hint and gets clipped; the card's
    // width is fixed, so the height the text needs is known up front.
    const int textWidth = kCardWidth - 2 * kCardPadding;
    textLabel->setMinimumHeight(
        textLabel->fontMetrics().boundingRect(QRect(0, 0, textWidth, 10000), Qt::TextWordWrap, text).height());

    auto *layout = new QVBoxLayout(card);
    layout->setContentsMargins(kCardPadding, 14, kCardPadding, 16);
    layout->setSpacing(8);
    layout->addLayout(heading);
    layout->addWidget(textLabel, 1);
    return card;
}

} // namespace rd
