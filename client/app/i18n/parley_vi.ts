<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Parley</source>
        <translation>Giới thiệu Parley</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Phiên bản %1</translation>
    </message>
    <message>
        <source>Chat live with the people around you — no cloud needed. Host a room on your computer, or join one on your network.</source>
        <translation>Trò chuyện trực tiếp với những người quanh bạn — không cần đám mây. Mở phòng trên máy của bạn, hoặc vào một phòng trong mạng của bạn.</translation>
    </message>
    <message>
        <source>Free software under the MIT licence. Built with Qt.</source>
        <translation>Phần mềm tự do theo giấy phép MIT. Xây dựng bằng Qt.</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <source>removed %1 from the room</source>
        <translation>đã mời %1 ra khỏi phòng</translation>
    </message>
    <message>
        <source>banned %1</source>
        <translation>đã cấm %1</translation>
    </message>
    <message>
        <source>lifted the ban on %1</source>
        <translation>đã bỏ lệnh cấm %1</translation>
    </message>
    <message>
        <source>muted %1</source>
        <translation>đã tắt tiếng %1</translation>
    </message>
    <message>
        <source>unmuted %1</source>
        <translation>đã bật lại tiếng cho %1</translation>
    </message>
    <message>
        <source>set slow mode</source>
        <translation>đã đặt chế độ chậm</translation>
    </message>
    <message>
        <source>locked the room against new members</source>
        <translation>đã khoá phòng với thành viên mới</translation>
    </message>
    <message>
        <source>unlocked the room</source>
        <translation>đã mở khoá phòng</translation>
    </message>
    <message>
        <source>deleted a message by %1</source>
        <translation>đã xoá một tin nhắn của %1</translation>
    </message>
    <message>
        <source>became a moderator</source>
        <translation>đã trở thành người điều hành</translation>
    </message>
