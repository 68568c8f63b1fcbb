// parley_load: drives a chat server through its own protocol and measures it from outside.
// One harness for every server in the comparison (bench/peers.mjs runs it):
//   --proto parley     Parley's v1 JSON over a plain WebSocket (parleyd and the `ws` gateway)
//                      (with --channels K --join J: protocol 2, every client in J of the K channels
//                      "c0"…"c<K-1>" that parleyd was started with, each sender posting in its first)
//   --proto socketio   Engine.IO 4 / Socket.IO 5 over a WebSocket (the NestJS gateway)
//
// Modes (each prints one JSON object on stdout):
//   fanout --clients N --senders S --messages M --rate R   S of the N clients send M chats each at
//          R per second (R = 0: as fast as possible, at most --window W undelivered each):
//          deliveries, losses, latency from send to every receipt, and the server's CPU time
//          per delivery (utime + stime of --pid from /proc, over the measured window).
//   idle   --steps 1000,2000,5000   opens connections up to each step and reports the server's
//          RSS once it is quiet, and the time each step took to connect. --collect-garbage yes:
//          SIGUSR2 to the server before each reading (the node peers then run their collector,
//          so the reading is not garbage left from the joins). --hold S: keeps the connections
//          open S seconds after the last reading (to look into the server meanwhile).
//   storm  --clients N --connect-rate R   opens N connections at R per second: the time until every
//          client has been told the right user count.
// A connection the server closes or resets (a listen queue overflowing in a storm does that) is
// opened again, as a client app would; every mode reports how many were.
//
// It must not be the bottleneck, so it is not built on QWebSocket (whose per-frame cost and
// poll() over every socket would saturate a core at ~50,000 receipts/s): a plain epoll loop
// and just enough WebSocket client framing (RFC 6455) to talk to the servers. Its own CPU time
// is reported next to the server's. The send time travels in the chat text (steady clock,
// nanoseconds), so latency needs no bookkeeping per message.
#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <map>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <string_view>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

long long nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

/// The fields of /proc/PID/stat after the command name (which may hold spaces), from the
/// state on; empty if the process is gone.
std::string statFields(long pid)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *file = std::fopen(path, "r");
    if (!file)
        return {};
    char buffer[4096];
    const size_t size = std::fread(buffer, 1, sizeof buffer - 1, file);
    std::fclose(file);
    buffer[size] = 0;
    const char *p = std::strrchr(buffer, ')');
    return p && p[1] == ' ' ? std::string(p + 2) : std::string();
}

/// CPU seconds (user + system) of a process, from /proc/PID/stat.
double cpuSeconds(long pid)
{
    unsigned long utime = 0, stime = 0;
    // state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    std::sscanf(statFields(pid).c_str(), "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime,
                &stime);
    return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

/// False once the process has exited (also while it waits, a zombie, for its parent to reap it).
bool running(long pid)
{
    const std::string fields = statFields(pid);
    return !fields.empty() && fields[0] != 'Z' && fields[0] != 'X';
}

/// Resident set size of a process in KiB, from /proc/PID/status.
long rssKiB(long pid)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%ld/status", pid);
    FILE *file = std::fopen(path, "r");
    if (!file)
        return 0;
    char line[256];
    long rss = 0;
    while (std::fgets(line, sizeof line, file)) {
        if (std::strncmp(line, "VmRSS:", 6) == 0)
            rss = std::atol(line + 6);
    }
    std::fclose(file);
    return rss;
}

