<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>rd::ApiTransport</name>
    <message numerus="yes">
        <source>(and %n more)</source>
        <translation>
            <numerusform>(and %n more)</numerusform>
            <numerusform>(and %n more)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::CompareBranchesDialog</name>
    <message numerus="yes">
        <source>%n dataset(s)</source>
        <translation>
            <numerusform>%n dataset</numerusform>
            <numerusform>%n datasets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n evaluation(s)</source>
        <translation>
            <numerusform>%n evaluation</numerusform>
            <numerusform>%n evaluations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This comparison created %n dataset(s) and evaluation(s) on gateway %1.</source>
        <translation>
            <numerusform>This comparison created %n dataset or evaluation on gateway %1.</numerusform>
            <numerusform>This comparison created %n datasets and evaluations on gateway %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::ConnectionControls</name>
    <message numerus="yes">
        <source>%1 · %n gateway(s)</source>
        <translation>
            <numerusform>%1 · %n gateway</numerusform>
            <numerusform>%1 · %n gateways</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::ConnectionNetworkFields</name>
    <message numerus="yes">
        <source>%n certificate(s) added to the system&apos;s.</source>
        <translation>
            <numerusform>%n certificate added to the system&apos;s.</numerusform>
            <numerusform>%n certificates added to the system&apos;s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::DeployPreview</name>
    <message numerus="yes">
        <source>%n changed</source>
        <translation>
            <numerusform>%n changed</numerusform>
            <numerusform>%n changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n added</source>
        <translation>
            <numerusform>%n added</numerusform>
            <numerusform>%n added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed</source>
        <translation>
            <numerusform>%n removed</numerusform>
            <numerusform>%n removed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::FileRoutes</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n element(s)</source>
        <translation>
            <numerusform>%n element</numerusform>
            <numerusform>%n elements</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::GatewayBrowser</name>
    <message numerus="yes">
        <source>Showing %1 of %n route(s)</source>
        <translation>
            <numerusform>Showing %1 of %n route</numerusform>
            <numerusform>Showing %1 of %n routes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n route(s)</source>
        <translation>
            <numerusform>%n route</numerusform>
            <numerusform>%n routes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::OpenErrorsDialog</name>
    <message numerus="yes">
        <source>%n file(s) could not be opened as route(s).</source>
        <translation>
            <numerusform>%n file could not be opened as a route.</numerusform>
            <numerusform>%n files could not be opened as routes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::PercentagePage</name>
    <message numerus="yes">
        <source>Cloudflare accepts at most %n branch(es).</source>
        <translation>
            <numerusform>Cloudflare accepts at most %n branch.</numerusform>
            <numerusform>Cloudflare accepts at most %n branches.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::RouteDocument</name>
    <message numerus="yes">
        <source>Disconnect %n wire(s)</source>
        <translation>
            <numerusform>Disconnect %n wire</numerusform>
            <numerusform>Disconnect %n wires</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n element(s)</source>
        <translation>
            <numerusform>%n element</numerusform>
            <numerusform>%n elements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %1 and %n wire(s)</source>
        <translation>
            <numerusform>Delete %1 and %n wire</numerusform>
            <numerusform>Delete %1 and %n wires</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n elements</source>
        <translation>
            <numerusform>Move %n element</numerusform>
            <numerusform>Move %n elements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paste %n elements</source>
        <translation>
            <numerusform>Paste %n element</numerusform>
            <numerusform>Paste %n elements</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::RouteEditorPage</name>
    <message numerus="yes">
        <source>%n element(s)</source>
        <translation>
            <numerusform>%n element</numerusform>
            <numerusform>%n elements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Laying out %n element(s)…</source>
        <translation>
            <numerusform>Laying out %n element…</numerusform>
            <numerusform>Laying out %n elements…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::RouteSaveFlow</name>
    <message numerus="yes">
        <source>“%1” has %n error(s) that the API would reject.</source>
        <translation>
            <numerusform>“%1” has %n error that the API would reject.</numerusform>
            <numerusform>“%1” has %n errors that the API would reject.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::TracePanel</name>
    <message numerus="yes">
        <source>This draft has %n error(s): the API would refuse it as it is. The trace goes as far as the route lets it.</source>
        <translation>
            <numerusform>This draft has %n error: the API would refuse it as it is. The trace goes as far as the route lets it.</numerusform>
            <numerusform>This draft has %n errors: the API would refuse it as it is. The trace goes as far as the route lets it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::TrafficPanel</name>
    <message numerus="yes">
        <source>%1 on %n card(s): %2</source>
        <translation>
            <numerusform>%1 on %n card: %2</numerusform>
            <numerusform>%1 on %n cards: %2</numerusform>
        </translation>
    </message>
</context>
</TS>