</context>
<context>
    <name>ChatClient</name>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 đang nhập…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 và %2 đang nhập…</translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation>Nhiều người đang nhập…</translation>
    </message>
    <message>
        <source>“%1” is not a room address; use ws://HOST:PORT/</source>
        <translation>“%1” không phải địa chỉ phòng; hãy dùng ws://MÁY:CỔNG/</translation>
    </message>
    <message>
        <source>You joined %1</source>
        <translation>Bạn đã vào %1</translation>
    </message>
    <message>
        <source>Reconnected</source>
        <translation>Đã kết nối lại</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 đã rời phòng</translation>
    </message>
    <message>
        <source>%1 joined</source>
        <translation>%1 đã vào phòng</translation>
    </message>
    <message>
        <source>%1 is now %2</source>
        <translation>%1 đã đổi tên thành %2</translation>
    </message>
    <message numerus="yes">
        <source>%n people joined</source>
        <translation>
            <numerusform>%n người đã vào phòng</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people left</source>
        <translation>
            <numerusform>%n người đã rời phòng</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too long: %1 of %n characters</source>
        <translation>
            <numerusform>Quá dài: %1 trên %n ký tự</numerusform>
        </translation>
    </message>
    <message>
        <source>Contains characters that cannot be sent</source>
        <translation>Có ký tự không gửi được</translation>
    </message>
    <message>
        <source>Nothing to send</source>
        <translation>Chưa có gì để gửi</translation>
    </message>
    <message>
        <source>Not in a room</source>
        <translation>Bạn chưa ở trong phòng nào</translation>
    </message>
    <message>
        <source>TLS failed</source>
        <translation>TLS thất bại</translation>
    </message>
    <message>
        <source>Warning: the room&apos;s certificate has changed. It may be an impostor. Pinned %1, presented %2.</source>
        <translation>Cảnh báo: chứng chỉ của phòng đã thay đổi. Có thể là kẻ giả mạo. Đã ghim %1, nhận được %2.</translation>
    </message>
    <message>
        <source>“%1” is not a room address. Type an address such as 192.168.1.20 or ws://office-pc:47800/</source>
        <translation>“%1” không phải địa chỉ phòng. Hãy nhập địa chỉ như 192.168.1.20 hoặc ws://may-van-phong:47800/</translation>
    </message>
    <message>
        <source>Too long for this room</source>
        <translation>Quá dài đối với phòng này</translation>
    </message>
    <message>
        <source>%1 closed the connection before letting you in.</source>
        <translation>%1 đã đóng kết nối trước khi cho bạn vào.</translation>
    </message>
    <message>
        <source>The host closed the room.</source>
        <translation>Người mở phòng đã đóng phòng.</translation>
    </message>
    <message>
        <source>You are in this room from another window or computer.</source>
        <translation>Bạn đang ở trong phòng này từ một cửa sổ hoặc máy khác.</translation>
    </message>
    <message>
        <source>The room is shutting down.</source>
        <translation>Phòng đang đóng lại.</translation>
    </message>
    <message>
        <source>The room is full or busy. Try again in a moment.</source>
        <translation>Phòng đã đầy hoặc đang bận. Hãy thử lại sau giây lát.</translation>
    </message>
    <message>
        <source>The room closed the connection: too much, too fast.</source>
        <translation>Phòng đã đóng kết nối: gửi quá nhiều, quá nhanh.</translation>
    </message>
    <message>
        <source>The room closed the connection: a message was larger than it allows.</source>
        <translation>Phòng đã đóng kết nối: có tin nhắn lớn hơn mức phòng cho phép.</translation>
    </message>
    <message>
        <source>The room closed the connection (%1).</source>
        <translation>Phòng đã đóng kết nối (%1).</translation>
    </message>
    <message>
        <source>No room is open at %1.</source>
        <translation>Không có phòng nào đang mở tại %1.</translation>
    </message>
    <message>
        <source>No computer called “%1” was found on the network.</source>
        <translation>Không tìm thấy máy nào tên “%1” trong mạng.</translation>
    </message>
    <message>
        <source>%1 did not answer.</source>
        <translation>%1 không phản hồi.</translation>
    </message>
    <message>
        <source>The network to %1 is down or unreachable.</source>
        <translation>Mạng tới %1 đang bị ngắt hoặc không truy cập được.</translation>
    </message>
    <message>
        <source>%1 closed the connection.</source>
        <translation>%1 đã đóng kết nối.</translation>
    </message>
    <message>
        <source>The encrypted connection to %1 failed.</source>
        <translation>Kết nối mã hoá tới %1 thất bại.</translation>
    </message>
    <message>
        <source>The network proxy would not connect to %1.</source>
        <translation>Proxy mạng từ chối kết nối tới %1.</translation>
    </message>
    <message>
        <source>Cannot talk to a room at %1 (%2).</source>
        <translation>Không thể liên lạc với phòng tại %1 (%2).</translation>
    </message>
    <message>
        <source>This address now hosts a different room. What you saw before is not part of it.</source>
        <translation>Địa chỉ này giờ là của một phòng khác. Những gì bạn thấy trước đó không thuộc phòng này.</translation>
    </message>
    <message>
        <source>Not sent: written for another room at this address</source>
        <translation>Chưa gửi được: tin này viết cho một phòng khác tại địa chỉ này</translation>
    </message>
    <message>
        <source>This room needs a password.</source>
        <translation>Phòng này cần mật khẩu.</translation>
    </message>
    <message>
        <source>The room refused the password. Check it with the host and try again.</source>
        <translation>Phòng đã từ chối mật khẩu. Hãy kiểm tra lại với người mở phòng rồi thử lại.</translation>
    </message>
    <message>
        <source>The room could not store your message just now. Parley will send it again.</source>
        <translation>Lúc này phòng chưa lưu được tin nhắn của bạn. Parley sẽ gửi lại.</translation>
    </message>
    <message>
        <source>The room could not load its earlier messages just now.</source>
        <translation>Lúc này phòng chưa tải được các tin nhắn trước đó.</translation>
    </message>
    <message numerus="yes">
        <source>The room refused your name: use 1 to %n characters, without control characters.</source>
        <translation>
            <numerusform>Phòng đã từ chối tên của bạn: hãy dùng từ 1 đến %n ký tự, không có ký tự điều khiển.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending too fast; Parley will send the rest in a moment.</source>
        <translation>Gửi quá nhanh; Parley sẽ gửi phần còn lại sau giây lát.</translation>
    </message>
    <message>
        <source>The room did not understand this version of Parley (%1).</source>
        <translation>Phòng không hiểu phiên bản Parley này (%1).</translation>
    </message>
    <message>
        <source>The room refused it (%1).</source>
        <translation>Phòng đã từ chối (%1).</translation>
    </message>
    <message>
        <source>Too long for this room: %1 of %2 KiB</source>
        <translation>Quá dài đối với phòng này: %1 trên %2 KiB</translation>
    </message>
    <message>
        <source>Not sent: this room has no such conversation</source>
        <translation>Chưa gửi được: phòng này không có cuộc trò chuyện đó</translation>
    </message>
    <message>
        <source>You are not in that conversation.</source>
        <translation>Bạn không ở trong cuộc trò chuyện đó.</translation>
    </message>
    <message>
        <source>The room allows no more of that just now. Try again later.</source>
        <translation>Lúc này phòng không cho phép thêm nữa. Hãy thử lại sau.</translation>
    </message>
    <message>
        <source>There is a channel with that name already.</source>
        <translation>Đã có kênh mang tên này.</translation>
    </message>
    <message numerus="yes">
        <source>A channel name has 1 to %n visible characters, without control characters.</source>
        <translation>
            <numerusform>Tên kênh phải có từ 1 đến %n ký tự hiển thị, không có ký tự điều khiển.</numerusform>
        </translation>
    </message>
    <message>
        <source>This room has no channels.</source>
        <translation>Phòng này không có kênh nào.</translation>
    </message>
    <message>
        <source>The file is larger than this room takes.</source>
        <translation>Tệp lớn hơn mức phòng này nhận.</translation>
    </message>
    <message>
        <source>The room has no space left for files.</source>
        <translation>Phòng đã hết chỗ chứa tệp.</translation>
    </message>
    <message>
        <source>The file arrived damaged; send it again.</source>
        <translation>Tệp tới nơi bị hỏng; hãy gửi lại.</translation>
    </message>
    <message>
        <source>This room does not take files.</source>
        <translation>Phòng này không nhận tệp.</translation>
    </message>
    <message>
        <source>Cannot read %1</source>
        <translation>Không đọc được %1</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1 trống</translation>
    </message>
    <message>
        <source>%1 is larger than this room takes (%2)</source>
        <translation>%1 lớn hơn mức phòng này nhận (%2)</translation>
    </message>
    <message>
        <source>Not connected: the message was not changed.</source>
        <translation>Chưa kết nối: tin nhắn chưa được sửa.</translation>
    </message>
    <message>
        <source>Not connected: the message was not deleted.</source>
        <translation>Chưa kết nối: tin nhắn chưa bị xoá.</translation>
    </message>
    <message>
        <source>A moderator removed you from the room.</source>
        <translation>Một người điều hành đã mời bạn ra khỏi phòng.</translation>
    </message>
    <message>
        <source>A moderator banned you from this room.</source>
        <translation>Một người điều hành đã cấm bạn vào phòng này.</translation>
    </message>
    <message>
        <source>The room is locked: it takes no new members just now.</source>
        <translation>Phòng đang khoá: lúc này không nhận thành viên mới.</translation>
    </message>
    <message>
        <source> Reason: %1</source>
        <translation> Lý do: %1</translation>
    </message>
    <message>
        <source>%1 (a moderator) muted you.</source>
        <translation>%1 (người điều hành) đã tắt tiếng bạn.</translation>
    </message>
    <message>
        <source>%1 (a moderator) muted you until %2.</source>
        <translation>%1 (người điều hành) đã tắt tiếng bạn đến %2.</translation>
    </message>
    <message>
        <source>%1 (a moderator) unmuted you.</source>
        <translation>%1 (người điều hành) đã bật lại tiếng cho bạn.</translation>
    </message>
    <message>
        <source>%1 (a moderator) removed you from the room.</source>
        <translation>%1 (người điều hành) đã mời bạn ra khỏi phòng.</translation>
    </message>
    <message>
        <source>%1 (a moderator) banned you from this room.</source>
        <translation>%1 (người điều hành) đã cấm bạn vào phòng này.</translation>
    </message>
    <message>
        <source>%1 (a moderator) banned you from this room until %2.</source>
        <translation>%1 (người điều hành) đã cấm bạn vào phòng này đến %2.</translation>
    </message>
    <message>
        <source>Too many wrong passwords; wait a little and try again.</source>
        <translation>Sai mật khẩu quá nhiều lần; hãy chờ một chút rồi thử lại.</translation>
    </message>
    <message>
        <source>That is not the moderator password.</source>
        <translation>Đó không phải mật khẩu điều hành.</translation>
    </message>
    <message>
        <source>A moderator muted you: you cannot post just now.</source>
        <translation>Một người điều hành đã tắt tiếng bạn: lúc này bạn chưa gửi tin được.</translation>
    </message>
    <message>
        <source>Slow mode: wait a little before your next message.</source>
        <translation>Chế độ chậm: hãy chờ một chút trước khi gửi tin tiếp.</translation>
    </message>
    <message>
        <source>You are a moderator of this room now.</source>
        <translation>Giờ bạn là người điều hành của phòng này.</translation>
    </message>
    <message>
        <source>Slow mode: your message goes when its turn comes.</source>
        <translation>Chế độ chậm: tin nhắn của bạn sẽ được gửi khi đến lượt.</translation>
    </message>
    <message>
        <source>A moderator removed %1</source>
        <translation>Một người điều hành đã mời %1 ra khỏi phòng</translation>
    </message>
    <message>
        <source>That is not a link to a message.</source>
        <translation>Đó không phải là liên kết tới một tin nhắn.</translation>
    </message>
    <message>
        <source>That message is in another room, at %1: join it to read it.</source>
        <translation>Tin nhắn đó ở một phòng khác, tại %1: hãy vào phòng đó để đọc.</translation>
    </message>
    <message>
        <source>That message is in a conversation you are not in.</source>
        <translation>Tin nhắn đó ở một cuộc trò chuyện mà bạn không tham gia.</translation>
    </message>
    <message>
        <source>You are now %1</source>
        <translation>Bạn giờ là %1</translation>
    </message>