long long numberAt(std::string_view text, size_t from)
{
    long long value = 0;
    for (size_t i = from; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
        value = value * 10 + (text[i] - '0');
    return value;
}

enum class Proto { Parley, SocketIo };

struct Options
{
    std::string host = "127.0.0.1";
    int port = 0;
    std::string path = "/";
    Proto proto = Proto::Parley;
    long pid = 0;
    int clients = 100;
    int senders = 10;
    int messages = 100;
    double rate = 10;
    int window = 16;
    double connectRate = 500;
    std::vector<int> steps{1000, 2000, 5000};
    int channels = 0; // > 0: protocol 2, in channels
    int join = 1;     // channels each client is in
    bool collectGarbage = false;
    int holdSeconds = 0;

    /// The channels (indices into c0…) client joins; its first is where it posts.
    std::vector<int> channelsOf(int client) const
    {
        std::vector<int> result;
        for (int j = 0; j < std::min(join, channels); ++j)
            result.push_back((client + j * std::max(1, channels / std::max(1, join))) % channels);
        return result;
    }
};

/// One WebSocket client connection: non-blocking socket, handshake, frames.
struct Connection
{
    int fd = -1;
    int index = 0;
    bool upgraded = false;
    bool joined = false;
    int lastCount = 0;
    int conversations = 0; // channels it was let into (protocol 2)
    std::string in;
    std::string out; // what the kernel did not take yet
};

class LoadGenerator
{
public:
    explicit LoadGenerator(const Options &options)
        : m_options(options)
        , m_epoll(epoll_create1(EPOLL_CLOEXEC))
    {}

    // Called for events; set by the modes.
    std::function<void(Connection &)> onJoined;
    std::function<void(Connection &, int old)> onCount;
    std::function<void(long long latencyNs, int sender, int message)> onChat;

    Connection &open()
    {
        auto connection = std::make_unique<Connection>();
        connection->index = int(m_connections.size());
        m_connections.push_back(std::move(connection));
        connect(*m_connections.back());
        return *m_connections.back();
    }

    size_t size() const { return m_connections.size(); }
    Connection &at(size_t i) { return *m_connections[i]; }
    int joined() const { return m_joined; }
    /// Connections the server dropped or refused, opened again as a client app would.
    int reconnects() const { return m_reconnects; }
    long long bytesReceived() const { return m_bytesReceived; }

    void sendChat(Connection &connection, int sender, int message)
    {
        char text[192];
        std::snprintf(text, sizeof text,
                      "t=%lld s=%d i=%d The quarterly review moved to room 4, bring the slides please",
                      nowNs(), sender, message);
        char payload[360];
        int size = 0;
        if (m_options.proto == Proto::Parley && m_options.channels > 0)
            size = std::snprintf(payload, sizeof payload,
                                 R"({"type":"chat","conversation":"%s","text":"%s","clientId":"c%d"})",
                                 m_channelIds[size_t(m_options.channelsOf(connection.index).front())].c_str(),
                                 text, message);
        else if (m_options.proto == Proto::Parley)
            size = std::snprintf(payload, sizeof payload, R"({"type":"chat","text":"%s","clientId":"c%d"})",
                                 text, message);
        else
            size = std::snprintf(payload, sizeof payload, R"(42["chat",{"text":"%s"}])", text);
        sendText(connection, std::string_view(payload, size_t(size)));
    }

    /// Waits for socket events for up to timeoutMs and handles them.
    void poll(int timeoutMs)
    {
        epoll_event events[256];
        const int count = epoll_wait(m_epoll, events, 256, timeoutMs);
        for (int i = 0; i < count; ++i) {
            Connection &connection = *m_connections[events[i].data.u32];
            if (events[i].events & EPOLLOUT)
                flush(connection);
            if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
                read(connection);
        }
    }

    [[noreturn]] static void die(const char *what)
    {
        std::fprintf(stderr, "parley_load: %s: %s\n", what, std::strerror(errno));
        std::exit(1);
    }

private:
    void connect(Connection &connection)
    {
        connection.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (connection.fd < 0)
            die("socket");
        const int one = 1;
        setsockopt(connection.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(uint16_t(m_options.port));
        inet_pton(AF_INET, m_options.host.c_str(), &address.sin_addr);
        if (::connect(connection.fd, reinterpret_cast<sockaddr *>(&address), sizeof address) < 0 &&
            errno != EINPROGRESS)
            die("connect");
        connection.out = "GET " + m_options.path + " HTTP/1.1\r\nHost: " + m_options.host + ":" +
                         std::to_string(m_options.port) +
                         "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        epoll_event event{};
        event.events = EPOLLIN | EPOLLOUT;
        event.data.u32 = uint32_t(connection.index);
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, connection.fd, &event);
    }

    /// The server closed or reset the connection (an overflowing listen queue does this in a
    /// storm): forget it and connect again, as a client app would.
    void reconnect(Connection &connection, int error)
    {
        if (m_reconnects++ < 3)
            std::fprintf(stderr, "parley_load: connection %d lost (%s), connecting again\n", connection.index,
                         error ? std::strerror(error) : "closed by the server");
        ::close(connection.fd); // also removes it from the epoll set
        if (connection.joined)
            --m_joined;
        connection.upgraded = connection.joined = false;
        connection.in.clear();
        setCount(connection, 0);
        connect(connection);
    }

    void sendText(Connection &connection, std::string_view payload)
    {
        // Client frames are masked (RFC 6455 5.3); a zero key keeps the payload as it is.
        std::string frame;
        frame.reserve(payload.size() + 14);
        frame.push_back(char(0x81));
        if (payload.size() < 126) {
            frame.push_back(char(0x80 | payload.size()));
        } else {
            frame.push_back(char(0x80 | 126));
            frame.push_back(char(payload.size() >> 8));
            frame.push_back(char(payload.size() & 0xff));
        }
        frame.append(4, '\0');
        frame.append(payload);
        sendRaw(connection, frame);
    }

    void sendRaw(Connection &connection, std::string_view bytes)
    {
        if (connection.out.empty()) {
            const ssize_t written = ::send(connection.fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (written == ssize_t(bytes.size()))
                return;
            bytes.remove_prefix(written > 0 ? size_t(written) : 0);
        }
        connection.out.append(bytes);
        watch(connection, EPOLLIN | EPOLLOUT);
    }

    void flush(Connection &connection)
    {
        while (!connection.out.empty()) {
            const ssize_t written =
                ::send(connection.fd, connection.out.data(), connection.out.size(), MSG_NOSIGNAL);
            if (written <= 0)
                return; // EAGAIN: EPOLLOUT stays on
            connection.out.erase(0, size_t(written));
        }
        watch(connection, EPOLLIN);
    }

    void watch(Connection &connection, uint32_t events)
    {
        epoll_event event{};
        event.events = events;
        event.data.u32 = uint32_t(connection.index);
        epoll_ctl(m_epoll, EPOLL_CTL_MOD, connection.fd, &event);
    }

    void read(Connection &connection)
    {
        char buffer[65536];
        for (;;) {
            const ssize_t size = ::recv(connection.fd, buffer, sizeof buffer, 0);
            if (size == 0 || (size < 0 && errno != EAGAIN && errno != EINTR)) {
                reconnect(connection, size < 0 ? errno : 0);
                return;
            }
            if (size < 0)
                break;
            connection.in.append(buffer, size_t(size));
            m_bytesReceived += size;
            if (size < ssize_t(sizeof buffer))
                break;
        }
        size_t at = 0;
        if (!connection.upgraded) {
            const size_t end = connection.in.find("\r\n\r\n");
            if (end == std::string::npos)
                return;
            if (connection.in.compare(9, 3, "101") != 0) {
                std::fprintf(stderr, "parley_load: handshake refused: %s\n",
                             connection.in.substr(0, end).c_str());
                std::exit(1);
            }
            connection.upgraded = true;
            at = end + 4;
            if (m_options.proto == Proto::Parley) {
                char hello[64];
                const int size =
                    std::snprintf(hello, sizeof hello, R"({"type":"hello","name":"u%d"%s})", connection.index,
                                  m_options.channels > 0 ? R"(,"protocol":2)" : "");
                sendText(connection, std::string_view(hello, size_t(size)));
            }
        }
        // Server frames are not masked.
        for (;;) {
            const size_t available = connection.in.size() - at;
            if (available < 2)
                break;
            const auto *bytes = reinterpret_cast<const unsigned char *>(connection.in.data() + at);
            const int opcode = bytes[0] & 0x0f;
            size_t length = bytes[1] & 0x7f;
            size_t header = 2;
            if (length == 126) {
                if (available < 4)
                    break;
                length = (size_t(bytes[2]) << 8) | bytes[3];
                header = 4;
            } else if (length == 127) {
                if (available < 10)
                    break;
                length = 0;
                for (int i = 2; i < 10; ++i)
                    length = (length << 8) | bytes[i];
                header = 10;
            }
            if (available < header + length)
                break;
            const std::string_view payload(connection.in.data() + at + header, length);
            at += header + length;
            if (opcode == 0x1)
                onText(connection, payload);
            else if (opcode == 0x9) // ping: answer with a pong carrying the same payload
                sendControl(connection, 0xA, payload);
        }
        connection.in.erase(0, at);
    }

    void sendControl(Connection &connection, int opcode, std::string_view payload)
    {
        std::string frame;
        frame.push_back(char(0x80 | opcode));
        frame.push_back(char(0x80 | payload.size()));
        frame.append(4, '\0');
        frame.append(payload);
        sendRaw(connection, frame);
    }

    void onText(Connection &connection, std::string_view text)
    {
        if (m_options.proto == Proto::SocketIo) {
            if (text == "2") { // Engine.IO ping
                sendText(connection, "3");
                return;
            }
            if (text.starts_with('0')) { // Engine.IO open: connect to the default namespace
                sendText(connection, "40");
                return;
            }
            if (text.starts_with("40")) {
                join(connection);
                return;
            }
            if (text.starts_with(R"(42["users",)")) {
                setCount(connection, int(numberAt(text, 11)));
                return;
            }
        } else {
            if (text.find(R"("type":"users")") != std::string_view::npos) {
                setCount(connection, int(numberAt(text, text.find(R"("count":)") + 8)));
                return;
            }
            if (!connection.joined && text.find(R"("type":"welcome")") != std::string_view::npos) {
                if (m_options.channels == 0) {
                    join(connection);
                    return;
                }
                if (m_channelIds.empty())
                    readChannelIds(text);
                for (const int channel : m_options.channelsOf(connection.index)) {
                    const std::string frame = R"({"type":"join_channel","conversation":")" +
                                              m_channelIds[size_t(channel)] + R"("})";
                    sendText(connection, frame);
                }
                return;
            }
            if (!connection.joined && text.find(R"("type":"conversation")") != std::string_view::npos) {
                if (++connection.conversations == int(m_options.channelsOf(connection.index).size()))
                    join(connection);
                return;
            }
        }
        const size_t t = text.find("t=");
        if (t == std::string_view::npos || !onChat)
            return;
        const long long sent = numberAt(text, t + 2);
        const size_t s = text.find("s=", t);
        const size_t i = text.find("i=", s);
        onChat(nowNs() - sent, int(numberAt(text, s + 2)), int(numberAt(text, i + 2)));
    }

    /// The ids of c0…c<K-1> from a welcome's conversation list (keys are sorted: "id" comes
    /// before "name" in each object).
    void readChannelIds(std::string_view welcome)
    {
        m_channelIds.assign(size_t(m_options.channels), {});
        for (int k = 0; k < m_options.channels; ++k) {
            const std::string name = R"("name":"c)" + std::to_string(k) + R"(")";
            const size_t at = welcome.find(name);
            const size_t id = at == std::string_view::npos ? at : welcome.rfind(R"("id":")", at);
            if (id == std::string_view::npos) {
                std::fprintf(stderr, "parley_load: the server has no channel c%d (start it with --channel)\n",
                             k);
                std::exit(1);
            }
            const size_t start = id + 6;
            m_channelIds[size_t(k)] = std::string(welcome.substr(start, welcome.find('"', start) - start));
        }
    }

    void join(Connection &connection)
    {
        connection.joined = true;
        ++m_joined;
        if (onJoined)
            onJoined(connection);
    }

    void setCount(Connection &connection, int count)
    {
        const int old = connection.lastCount;
        connection.lastCount = count;
        if (onCount)
            onCount(connection, old);
    }

    Options m_options;
    int m_epoll;
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::vector<std::string> m_channelIds; // of c0, c1, … (protocol 2)
    int m_joined = 0;
    int m_reconnects = 0;
    long long m_bytesReceived = 0;
};

