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
    <name>AuditLogModel</name>
    <message>
        <source>removed %1 from the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>banned %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lifted the ban on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>muted %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unmuted %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set slow mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>locked the room against new members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlocked the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted a message by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>became a moderator</source>
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
        <source>TLS failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: the room&apos;s certificate has changed. It may be an impostor. Pinned %1, presented %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a room address. Type an address such as 192.168.1.20 or ws://office-pc:47800/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too long for this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection before letting you in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host closed the room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are in this room from another window or computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room is shutting down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room is full or busy. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room closed the connection: too much, too fast.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room closed the connection: a message was larger than it allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room closed the connection (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No room is open at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No computer called “%1” was found on the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network to %1 is down or unreachable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encrypted connection to %1 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network proxy would not connect to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot talk to a room at %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address now hosts a different room. What you saw before is not part of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: written for another room at this address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This room needs a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room refused the password. Check it with the host and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room could not store your message just now. Parley will send it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room could not load its earlier messages just now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The room refused your name: use 1 to %n characters, without control characters.</source>
        <translation>
            <numerusform>The room refused your name: use 1 to %n character, without control characters.</numerusform>
            <numerusform>The room refused your name: use 1 to %n characters, without control characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending too fast; Parley will send the rest in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room did not understand this version of Parley (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room refused it (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too long for this room: %1 of %2 KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: this room has no such conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not in that conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room allows no more of that just now. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is a channel with that name already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A channel name has 1 to %n visible characters, without control characters.</source>
        <translation>
            <numerusform>A channel name has 1 to %n visible character, without control characters.</numerusform>
            <numerusform>A channel name has 1 to %n visible characters, without control characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>This room has no channels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is larger than this room takes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room has no space left for files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file arrived damaged; send it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This room does not take files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than this room takes (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected: the message was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected: the message was not deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A moderator removed you from the room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A moderator banned you from this room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room is locked: it takes no new members just now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (a moderator) muted you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (a moderator) muted you until %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (a moderator) unmuted you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (a moderator) removed you from the room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (a moderator) banned you from this room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (a moderator) banned you from this room until %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong passwords; wait a little and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not the moderator password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A moderator muted you: you cannot post just now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slow mode: wait a little before your next message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are a moderator of this room now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slow mode: your message goes when its turn comes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A moderator removed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not a link to a message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That message is in another room, at %1: join it to read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That message is in a conversation you are not in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are now %1</source>
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
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the address others join at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direct messages with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify: all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify: mentions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n members</source>
        <translation>
            <numerusform>%1 · %n member</numerusform>
            <numerusform>%1 · %n members</numerusform>
        </translation>
    </message>
    <message>
        <source>Save file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1 could run a program on this computer. Open it only if you trust whoever sent it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop to send to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No application here opens %1; it is in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the address and QR code for joining from a browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That message is not in the room any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this message?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search messages (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save conversation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderate the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Become a moderator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock the room against new members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slow mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One message every 10 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One message every 30 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One message a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One message every 5 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What moderators did…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>🔒 The room is locked: no new members</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>🐢 Slow mode: one message every %n s</source>
        <translation>
            <numerusform>🐢 Slow mode: one message every %n s</numerusform>
            <numerusform>🐢 Slow mode: one message every %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>It goes for everyone in the conversation; they see that it was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change your name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the beginning of the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the beginning of the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the start of your direct messages with %1. Only the two of you can read them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages yet. Say hello!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the start of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the start of %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClipboardAttachment</name>
    <message>
        <source>Pasted image %1</source>
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
    <message>
        <source>Send a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · add a caption below, or just send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not send this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a file (or drop one here, or paste an image)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a caption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing your message · Enter saves, Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the edited message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replying to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not reply to %1</source>
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
    <message>
        <source>Back to the start page</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationSidebar</name>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direct messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mentions</source>
        <translation>
            <numerusform>%n mention</numerusform>
            <numerusform>%n mentions</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, not joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n members</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n members</source>
        <translation>
            <numerusform>%1 · %n member</numerusform>
            <numerusform>%1 · %n members</numerusform>
        </translation>
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
    <name>FileAttachment</name>
    <message>
        <source>Image %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save %1 as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileTransfers</name>
    <message>
        <source>Cannot read the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file changed while it was being sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the download ended early</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file arrived damaged</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Close</source>
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
    <message>
        <source>%1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberModerationMenu</name>
    <message>
        <source>Remove from the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute for 10 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute for an hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban for a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban for good</source>
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
    <message>
        <source>Last seen online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change your name</source>
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
    <message>
        <source>New messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed by a moderator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(edited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, with the file %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In reply to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>📎 A file</source>
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
    <message>
        <source>This is the beginning of the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderate %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModerationDialogs</name>
    <message>
        <source>Remove %1 from the room?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban %1 for a day?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban %1 for good?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute %1 for an hour?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute %1 for 10 minutes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They cannot come back, from their identity or from their address, until the ban ends or is lifted in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They can read but not post until then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (they will see it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Become a moderator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderators can delete any message, remove, mute and ban members, set a slow mode and lock the room. Ask the room&apos;s administrator for the moderator password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderator password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What moderators did</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lift ban</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They can join again; a ban keeps them out.</source>
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
    <name>NewChannelDialog</name>
    <message>
        <source>New channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. homework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotifyLevelMenu</name>
    <message>
        <source>Every message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only when I am mentioned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Password needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room at %1 needs a password. Ask its host for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuickSwitcher</name>
    <message>
        <source>Go to a conversation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation to go to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversation by that name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RenameDialog</name>
    <message>
        <source>Change your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A name cannot be only spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A name has at most %n characters.</source>
        <translation>
            <numerusform>A name has at most %n character.</numerusform>
            <numerusform>A name has at most %n characters.</numerusform>
        </translation>
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
    <message>
        <source>Messages of %1 characters need frames of at least %2 KiB; allow larger frames or shorter messages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search messages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages with “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search every conversation you are in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SoundMenu</name>
    <message>
        <source>Sounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For direct messages and mentions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For every notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
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
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose light or dark colours</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThemeMenu</name>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Transcript</name>
    <message>
        <source>Removed by a moderator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(edited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransferProgress</name>
    <message numerus="yes">
        <source>%n s left</source>
        <translation>
            <numerusform>%n s left</numerusform>
            <numerusform>%n s left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min left</source>
        <translation>
            <numerusform>%n min left</numerusform>
            <numerusform>%n min left</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the room · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
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
    <message>
        <source>Offline: who is online is unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebAddressDialog</name>
    <message>
        <source>Join from a browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this address in a browser on the same network, or scan the code with a phone&apos;s camera:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QR code of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
