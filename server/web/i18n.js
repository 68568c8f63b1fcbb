// The page's words in English and Vietnamese, chosen from the browser's languages.
const strings = {
  en: {
    joinTitle: 'Join the chat',
    yourName: 'Your name',
    password: 'Room password',
    join: 'Join',
    appHint: 'Parley for Windows, macOS and Linux does the same, and more.',
    menu: 'Conversations and people',
    conversations: 'Conversations',
    otherChannels: 'Other channels',
    online: 'Online',
    older: 'Load older messages',
    write: 'Write a message',
    send: 'Send',
    onlineCount: '{n} online',
    you: '{name} (you)',
    directWith: 'Direct messages with {name}',
    typingOne: '{name} is typing…',
    typingMany: '{names} are typing…',
    connecting: 'Connecting…',
    reconnecting: 'Connection lost; reconnecting…',
    sending: 'sending',
    notSent: 'not sent: {reason}',
    nameNeeded: 'Type a name first.',
    passwordNeeded: 'This room has a password.',
    wrongPassword: 'That password is not right.',
    replaced: 'You joined from another tab or device; this page has stopped.',
    roomClosed: 'The host closed this room.',
    cannotConnect: 'Cannot reach the room. Is it still open?',
    joinChannel: 'Join',
    noMessages: 'No messages yet. Say hello!',
    download: 'Download',
    mentionedYou: 'mentions you',
    attach: 'Attach a file',
    checking: 'checking… {percent} %',
    sendingPercent: 'sending… {percent} %',
    waitingForRoom: 'waiting for the room',
    cancel: 'Cancel',
    dismiss: 'Dismiss',
    edited: '(edited)',
    messageDeleted: 'Message deleted',
    removedByModerator: 'Removed by a moderator',
    emptyFile: 'the file is empty',
    tooLarge: 'larger than this room takes ({max})',
    tooLong: 'Too long: {length} of {max} characters',
    directIn: 'Direct messages · {room}',
  },
  vi: {
    joinTitle: 'Vào phòng trò chuyện',
    yourName: 'Tên của bạn',
    password: 'Mật khẩu phòng',
    join: 'Vào phòng',
    appHint: 'Parley cho Windows, macOS và Linux cũng làm được như vậy, và hơn thế.',
    menu: 'Cuộc trò chuyện và mọi người',
    conversations: 'Cuộc trò chuyện',
    otherChannels: 'Kênh khác',
    online: 'Trực tuyến',
    older: 'Tải tin nhắn cũ hơn',
    write: 'Viết tin nhắn',
    send: 'Gửi',
    onlineCount: '{n} trực tuyến',
    you: '{name} (bạn)',
    directWith: 'Tin nhắn riêng với {name}',
    typingOne: '{name} đang nhập…',
    typingMany: '{names} đang nhập…',
    connecting: 'Đang kết nối…',
    reconnecting: 'Mất kết nối; đang kết nối lại…',
    sending: 'đang gửi',
    notSent: 'chưa gửi được: {reason}',
    nameNeeded: 'Hãy nhập tên trước.',
    passwordNeeded: 'Phòng này có mật khẩu.',
    wrongPassword: 'Mật khẩu không đúng.',
    replaced: 'Bạn đã vào phòng từ một thẻ hoặc thiết bị khác; trang này đã dừng.',
    roomClosed: 'Chủ phòng đã đóng phòng này.',
    cannotConnect: 'Không kết nối được với phòng. Phòng còn mở không?',
    joinChannel: 'Tham gia',
    noMessages: 'Chưa có tin nhắn nào. Hãy chào mọi người!',
    download: 'Tải về',
    mentionedYou: 'nhắc đến bạn',
    attach: 'Đính kèm tệp',
    checking: 'đang kiểm tra… {percent} %',
    sendingPercent: 'đang gửi… {percent} %',
    waitingForRoom: 'đang chờ phòng',
    cancel: 'Hủy',
    dismiss: 'Bỏ qua',
    edited: '(đã sửa)',
    messageDeleted: 'Tin nhắn đã bị xoá',
    removedByModerator: 'Đã bị người điều hành gỡ',
    emptyFile: 'tệp trống',
    tooLarge: 'lớn hơn mức phòng cho phép ({max})',
    tooLong: 'Quá dài: {length} trên {max} ký tự',
    directIn: 'Tin nhắn riêng · {room}',
  },
};

export const language =
  (navigator.languages ?? [navigator.language]).map((l) => l.toLowerCase().split('-')[0]).find((l) => l in strings) ?? 'en';

/** The text for key in the page's language, with {name} placeholders filled from params. */
export function t(key, params = {}) {
  const text = strings[language][key] ?? strings.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}

/** Puts the page's language into every element that asks for it (data-i18n…). */
export function translatePage() {
  document.documentElement.lang = language;
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  for (const element of document.querySelectorAll('[data-i18n-placeholder]')) element.placeholder = t(element.dataset.i18nPlaceholder);
  for (const element of document.querySelectorAll('[data-i18n-label]')) element.setAttribute('aria-label', t(element.dataset.i18nLabel));
}
