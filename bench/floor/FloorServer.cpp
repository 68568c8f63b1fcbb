// parley_floor: the least a chat broadcast server can spend, as a measuring instrument for
// bench/peers.mjs (not a product). One thread, one epoll loop, no Qt: it speaks the same JSON
// shapes as the `ws` peer (Parley's v1: hello → welcome, chat → chat to every *other* client,
// the user count to everyone), encodes each broadcast frame once and writes it with one send()
// per recipient. What it leaves out is what a real server needs and the floor does not: history,
// limits, validation beyond finding the fields, resumes.
//   parley_floor PORT      prints "listening on ws://127.0.0.1:PORT/" (PORT 0: any free one)
//
// Counts are sent once per loop turn in which someone joined or left (everyone gets the latest
// count), the least work that still tells everyone the right number.
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/sha.h>
#include <string>
#include <string_view>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace {

constexpr size_t MaxPayload = 64 * 1024;
constexpr size_t ReadChunk = 64 * 1024;

struct Connection
{
    int fd = -1;
    bool upgraded = false;
    bool wantsWrite = false;
    std::string in;
    std::string out; // what the kernel did not take yet
    std::string name = "guest";
};

std::string base64(const unsigned char *data, size_t size)
{
    static constexpr char Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (size_t i = 0; i < size; i += 3) {
        const unsigned v = unsigned(data[i]) << 16 | (i + 1 < size ? unsigned(data[i + 1]) << 8 : 0) |
                           (i + 2 < size ? unsigned(data[i + 2]) : 0);
        out += Alphabet[(v >> 18) & 63];
        out += Alphabet[(v >> 12) & 63];
        out += i + 1 < size ? Alphabet[(v >> 6) & 63] : '=';
        out += i + 2 < size ? Alphabet[v & 63] : '=';
    }
    return out;
}

/// An unmasked server text frame around payload.
std::string textFrame(std::string_view payload)
{
    std::string frame;
    frame.reserve(payload.size() + 10);
    frame += char(0x81);
    if (payload.size() < 126) {
        frame += char(payload.size());
    } else if (payload.size() < 65536) {
        frame += char(126);
        frame += char(payload.size() >> 8);
        frame += char(payload.size() & 0xff);
    } else {
        frame += char(127);
        for (int shift = 56; shift >= 0; shift -= 8)
            frame += char((uint64_t(payload.size()) >> shift) & 0xff);
    }
    frame += payload;
    return frame;
}

/// The raw (still JSON-escaped) string value of "key" in a flat JSON object, or empty.
std::string_view stringField(std::string_view json, std::string_view key)
{
    const std::string pattern = "\"" + std::string(key) + "\":\"";
    const size_t start = json.find(pattern);
    if (start == std::string_view::npos)
        return {};
    const size_t from = start + pattern.size();
    for (size_t i = from; i < json.size(); ++i) {
        if (json[i] == '\\')
            ++i;
        else if (json[i] == '"')
            return json.substr(from, i - from);
    }
    return {};
}

