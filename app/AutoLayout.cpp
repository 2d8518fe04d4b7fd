#include "app/AutoLayout.h"

#include "model/LayeredLayout.h"

#include <QByteArray>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>
#include <graphviz/gvplugin_textlayout.h>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

// The dot layout plugin's entry point, linked in directly (app/CMakeLists.txt) instead of found through
// Graphviz's plugin configuration.
extern "C" gvplugin_library_t gvplugin_dot_layout_LTX_library;

namespace rd {

namespace {

// Graphviz sizes record fields from their text, even in nodes of fixed size: the text decides where each port
// sits. The default context measured that text with pango (Graphviz's font plugin), whose font cache outlives
// gvFreeContext, so every layout after the first in a process read freed memory (ASan). Our labels are empty
// fields (" "), so nothing needs measuring: this text layout gives every line the box pango gave one space in
// Graphviz's default 14-pt Times (5 x 15 points, read off Debian 12 with DejaVu fonts), so layouts are exactly
// those made before — and now the same on every machine, whatever fonts it has. No font library is loaded.
boolean fixedLineBox(textspan_t *span, char **fontpath)
{
    if (fontpath) {
        *fontpath = nullptr;
    }
    span->size.x = 5;
    span->size.y = 15;
    span->yoffset_layout = 0;
    span->yoffset_centerline = 0;
    span->layout = nullptr;
    span->free_layout = nullptr;
    return TRUE;
}

gvtextlayout_engine_t fixedLineBoxEngine = {fixedLineBox};
gvplugin_installed_t fixedLineBoxTypes[] = {
    {0, "textlayout", 0, &fixedLineBoxEngine, nullptr},
    {0, nullptr, 0, nullptr, nullptr},
};
gvplugin_api_t fixedLineBoxApis[] = {
    {API_textlayout, fixedLineBoxTypes},
    {static_cast<api_t>(0), nullptr},
};
char fixedLineBoxName[] = "rd_fixed_line_box";
gvplugin_library_t fixedLineBoxLibrary = {fixedLineBoxName, fixedLineBoxApis};

// The only plugins a layout context gets: dot's layout (linked in, app/CMakeLists.txt) and the text layout
// above. Graphviz installs builtins whose name starts with "g" and holds "_LTX_library".
const lt_symlist_t kLayoutPlugins[] = {
    {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
    {"gvplugin_rd_fixed_line_box_LTX_library", &fixedLineBoxLibrary},
    {nullptr, nullptr},
};

constexpr double kPointsPerInch = 72.0;
// Above this many elements, layout quality gives way to time.
constexpr std::size_t kLargeRoute = 150;

// Graphviz 2.43 takes `char *` for names and values it does not modify.
char *cstr(const char *text)
{
    return const_cast<char *>(text);
}

void set(void *object, const char *name, const std::string &value)
{
    agsafeset(object, cstr(name), cstr(value.c_str()), cstr(""));
}

std::string inches(double points)
{
    return QByteArray::number(points / kPointsPerInch, 'f', 4).toStdString();
}

std::mutex &graphvizMutex()
{
    static std::mutex mutex;
    return mutex;
}

double snap(double value, double grid)
{
    return grid > 0 ? std::round(value / grid) * grid : value;
}

// Without Graphviz's answer, a column per element still gives every element a place.
RouteDocument::Positions fallbackLayout(const std::vector<const Element *> &nodes, const std::vector<QSizeF> &sizes,
                                        double gridSize)
{
    RouteDocument::Positions positions;
    double y = 0;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        positions[nodes[i]->id] = QPointF(0, snap(y, gridSize));
        y += sizes[i].height() + 2 * std::max(gridSize, 20.0);
    }
    return positions;
}

// Routes above AutoLayout::kLayeredAbove: our own layered layout, with the gaps the dot path uses (nodesep
// between cards of a column, ranksep between columns).
RouteDocument::Positions layeredLayout(const std::vector<const Element *> &nodes, const std::vector<QSizeF> &sizes,
                                       double gridSize)
{
    std::vector<LayeredLayout::Size> nodeSizes;
    nodeSizes.reserve(sizes.size());
    for (const QSizeF &size : sizes) {
        nodeSizes.push_back({size.width(), size.height()});
    }
    const double gap = std::max(gridSize, 20.0);
    LayeredLayout::Options options;
    options.gridSize = gridSize;
    options.nodeGap = 2 * gap;
    options.layerGap = 4 * gap;
    const std::vector<LayeredLayout::Point> points =
        LayeredLayout::layout(LayeredLayout::nodesFor(nodes, nodeSizes), options);
    RouteDocument::Positions positions;
    positions.reserve(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        positions[nodes[i]->id] = QPointF(points[i].x, points[i].y);
    }
    return positions;
}

// Owns the Graphviz objects so that every exit frees them, in the order Graphviz needs.
struct GraphvizSession
{
    GVC_t *context = nullptr;
    Agraph_t *graph = nullptr;
    bool laidOut = false;
    agerrlevel_t previousErrorLevel = AGWARN;

