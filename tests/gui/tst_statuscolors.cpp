#include "app/StatusColors.h"

#include <QGuiApplication>
#include <QPalette>
#include <QTest>

#include <utility>
#include <vector>

using namespace rd;
using Role = StatusColors::Role;
using Scheme = StatusColors::Scheme;

namespace {

// Windows and bases text sits on: white and the light greys of Qt's own, Fusion's and GNOME's palettes; the
// near-blacks of dark themes (those the logs and history tests use among them) and Fusion's dark grey.
const std::vector<QColor> kLightSurfaces = {QColor(0xFF, 0xFF, 0xFF), QColor(0xEF, 0xEF, 0xEF),
                                            QColor(0xF6, 0xF5, 0xF4), QColor(0xF4, 0xF5, 0xF7)};
const std::vector<QColor> kDarkSurfaces = {QColor(0x1E, 0x1E, 0x20), QColor(0x2B, 0x2B, 0x2E),
                                           QColor(0x17, 0x19, 0x1D), QColor(0x20, 0x22, 0x27),
                                           QColor(0x24, 0x24, 0x24), QColor(0x35, 0x35, 0x35)};

QPalette palette(const QColor &window, const QColor &base, const QColor &text)
{
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::WindowText, text);
    return p;
}

QPalette lightPalette()
{
    return palette(QColor(0xEF, 0xEF, 0xEF), Qt::white, Qt::black);
}

QPalette darkPalette()
{
    return palette(QColor(0x2B, 0x2B, 0x2E), QColor(0x1E, 0x1E, 0x20), QColor(0xE6, 0xE6, 0xE6));
}

QString name(Role role)
{
    return QString::number(static_cast<int>(role));
}

} // namespace

class TestStatusColors : public QObject
{
    Q_OBJECT

private slots:
    // The ratio the other checks rely on: black on white is 21:1, a colour on itself 1:1, and the order of the two
    // does not matter.
    void contrastIsWcags()
    {
        QCOMPARE(qRound(StatusColors::contrast(Qt::black, Qt::white) * 100), 2100);
        QCOMPARE(StatusColors::contrast(QColor(0x12, 0x34, 0x56), QColor(0x12, 0x34, 0x56)), 1.0);
        QCOMPARE(StatusColors::contrast(Qt::red, Qt::white), StatusColors::contrast(Qt::white, Qt::red));
        // #767676 on white is the well-known smallest grey that passes AA: 4.54:1.
        QCOMPARE(qRound(StatusColors::contrast(QColor(0x76, 0x76, 0x76), Qt::white) * 100), 454);
    }

    void schemeFollowsTheBase()
    {
        QCOMPARE(StatusColors::schemeOf(lightPalette()), Scheme::Light);
        QCOMPARE(StatusColors::schemeOf(darkPalette()), Scheme::Dark);
    }

