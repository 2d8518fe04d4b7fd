#pragma once

#include <QWidget>

class QPushButton;

namespace rd {

// What the window shows when no route is open: what the app is for and the ways in.
class WelcomePage : public QWidget
{
    Q_OBJECT

public:
    explicit WelcomePage(QWidget *parent = nullptr);

signals:
    void openRequested();
    void exampleRequested();
    void connectRequested();

private:
    QWidget *createFeatureCard(const QString &step, const QString &title, const QString &text);
};

} // namespace rd
