#include "ui/UseRouteDialog.h"

#include "app/GatewayKeyCheck.h"
#include "app/api/ApiClient.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <set>

namespace rd {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

const QString kCompat = QStringLiteral("compat");

std::vector<std::string> providersOf(const Route &route)
{
    std::set<std::string> found;
    for (const Element &e : route.elements()) {
        if (e.type == ElementType::Model && e.model.provider && !e.model.provider->empty()) {
            found.insert(*e.model.provider);
        }
    }
    return {found.begin(), found.end()};
}

} // namespace

UseRouteDialog::UseRouteDialog(Target target, QWidget *parent) : QDialog(parent), m_target(std::move(target))
{
    setObjectName(QStringLiteral("useRouteDialog"));
    setWindowTitle(tr("Use Route \u201c%1\u201d").arg(m_target.routeName));
    m_example = RouteCallExample::make(m_target.route);

    m_warnings = new QLabel;
    m_warnings->setObjectName(QStringLiteral("useRouteWarnings"));
    m_warnings->setWordWrap(true);
    m_warnings->setTextFormat(Qt::PlainText);
    m_warnings->setStyleSheet(QStringLiteral("QLabel { background: #fff4d6; color: #5c4400; border: 1px solid #e8c66a; "
                                             "border-radius: 4px; padding: 6px; }"));

    auto *intro = new QLabel(tr("Applications call the route on the gateway's OpenAI-compatible endpoint with "
                                "<code>\"model\": \"dynamic/%1\"</code> and the metadata below in the "
                                "<code>cf-aig-metadata</code> header.")
                                 .arg(m_target.routeName.toHtmlEscaped()));
    intro->setWordWrap(true);

    m_urls = new QTreeWidget;
    m_urls->setObjectName(QStringLiteral("useRouteUrls"));
    m_urls->setColumnCount(2);
    m_urls->setHeaderLabels({tr("Endpoint"), tr("URL")});
    m_urls->setRootIsDecorated(false);
    m_urls->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_urls->header()->setStretchLastSection(true);
    m_urls->setSelectionMode(QAbstractItemView::SingleSelection);
    auto *compatRow = new QTreeWidgetItem({tr("OpenAI-compatible"), tr("Reading\u2026")});
    compatRow->setData(0, Qt::UserRole, kCompat);
    m_urls->addTopLevelItem(compatRow);
    for (const std::string &provider : providersOf(m_target.route)) {
        auto *row = new QTreeWidgetItem({qs(provider), tr("Reading\u2026")});
        row->setData(0, Qt::UserRole, qs(provider));
        m_urls->addTopLevelItem(row);
    }
    // Exactly as tall as its rows (up to eight): a short list needs no empty box under it.
    const int rows = qMin(m_urls->topLevelItemCount(), 8);
    m_urls->setFixedHeight(m_urls->header()->sizeHint().height() + rows * m_urls->sizeHintForRow(0) +
                           2 * m_urls->frameWidth() + 2);

    m_metadata = new QLabel;
    m_metadata->setObjectName(QStringLiteral("useRouteMetadata"));
    m_metadata->setWordWrap(true);
    m_metadata->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_metadata->setText(metadataText());

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("useRouteSnippets"));
    const QString names[3] = {tr("curl"), tr("Python"), tr("JavaScript")};
    for (int i = 0; i < 3; ++i) {
        auto *page = new QWidget;
        auto *layout = new QVBoxLayout(page);
        layout->setContentsMargins(6, 6, 6, 6);
        m_edits[i] = new QPlainTextEdit;
        m_edits[i]->setReadOnly(true);
        m_edits[i]->setLineWrapMode(QPlainTextEdit::NoWrap);
        m_edits[i]->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_edits[i]->setPlaceholderText(tr("Reading the gateway\u2026"));
        m_copies[i] = new QPushButton(tr("Copy"));
        m_copies[i]->setEnabled(false);
        QPlainTextEdit *edit = m_edits[i];
        connect(m_copies[i], &QPushButton::clicked, this,
                [edit] { QApplication::clipboard()->setText(edit->toPlainText()); });
        auto *row = new QHBoxLayout;
        row->addStretch(1);
        row->addWidget(m_copies[i]);
        layout->addWidget(m_edits[i], 1);
        layout->addLayout(row);
        m_tabs->addTab(page, names[i]);
    }

    m_callerKeys = new QCheckBox(tr("Callers pass their own provider keys on this gateway"));
    m_callerKeys->setObjectName(QStringLiteral("callersPassKeys"));
    m_callerKeys->setToolTip(tr("Silences the missing-key warning for this gateway, and the snippets send "
                                "$%1 as the provider key")
                                 .arg(QString::fromLatin1(RouteCallSnippets::kProviderKeyVar.data(),
                                                          RouteCallSnippets::kProviderKeyVar.size())));
    m_callerKeys->setEnabled(m_target.keys != nullptr);
    if (m_target.keys) {
        m_callerKeys->setChecked(m_target.keys->isSilenced(m_target.gatewayId));
        connect(m_callerKeys, &QCheckBox::toggled, this, [this](bool on) {
            if (m_target.keys) {
                m_target.keys->setSilenced(m_target.gatewayId, on);
            }
            refresh();
        });
        connect(m_target.keys.data(), &GatewayKeyCheck::changed, this, [this](const QString &gateway) {
            if (gateway == m_target.gatewayId) {
                refresh();
            }
        });
        m_target.keys->ensure(m_target.gatewayId);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_warnings);
    layout->addWidget(intro);
    layout->addWidget(m_urls);
    layout->addWidget(m_metadata);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_callerKeys);
    layout->addWidget(buttons);
    resize(760, 620);

    refreshWarnings();
    readGateway();
    readProviderUrls();
}