double percentile(std::vector<long long> &values, double p)
{
    if (values.empty())
        return 0;
    const size_t k = std::min(values.size() - 1, size_t(p * double(values.size())));
    std::nth_element(values.begin(), values.begin() + long(k), values.end());
    return double(values[k]) / 1e6;
}

class Modes
{
public:
    explicit Modes(const Options &options)
        : m_options(options)
        , m_load(options)
    {}

    /// Opens count more connections, with at most 200 handshakes in flight (a burst of
    /// thousands of SYNs would overflow the listen backlog and measure retransmission timers).
    bool openMore(int count)
    {
        const size_t target = m_load.size() + size_t(count);
        // A server that tells everyone of every join (the node peers) takes O(N²) frames: the lean
        // `ws` peer needs about 25 minutes from 5,000 to 10,000 on this machine.
        const auto deadline = Clock::now() + std::chrono::minutes(40);
        while (size_t(m_load.joined()) < target) {
            while (m_load.size() < target && m_load.size() - size_t(m_load.joined()) < 200)
                m_load.open();
            m_load.poll(50);
            if (Clock::now() > deadline)
                return fail("not every client could join");
            if (serverExited())
                return fail("the server exited");
        }
        return true;
    }

    /// Handles events until the server's queues are drained: in a second it used under 10 ms
    /// of CPU, or for two seconds in a row it sent hardly more than a ping per connection and
    /// used under a fifth of a core (a server that pings everyone keeps some work going: at
    /// 10,000 connections Parley's heartbeat alone costs several percent, and the 10 ms were
    /// never reached; a garbage collector at work sends nothing but uses the CPU).
    void settle()
    {
        double last = cpuSeconds(m_options.pid);
        long long lastReceived = m_load.bytesReceived();
        auto windowStart = Clock::now();
        const auto deadline = Clock::now() + std::chrono::minutes(10);
        int quiet = 0;
        while (Clock::now() < deadline) {
            m_load.poll(50);
            if (Clock::now() - windowStart >= std::chrono::seconds(1)) {
                const double now = cpuSeconds(m_options.pid);
                const long long received = m_load.bytesReceived();
                if (now - last < 0.01)
                    return;
                const bool onlyPings = received - lastReceived < 16 * (long long)m_load.size();
                quiet = onlyPings && now - last < 0.2 ? quiet + 1 : 0;
                if (quiet == 2)
                    return;
                last = now;
                lastReceived = received;
                windowStart = Clock::now();
            }
        }
    }