</context>
<context>
    <name>ChatPage</name>
    <message>
        <source>Hosting — others join at %1</source>
        <translation>Đang mở phòng — người khác vào tại %1</translation>
    </message>
    <message>
        <source> or </source>
        <translation> hoặc </translation>
    </message>
    <message>
        <source>Hosting on port %1</source>
        <translation>Đang mở phòng ở cổng %1</translation>
    </message>
    <message>
        <source>Hide who is online</source>
        <translation>Ẩn danh sách người trực tuyến</translation>
    </message>
    <message>
        <source>Show who is online</source>
        <translation>Xem ai đang trực tuyến</translation>
    </message>
    <message>
        <source>Close room</source>
        <translation>Đóng phòng</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Rời phòng</translation>
    </message>
    <message>
        <source>Encrypted · certificate %1</source>
        <translation>Đã mã hoá · chứng chỉ %1</translation>
    </message>
    <message>
        <source>Not listed on the network (%1); others can still join by address</source>
        <translation>Không hiện trên mạng (%1); người khác vẫn vào được bằng địa chỉ</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Đã sao chép</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>Sao chép địa chỉ</translation>
    </message>
    <message>
        <source>Copy the address others join at</source>
        <translation>Sao chép địa chỉ để người khác vào phòng</translation>
    </message>
    <message>
        <source>Hide conversations</source>
        <translation>Ẩn danh sách cuộc trò chuyện</translation>
    </message>
    <message>
        <source>Show conversations</source>
        <translation>Hiện danh sách cuộc trò chuyện</translation>
    </message>
    <message>
        <source>Direct messages with %1</source>
        <translation>Tin nhắn trực tiếp với %1</translation>
    </message>
    <message>
        <source>Notify: all</source>
        <translation>Thông báo: tất cả</translation>
    </message>
    <message>
        <source>Notify: mentions</source>
        <translation>Thông báo: khi được nhắc tên</translation>
    </message>
    <message>
        <source>Notify: none</source>
        <translation>Thông báo: tắt</translation>
    </message>
    <message>
        <source>Notifications for %1</source>
        <translation>Thông báo cho %1</translation>
    </message>
    <message>
        <source>Leave channel</source>
        <translation>Rời kênh</translation>
    </message>
    <message>
        <source>Leave %1</source>
        <translation>Rời %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n members</source>
        <translation>
            <numerusform>%1 · %n thành viên</numerusform>
        </translation>
    </message>
    <message>
        <source>Save file</source>
        <translation>Lưu tệp</translation>
    </message>
    <message>
        <source>Open this file?</source>
        <translation>Mở tệp này?</translation>
    </message>
    <message>
        <source>Opening %1 could run a program on this computer. Open it only if you trust whoever sent it.</source>
        <translation>Mở %1 có thể chạy một chương trình trên máy này. Chỉ mở nếu bạn tin người đã gửi.</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Đã lưu vào %1</translation>
    </message>
    <message>
        <source>Drop to send to %1</source>
        <translation>Thả vào để gửi tới %1</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Thông báo</translation>
    </message>
    <message>
        <source>No application here opens %1; it is in %2</source>
        <translation>Máy này không có ứng dụng nào mở được %1; tệp nằm ở %2</translation>
    </message>
    <message>
        <source>Show the address and QR code for joining from a browser</source>
        <translation>Hiện địa chỉ và mã QR để vào phòng từ trình duyệt</translation>
    </message>
    <message>
        <source>Web address</source>
        <translation>Địa chỉ web</translation>
    </message>
    <message>
        <source>That message is not in the room any more.</source>
        <translation>Tin nhắn đó không còn trong phòng nữa.</translation>
    </message>
    <message>
        <source>Delete this message?</source>
        <translation>Xoá tin nhắn này?</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>Tìm tin nhắn</translation>
    </message>
    <message>
        <source>Search messages (%1)</source>
        <translation>Tìm tin nhắn (%1)</translation>
    </message>
    <message>
        <source>Save conversation</source>
        <translation>Lưu cuộc trò chuyện</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Trang web (*.html)</translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation>Văn bản (*.txt)</translation>
    </message>
    <message>
        <source>More for %1</source>
        <translation>Thêm cho %1</translation>
    </message>
    <message>
        <source>Save conversation…</source>
        <translation>Lưu cuộc trò chuyện…</translation>
    </message>
    <message>
        <source>Moderate the room</source>
        <translation>Điều hành phòng</translation>
    </message>
    <message>
        <source>Become a moderator</source>
        <translation>Trở thành người điều hành</translation>
    </message>
    <message>
        <source>Unlock the room</source>
        <translation>Mở khoá phòng</translation>
    </message>
    <message>
        <source>Lock the room against new members</source>
        <translation>Khoá phòng với thành viên mới</translation>
    </message>
    <message>
        <source>Slow mode</source>
        <translation>Chế độ chậm</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Tắt</translation>
    </message>
    <message>
        <source>One message every 10 s</source>
        <translation>Mỗi 10 giây một tin</translation>
    </message>
    <message>
        <source>One message every 30 s</source>
        <translation>Mỗi 30 giây một tin</translation>
    </message>
    <message>
        <source>One message a minute</source>
        <translation>Mỗi phút một tin</translation>
    </message>
    <message>
        <source>One message every 5 minutes</source>
        <translation>Mỗi 5 phút một tin</translation>
    </message>
    <message>
        <source>What moderators did…</source>
        <translation>Việc người điều hành đã làm…</translation>
    </message>
    <message>
        <source>🔒 The room is locked: no new members</source>
        <translation>🔒 Phòng đang khoá: không nhận thành viên mới</translation>
    </message>
    <message numerus="yes">
        <source>🐢 Slow mode: one message every %n s</source>
        <translation>
            <numerusform>🐢 Chế độ chậm: mỗi %n giây một tin</numerusform>
        </translation>
    </message>
    <message>
        <source>It goes for everyone in the conversation; they see that it was deleted.</source>
        <translation>Tin nhắn sẽ mất với mọi người trong cuộc trò chuyện; họ sẽ thấy là nó đã bị xoá.</translation>
    </message>
    <message>
        <source>Change your name…</source>
        <translation>Đổi tên…</translation>
    </message>
    <message>
        <source>This is the beginning of the room</source>
        <translation>Đây là điểm bắt đầu của phòng</translation>
    </message>
    <message>
        <source>This is the beginning of the conversation</source>
        <translation>Đây là điểm bắt đầu của cuộc trò chuyện</translation>
    </message>
    <message>
        <source>This is the start of your direct messages with %1. Only the two of you can read them.</source>
        <translation>Đây là khởi đầu cuộc trò chuyện riêng của bạn với %1. Chỉ hai người có thể đọc.</translation>
    </message>
    <message>
        <source>No messages yet. Say hello!</source>
        <translation>Chưa có tin nhắn nào. Hãy chào mọi người!</translation>
    </message>
    <message>
        <source>This is the start of %1: %2</source>
        <translation>Đây là khởi đầu của %1: %2</translation>
    </message>
    <message>
        <source>This is the start of %1.</source>
        <translation>Đây là khởi đầu của %1.</translation>
    </message>
