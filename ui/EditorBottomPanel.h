#pragma once

#include <QIcon>
#include <QWidget>

#include <vector>

class QLabel;
class QStackedWidget;
class QToolButton;

namespace rd {

class ElidedLabel;

// The strip under the canvas: a one-line bar with a tab button per page (Problems, History), a summary ("No
// problems found…") and a button that opens or closes the panel. Closed, only the bar shows, so the canvas gets
// the room; open, the chosen page shows under the bar. The page that holds it decides how tall it is when open
// (a splitter above it) and remembers that height.
class EditorBottomPanel : public QWidget
{
    Q_OBJECT

public:
    explicit EditorBottomPanel(QWidget *parent = nullptr);

    // Adds a page and its tab button; returns its index.
    int addPage(QWidget *page, const QString &title, const QString &objectName);
    void setPageTitle(int index, const QString &title);
    int currentPage() const;
    QWidget *page(int index) const;
    QToolButton *tabButton(int index) const { return m_tabs.at(static_cast<std::size_t>(index)); }

    // Shown in the bar after the tab buttons, whatever page is open.
    void setSummary(const QIcon &icon, const QString &text);
    QString summary() const;

    bool isExpanded() const { return m_expanded; }
    void setExpanded(bool expanded);
    // Opens the panel on `index`.
    void showPage(int index);
    // The closed panel's height: the bar alone.
    int barHeight() const;
    QWidget *bar() const { return m_bar; }

signals:
    void expandedChanged(bool expanded);
    // Another page became the current one (shown now, or when the panel next opens).
    void currentPageChanged(int index);

private:
    void updateButtons();

    QWidget *m_bar;
    QLabel *m_summaryIcon;
    ElidedLabel *m_summary;
    QToolButton *m_toggle;
    QStackedWidget *m_pages;
    std::vector<QToolButton *> m_tabs;
    bool m_expanded = false;
};

} // namespace rd