    GraphvizSession()
    {
        // Graphviz reports to stderr, and cycles or odd sizes are normal here: keep it quiet.
        previousErrorLevel = agseterr(AGMAX);
        context = gvContextPlugins(kLayoutPlugins, 0); // 0: no demand loading of the installed plugins
    }
    ~GraphvizSession()
    {
        if (laidOut) {
            gvFreeLayout(context, graph);
        }
        if (graph) {
            agclose(graph);
        }
        if (context) {
            gvFreeContext(context);
        }
        agseterr(previousErrorLevel);
    }
    GraphvizSession(const GraphvizSession &) = delete;
    GraphvizSession &operator=(const GraphvizSession &) = delete;
};

} // namespace

QFuture<RouteDocument::Positions> AutoLayout::layoutAsync(Route route, NodeSizes nodeSizes, double gridSize)
{
    return QtConcurrent::run([route = std::move(route), nodeSizes = std::move(nodeSizes), gridSize] {
        return layout(route, nodeSizes, gridSize);
    });
}

RouteDocument::Positions AutoLayout::layout(const Route &route, const NodeSizes &nodeSizes, double gridSize)
{
    std::vector<const Element *> nodes;
    std::unordered_map<std::string_view, std::size_t> indexOf;
    nodes.reserve(route.size());
    for (const Element &e : route.elements()) {
        if (indexOf.try_emplace(e.id, nodes.size()).second) {
            nodes.push_back(&e);
        }
    }
    std::vector<QSizeF> sizes;
    sizes.reserve(nodes.size());
    for (const Element *e : nodes) {
        const auto it = nodeSizes.find(e->id);
        QSizeF size = it == nodeSizes.end() ? defaultNodeSize() : it->second;
        if (!(size.width() > 0) || !(size.height() > 0) || !std::isfinite(size.width()) ||
            !std::isfinite(size.height())) {
            size = defaultNodeSize();
        }
        sizes.push_back(size);
    }
    if (nodes.empty()) {
        return {};
    }
    if (nodes.size() > kLayeredAbove) {
        return layeredLayout(nodes, sizes, gridSize);
    }

    const std::lock_guard lock(graphvizMutex());
    GraphvizSession gv;
    if (!gv.context) {
        return fallbackLayout(nodes, sizes, gridSize);
    }
    gv.graph = agopen(cstr("route"), Agdirected, nullptr);
    if (!gv.graph) {
        return fallbackLayout(nodes, sizes, gridSize);
    }
    Agraph_t *g = gv.graph;
    set(g, "rankdir", "LR");
    // Gaps at least one grid step wide, so that snapping cannot make neighbours touch.
    const double gap = std::max(gridSize, 20.0);
    set(g, "nodesep", inches(2 * gap));
    set(g, "ranksep", inches(4 * gap));
    set(g, "splines", "false"); // the canvas draws its own wires: routing splines is wasted time
    // Graphviz 2.43's network simplex is unbounded by default (a 300-element route took 9 s); a few passes per
    // node give nearly the same picture in a fraction of the time.
    const bool large = nodes.size() > kLargeRoute;
    set(g, "nslimit", large ? "0.2" : "1");
    set(g, "nslimit1", large ? "0.2" : "1");
    set(g, "mclimit", large ? "0.3" : "1");

    std::vector<Agnode_t *> gvNodes(nodes.size(), nullptr);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const std::string name = "n" + std::to_string(i); // ids may hold anything; Graphviz names stay plain
        Agnode_t *n = agnode(g, cstr(name.c_str()), 1);
        gvNodes[i] = n;
        set(n, "shape", "record");
        set(n, "fixedsize", "true");
        set(n, "width", inches(sizes[i].width()));
        set(n, "height", inches(sizes[i].height()));
        // rankdir=LR turns record fields: "{in | {o0 | o1}}" is the input on the left and the outputs
        // stacked top to bottom on the right, in output order.
        std::string label = "{<in> |{";
        const std::size_t ports = std::max<std::size_t>(1, nodes[i]->outputs.size());
        for (std::size_t k = 0; k < ports; ++k) {
            label += (k ? "|<o" : "<o") + std::to_string(k) + "> ";
        }
        label += "}}";
        set(n, "label", label);
    }
    if (large) {
        // Every model's success wire goes to the end, across all ranks: dot threads a virtual node through each
        // rank it crosses, and those made 2,000 elements take minutes. The wires are left out and the end
        // elements pinned to the last rank instead.
        Agraph_t *sink = agsubg(g, cstr("sink"), 1);
        set(sink, "rank", "sink");
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            if (nodes[i]->type == ElementType::End) {
                agsubnode(sink, gvNodes[i], 1);
            }
        }
    }
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const std::vector<Output> &outputs = nodes[i]->outputs;
        for (std::size_t k = 0; k < outputs.size(); ++k) {
            const auto target = indexOf.find(outputs[k].target);
            // A self-loop says nothing about placement, and dot has had crashes on loops between record ports.
            if (outputs[k].target.empty() || target == indexOf.end() || target->second == i ||
                (large && nodes[target->second]->type == ElementType::End)) {
                continue;
            }
            const std::string name = "e" + std::to_string(i) + "_" + std::to_string(k);
            Agedge_t *e = agedge(g, gvNodes[i], gvNodes[target->second], cstr(name.c_str()), 1);
            if (!e) {
                continue;
            }
            set(e, "tailport", "o" + std::to_string(k) + ":e");
            set(e, "headport", "in:w");
        }
    }

    if (gvLayout(gv.context, g, "dot") != 0) {
        return fallbackLayout(nodes, sizes, gridSize);
    }
    gv.laidOut = true;

    // Graphviz's y grows upwards; the scene's grows downwards.
    const double top = GD_bb(g).UR.y;
    RouteDocument::Positions positions;
    positions.reserve(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const pointf center = ND_coord(gvNodes[i]);
        const double x = center.x - sizes[i].width() / 2;
        const double y = (top - center.y) - sizes[i].height() / 2;
        positions[nodes[i]->id] = QPointF(snap(x, gridSize), snap(y, gridSize));
    }
    return positions;
}

} // namespace rd