</context>
<context>
    <name>ClipboardAttachment</name>
    <message>
        <source>Pasted image %1</source>
        <translation>Ảnh dán %1</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Message %1</source>
        <translation>Nhắn tới %1</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Tin nhắn</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Enter để gửi, Shift+Enter để xuống dòng</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Gửi</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Gửi tin nhắn</translation>
    </message>
    <message>
        <source>Send a file</source>
        <translation>Gửi tệp</translation>
    </message>
    <message>
        <source>Preview of %1</source>
        <translation>Xem trước %1</translation>
    </message>
    <message>
        <source>%1 · add a caption below, or just send</source>
        <translation>%1 · thêm chú thích bên dưới, hoặc gửi luôn</translation>
    </message>
    <message>
        <source>Do not send this file</source>
        <translation>Không gửi tệp này</translation>
    </message>
    <message>
        <source>Send a file (or drop one here, or paste an image)</source>
        <translation>Gửi tệp (hoặc thả tệp vào đây, hoặc dán ảnh)</translation>
    </message>
    <message>
        <source>Add a caption</source>
        <translation>Thêm chú thích</translation>
    </message>
    <message>
        <source>Editing your message · Enter saves, Esc cancels</source>
        <translation>Đang sửa tin nhắn · Enter để lưu, Esc để huỷ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>Huỷ sửa</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Save the edited message</source>
        <translation>Lưu tin nhắn đã sửa</translation>
    </message>
    <message>
        <source>Replying to %1: %2</source>
        <translation>Đang trả lời %1: %2</translation>
    </message>
    <message>
        <source>Do not reply to %1</source>
        <translation>Không trả lời %1 nữa</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>Connecting to %1…</source>
        <translation>Đang kết nối tới %1…</translation>
    </message>
    <message numerus="yes">
        <source>Connection lost. Reconnecting in %n s…</source>
        <translation>
            <numerusform>Mất kết nối. Kết nối lại sau %n giây…</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Đang kết nối lại…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Ngoại tuyến</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Thử lại ngay</translation>
    </message>
    <message>
        <source>Back to the start page</source>
        <translation>Quay lại trang bắt đầu</translation>
    </message>
