<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Parley</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat live with the people around you — no cloud needed. Host a room on your computer, or join one on your network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free software under the MIT licence. Built with Qt.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatClient</name>
    <message>
        <source>%1 is typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a room address; use ws://HOST:PORT/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You joined %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n people joined</source>
        <translation>
            <numerusform>%n person joined</numerusform>
            <numerusform>%n people joined</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people left</source>
        <translation>
            <numerusform>%n person left</numerusform>
            <numerusform>%n people left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too long: %1 of %n characters</source>
        <translation>
            <numerusform>Too long: %1 of %n character</numerusform>
            <numerusform>Too long: %1 of %n characters</numerusform>
        </translation>
    </message>
    <message>
        <source>Contains characters that cannot be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room refused the password: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: the room&apos;s certificate has changed. It may be an impostor. Pinned %1, presented %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatPage</name>
    <message>
        <source>Hosting — others join at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosting on port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide who is online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show who is online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted · certificate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not listed on the network (%1); others can still join by address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Connection lost. Reconnecting in %n s…</source>
        <translation>
            <numerusform>Connection lost. Reconnecting in %n s…</numerusform>
            <numerusform>Connection lost. Reconnecting in %n s…</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Discovery::DiscoverySocket</name>
    <message>
        <source>Cannot listen for rooms on UDP port %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>%1 — Parley</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Parley — %n unread</source>
        <translation>
            <numerusform>Parley — %n unread</numerusform>
            <numerusform>Parley — %n unread</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” is not a room address. Type an address such as 192.168.1.20 or ws://office-pc:47800/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the room?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are hosting “%1”. If you leave, the room closes for everyone in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep hosting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: this room&apos;s identity has changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room presents a different certificate than the last time. Someone may be impersonating it. Parley has not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the host which fingerprint their room shows. Trust the new one only if it matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust the new certificate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <source>Online — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>↓ %n new messages</source>
        <translation>
            <numerusform>↓ %n new message</numerusform>
            <numerusform>↓ %n new messages</numerusform>
        </translation>
    </message>
    <message>
        <source>↓ Jump to latest</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NearbyRoomList</name>
    <message>
        <source>Rooms on this network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look for rooms again</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, %n people</source>
        <translation>
            <numerusform>%1, %n person</numerusform>
            <numerusform>%1, %n people</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · needs a different version of Parley</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n online</source>
        <translation>
            <numerusform>%n online</numerusform>
            <numerusform>%n online</numerusform>
        </translation>
    </message>
    <message>
        <source>Looking for rooms… Rooms hosted on this network appear here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NearbyRoomModel</name>
    <message>
        <source>The discovery port must be a number from 1 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms on this network cannot be listed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoomHost</name>
    <message>
        <source>Room name: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port must be a number from 0 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot set up encryption: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room&apos;s limits must be positive numbers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>%1&apos;s room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat live with the people around you — no cloud needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How others will see you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a room on this computer; others on your network join it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port (0 picks a free one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your name to host or join.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password, if any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypt the room&apos;s traffic (TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members connect with wss:// and see a certificate fingerprint to compare with yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most people in the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>people, each sending up to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most messages per second per person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show more limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest message (characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest message in characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest frame (KiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest frame in KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop silent connections after (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds before a silent connection is dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backlog for slow readers (KiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backlog for slow readers in KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show on this network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the room for people on this network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unchecked, the room is private: people join only by typing its address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or type the address the host sees in their room, such as 192.168.1.20 or ws://office-pc:47800/.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Parley</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserCountBadge</name>
    <message numerus="yes">
        <source>%n people online</source>
        <translation>
            <numerusform>%n person online</numerusform>
            <numerusform>%n people online</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n online</source>
        <translation>
            <numerusform>%n online</numerusform>
            <numerusform>%n online</numerusform>
        </translation>
    </message>
</context>
</TS>
