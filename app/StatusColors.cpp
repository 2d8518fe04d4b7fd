#include "app/StatusColors.h"

#include <QPalette>

#include <algorithm>
#include <cmath>
#include <optional>

namespace rd {

namespace {

struct Entry
{
    QRgb mark;
    QRgb lightText;
    QRgb darkText;
};

// Light texts reach 4.5:1 on white and on the light greys windows use (#EFEFEF, #F6F5F4); dark texts on the
// near-black and #353535 windows of dark themes. tests/gui/tst_statuscolors checks both.
Entry entry(StatusColors::Role role)
{
    using Role = StatusColors::Role;
    switch (role) {
    case Role::Ok:
        return {0x1E8E3E, 0x137333, 0x81C995};
    case Role::Pending:
        return {0xE8A317, 0x9A5800, 0xFDD663};
    case Role::Warning:
        return {0xF29D00, 0x9A5800, 0xFDD663};
    case Role::Error:
        return {0xD93025, 0xB3261E, 0xF2B8B5};
    case Role::Idle:
        return {0x9AA0A6, 0x5F6368, 0xBDC1C6};
    case Role::Added:
        return {0x1E8E3E, 0x0D652D, 0xA8E6B4};
    case Role::Changed:
        return {0xE37400, 0x9A4A00, 0xFDC69C};
    case Role::Removed:
        return {0xD93025, 0xA50E0E, 0xF6B3AE};
    case Role::DiffHunk:
        return {0x1A4D8F, 0x1A4D8F, 0xA8C4EE};
    case Role::Selection:
        return {0x1A73E8, 0x185ABC, 0x8AB4F8};
    case Role::Focus:
        // Dark amber: apart from the selection's blue and from every element type's colour.
        return {0xB54708, 0xB54708, 0xFDBA8C};
    }
    return {0x9AA0A6, 0x5F6368, 0xBDC1C6};
}

// Bands chosen by hand where a role has a box of its own; nullopt where a tint of the base does.
std::optional<StatusColors::Band> ownBand(StatusColors::Role role, StatusColors::Scheme scheme)
{
    using Role = StatusColors::Role;
    const bool dark = scheme == StatusColors::Scheme::Dark;
    const auto band = [](QRgb background, QRgb border, QRgb text) {
        return StatusColors::Band{QColor::fromRgb(background), QColor::fromRgb(border), QColor::fromRgb(text)};
    };
    switch (role) {
    case Role::Warning:
        return dark ? band(0x3A2F0B, 0x8A6D1A, 0xFDE7A9) : band(0xFEF7E0, 0xF9AB00, 0x4D3800);
    case Role::Added:
        return dark ? band(0x1E3A28, 0x1E3A28, 0xA8E6B4) : band(0xE6F4EA, 0xE6F4EA, 0x0D652D);
    case Role::Removed:
        return dark ? band(0x4A2222, 0x4A2222, 0xF6B3AE) : band(0xFCE8E6, 0xFCE8E6, 0xA50E0E);
    case Role::DiffHunk:
        return dark ? band(0x263040, 0x263040, 0xA8C4EE) : band(0xE8EEF7, 0xE8EEF7, 0x1A4D8F);
    case Role::Ok:
    case Role::Pending:
    case Role::Error:
    case Role::Idle:
    case Role::Changed:
    case Role::Selection:
    case Role::Focus:
        break;
    }
    return std::nullopt;
}

qreal linear(qreal channel)
{
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

qreal luminance(const QColor &color)
{
    return 0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF()) + 0.0722 * linear(color.blueF());
}

} // namespace

StatusColors::Scheme StatusColors::schemeOf(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128 ? Scheme::Dark : Scheme::Light;
}

QColor StatusColors::mark(Role role)
{
    return QColor::fromRgb(entry(role).mark);
}

QColor StatusColors::text(Role role, Scheme scheme)
{
    const Entry e = entry(role);
    return QColor::fromRgb(scheme == Scheme::Dark ? e.darkText : e.lightText);
}

QColor StatusColors::text(Role role, const QPalette &palette)
{
    return text(role, schemeOf(palette));
}

StatusColors::Band StatusColors::band(Role role, const QPalette &palette)
{
    const Scheme scheme = schemeOf(palette);
    if (const std::optional<Band> own = ownBand(role, scheme)) {
        return *own;
    }
    const QColor ink = text(role, scheme);
    return {mix(palette.color(QPalette::Base), ink, 0.12), ink, ink};
}

QColor StatusColors::muted(const QPalette &palette)
{
    return mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.42);
}

QColor StatusColors::mix(const QColor &from, const QColor &to, qreal amount)
{
    return QColor::fromRgbF(from.redF() + (to.redF() - from.redF()) * amount,
                            from.greenF() + (to.greenF() - from.greenF()) * amount,
                            from.blueF() + (to.blueF() - from.blueF()) * amount);
}

qreal StatusColors::contrast(const QColor &a, const QColor &b)
{
    const qreal la = luminance(a);
    const qreal lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace rd
