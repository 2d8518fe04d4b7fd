#include "app/sandbox/SandboxHttpParser.h"

#include <limits>

namespace rd {

namespace {

// RFC 9110 token characters: what a method and a header name may be made of.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(const QByteArray &text)
{
    if (text.isEmpty()) {
        return false;
    }
    for (const char c : text) {
        if (!isTokenChar(c)) {
            return false;
        }
    }
    return true;
}

// Field values may hold visible characters, spaces and tabs; NUL, CR, LF and other controls are how header
// injection and smuggling start.
bool isFieldValue(const QByteArray &value)
{
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f) {
            return false;
        }
    }
    return true;
}

// Digits only; absurdly long values clamp to the largest qint64 (and then fail the size limit, as they should).
std::optional<qint64> parseLength(QByteArray text)
{
    text = text.trimmed();
    if (text.isEmpty()) {
        return std::nullopt;
    }
    qint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        if (value > (std::numeric_limits<qint64>::max() - 9) / 10) {
            value = std::numeric_limits<qint64>::max();
        } else {
            value = value * 10 + (c - '0');
        }
    }
    return value;
}

bool hasToken(const QByteArray &list, const char *token)
{
    for (const QByteArray &item : list.split(',')) {
        if (item.trimmed().compare(token, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

QString printable(const QByteArray &text)
{
    QString out = QString::fromLatin1(text.left(40));
    for (QChar &c : out) {
        if (c.unicode() < 0x20 || c.unicode() >= 0x7f) {
            c = QLatin1Char('?');
        }
    }
    return out;
}

} // namespace

QByteArray SandboxHttpHead::header(const QByteArray &lowerCaseName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerCaseName) {
            return value;
        }
    }
    return {};
}

void SandboxHttpParser::reset()
{
    m_state = State::Head;
    m_head = {};
    m_body.clear();
    m_headScanned = 0;
    m_chunkLeft = 0;
    m_bodyAllowed = false;
    m_requestLineSeen = false;
    m_errorStatus = 0;
    m_errorMessage.clear();
}

SandboxHttpParser::Step SandboxHttpParser::fail(int status, QString message)
{
    m_state = State::Failed;
    m_errorStatus = status;
    m_errorMessage = std::move(message);
    return Step::Failed;
}

std::optional<QByteArray> SandboxHttpParser::takeLine(QByteArray &buffer)
{
    const qsizetype newline = buffer.indexOf('\n');
    if (newline < 0) {
        return std::nullopt;
    }
    // CRLF is the rule; a bare LF is accepted as RFC 9112 allows. A CR anywhere else is caught by the
    // field-value check.
    QByteArray line = buffer.left(newline > 0 && buffer[newline - 1] == '\r' ? newline - 1 : newline);
    buffer.remove(0, newline + 1);
    return line;
}

SandboxHttpParser::Step SandboxHttpParser::parse(QByteArray &buffer)
{
    switch (m_state) {
    case State::Head:
        return parseHead(buffer);
    case State::WaitBody:
        if (!m_bodyAllowed) {
            return Step::HeadReady;
        }
        m_state = m_head.chunked ? State::ChunkSize : State::Body;
        return parse(buffer);
    case State::Body:
        return parseBody(buffer);
    case State::ChunkSize:
    case State::ChunkData:
    case State::ChunkEnd:
    case State::Trailers:
        return parseChunked(buffer);
    case State::Done:
        return Step::Done;
    case State::Failed:
        return Step::Failed;
    }
    return Step::Failed;
}

SandboxHttpParser::Step SandboxHttpParser::parseHead(QByteArray &buffer)
{
    while (true) {
        const qsizetype before = buffer.size();
        std::optional<QByteArray> line = takeLine(buffer);
        if (!line) {
            if (!m_requestLineSeen && buffer.size() > m_limits.maxRequestLineBytes) {
                return fail(
                    414, QStringLiteral("The request line is longer than %1 bytes.").arg(m_limits.maxRequestLineBytes));
            }
            if (m_headScanned + buffer.size() > m_limits.maxHeadBytes) {
                return fail(431,
                            QStringLiteral("The request headers are larger than %1 bytes.").arg(m_limits.maxHeadBytes));
            }
            return Step::NeedMore;
        }
        m_headScanned += before - buffer.size();
        if (m_headScanned > m_limits.maxHeadBytes) {
            return fail(431,
                        QStringLiteral("The request headers are larger than %1 bytes.").arg(m_limits.maxHeadBytes));
        }
        if (!m_requestLineSeen) {
            if (line->isEmpty()) {
                continue; // a stray CRLF after the previous request's body is allowed
            }
            if (line->size() > m_limits.maxRequestLineBytes) {
                return fail(
                    414, QStringLiteral("The request line is longer than %1 bytes.").arg(m_limits.maxRequestLineBytes));
            }
            if (!parseRequestLine(*line)) {
                return Step::Failed;
            }
            m_requestLineSeen = true;
            continue;
        }
        if (line->isEmpty()) {
            if (!finishHead()) {
                return Step::Failed;
            }
            m_state = State::WaitBody;
            return Step::HeadReady;
        }
        if (!parseHeaderLine(*line)) {
            return Step::Failed;
        }
    }
}

bool SandboxHttpParser::parseRequestLine(const QByteArray &line)
{
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty()) {
        fail(400, QStringLiteral("The request line is not \"METHOD /path HTTP/1.1\"."));
        return false;
    }
    const QByteArray &version = parts[2];
    if (!version.startsWith("HTTP/") || version.size() != 8 || version[6] != '.' || version[5] < '0' ||
        version[5] > '9' || version[7] < '0' || version[7] > '9') {
        fail(400, QStringLiteral("The request line names no HTTP version."));
        return false;
    }
    if (version[5] != '1') {
        fail(505, QStringLiteral("Only HTTP/1.0 and HTTP/1.1 are spoken here, not %1.").arg(printable(version)));
        return false;
    }
    if (!parts[1].startsWith('/')) {
        fail(400, QStringLiteral("The request target must be a path starting with '/'."));
        return false;
    }
    for (const char c : parts[1]) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f) {
            fail(400, QStringLiteral("The request target holds characters that must be percent-encoded."));
            return false;
        }
    }
    m_head.method = parts[0];
    m_head.target = parts[1];
    m_head.minorVersion = version[7] - '0';
    return true;
}

