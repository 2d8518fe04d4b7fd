#pragma once

#include "model/Decoded.h"
#include "model/Finding.h"
#include "model/Route.h"

#include <QWidget>

#include <vector>

class QLabel;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace rd {

// One open route: its elements and what validation says about them. The canvas will take the element list's
// place; the problems panel stays.
class RouteEditorPage : public QWidget
{
    Q_OBJECT

public:
    // `importNotes` are what decoding adjusted in the file; they are listed with the problems.
    RouteEditorPage(Route route, QString sourcePath, std::vector<DecodeIssue> importNotes, QWidget *parent = nullptr);

    const Route &route() const { return m_route; }
    const std::vector<Finding> &findings() const { return m_findings; }
    const QString &sourcePath() const { return m_sourcePath; }
    // The route's name, or the file's name when the route has none.
    QString title() const;
    int errorCount() const;
    int warningCount() const;
    // An icon for the route's health: error, warning or ok.
    QIcon statusIcon() const;

    QTreeWidget *elementList() const { return m_elementList; }
    QTreeWidget *problemList() const { return m_problemList; }

private:
    QWidget *createHeader();
    QWidget *createElementsPanel();
    QWidget *createProblemsPanel();
    void populateElements();
    void populateProblems();
    void selectElement(const QString &id);
    QString statusSummary() const;

    Route m_route;
    QString m_sourcePath;
    std::vector<DecodeIssue> m_importNotes;
    std::vector<Finding> m_findings;

    QTreeWidget *m_elementList = nullptr;
    QTreeWidget *m_problemList = nullptr;
    QStackedWidget *m_problemStack = nullptr;
    QLabel *m_problemsHeading = nullptr;
};

} // namespace rd