    // Text in every role reads (WCAG AA for body text) on every window and base of its scheme.
    void textReadsOnItsSchemesSurfaces()
    {
        for (const Role role : StatusColors::kRoles) {
            for (const auto &[scheme, surfaces] :
                 {std::pair(Scheme::Light, kLightSurfaces), std::pair(Scheme::Dark, kDarkSurfaces)}) {
                for (const QColor &surface : surfaces) {
                    const qreal ratio = StatusColors::contrast(StatusColors::text(role, scheme), surface);
                    QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("role %1 on %2: %3:1")
                                                          .arg(name(role), surface.name())
                                                          .arg(ratio, 0, 'f', 2)));
                }
            }
            // Each scheme has its own: a colour that reads on white cannot read on near-black as well.
            QVERIFY(StatusColors::text(role, Scheme::Light) != StatusColors::text(role, Scheme::Dark));
            QCOMPARE(StatusColors::text(role, darkPalette()), StatusColors::text(role, Scheme::Dark));
            QCOMPARE(StatusColors::text(role, lightPalette()), StatusColors::text(role, Scheme::Light));
        }
    }

    void bandTextReadsOnTheBand()
    {
        for (const QPalette &p : {lightPalette(), darkPalette()}) {
            for (const Role role : StatusColors::kRoles) {
                const StatusColors::Band band = StatusColors::band(role, p);
                const qreal ratio = StatusColors::contrast(band.text, band.background);
                QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("band of role %1 on %2: %3:1")
                                                      .arg(name(role), band.background.name())
                                                      .arg(ratio, 0, 'f', 2)));
                // A band stands apart from the page around it, but stays on its side of light and dark.
                const QColor base = p.color(QPalette::Base);
                QVERIFY(band.background != base);
                QCOMPARE(band.background.lightness() < 128, base.lightness() < 128);
            }
        }
    }

    // What tells states apart must differ: the status dots, the diff marks, the texts a panel shows.
    void rolesThatMustDifferDo()
    {
        const auto allDifferent = [](const std::vector<QColor> &colors) {
            for (std::size_t i = 0; i < colors.size(); ++i) {
                for (std::size_t j = i + 1; j < colors.size(); ++j) {
                    if (colors[i].rgb() == colors[j].rgb()) {
                        return false;
                    }
                }
            }
            return true;
        };
        using S = StatusColors;
        QVERIFY(allDifferent({S::mark(Role::Ok), S::mark(Role::Pending), S::mark(Role::Warning), S::mark(Role::Error),
                              S::mark(Role::Idle)}));
        QVERIFY(allDifferent({S::mark(Role::Added), S::mark(Role::Changed), S::mark(Role::Removed),
                              S::mark(Role::Selection), S::mark(Role::Focus)}));
        for (const Scheme scheme : {Scheme::Light, Scheme::Dark}) {
            QVERIFY(allDifferent({S::text(Role::Ok, scheme), S::text(Role::Warning, scheme),
                                  S::text(Role::Error, scheme), S::text(Role::Idle, scheme)}));
        }
        for (const QPalette &p : {lightPalette(), darkPalette()}) {
            QVERIFY(allDifferent({S::band(Role::Added, p).background, S::band(Role::Removed, p).background,
                                  S::band(Role::DiffHunk, p).background, S::band(Role::Warning, p).background}));
        }
    }

    // The marks a person already knows keep their colours: the connection dot (which MainWindow takes from here),
    // the canvas's badges, diff marks, selection and focus ring.
    void marksKeepTheirColours()
    {
        QCOMPARE(StatusColors::mark(Role::Ok), QColor(0x1E, 0x8E, 0x3E));
        QCOMPARE(StatusColors::mark(Role::Pending), QColor(0xE8, 0xA3, 0x17));
        QCOMPARE(StatusColors::mark(Role::Error), QColor(0xD9, 0x30, 0x25));
        QCOMPARE(StatusColors::mark(Role::Idle), QColor(0x9A, 0xA0, 0xA6));
        QCOMPARE(StatusColors::mark(Role::Warning), QColor(0xF2, 0x9D, 0x00));
        QCOMPARE(StatusColors::mark(Role::Added), QColor(0x1E, 0x8E, 0x3E));
        QCOMPARE(StatusColors::mark(Role::Changed), QColor(0xE3, 0x74, 0x00));
        QCOMPARE(StatusColors::mark(Role::Removed), QColor(0xD9, 0x30, 0x25));
        QCOMPARE(StatusColors::mark(Role::Selection), QColor(0x1A, 0x73, 0xE8));
        QCOMPARE(StatusColors::mark(Role::Focus), QColor(0xB5, 0x47, 0x08));
    }

    void mutedIsSecondaryButReadable()
    {
        for (const QPalette &p : {lightPalette(), darkPalette()}) {
            const QColor muted = StatusColors::muted(p);
            QVERIFY(StatusColors::contrast(muted, p.color(QPalette::Base)) >= 4.5);
            QVERIFY(StatusColors::contrast(muted, p.color(QPalette::Window)) >= 4.5);
            QVERIFY(StatusColors::contrast(muted, p.color(QPalette::Base)) <
                    StatusColors::contrast(p.color(QPalette::Text), p.color(QPalette::Base)));
        }
    }

    void mixGoesPartWay()
    {
        QCOMPARE(StatusColors::mix(Qt::black, Qt::white, 0.0), QColor(Qt::black));
        QCOMPARE(StatusColors::mix(Qt::black, Qt::white, 1.0), QColor(Qt::white));
        QCOMPARE(StatusColors::mix(QColor(0, 0, 0), QColor(200, 100, 0), 0.5), QColor(100, 50, 0));
    }
};

QTEST_MAIN(TestStatusColors)
#include "tst_statuscolors.moc"