class Floor
{
public:
    explicit Floor(int port)
    {
        m_listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        const int one = 1;
        setsockopt(m_listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(uint16_t(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
            listen(m_listener, 4096) != 0) {
            std::perror("parley_floor: listen");
            std::exit(1);
        }
        socklen_t length = sizeof address;
        getsockname(m_listener, reinterpret_cast<sockaddr *>(&address), &length);
        m_epoll = epoll_create1(EPOLL_CLOEXEC);
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.fd = m_listener;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_listener, &event);
        std::printf("listening on ws://127.0.0.1:%d/\n", ntohs(address.sin_port));
        std::fflush(stdout);
    }

    [[noreturn]] void run()
    {
        epoll_event events[256];
        for (;;) {
            const int count = epoll_wait(m_epoll, events, 256, -1);
            for (int i = 0; i < count; ++i) {
                const int fd = events[i].data.fd;
                if (fd == m_listener) {
                    acceptAll();
                    continue;
                }
                const auto found = m_connections.find(fd);
                if (found == m_connections.end())
                    continue; // closed earlier in this turn
                Connection &connection = *found->second;
                if (connection.fd >= 0 && (events[i].events & EPOLLOUT))
                    flush(connection);
                if (connection.fd >= 0 && (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
                    readFrom(connection);
            }
            for (const int fd : m_closed)
                m_connections.erase(fd);
            m_closed.clear();
            if (m_countChanged) {
                m_countChanged = false;
                const std::string frame =
                    textFrame(R"({"type":"users","count":)" + std::to_string(m_users) + "}");
                for (auto &[fd, connection] : m_connections)
                    if (connection->upgraded)
                        send(*connection, frame);
            }
        }
    }

private:
    void acceptAll()
    {
        for (;;) {
            const int fd = accept4(m_listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0)
                return;
            const int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            // The number of a connection closed earlier in this turn, not yet forgotten.
            m_connections.erase(fd);
            std::erase(m_closed, fd);
            auto connection = std::make_unique<Connection>();
            connection->fd = fd;
            epoll_event event{};
            event.events = EPOLLIN;
            event.data.fd = fd;
            epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
            m_connections.emplace(fd, std::move(connection));
        }
    }

    void readFrom(Connection &connection)
    {
        char buffer[ReadChunk];
        for (;;) {
            const ssize_t n = recv(connection.fd, buffer, sizeof buffer, 0);
            if (n > 0) {
                connection.in.append(buffer, size_t(n));
                continue;
            }
            if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
                close(connection);
                return;
            }
            if (errno != EINTR)
                break;
        }
        if (!connection.upgraded && !handshake(connection))
            return;
        parseFrames(connection);
    }

    bool handshake(Connection &connection)
    {
        const size_t end = connection.in.find("\r\n\r\n");
        if (end == std::string::npos)
            return false;
        const std::string_view request(connection.in.data(), end);
        constexpr std::string_view KeyHeader = "Sec-WebSocket-Key:";
        const size_t at = request.find(KeyHeader);
        if (at == std::string_view::npos) {
            close(connection);
            return false;
        }
        size_t from = at + KeyHeader.size();
        while (from < request.size() && request[from] == ' ')
            ++from;
        const size_t to = request.find("\r\n", from);
        std::string key(request.substr(from, (to == std::string_view::npos ? request.size() : to) - from));
        key += "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
        unsigned char digest[SHA_DIGEST_LENGTH];
        SHA1(reinterpret_cast<const unsigned char *>(key.data()), key.size(), digest);
        send(connection, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                         "Sec-WebSocket-Accept: " +
                             base64(digest, sizeof digest) + "\r\n\r\n");
        connection.in.erase(0, end + 4);
        connection.upgraded = true;
        ++m_users;
        m_countChanged = true;
        return true;
    }

    void parseFrames(Connection &connection)
    {
        size_t at = 0;
        std::string &in = connection.in;
        while (in.size() - at >= 2) {
            const auto byte = [&](size_t i) { return uint8_t(in[at + i]); };
            const int opcode = byte(0) & 0x0f;
            uint64_t length = byte(1) & 0x7f;
            size_t header = 2;
            if (length == 126) {
                if (in.size() - at < 4)
                    break;
                length = uint64_t(byte(2)) << 8 | byte(3);
                header = 4;
            } else if (length == 127) {
                if (in.size() - at < 10)
                    break;
                length = 0;
                for (size_t i = 2; i < 10; ++i)
                    length = length << 8 | byte(i);
                header = 10;
            }
            if (length > MaxPayload) {
                close(connection);
                return;
            }
            const bool masked = byte(1) & 0x80;
            const size_t maskAt = header;
            header += masked ? 4 : 0;
            if (in.size() - at < header + length)
                break;
            char *payload = in.data() + at + header;
            if (masked)
                for (size_t i = 0; i < length; ++i)
                    payload[i] ^= in[at + maskAt + (i & 3)];
            const std::string_view text(payload, size_t(length));
            at += header + size_t(length);
            if (opcode == 0x8) {
                close(connection);
                return;
            }
            if (opcode == 0x9) {
                std::string pong = textFrame(text);
                pong[0] = char(0x8a);
                send(connection, pong);
            } else if (opcode == 0x1) {
                onText(connection, text);
            }
        }
        in.erase(0, at);
    }

    void onText(Connection &connection, std::string_view text)
    {
        if (text.find(R"("type":"chat")") != std::string_view::npos) {
            std::string chat = R"({"type":"chat","seq":)" + std::to_string(++m_seq) + R"(,"ts":)" +
                               std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                  std::chrono::system_clock::now().time_since_epoch())
                                                  .count()) +
                               R"(,"from":")" + connection.name + R"(","name":")" + connection.name +
                               R"(","text":")" + std::string(stringField(text, "text")) + "\"}";
            const std::string frame = textFrame(chat); // once, for everyone
            for (auto &[fd, other] : m_connections)
                if (other.get() != &connection && other->upgraded)
                    send(*other, frame);
        } else if (text.find(R"("type":"hello")") != std::string_view::npos) {
            const std::string_view name = stringField(text, "name");
            if (!name.empty())
                connection.name = std::string(name);
            send(connection, textFrame(R"({"type":"welcome","protocol":1,"room":"floor","you":{"id":")" +
                                       connection.name + R"(","name":")" + connection.name + R"("}})"));
        }
    }

    void send(Connection &connection, std::string_view bytes)
    {
        if (connection.fd < 0)
            return;
        if (!connection.out.empty()) {
            connection.out.append(bytes);
            return;
        }
        const ssize_t n = ::send(connection.fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n == ssize_t(bytes.size()))
            return;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            close(connection);
            return;
        }
        connection.out.append(bytes.substr(n > 0 ? size_t(n) : 0));
        watchWrites(connection, true);
    }

    void flush(Connection &connection)
    {
        const ssize_t n = ::send(connection.fd, connection.out.data(), connection.out.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                close(connection);
            return;
        }
        connection.out.erase(0, size_t(n));
        if (connection.out.empty())
            watchWrites(connection, false);
    }

    void watchWrites(Connection &connection, bool on)
    {
        if (connection.wantsWrite == on)
            return;
        connection.wantsWrite = on;
        epoll_event event{};
        event.events = on ? EPOLLIN | EPOLLOUT : EPOLLIN;
        event.data.fd = connection.fd;
        epoll_ctl(m_epoll, EPOLL_CTL_MOD, connection.fd, &event);
    }

    /// Closes now; the entry goes at the end of the turn (a broadcast may be going over the map).
    void close(Connection &connection)
    {
        if (connection.fd < 0)
            return;
        if (connection.upgraded) {
            --m_users;
            m_countChanged = true;
        }
        ::close(connection.fd);
        m_closed.push_back(connection.fd);
        connection.fd = -1;
        connection.upgraded = false;
    }

    int m_listener = -1;
    int m_epoll = -1;
    std::unordered_map<int, std::unique_ptr<Connection>> m_connections;
    std::vector<int> m_closed;
    int m_users = 0;
    long long m_seq = 0;
    bool m_countChanged = false;
};

} // namespace

int main(int argc, char **argv)
{
    std::signal(SIGPIPE, SIG_IGN);
    std::signal(SIGTERM, [](int) { std::_Exit(0); });
    std::signal(SIGINT, [](int) { std::_Exit(0); });
    Floor(argc > 1 ? std::atoi(argv[1]) : 0).run();
}
