#include "widgets/inspector/PercentagePage.h"

#include "app/RouteDocument.h"
#include "model/ElementTypes.h"
#include "model/Share.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace rd {

namespace {

// What the API accepts.
int maxBranches()
{
    return static_cast<int>(ElementTypes::of(ElementType::Percentage).maxOutputs);
}

// "60" means "60%": people rarely type the sign.
std::string normalizedShare(QString text)
{
    text = text.trimmed();
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('%'))) {
        text += QLatin1Char('%');
    }
    return text.toStdString();
}

} // namespace

PercentagePage::PercentagePage(QWidget *parent)
    : InspectorPage(parent), m_grid(new QGridLayout), m_total(new QLabel(this)), m_message(new QLabel(this)),
      m_tooMany(new QLabel(this)), m_add(new QPushButton(tr("&Add branch"), this))
{
    m_total->setObjectName(QStringLiteral("total"));
    m_message->setObjectName(QStringLiteral("shareMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    m_tooMany->setObjectName(QStringLiteral("tooManyBranches"));
    m_tooMany->setWordWrap(true);
    setStatusText(m_tooMany, tr("Cloudflare accepts at most %n branch(es).", nullptr, maxBranches()),
                  StatusColors::Role::Error);
    m_tooMany->hide();
    m_add->setObjectName(QStringLiteral("addBranch"));

    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setColumnStretch(1, 1);

    auto *footer = new QHBoxLayout;
    footer->addWidget(m_total, 1);
    footer->addWidget(m_add);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *intro = new QLabel(tr("Each request takes one branch at random, by share."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(m_grid);
    layout->addWidget(m_message);
    layout->addLayout(footer);
    layout->addWidget(m_tooMany);

    connect(m_add, &QPushButton::clicked, this, &PercentagePage::addBranch);
}

void PercentagePage::populate(const Element &element)
{
    m_message->hide();
    rebuildRows(element);
    updateTotal();
}

void PercentagePage::rebuildRows(const Element &element)
{
    // Rows may be rebuilt from inside one of their own signals (a share committed): hide and detach now,
    // delete later.
    for (QWidget *w : std::as_const(m_rowWidgets)) {
        // Hiding a focused share field finishes its editing: that must not commit the stale text again.
        disconnect(w, nullptr, this, nullptr);
        w->hide();
        m_grid->removeWidget(w);
        w->setParent(nullptr);
        w->deleteLater();
    }
    m_rowWidgets.clear();
    m_shareEdits.clear();

    auto *shareHeader = new QLabel(tr("Share"), this);
    auto *targetHeader = new QLabel(tr("Leads to"), this);
    for (QLabel *header : {shareHeader, targetHeader}) {
        QFont font = header->font();
        font.setBold(true);
        header->setFont(font);
    }
    m_grid->addWidget(shareHeader, 0, 0);
    m_grid->addWidget(targetHeader, 0, 1);
    m_rowWidgets << shareHeader << targetHeader;

    int row = 1;
    for (const Output &output : element.outputs) {
        const QString key = QString::fromStdString(output.name);
        auto *edit = new QLineEdit(key, this);
        edit->setObjectName(QStringLiteral("share:") + key);
        edit->setProperty("share", key);
        edit->setMaximumWidth(edit->fontMetrics().horizontalAdvance(QStringLiteral("000.000%")) + 24);
        edit->setToolTip(tr("The share of requests taking this branch, like 25% or 12.5%"));

        auto *target = new QLabel(this);
        if (output.target.empty()) {
            target->setText(QStringLiteral("<i>%1</i>").arg(tr("not connected")));
        } else {
            target->setText(QString::fromStdString(output.target).toHtmlEscaped());
        }
        target->setObjectName(QStringLiteral("target:") + key);

        auto *remove = new QToolButton(this);
        remove->setObjectName(QStringLiteral("remove:") + key);
        remove->setText(QStringLiteral("\u2715"));
        remove->setAutoRaise(true);
        remove->setToolTip(tr("Remove the %1 branch").arg(key));

        m_grid->addWidget(edit, row, 0);
        m_grid->addWidget(target, row, 1);
        m_grid->addWidget(remove, row, 2);
        m_rowWidgets << edit << target << remove;
        m_shareEdits << edit;
        ++row;

        connect(edit, &QLineEdit::editingFinished, this, [this, edit] { commitShare(edit); });
        connect(edit, &QLineEdit::textEdited, this, [this] {
            m_message->hide();
            updateTotal();
        });
        connect(remove, &QToolButton::clicked, this, [this, name = output.name] {
            if (document()) {
                document()->removeBranch(elementId(), name);
            }
        });
    }
}

void PercentagePage::commitShare(QLineEdit *edit)
{
    const std::string from = edit->property("share").toString().toStdString();
    const std::string to = normalizedShare(edit->text());
    if (to == from || !document()) {
        edit->setText(QString::fromStdString(from));
        return;
    }
    const auto revert = [&](const QString &message) {
        edit->setText(QString::fromStdString(from));
        updateTotal();
        showMessage(message);
    };
    if (!Share::parseMillionths(to)) {
        revert(tr("\"%1\" is not a share: write it like 25% or 12.5%.").arg(edit->text().trimmed()));
        return;
    }
    const Element *current = currentElement();
    if (current && current->output(to)) {
        revert(tr("Another branch already has %1.").arg(QString::fromStdString(to)));
        return;
    }
    if (!document()->changeBranchShare(elementId(), from, to)) {
        revert(tr("The share could not be changed to %1.").arg(QString::fromStdString(to)));
    }
}

void PercentagePage::addBranch()
{
    const Element *current = currentElement();
    if (!current || !document()) {
        return;
    }
    std::int64_t total = 0;
    for (const Output &output : current->outputs) {
        total += Share::parseMillionths(output.name).value_or(0);
    }
    // The remainder makes the total 100%; when nothing remains, 0% until the user decides. Keys stay unique.
    std::int64_t share = std::max<std::int64_t>(0, Share::kWhole - total);
    std::string key = Share::format(share);
    while (current->output(key)) {
        share += Share::kWhole / 100;
        key = Share::format(share);
    }
    m_message->hide();
    document()->addBranch(elementId(), key);
}

void PercentagePage::updateTotal()
{
    std::int64_t total = 0;
    bool valid = true;
    for (QLineEdit *edit : std::as_const(m_shareEdits)) {
        if (auto share = Share::parseMillionths(normalizedShare(edit->text()))) {
            total += *share;
        } else {
            valid = false;
        }
    }
    const QString amount = QString::fromStdString(Share::format(total));
    if (!valid) {
        setStatusText(m_total, tr("Total %1 (and a share that is not a number)").arg(amount),
                      StatusColors::Role::Error);
    } else if (total == Share::kWhole) {
        setStatusText(m_total, tr("Total 100%"), StatusColors::Role::Ok);
    } else {
        setStatusText(m_total, tr("Total %1 \u2014 must be 100%").arg(amount), StatusColors::Role::Error);
    }
    m_tooMany->setVisible(m_shareEdits.size() > maxBranches());
}

void PercentagePage::showMessage(const QString &message)
{
    setStatusText(m_message, message, StatusColors::Role::Error);
    m_message->show();
}

} // namespace rd