    int fanout()
    {
        const Options &o = m_options;
        if (!openMore(o.clients))
            return 1;
        settle();
        // Every chat reaches the other members of its conversation.
        std::vector<int> recipients(size_t(o.senders), o.clients - 1);
        if (o.channels > 0) {
            std::vector<int> members(size_t(o.channels), 0);
            for (int client = 0; client < o.clients; ++client)
                for (const int channel : o.channelsOf(client))
                    ++members[size_t(channel)];
            for (int sender = 0; sender < o.senders; ++sender)
                recipients[size_t(sender)] = members[size_t(o.channelsOf(sender).front())] - 1;
        }
        long long expected = 0;
        for (const int count : recipients)
            expected += (long long)o.messages * count;
        std::vector<long long> latencies;
        if (o.rate > 0)
            latencies.reserve(size_t(expected));
        long long received = 0;
        long long lastReceipt = 0;
        std::vector<int> sent(size_t(o.senders), 0);
        std::unordered_map<long long, int> pending; // max rate: (sender, message) -> receipts
        auto sendNext = [&](int sender) {
            if (sent[size_t(sender)] < o.messages)
                m_load.sendChat(m_load.at(size_t(sender)), sender, sent[size_t(sender)]++);
        };
        m_load.onChat = [&](long long latency, int sender, int message) {
            ++received;
            lastReceipt = nowNs();
            if (o.rate > 0) {
                latencies.push_back(latency);
                return;
            }
            const long long key = ((long long)sender << 32) | message;
            if (++pending[key] == recipients[size_t(sender)]) {
                pending.erase(key);
                sendNext(sender);
            }
        };

        const double cpuBefore = cpuSeconds(o.pid);
        const double selfBefore = cpuSeconds(getpid());
        const long long start = nowNs();
        // Fixed rate: sender k sends message i at start + (i + k / S) / R seconds.
        const double interval = o.rate > 0 ? 1e9 / o.rate : 0;
        if (o.rate <= 0) {
            for (int sender = 0; sender < o.senders; ++sender)
                for (int i = 0; i < o.window; ++i)
                    sendNext(sender);
        }
        long long quietSince = nowNs();
        long long seen = -1;
        for (;;) {
            bool allSent = true;
            long long nextDue = -1;
            if (o.rate > 0) {
                const long long now = nowNs();
                for (int sender = 0; sender < o.senders; ++sender) {
                    long long due = 0;
                    while (sent[size_t(sender)] < o.messages &&
                           (due = start + (long long)((sent[size_t(sender)] + double(sender) / o.senders) *
                                                      interval)) <= now)
                        sendNext(sender);
                    if (sent[size_t(sender)] < o.messages) {
                        allSent = false;
                        nextDue = nextDue < 0 ? due : std::min(nextDue, due);
                    }
                }
            } else {
                allSent = std::all_of(sent.cbegin(), sent.cend(), [&](int n) { return n >= o.messages; });
            }
            if (received >= expected)
                break;
            if (received != seen) {
                seen = received;
                quietSince = nowNs();
            }
            if (allSent && nowNs() - quietSince > 3'000'000'000LL)
                break; // nothing more is coming
            if (serverExited()) {
                fail("the server exited");
                return 1;
            }
            const int timeoutMs = nextDue < 0 ? 50 : int(std::max(0LL, (nextDue - nowNs()) / 1'000'000));
            m_load.poll(timeoutMs);
        }
        const double seconds = double((lastReceipt > 0 ? lastReceipt : nowNs()) - start) / 1e9;
        const double serverCpu = cpuSeconds(o.pid) - cpuBefore;
        const double selfCpu = cpuSeconds(getpid()) - selfBefore;
        std::printf(
            R"({"mode":"fanout","clients":%d,"senders":%d,"messages":%d,"rate":%g,"window":%d,)"
            R"("expected":%lld,"delivered":%lld,"lost":%lld,"seconds":%.3f,"deliveriesPerSecond":%.0f,)"
            R"("serverCpuSeconds":%.3f,"serverCpuUsPerDelivery":%.3f,"loadCpuSeconds":%.3f,"loadCpuPercent":%.1f,)"
            R"("reconnects":%d)",
            o.clients, o.senders, o.messages, o.rate, o.window, expected, received, expected - received,
            seconds, double(received) / seconds, serverCpu,
            received > 0 ? serverCpu * 1e6 / double(received) : 0.0, selfCpu, 100 * selfCpu / seconds,
            m_load.reconnects());
        if (o.rate > 0)
            std::printf(R"(,"p50Ms":%.3f,"p99Ms":%.3f,"maxMs":%.3f)", percentile(latencies, 0.5),
                        percentile(latencies, 0.99), percentile(latencies, 1.0));
        std::printf("}\n");
        return 0;
    }

    int idle()
    {
        std::printf(R"({"mode":"idle","steps":[)");
        bool first = true;
        for (const int step : m_options.steps) {
            const auto start = Clock::now();
            if (!openMore(step - int(m_load.size())))
                return 1;
            const double connectSeconds = std::chrono::duration<double>(Clock::now() - start).count();
            settle();
            if (m_options.collectGarbage) {
                kill(pid_t(m_options.pid), SIGUSR2);
                settle();
            }
            std::printf(R"(%s{"connections":%d,"connectSeconds":%.3f,"rssKiB":%ld})", first ? "" : ",", step,
                        connectSeconds, rssKiB(m_options.pid));
            first = false;
        }
        std::printf(R"(],"reconnects":%d})"
                    "\n",
                    m_load.reconnects());
        std::fflush(stdout);
        for (const auto until = Clock::now() + std::chrono::seconds(m_options.holdSeconds);
             Clock::now() < until;)
            m_load.poll(50);
        return 0;
    }

    int storm()
    {
        const Options &o = m_options;
        int atTarget = 0;
        long long done = 0;
        m_load.onCount = [&](Connection &connection, int old) {
            atTarget += (connection.lastCount == o.clients) - (old == o.clients);
            if (atTarget == o.clients && done == 0)
                done = nowNs();
        };
        const double cpuBefore = cpuSeconds(o.pid);
        const double selfBefore = cpuSeconds(getpid());
        const long long start = nowNs();
        const long long deadline = start + 900'000'000'000LL;
        long long nextReport = start + 5'000'000'000LL;
        while (done == 0 && nowNs() < deadline) {
            if (nowNs() > nextReport) {
                nextReport += 5'000'000'000LL;
                std::fprintf(stderr, "parley_load: storm: %zu opened, %d joined, %d counted %d\n",
                             m_load.size(), m_load.joined(), atTarget, o.clients);
            }
            if (serverExited()) {
                fail("the server exited");
                return 1;
            }
            // As many as the rate allows by now.
            const long long due = std::min<long long>(
                o.clients, (long long)(double(nowNs() - start) / 1e9 * o.connectRate) + 1);
            while ((long long)m_load.size() < due)
                m_load.open();
            m_load.poll((long long)m_load.size() < o.clients ? 2 : 50);
        }
        if (done == 0) {
            fail("not everyone saw the right count within 15 minutes");
            return 1;
        }
        const double seconds = double(done - start) / 1e9;
        std::printf(R"({"mode":"storm","clients":%d,"connectRate":%g,"secondsUntilAllCounted":%.3f,)"
                    R"("serverCpuSeconds":%.3f,"loadCpuPercent":%.1f,"reconnects":%d})"
                    "\n",
                    o.clients, o.connectRate, seconds, cpuSeconds(o.pid) - cpuBefore,
                    100 * (cpuSeconds(getpid()) - selfBefore) / seconds, m_load.reconnects());
        return 0;
    }

private:
    /// Whether the server has exited, looked up at most once a second. Every loop asks: else a
    /// load against a server that is gone reconnects or waits, at full speed, until its deadline.
    bool serverExited()
    {
        const auto now = Clock::now();
        if (now < m_nextLivenessCheck)
            return false;
        m_nextLivenessCheck = now + std::chrono::seconds(1);
        return !running(m_options.pid);
    }

    bool fail(const char *why)
    {
        std::fprintf(stderr, "parley_load: %s (%d of %zu joined)\n", why, m_load.joined(), m_load.size());
        return false;
    }

    Options m_options;
    LoadGenerator m_load;
    Clock::time_point m_nextLivenessCheck;
};

[[noreturn]] void usage()
{
    std::fprintf(
        stderr,
        "usage: parley_load fanout|idle|storm --url ws://HOST:PORT/PATH --pid PID [--proto parley|socketio]\n"
        "       [--clients N] [--senders S] [--messages M] [--rate R] [--window W]\n"
        "       [--connect-rate R] [--steps 1000,2000,5000] [--collect-garbage yes] [--hold S] [--channels K "
        "--join "
        "J]\n");
    std::exit(2);
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc < 2)
        usage();
    const std::string mode = argv[1];
    Options options;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        const std::string value = argv[i + 1];
        if (name == "--url") {
            // ws://HOST:PORT/PATH
            const size_t hostStart = value.find("://") + 3;
            const size_t colon = value.find(':', hostStart);
            const size_t slash = value.find('/', colon);
            options.host = value.substr(hostStart, colon - hostStart);
            options.port = std::atoi(value.substr(colon + 1, slash - colon - 1).c_str());
            options.path = slash == std::string::npos ? "/" : value.substr(slash);
        } else if (name == "--proto") {
            options.proto = value == "socketio" ? Proto::SocketIo : Proto::Parley;
        } else if (name == "--pid") {
            options.pid = std::atol(value.c_str());
        } else if (name == "--clients") {
            options.clients = std::atoi(value.c_str());
        } else if (name == "--senders") {
            options.senders = std::atoi(value.c_str());
        } else if (name == "--messages") {
            options.messages = std::atoi(value.c_str());
        } else if (name == "--rate") {
            options.rate = std::atof(value.c_str());
        } else if (name == "--window") {
            options.window = std::atoi(value.c_str());
        } else if (name == "--connect-rate") {
            options.connectRate = std::atof(value.c_str());
        } else if (name == "--channels") {
            options.channels = std::atoi(value.c_str());
        } else if (name == "--collect-garbage") {
            options.collectGarbage = value == "yes";
        } else if (name == "--hold") {
            options.holdSeconds = std::atoi(value.c_str());
        } else if (name == "--join") {
            options.join = std::atoi(value.c_str());
        } else if (name == "--steps") {
            options.steps.clear();
            for (size_t from = 0; from < value.size();) {
                const size_t comma = std::min(value.find(',', from), value.size());
                options.steps.push_back(std::atoi(value.substr(from, comma - from).c_str()));
                from = comma + 1;
            }
        } else {
            usage();
        }
    }
    if (options.port <= 0 || options.pid <= 0)
        usage();
    if (options.proto == Proto::SocketIo)
        options.path = "/socket.io/?EIO=4&transport=websocket";
    Modes modes(options);
    if (mode == "fanout")
        return modes.fanout();
    if (mode == "idle")
        return modes.idle();
    if (mode == "storm")
        return modes.storm();
    usage();
}
