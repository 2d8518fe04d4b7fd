#pragma once

#include "app/AppServices.h"
#include "app/ConnectionManager.h"
#include "app/DraftStore.h"
#include "app/SessionStore.h"
#include "app/Translations.h"
#include "ui/MainWindow.h"

namespace rd {

// The services main() builds for the window, here owned by the test's window itself: a connection manager with
// no connection until the test gives it one, drafts in the default folder and the session in the test's
// settings (both under the test's own home).
struct TestWindowServices
{
    ConnectionManager ownConnections;
    DraftStore ownDrafts;
    SessionStore ownSession;
};

// A MainWindow as the program makes it (ui/shell/main.cpp), for tests: its services are built first and
// destroyed last (base-from-member), so the window can be declared, made and deleted like any widget.
class TestWindow : private TestWindowServices, public MainWindow
{
public:
    explicit TestWindow(QWidget *parent = nullptr)
        : TestWindowServices(), MainWindow(AppServices{&ownConnections, &ownDrafts, &ownSession}, parent)
    {
        Translations::install(); // as main() does: the English plural forms
    }
};

} // namespace rd