</context>
<context>
    <name>ConversationSidebar</name>
    <message>
        <source>Channels</source>
        <translation>Kênh</translation>
    </message>
    <message>
        <source>Direct messages</source>
        <translation>Tin nhắn trực tiếp</translation>
    </message>
    <message>
        <source>More channels</source>
        <translation>Kênh khác</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Cuộc trò chuyện</translation>
    </message>
    <message>
        <source>New channel</source>
        <translation>Kênh mới</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n tin nhắn chưa đọc</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mentions</source>
        <translation>
            <numerusform>được nhắc tên %n lần</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, not joined</source>
        <translation>%1, chưa tham gia</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Tham gia</translation>
    </message>
    <message numerus="yes">
        <source>%n members</source>
        <translation>
            <numerusform>%n thành viên</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n members</source>
        <translation>
            <numerusform>%1 · %n thành viên</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Discovery::DiscoverySocket</name>
    <message>
        <source>Cannot listen for rooms on UDP port %1: %2</source>
        <translation>Không thể dò phòng trên cổng UDP %1: %2</translation>
    </message>
</context>
<context>
    <name>FileAttachment</name>
    <message>
        <source>Image %1</source>
        <translation>Ảnh %1</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Lưu thành…</translation>
    </message>
    <message>
        <source>Save %1 as…</source>
        <translation>Lưu %1 thành…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Mở %1</translation>
    </message>
</context>
<context>
    <name>FileTransfers</name>
    <message>
        <source>Cannot read the file: %1</source>
        <translation>Không đọc được tệp: %1</translation>
    </message>
    <message>
        <source>The file changed while it was being sent.</source>
        <translation>Tệp đã thay đổi trong lúc đang gửi.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Không ghi được %1: %2</translation>
    </message>
    <message>
        <source>the download ended early</source>
        <translation>quá trình tải dừng giữa chừng</translation>
    </message>
    <message>
        <source>Cannot save %1</source>
        <translation>Không lưu được %1</translation>
    </message>
    <message>
        <source>The file arrived damaged</source>
        <translation>Tệp tới nơi bị hỏng</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>%1 — Parley</source>
        <translation>%1 — Parley</translation>
    </message>
    <message numerus="yes">
        <source>Parley — %n unread</source>
        <translation>
            <numerusform>Parley — %n tin chưa đọc</numerusform>
        </translation>
    </message>
    <message>
        <source>Close the room?</source>
        <translation>Đóng phòng?</translation>
    </message>
    <message>
        <source>You are hosting “%1”. If you leave, the room closes for everyone in it.</source>
        <translation>Bạn đang mở phòng “%1”. Nếu bạn rời đi, phòng sẽ đóng với mọi người trong đó.</translation>
    </message>
    <message>
        <source>Close the room</source>
        <translation>Đóng phòng</translation>
    </message>
    <message>
        <source>Keep hosting</source>
        <translation>Tiếp tục mở phòng</translation>
    </message>
    <message>
        <source>Warning: this room&apos;s identity has changed</source>
        <translation>Cảnh báo: danh tính của phòng đã thay đổi</translation>
    </message>
    <message>
        <source>The room presents a different certificate than the last time. Someone may be impersonating it. Parley has not connected.</source>
        <translation>Phòng đưa ra chứng chỉ khác với lần trước. Có thể ai đó đang giả mạo. Parley chưa kết nối.</translation>
    </message>
    <message>
        <source>Ask the host which fingerprint their room shows. Trust the new one only if it matches.</source>
        <translation>Hãy hỏi người mở phòng dấu vân tay mà phòng của họ hiển thị. Chỉ tin chứng chỉ mới nếu khớp.</translation>
    </message>
    <message>
        <source>Before:</source>
        <translation>Trước đây:</translation>
    </message>
    <message>
        <source>Now:</source>
        <translation>Bây giờ:</translation>
    </message>
    <message>
        <source>Do not connect</source>
        <translation>Không kết nối</translation>
    </message>
    <message>
        <source>Trust the new certificate</source>
        <translation>Tin chứng chỉ mới</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 trong %2</translation>
    </message>