QPlainTextEdit *UseRouteDialog::snippetEdit(Snippet which) const
{
    return m_edits[which];
}

QPushButton *UseRouteDialog::copyButton(Snippet which) const
{
    return m_copies[which];
}

QString UseRouteDialog::snippetText(Snippet which) const
{
    return m_edits[which]->toPlainText();
}

QString UseRouteDialog::warningText() const
{
    return m_warnings->text();
}

QString UseRouteDialog::metadataText() const
{
    if (m_example.metadata.empty()) {
        return tr("The route reads no metadata: every request takes the same way (percentages aside).");
    }
    QStringList pairs;
    for (const auto &[key, value] : m_example.metadata) {
        pairs << QStringLiteral("%1 = %2").arg(qs(key), qs(value.dump()));
    }
    QString text = tr("Metadata the route reads: %1.").arg(pairs.join(QStringLiteral(", ")));
    if (!m_example.leftOut.empty()) {
        QStringList left;
        for (const std::string &key : m_example.leftOut) {
            left << qs(key);
        }
        text += QLatin1Char(' ') +
                tr("Cloudflare takes at most 5 entries; left out: %1.").arg(left.join(QStringLiteral(", ")));
    }
    if (const std::string path = m_example.pathText(); !path.empty()) {
        text += QLatin1Char('\n') + tr("A request with these values takes: %1").arg(qs(path));
    }
    return text;
}

void UseRouteDialog::readGateway()
{
    if (!m_target.client) {
        m_error = tr("Not connected: connect to the route's account to read its gateway.");
        refreshWarnings();
        return;
    }
    m_target.client->getGateway(m_target.gatewayId, this, [this](const ApiResult<Gateway> &result) {
        if (!result) {
            m_error = tr("Could not read gateway %1: %2")
                          .arg(m_target.gatewayId, result.error ? result.error->toString() : tr("no answer"));
            refreshWarnings();
            return;
        }
        m_authenticated = result.value->authentication();
        refresh();
    });
}

void UseRouteDialog::readProviderUrls()
{
    if (!m_target.client) {
        return;
    }
    for (int i = 0; i < m_urls->topLevelItemCount(); ++i) {
        QTreeWidgetItem *row = m_urls->topLevelItem(i);
        const QString provider = row->data(0, Qt::UserRole).toString();
        m_target.client->gatewayUrl(
            m_target.gatewayId, provider, this, [this, provider, row](const ApiResult<std::string> &result) {
                row->setText(
                    1, result
                           ? qs(*result.value)
                           : tr("Could not read: %1").arg(result.error ? result.error->toString() : tr("no answer")));
                if (provider == kCompat && result) {
                    m_compatUrl = qs(*result.value);
                    refresh();
                } else if (provider == kCompat) {
                    m_error = row->text(1);
                    refreshWarnings();
                }
            });
    }
}

void UseRouteDialog::refresh()
{
    refreshWarnings();
    if (!m_authenticated || m_compatUrl.isEmpty()) {
        return;
    }
    RouteCallSnippets::Input in;
    in.compatUrl = m_compatUrl.toStdString();
    in.routeName = m_target.routeName.toStdString();
    in.metadata = m_example.metadata;
    in.authenticated = *m_authenticated;
    in.callerKey = m_callerKeys->isChecked();
    const bool first = !m_input;
    m_input = in;
    m_edits[Curl]->setPlainText(qs(RouteCallSnippets::curl(in)));
    m_edits[Python]->setPlainText(qs(RouteCallSnippets::python(in)));
    m_edits[JavaScript]->setPlainText(qs(RouteCallSnippets::javascript(in)));
    for (QPushButton *copy : m_copies) {
        copy->setEnabled(true);
    }
    refreshWarnings();
    if (first) {
        emit ready();
    }
}

void UseRouteDialog::refreshWarnings()
{
    QStringList lines;
    if (!m_error.isEmpty()) {
        lines << m_error;
    }
    if (m_target.deployedVersionId.isEmpty()) {
        lines << tr("No version of this route is deployed: requests for dynamic/%1 get an error until one is.")
                     .arg(m_target.routeName);
    } else if (!m_target.showsDeployed) {
        lines << tr("The gateway serves the deployed version (%1), not what this tab shows: the metadata and path "
                    "below are this tab's.")
                     .arg(m_target.deployedVersionId);
    }
    if (m_authenticated.value_or(false)) {
        lines << tr("The gateway requires authentication: set %1 to a gateway token (an API token with AI Gateway "
                    "Run) before running the snippets.")
                     .arg(QStringLiteral("$") + QString::fromLatin1(RouteCallSnippets::kGatewayTokenVar.data(),
                                                                    RouteCallSnippets::kGatewayTokenVar.size()));
    }
    if (GatewayKeyCheck *keys = m_target.keys;
        keys && keys->isKnown(m_target.gatewayId) && !keys->isSilenced(m_target.gatewayId)) {
        const std::vector<std::string> missing =
            GatewayKeyCheck::missingProviders(m_target.route, keys->storedProviders(m_target.gatewayId));
        if (!missing.empty()) {
            QStringList names;
            for (const std::string &p : missing) {
                names << qs(p);
            }
            lines << tr("No provider key stored on this gateway for %1: those requests fail unless callers pass "
                        "their own key.")
                         .arg(names.join(QStringLiteral(", ")));
        }
    }
    m_warnings->setText(lines.join(QLatin1Char('\n')));
    m_warnings->setVisible(!lines.isEmpty());
}

} // namespace rd
