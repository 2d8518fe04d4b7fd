#pragma once

#include "model/Finding.h"
#include "model/Route.h"

#include <QObject>
#include <QPointF>
#include <QString>

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

class QUndoStack;

namespace rd {

// The route being edited: the model, where each element sits on the canvas, and the undo history.
// Every change goes through here and is exactly one undo command, so undo always gets back precisely the
// route (and JSON) that was there before. Validation reruns after each change.
//
// Views listen to the signals and never change the route themselves.
class RouteDocument : public QObject
{
    Q_OBJECT

public:
    using Positions = std::unordered_map<std::string, QPointF>;

    explicit RouteDocument(Route route = {}, Positions positions = {}, QObject *parent = nullptr);
    ~RouteDocument() override;

    const Route &route() const { return m_route; }
    const Positions &positions() const { return m_positions; }
    std::optional<QPointF> position(const std::string &id) const;
    const std::vector<Finding> &findings() const { return m_findings; }
    QUndoStack *undoStack() const { return m_undo; }
    bool isClean() const;
    void setClean();

    // Checks that need what the model does not know (the gateway's stored provider keys): their findings join
    // the validator's, after them, and rerun with them. Null removes the check. recheck() reruns everything
    // when the outside facts changed (the keys were read, the warning silenced).
    using ExtraCheck = std::function<std::vector<Finding>(const Route &route)>;
    void setExtraCheck(ExtraCheck check);
    void recheck() { revalidate(); }

    // Replaces everything (open a file, load a version) and clears the history.
    void reset(Route route, Positions positions);

    // --- edits: one undo command each
    // Adds an element of `type` at `pos` with a fresh id; when `connectFrom` names an element and output,
    // that output is wired to the new element in the same command. Returns the new id.
    struct OutputRef
    {
        std::string element;
        std::string output;
    };
    std::string addElement(ElementType type, QPointF pos, const std::optional<OutputRef> &connectFrom = {});
    // The element addElement creates (a percentage starts with one 100% branch): views size its card from it
    // to find room before adding.
    static Element makeElement(ElementType type, std::string id);
    // Removes elements and every wire into them.
    void removeElements(const std::vector<std::string> &ids);
    // Deletes what is selected on the canvas as one undo step: the elements (as removeElements) and the
    // wires, each named by its source element and output (as disconnectOutput). A wire from or into a removed
    // element needs no disconnecting: it goes with the element.
    void removeSelection(const std::vector<std::string> &elements, const std::vector<OutputRef> &wires);
    // Wires (or rewires) an output; an output has one target.
    void connectOutput(const std::string &from, const std::string &output, const std::string &to);
    void disconnectOutput(const std::string &from, const std::string &output);
    // Consecutive moves of the same set of elements merge into one command (a drag is one undo step).
    void moveElements(const Positions &newPositions);
    // Property edits: swaps in a new state of an existing element (same id). `description` names the edit
    // for the Undo menu ("Change timeout of 'gpt'"). Consecutive edits of the same element with the same
    // `mergeKey` (e.g. typing in one field) merge.
    void updateElement(const Element &element, const QString &description, const QString &mergeKey = {});
    // Fails (false, nothing pushed) when `to` is empty or taken.
    bool renameElement(const std::string &from, const std::string &to);
    // Percentage branches: add a share (unwired unless `target` given), remove one, change one's share.
    bool addBranch(const std::string &element, const std::string &share, const std::string &target = {});
    bool removeBranch(const std::string &element, const std::string &share);
    bool changeBranchShare(const std::string &element, const std::string &from, const std::string &to);
    // Inserts elements (from the clipboard) with ids remapped to fresh ones, wires between them kept and
    // wires to elements outside the set dropped; positions offset by `offset`. Returns the new ids.
    std::vector<std::string> paste(const std::vector<Element> &elements, const Positions &positions, QPointF offset);
    // Swaps in another graph (an older version restored into the editor) as one undo step. The route's own
    // metadata (id, name, deployment) stays: only elements and positions change.
    void replaceElements(const Route &other, const Positions &positions, const QString &description);
    // Positions for everything at once (auto-layout): one command.
    void setPositions(const Positions &positions, const QString &description);

    // --- clipboard: our own MIME type carrying elements and their positions
    static QString clipboardMimeType();
    QByteArray copy(const std::vector<std::string> &ids) const;
    static bool parseClipboard(const QByteArray &data, std::vector<Element> &elements, Positions &positions);

    // Brackets the signals of one change that concerns many elements (a select-all delete, its undo, a paste):
    // bulkChangeStarted before the first, bulkChangeFinished after the last. The per-element signals still
    // come, in between; a listener whose work per element is costly (the canvas, with 5,000 cards) may collect
    // them and act once at the end. Commands make one on the stack around their signals; nested ones and
    // changes of a single element are silent.
    class BulkChange
    {
    public:
        BulkChange(RouteDocument *document, std::size_t elements);
        ~BulkChange();
        BulkChange(const BulkChange &) = delete;
        BulkChange &operator=(const BulkChange &) = delete;

    private:
        RouteDocument *m_document;
        bool m_outermost;
    };
    bool inBulkChange() const { return m_bulkDepth > 0; }

signals:
    void elementAdded(const std::string &id);
    void elementRemoved(const std::string &id);
    // Properties or outputs of `id` changed (wires from it included).
    void elementChanged(const std::string &id);
    void elementRenamed(const std::string &from, const std::string &to);
    void elementMoved(const std::string &id);
    // Everything changed: rebuild views.
    void documentReset();
    void findingsChanged();
    // Any change at all, after the more specific signals (for dirty marks and autosave).
    void changed();
    // See BulkChange.
    void bulkChangeStarted();
    void bulkChangeFinished();

private:
    friend class RouteDocumentCommand;
    // Used by the undo commands: apply a state change without pushing anything.
    Route &mutableRoute() { return m_route; }
    Positions &mutablePositions() { return m_positions; }
    void revalidate();
    std::vector<Finding> validate() const;

    Route m_route;
    Positions m_positions;
    std::vector<Finding> m_findings;
    ExtraCheck m_extraCheck;
    QUndoStack *m_undo;
    int m_bulkDepth = 0;
};

} // namespace rd