</context>
<context>
    <name>MemberModerationMenu</name>
    <message>
        <source>Remove from the room</source>
        <translation>Mời ra khỏi phòng</translation>
    </message>
    <message>
        <source>Mute for 10 minutes</source>
        <translation>Tắt tiếng 10 phút</translation>
    </message>
    <message>
        <source>Mute for an hour</source>
        <translation>Tắt tiếng một giờ</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Bật lại tiếng</translation>
    </message>
    <message>
        <source>Ban for a day</source>
        <translation>Cấm một ngày</translation>
    </message>
    <message>
        <source>Ban for good</source>
        <translation>Cấm vĩnh viễn</translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <source>Online — %1</source>
        <translation>Trực tuyến — %1</translation>
    </message>
    <message>
        <source>People online</source>
        <translation>Người đang trực tuyến</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (bạn)</translation>
    </message>
    <message>
        <source>Last seen online</source>
        <translation>Lần cuối trực tuyến</translation>
    </message>
    <message>
        <source>Message %1</source>
        <translation>Nhắn tin cho %1</translation>
    </message>
    <message>
        <source>Moderate %1</source>
        <translation>Điều hành %1</translation>
    </message>
    <message>
        <source>Change your name</source>
        <translation>Đổi tên của bạn</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <source>Not sent: %1</source>
        <translation>Chưa gửi được: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Đang gửi…</translation>
    </message>
    <message>
        <source>New messages</source>
        <translation>Tin nhắn mới</translation>
    </message>
    <message>
        <source>Removed by a moderator</source>
        <translation>Đã bị người điều hành gỡ</translation>
    </message>
    <message>
        <source>Message deleted</source>
        <translation>Tin nhắn đã bị xoá</translation>
    </message>
    <message>
        <source>(edited)</source>
        <translation>(đã sửa)</translation>
    </message>
    <message>
        <source>Reply to %1: %2</source>
        <translation>Trả lời cho %1: %2</translation>
    </message>
    <message>
        <source>%1, with the file %2</source>
        <translation>%1, kèm tệp %2</translation>
    </message>
    <message>
        <source>The file %1</source>
        <translation>Tệp %1</translation>
    </message>
    <message>
        <source>In reply to %1: %2</source>
        <translation>Trả lời %1: %2</translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1 lúc %2: %3</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Hôm qua</translation>
    </message>
    <message>
        <source>📎 A file</source>
        <translation>📎 Một tệp</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>Messages</source>
        <translation>Tin nhắn</translation>
    </message>
    <message numerus="yes">
        <source>↓ %n new messages</source>
        <translation>
            <numerusform>↓ %n tin nhắn mới</numerusform>
        </translation>
    </message>
    <message>
        <source>↓ Jump to latest</source>
        <translation>↓ Tới tin mới nhất</translation>
    </message>
    <message>
        <source>This is the beginning of the room</source>
        <translation>Đây là điểm bắt đầu của phòng</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Sao chép nội dung</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Sửa</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Xoá…</translation>
    </message>
    <message>
        <source>Moderate %1…</source>
        <translation>Điều hành %1…</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Trả lời</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Sao chép liên kết</translation>
    </message>
</context>
<context>
    <name>ModerationDialogs</name>
    <message>
        <source>Remove %1 from the room?</source>
        <translation>Mời %1 ra khỏi phòng?</translation>
    </message>
    <message>
        <source>Ban %1 for a day?</source>
        <translation>Cấm %1 một ngày?</translation>
    </message>
    <message>
        <source>Ban %1 for good?</source>
        <translation>Cấm %1 vĩnh viễn?</translation>
    </message>
    <message>
        <source>Mute %1 for an hour?</source>
        <translation>Tắt tiếng %1 một giờ?</translation>
    </message>
    <message>
        <source>Mute %1 for 10 minutes?</source>
        <translation>Tắt tiếng %1 10 phút?</translation>
    </message>
    <message>
        <source>They cannot come back, from their identity or from their address, until the ban ends or is lifted in the audit log.</source>
        <translation>Họ không thể quay lại, bằng danh tính hay từ địa chỉ của họ, cho đến khi hết hạn cấm hoặc lệnh cấm được bỏ trong nhật ký điều hành.</translation>
    </message>
    <message>
        <source>They can read but not post until then.</source>
        <translation>Đến lúc đó họ vẫn đọc được nhưng không gửi được.</translation>
    </message>
    <message>
        <source>Reason (they will see it)</source>
        <translation>Lý do (họ sẽ thấy)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Mời ra</translation>
    </message>
    <message>
        <source>Ban</source>
        <translation>Cấm</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Tắt tiếng</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>Become a moderator</source>
        <translation>Trở thành người điều hành</translation>
    </message>
    <message>
        <source>Moderators can delete any message, remove, mute and ban members, set a slow mode and lock the room. Ask the room&apos;s administrator for the moderator password.</source>
        <translation>Người điều hành có thể xoá mọi tin nhắn, mời ra, tắt tiếng và cấm thành viên, đặt chế độ chậm và khoá phòng. Hãy hỏi người quản trị phòng mật khẩu điều hành.</translation>
    </message>
    <message>
        <source>Moderator password</source>
        <translation>Mật khẩu điều hành</translation>
    </message>
    <message>
        <source>What moderators did</source>
        <translation>Việc người điều hành đã làm</translation>
    </message>
    <message>
        <source>Lift ban</source>
        <translation>Bỏ cấm</translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation>Chưa có gì.</translation>
    </message>
    <message>
        <source>They can join again; a ban keeps them out.</source>
        <translation>Họ vẫn có thể vào lại; muốn ngăn họ thì hãy cấm.</translation>
    </message>
</context>
<context>
    <name>NearbyRoomList</name>
    <message>
        <source>Rooms on this network</source>
        <translation>Phòng trong mạng này</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <source>Look for rooms again</source>
        <translation>Tìm phòng lại</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n people</source>
        <translation>
            <numerusform>%1, %n người</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · needs a different version of Parley</source>
        <translation>%1 · cần phiên bản Parley khác</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>Đã mã hoá</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message numerus="yes">
        <source>%n online</source>
        <translation>
            <numerusform>%n trực tuyến</numerusform>
        </translation>
    </message>
    <message>
        <source>Looking for rooms… Rooms hosted on this network appear here.</source>
        <translation>Đang tìm phòng… Các phòng mở trong mạng này sẽ hiện ở đây.</translation>
    </message>
</context>
<context>
    <name>NearbyRoomModel</name>
    <message>
        <source>The discovery port must be a number from 1 to 65535</source>
        <translation>Cổng dò tìm phải là số từ 1 đến 65535</translation>
    </message>
    <message>
        <source>Rooms on this network cannot be listed: %1</source>
        <translation>Không thể liệt kê phòng trong mạng này: %1</translation>
    </message>
