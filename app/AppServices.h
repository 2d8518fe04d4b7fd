#pragma once

namespace rd {

class ConnectionManager;
class DraftStore;
class SessionStore;

// What the main window works with and does not own: built by main() (or a test) and handed over, so the window
// composes them instead of deciding where drafts live or how a connection is made. None may be null, and each
// must outlive the window.
struct AppServices
{
    ConnectionManager *connections = nullptr;
    DraftStore *drafts = nullptr;
    SessionStore *session = nullptr;
};

} // namespace rd
