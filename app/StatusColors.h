#pragma once

#include <QColor>

class QPalette;

namespace rd {

// Every colour that says something about the route or the connection (a status, a difference between versions,
// what is selected or focused) in one place, for light and dark palettes. The canvas, panels, dialogs and the
// log table ask for a role here instead of writing a colour, so one meaning has one colour everywhere and text
// stays readable in dark themes too.
//
// Not here: an element type's own colour (identity, not status: model/ElementTypes) and the canvas's neutral
// ink and paper (widgets/canvas/CanvasColors.h).
class StatusColors
{
public:
    enum class Role {
        Ok,        // connected, succeeded, saved, shares that add up
        Pending,   // connecting: an answer is on its way
        Warning,   // allowed but probably wrong; look before going on
        Error,     // failed, refused, unavailable; blocks what was asked
        Idle,      // nothing to report: working locally, no connection
        Added,     // in the new version only
        Changed,   // in both versions, different
        Removed,   // in the deployed version only
        DiffHunk,  // where a part of a text diff starts ("@@ … @@")
        Selection, // what is selected on the canvas
        Focus,     // the card with keyboard focus
    };
    static constexpr Role kRoles[] = {Role::Ok,       Role::Pending,   Role::Warning, Role::Error,
                                      Role::Idle,     Role::Added,     Role::Changed, Role::Removed,
                                      Role::DiffHunk, Role::Selection, Role::Focus};

    enum class Scheme { Light, Dark };

    // A band of text in a role: a diff line, a warning box, an error banner. `text` reads on `background`.
    struct Band
    {
        QColor background;
        QColor border;
        QColor text;
    };

    // Dark when the palette's base (where text sits) is dark.
    static Scheme schemeOf(const QPalette &palette);

    // A shape in the role's colour: a status dot, a badge, a ring, a halo, a wire, a tag with white text. One
    // colour in every scheme (the canvas is always light; a dot needs no contrast ratio to be seen).
    static QColor mark(Role role);
    // Text in the role's colour, readable (WCAG AA, at least 4.5:1) on the window and base colours of a palette
    // of `scheme`.
    static QColor text(Role role, Scheme scheme);
    static QColor text(Role role, const QPalette &palette);
    // Warnings and diff lines have bands of their own; the other roles tint the palette's base towards their text.
    static Band band(Role role, const QPalette &palette);

    // Secondary text ("—" in a table, hints): the palette's text pulled towards its base, so it follows the theme
    // and still reads (4.5:1 on the usual light and dark palettes).
    static QColor muted(const QPalette &palette);
    // `from` moved `amount` (0 to 1) of the way towards `to`, channel by channel.
    static QColor mix(const QColor &from, const QColor &to, qreal amount);
    // The WCAG 2 contrast ratio of two opaque colours: 1 (none) to 21 (black on white).
    static qreal contrast(const QColor &a, const QColor &b);
};

} // namespace rd