</context>
<context>
    <name>NewChannelDialog</name>
    <message>
        <source>New channel</source>
        <translation>Kênh mới</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>e.g. homework</source>
        <translation>ví dụ: bài tập về nhà</translation>
    </message>
    <message>
        <source>Channel name</source>
        <translation>Tên kênh</translation>
    </message>
    <message>
        <source>Topic (optional)</source>
        <translation>Chủ đề (không bắt buộc)</translation>
    </message>
    <message>
        <source>Channel topic</source>
        <translation>Chủ đề kênh</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Tạo</translation>
    </message>
    <message>
        <source>Create channel</source>
        <translation>Tạo kênh</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
</context>
<context>
    <name>NotifyLevelMenu</name>
    <message>
        <source>Every message</source>
        <translation>Mọi tin nhắn</translation>
    </message>
    <message>
        <source>Only when I am mentioned</source>
        <translation>Chỉ khi tôi được nhắc tên</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Không bao giờ</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Password needed</source>
        <translation>Cần mật khẩu</translation>
    </message>
    <message>
        <source>The room at %1 needs a password. Ask its host for it.</source>
        <translation>Phòng tại %1 cần mật khẩu. Hãy hỏi người mở phòng.</translation>
    </message>
    <message>
        <source>Room password</source>
        <translation>Mật khẩu phòng</translation>
    </message>
</context>
<context>
    <name>QuickSwitcher</name>
    <message>
        <source>Go to a conversation…</source>
        <translation>Chuyển tới cuộc trò chuyện…</translation>
    </message>
    <message>
        <source>Conversation to go to</source>
        <translation>Cuộc trò chuyện cần chuyển tới</translation>
    </message>
    <message>
        <source>No conversation by that name</source>
        <translation>Không có cuộc trò chuyện nào mang tên này</translation>
    </message>
</context>
<context>
    <name>RenameDialog</name>
    <message>
        <source>Change your name</source>
        <translation>Đổi tên của bạn</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Tên của bạn</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Đổi</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>A name cannot be only spaces.</source>
        <translation>Tên không thể chỉ có dấu cách.</translation>
    </message>
    <message numerus="yes">
        <source>A name has at most %n characters.</source>
        <translation>
            <numerusform>Tên có tối đa %n ký tự.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoomHost</name>
    <message>
        <source>Room name: %1</source>
        <translation>Tên phòng: %1</translation>
    </message>
    <message>
        <source>The port must be a number from 0 to 65535</source>
        <translation>Cổng phải là số từ 0 đến 65535</translation>
    </message>
    <message>
        <source>Cannot set up encryption: %1</source>
        <translation>Không thể thiết lập mã hoá: %1</translation>
    </message>
    <message>
        <source>The room&apos;s limits must be positive numbers</source>
        <translation>Giới hạn của phòng phải là số dương</translation>
    </message>
    <message>
        <source>Messages of %1 characters need frames of at least %2 KiB; allow larger frames or shorter messages</source>
        <translation>Tin nhắn %1 ký tự cần khung ít nhất %2 KiB; hãy cho phép khung lớn hơn hoặc tin ngắn hơn</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search messages…</source>
        <translation>Tìm tin nhắn…</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>Tìm tin nhắn</translation>
    </message>
    <message>
        <source>%1 in %2: %3</source>
        <translation>%1 trong %2: %3</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>No messages with “%1”</source>
        <translation>Không có tin nhắn nào chứa “%1”</translation>
    </message>
    <message>
        <source>Search every conversation you are in</source>
        <translation>Tìm trong mọi cuộc trò chuyện của bạn</translation>
    </message>
