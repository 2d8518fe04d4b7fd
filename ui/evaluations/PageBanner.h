#pragma once

#include <QWidget>

class QLabel;

namespace rd {

struct ApiError;

// A message across the top of a page: an error of a call ("Deleting “x” failed. …") or a notice of what a re-read
// found after a lost answer. Hidden until there is something to say; closable.
class PageBanner : public QWidget
{
    Q_OBJECT

public:
    explicit PageBanner(QWidget *parent = nullptr);

    void showError(const QString &where, const ApiError &error);
    void showError(const QString &text);
    void showNotice(const QString &text);
    void clear();
    // The message as shown (plain text); empty while hidden.
    QString text() const;
    bool isError() const { return m_error; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void show(const QString &html, bool error);
    void applyPalette();

    QWidget *m_frame = nullptr; // the coloured band: its style sheet must not change this widget's palette
    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
    bool m_error = false;
};

} // namespace rd