bool SandboxHttpParser::parseHeaderLine(const QByteArray &line)
{
    if (line.front() == ' ' || line.front() == '\t') {
        fail(400, QStringLiteral("Folded header lines are not accepted."));
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    const QByteArray name = colon < 0 ? QByteArray() : line.left(colon);
    if (!isToken(name)) {
        fail(400, QStringLiteral("A header line is not \"Name: value\": %1").arg(printable(line)));
        return false;
    }
    const QByteArray value = line.mid(colon + 1).trimmed();
    if (!isFieldValue(value)) {
        fail(400, QStringLiteral("The %1 header holds control characters.").arg(printable(name)));
        return false;
    }
    if (m_head.headers.size() >= m_limits.maxHeaders) {
        fail(431, QStringLiteral("The request has more than %1 headers.").arg(m_limits.maxHeaders));
        return false;
    }
    m_head.headers.append({name.toLower(), value});
    return true;
}

bool SandboxHttpParser::finishHead()
{
    bool sawTransferEncoding = false;
    QByteArray connection;
    for (const auto &[name, value] : m_head.headers) {
        if (name == "content-length") {
            // "5, 5" and repeated equal headers are one length; anything else is two ideas of where the body
            // ends, which is how request smuggling works.
            for (const QByteArray &item : value.split(',')) {
                const std::optional<qint64> length = parseLength(item);
                if (!length) {
                    fail(400, QStringLiteral("Content-Length is not a number: %1").arg(printable(value)));
                    return false;
                }
                if (m_head.contentLength && *m_head.contentLength != *length) {
                    fail(400, QStringLiteral("The request has conflicting Content-Length headers."));
                    return false;
                }
                m_head.contentLength = length;
            }
        } else if (name == "transfer-encoding") {
            if (value.trimmed().compare("chunked", Qt::CaseInsensitive) != 0 || sawTransferEncoding) {
                fail(501, QStringLiteral("Transfer-Encoding %1 is not supported; send Content-Length or chunked.")
                              .arg(printable(value)));
                return false;
            }
            sawTransferEncoding = true;
        } else if (name == "connection") {
            connection += value + ',';
        } else if (name == "expect") {
            if (value.compare("100-continue", Qt::CaseInsensitive) != 0) {
                fail(417, QStringLiteral("Only \"Expect: 100-continue\" is understood."));
                return false;
            }
            m_head.expectsContinue = true;
        }
    }
    if (sawTransferEncoding && (m_head.contentLength || m_head.minorVersion == 0)) {
        fail(400, QStringLiteral("A request may not carry both Transfer-Encoding and Content-Length."));
        return false;
    }
    if (m_head.minorVersion == 1 && m_head.header("host").isEmpty()) {
        fail(400, QStringLiteral("An HTTP/1.1 request must carry a Host header."));
        return false;
    }
    m_head.chunked = sawTransferEncoding;
    m_head.keepAlive = m_head.minorVersion == 1 ? !hasToken(connection, "close") : hasToken(connection, "keep-alive");
    return true;
}

SandboxHttpParser::Step SandboxHttpParser::parseBody(QByteArray &buffer)
{
    const qint64 length = m_head.contentLength.value_or(0);
    if (length > m_limits.maxBodyBytes) {
        return fail(413, QStringLiteral("The request body is %1 bytes; the limit is %2 bytes.")
                             .arg(length)
                             .arg(m_limits.maxBodyBytes));
    }
    if (m_body.isEmpty() && length > 0) {
        m_body.reserve(static_cast<qsizetype>(length));
    }
    const qsizetype take = std::min<qsizetype>(buffer.size(), static_cast<qsizetype>(length) - m_body.size());
    m_body.append(buffer.constData(), take);
    buffer.remove(0, take);
    if (m_body.size() < length) {
        return Step::NeedMore;
    }
    m_state = State::Done;
    return Step::Done;
}

SandboxHttpParser::Step SandboxHttpParser::parseChunked(QByteArray &buffer)
{
    constexpr qsizetype kMaxChunkLine = 1024;
    while (true) {
        switch (m_state) {
        case State::ChunkSize: {
            std::optional<QByteArray> line = takeLine(buffer);
            if (!line) {
                if (buffer.size() > kMaxChunkLine) {
                    return fail(400, QStringLiteral("A chunk size line is longer than %1 bytes.").arg(kMaxChunkLine));
                }
                return Step::NeedMore;
            }
            const qsizetype semicolon = line->indexOf(';'); // extensions are ignored
            const QByteArray digits = (semicolon < 0 ? *line : line->left(semicolon)).trimmed();
            bool ok = digits.size() <= 15 && !digits.isEmpty();
            const qint64 size = ok ? digits.toLongLong(&ok, 16) : 0;
            if (!ok || size < 0) {
                return fail(400, QStringLiteral("A chunk size is not a hexadecimal number."));
            }
            if (m_body.size() + size > m_limits.maxBodyBytes) {
                return fail(
                    413, QStringLiteral("The request body is over the limit of %1 bytes.").arg(m_limits.maxBodyBytes));
            }
            m_chunkLeft = size;
            m_state = size == 0 ? State::Trailers : State::ChunkData;
            break;
        }
        case State::ChunkData: {
            const qsizetype take = std::min<qsizetype>(buffer.size(), static_cast<qsizetype>(m_chunkLeft));
            m_body.append(buffer.constData(), take);
            buffer.remove(0, take);
            m_chunkLeft -= take;
            if (m_chunkLeft > 0) {
                return Step::NeedMore;
            }
            m_state = State::ChunkEnd;
            break;
        }
        case State::ChunkEnd: {
            std::optional<QByteArray> line = takeLine(buffer);
            if (!line) {
                return buffer.size() > 2 ? fail(400, QStringLiteral("A chunk is longer than its size says."))
                                         : Step::NeedMore;
            }
            if (!line->isEmpty()) {
                return fail(400, QStringLiteral("A chunk is longer than its size says."));
            }
            m_state = State::ChunkSize;
            break;
        }
        case State::Trailers: {
            const qsizetype before = buffer.size();
            std::optional<QByteArray> line = takeLine(buffer);
            if (!line) {
                if (m_headScanned + buffer.size() > m_limits.maxHeadBytes) {
                    return fail(431, QStringLiteral("The request trailers are too large."));
                }
                return Step::NeedMore;
            }
            m_headScanned += before - buffer.size(); // trailers count against the head's budget
            if (m_headScanned > m_limits.maxHeadBytes) {
                return fail(431, QStringLiteral("The request trailers are too large."));
            }
            if (line->isEmpty()) {
                m_state = State::Done;
                return Step::Done;
            }
            break; // trailer fields are read and ignored
        }
        case State::Head:
        case State::WaitBody:
        case State::Body:
        case State::Done:
        case State::Failed:
            return parse(buffer);
        }
    }
}

} // namespace rd