</context>
<context>
    <name>SoundMenu</name>
    <message>
        <source>Sounds</source>
        <translation>Âm thanh</translation>
    </message>
    <message>
        <source>For direct messages and mentions</source>
        <translation>Cho tin nhắn riêng và khi được nhắc tên</translation>
    </message>
    <message>
        <source>For every notification</source>
        <translation>Cho mọi thông báo</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Tắt</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>%1&apos;s room</source>
        <translation>Phòng của %1</translation>
    </message>
    <message>
        <source>Our room</source>
        <translation>Phòng chúng ta</translation>
    </message>
    <message>
        <source>Chat live with the people around you — no cloud needed.</source>
        <translation>Trò chuyện trực tiếp với những người quanh bạn — không cần đám mây.</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Tên của bạn</translation>
    </message>
    <message>
        <source>How others will see you</source>
        <translation>Tên mọi người sẽ thấy</translation>
    </message>
    <message>
        <source>Host a room</source>
        <translation>Mở phòng</translation>
    </message>
    <message>
        <source>Start a room on this computer; others on your network join it.</source>
        <translation>Mở phòng trên máy này; những người cùng mạng sẽ vào được.</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>Tên phòng</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Cổng</translation>
    </message>
    <message>
        <source>Port (0 picks a free one)</source>
        <translation>Cổng (0 để tự chọn cổng trống)</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Đang mở…</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Mở phòng</translation>
    </message>
    <message>
        <source>Join a room</source>
        <translation>Vào phòng</translation>
    </message>
    <message>
        <source>Room address</source>
        <translation>Địa chỉ phòng</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Vào</translation>
    </message>
    <message>
        <source>Join the room</source>
        <translation>Vào phòng</translation>
    </message>
    <message>
        <source>Enter your name to host or join.</source>
        <translation>Nhập tên của bạn để mở phòng hoặc vào phòng.</translation>
    </message>
    <message>
        <source>Password (optional)</source>
        <translation>Mật khẩu (không bắt buộc)</translation>
    </message>
    <message>
        <source>Room password</source>
        <translation>Mật khẩu phòng</translation>
    </message>
    <message>
        <source>Password, if any</source>
        <translation>Mật khẩu, nếu có</translation>
    </message>
    <message>
        <source>Encrypt</source>
        <translation>Mã hoá</translation>
    </message>
    <message>
        <source>Encrypt the room&apos;s traffic (TLS)</source>
        <translation>Mã hoá dữ liệu của phòng (TLS)</translation>
    </message>
    <message>
        <source>Members connect with wss:// and see a certificate fingerprint to compare with yours</source>
        <translation>Thành viên kết nối bằng wss:// và thấy dấu vân tay chứng chỉ để so với của bạn</translation>
    </message>
    <message>
        <source>Up to</source>
        <translation>Tối đa</translation>
    </message>
    <message>
        <source>Most people in the room</source>
        <translation>Số người tối đa trong phòng</translation>
    </message>
    <message>
        <source>people, each sending up to</source>
        <translation>người, mỗi người gửi tối đa</translation>
    </message>
    <message>
        <source>Most messages per second per person</source>
        <translation>Số tin tối đa mỗi giây cho mỗi người</translation>
    </message>
    <message>
        <source>messages/s</source>
        <translation>tin/giây</translation>
    </message>
    <message>
        <source>More limits</source>
        <translation>Thêm giới hạn</translation>
    </message>
    <message>
        <source>Show more limits</source>
        <translation>Hiện thêm giới hạn</translation>
    </message>
    <message>
        <source>Longest message (characters)</source>
        <translation>Tin dài nhất (ký tự)</translation>
    </message>
    <message>
        <source>Longest message in characters</source>
        <translation>Tin dài nhất tính bằng ký tự</translation>
    </message>
    <message>
        <source>Largest frame (KiB)</source>
        <translation>Khung lớn nhất (KiB)</translation>
    </message>
    <message>
        <source>Largest frame in KiB</source>
        <translation>Khung lớn nhất tính bằng KiB</translation>
    </message>
    <message>
        <source>Drop silent connections after (s)</source>
        <translation>Ngắt kết nối im lặng sau (giây)</translation>
    </message>
    <message>
        <source>Seconds before a silent connection is dropped</source>
        <translation>Số giây trước khi ngắt một kết nối im lặng</translation>
    </message>
    <message>
        <source>Backlog for slow readers (KiB)</source>
        <translation>Hàng đợi cho người đọc chậm (KiB)</translation>
    </message>
    <message>
        <source>Backlog for slow readers in KiB</source>
        <translation>Hàng đợi cho người đọc chậm tính bằng KiB</translation>
    </message>
    <message>
        <source>Show on this network</source>
        <translation>Hiện trong mạng này</translation>
    </message>
    <message>
        <source>List the room for people on this network</source>
        <translation>Liệt kê phòng cho mọi người trong mạng này</translation>
    </message>
    <message>
        <source>Unchecked, the room is private: people join only by typing its address</source>
        <translation>Nếu bỏ chọn, phòng là riêng tư: mọi người chỉ vào được bằng cách nhập địa chỉ</translation>
    </message>
    <message>
        <source>Or type the address the host sees in their room, such as 192.168.1.20 or ws://office-pc:47800/.</source>
        <translation>Hoặc nhập địa chỉ mà người mở phòng thấy trong phòng của họ, như 192.168.1.20 hoặc ws://may-van-phong:47800/.</translation>
    </message>
    <message>
        <source>About Parley</source>
        <translation>Giới thiệu Parley</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Giao diện</translation>
    </message>
    <message>
        <source>Choose light or dark colours</source>
        <translation>Chọn màu sáng hoặc tối</translation>
    </message>
</context>
<context>
    <name>ThemeMenu</name>
    <message>
        <source>Theme</source>
        <translation>Giao diện</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Theo hệ thống</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Sáng</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Tối</translation>
    </message>
</context>
<context>
    <name>Transcript</name>
    <message>
        <source>Removed by a moderator</source>
        <translation>Đã bị người điều hành gỡ</translation>
    </message>
    <message>
        <source>Message deleted</source>
        <translation>Tin nhắn đã bị xoá</translation>
    </message>
    <message>
        <source>(edited)</source>
        <translation>(đã sửa)</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>Không lưu được %1: %2</translation>
    </message>
</context>
<context>
    <name>TransferProgress</name>
    <message numerus="yes">
        <source>%n s left</source>
        <translation>
            <numerusform>còn %n giây</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min left</source>
        <translation>
            <numerusform>còn %n phút</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 trên %2</translation>
    </message>
    <message>
        <source>Sending %1</source>
        <translation>Đang gửi %1</translation>
    </message>
    <message>
        <source>Fetching %1</source>
        <translation>Đang tải %1</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Đang chuẩn bị…</translation>
    </message>
    <message>
        <source>Waiting for the room · %1</source>
        <translation>Đang chờ phòng · %1</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/giây</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
</context>
<context>
    <name>UserCountBadge</name>
    <message numerus="yes">
        <source>%n people online</source>
        <translation>
            <numerusform>%n người đang trực tuyến</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n online</source>
        <translation>
            <numerusform>%n trực tuyến</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline: who is online is unknown</source>
        <translation>Ngoại tuyến: không rõ ai đang trực tuyến</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>ngoại tuyến</translation>
    </message>
</context>
<context>
    <name>WebAddressDialog</name>
    <message>
        <source>Join from a browser</source>
        <translation>Vào phòng từ trình duyệt</translation>
    </message>
    <message>
        <source>Open this address in a browser on the same network, or scan the code with a phone&apos;s camera:</source>
        <translation>Mở địa chỉ này trong trình duyệt trên cùng mạng, hoặc quét mã bằng camera điện thoại:</translation>
    </message>
    <message>
        <source>QR code of %1</source>
        <translation>Mã QR của %1</translation>
    </message>
</context>
</TS>
