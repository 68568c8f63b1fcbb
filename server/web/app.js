// Parley in a browser: a guest of the room that served this page, speaking protocol v2
// (docs/PROTOCOL.md) over a WebSocket to the same address. Text from others only ever goes
// into the page as text (textContent), never as HTML.
import { language, t, translatePage } from './i18n.js';
import { Sha256 } from './sha256.js';

const $ = (id) => document.getElementById(id);
const MaxReconnectDelay = 10000;
const TypingEvery = 3000; // ms between our own typing notices
const TypingShownFor = 5000;
const HashSlice = 4 * 1024 * 1024; // bytes read and hashed at a time, so the page stays live
const PieceBytes = 8 * 1024 * 1024; // bytes per PUT: a lost connection costs at most one piece

const saved = {
  get(key) { try { return localStorage.getItem(`parley.${key}`) ?? ''; } catch { return ''; } },
  set(key, value) { try { localStorage.setItem(`parley.${key}`, value); } catch { /* private mode */ } },
};

function randomId(bytes = 16) {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

// The identity token makes this browser the same member after a reload or a lost connection.
if (!saved.get('token')) saved.set('token', randomId(24));

const state = {
  ws: null,
  joined: false, // a welcome came on this page
  welcomed: false, // a welcome came on this connection
  stopped: false, // closed for good (replaced, room closed, wrong password): no reconnect
  you: null,
  roomId: '',
  lastSeq: 0, // the newest seq seen in any conversation: what a resume asks from
  fileKey: '',
  members: new Map(), // id -> name, everyone online
  conversations: new Map(), // id -> conversation (see conversationFrom)
  channels: new Map(), // id -> {id, name, topic, members}, every channel of the server
  current: 'general',
  outbox: [], // own chats not acked yet: {clientId, conversation, text, failed}
  uploads: [], // own files on their way: see startUpload
  maxFileBytes: 0,
  maxText: 4000,
  typing: new Map(), // conversation -> Map(member id -> {name, until})
  lastTypingSent: 0,
  reconnectDelay: 500,
  openingDirect: '',
  readSent: new Map(), // conversation -> seq last sent in a read
  resendTimer: 0, // the unacked outbox goes again after a rate_limited refusal
  // Own chats go at a little under the room's rate (its welcome's limits.rate and limits.burst):
  // an outbox sent at once after a reconnect would be refused past the room's burst and, past
  // its abuse limit, closed as a flood. The rest of the rate is left for the other frames.
  pace: { perMs: 0.016, burst: 20, tokens: 20, at: 0, queue: [], timer: 0 },
};

function conversationFrom(info, known) {
  const conversation = known ?? { messages: [], loaded: false, hasOlder: false, loadingOlder: false };
  return Object.assign(conversation, {
    id: info.id,
    kind: info.kind,
    name: info.name ?? conversation.name,
    topic: info.topic ?? '',
    with: info.with ?? conversation.with,
    joined: info.kind === 'direct' || info.joined !== false,
    unread: info.unread ?? 0,
    mentions: info.mentions ?? 0,
    lastSeq: Math.max(info.lastSeq ?? 0, conversation.lastSeq ?? 0),
  });
}

function titleOf(conversation) {
  if (!conversation) return '';
  if (conversation.kind === 'direct') return t('directWith', { name: conversation.with?.name ?? '?' });
  return `#${conversation.id === 'general' ? 'general' : conversation.name}`;
}

// --- the connection -------------------------------------------------------------------------

function connect() {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/`;
  const ws = new WebSocket(url);
  state.ws = ws;
  state.welcomed = false;
  setConnection(state.joined ? t('reconnecting') : t('connecting'));
  ws.onopen = () => {
    const hello = { type: 'hello', protocol: 2, name: $('name').value.trim(), token: saved.get('token') };
    if (state.joined && state.lastSeq > 0) Object.assign(hello, { since: state.lastSeq, roomId: state.roomId });
    const password = $('password').value;
    if (password) hello.password = password;
    send(hello);
  };
  let answered = false; // this connection's hello has had its welcome
  let heardAsGuest = false; // the room took it for a guest before it read the hello
  ws.onmessage = (event) => {
    let frame;
    try { frame = JSON.parse(event.data); } catch { return; }
    // A welcome without hello (ours came late) is the guest's, and so is what follows until the
    // welcome that answers our hello.
    if (frame.type === 'welcome') {
      if (frame.withoutHello && !answered) {
        heardAsGuest = true;
        return;
      }
      answered = true;
      heardAsGuest = false;
    } else if (heardAsGuest) {
      return; // its errors too: the answer to our hello comes next (or a close that says why)
    }
    const handler = handlers[frame.type];
    if (handler) handler(frame);
  };
  ws.onclose = (event) => {
    if (state.ws !== ws) return;
    state.ws = null;
    if (event.code === 4000) return stop(t('replaced'));
    if (event.code === 4002) return stop(t('roomClosed'));
    if (event.code === 4001 || state.stopped) return;
    if (!state.joined) {
      showStart(t('cannotConnect'));
      return;
    }
    setConnection(t('reconnecting'));
    setTimeout(connect, state.reconnectDelay);
    state.reconnectDelay = Math.min(state.reconnectDelay * 2, MaxReconnectDelay);
  };
}

function send(frame) {
  if (state.ws?.readyState !== WebSocket.OPEN) return false;
  state.ws.send(JSON.stringify(frame));
  return true;
}

function stop(reason) {
  state.stopped = true;
  state.ws?.close();
  setConnection(reason);
  $('input').disabled = true;
  $('send').disabled = true;
}

function setConnection(text) {
  $('connection').textContent = text;
  $('connection').hidden = !text;
}

// --- what the room says ---------------------------------------------------------------------

const handlers = {
  welcome(frame) {
    const fresh = frame.roomId !== state.roomId;
    if (fresh) { // another room (or one that lost its history): start over
      state.conversations.clear();
      state.outbox = [];
      state.lastSeq = 0;
    }
    state.roomId = frame.roomId;
    state.you = frame.you;
    state.fileKey = frame.fileKey ?? '';
    state.maxFileBytes = frame.limits?.maxFileBytes ?? 0;
    state.maxText = frame.limits?.maxText ?? 4000;
    $('attach').hidden = !state.maxFileBytes;
    state.members = new Map(frame.members.map((m) => [m.id, m.name]));
    for (const info of frame.conversations ?? [{ id: 'general', kind: 'channel', name: 'general', joined: true }]) {
      state.conversations.set(info.id, conversationFrom(info, state.conversations.get(info.id)));
      if (info.kind === 'channel') state.channels.set(info.id, { id: info.id, name: info.name, topic: info.topic, members: info.members });
    }
    if (!state.conversations.get(state.current)?.joined) state.current = 'general';
    state.joined = true;
    state.reconnectDelay = 500;
    saved.set('name', state.you.name);
    try { sessionStorage.setItem('parley.joined', '1'); } catch { /* private mode */ }
    setConnection('');
    showChat();
    state.roomName = frame.room;
    $('roomName').textContent = frame.room;
    state.welcomed = true;
    setPace(frame.limits?.rate, frame.limits?.burst);
    for (const pending of state.outbox) {
      if (!pending.failed) postChat(pending); // the room drops what it has already
    }
    for (const upload of state.uploads) {
      if (!upload.sha256 || upload.error) continue;
      upload.xhr?.abort();
      upload.xhr = null;
      announce(upload); // the same clientId: the room says where it goes on from
    }
    openConversation(state.current);
  },

  users(frame) {
    $('badge').textContent = t('onlineCount', { n: frame.count });
  },

  presence(frame) {
    for (const id of frame.left ?? []) state.members.delete(id);
    for (const m of frame.joined ?? []) state.members.set(m.id, m.name);
    for (const m of frame.renamed ?? []) state.members.set(m.id, m.name);
    renderMembers();
  },

  chat(frame) {
    const conversation = conversationOf(frame);
    if (!conversation) return;
    addMessages(conversation, [frame]);
    if (conversation.id !== state.current || document.hidden) {
      conversation.unread += 1;
      if (frame.mentions?.includes(state.you?.id)) conversation.mentions += 1;
    }
    stopTyping(conversation.id, frame.from.id);
    renderSidebar();
    if (conversation.id === state.current) { renderMessages(); markRead(); }
    updateTitle();
  },

  changed(frame) {
    const conversation = conversationOf(frame);
    if (!conversation) return;
    addMessages(conversation, [frame]);
    if (conversation.id === state.current) renderMessages();
  },

  ack(frame) {
    const upload = state.uploads.find((u) => u.clientId === frame.clientId);
    if (upload) return uploadPosted(upload, frame);
    const index = state.outbox.findIndex((p) => p.clientId === frame.clientId);
    if (index < 0) return;
    const [pending] = state.outbox.splice(index, 1);
    const conversation = state.conversations.get(pending.conversation);
    if (!conversation) return;
    addMessages(conversation, [{ seq: frame.seq, ts: frame.ts, from: state.you, text: pending.text, conversation: pending.conversation }]);
    if (conversation.id === state.current) renderMessages();
  },

  history(frame) {
    const requested = frame.conversation ? state.conversations.get(frame.conversation) : null;
    const byConversation = new Map();
    for (const message of frame.messages) {
      const conversation = conversationOf(message, frame.conversation);
      if (!conversation) continue;
      if (!byConversation.has(conversation)) byConversation.set(conversation, []);
      byConversation.get(conversation).push(message);
    }
    for (const [conversation, messages] of byConversation) addMessages(conversation, messages, { page: Boolean(requested) });
    if (requested) {
      requested.loaded = true;
      requested.hasOlder = frame.hasOlder;
      requested.loadingOlder = false;
    }
    if (byConversation.has(state.conversations.get(state.current)) || requested?.id === state.current) {
      renderMessages();
      markRead();
    }
  },

  typing(frame) {
    const id = frame.conversation ?? 'general';
    if (!state.typing.has(id)) state.typing.set(id, new Map());
    state.typing.get(id).set(frame.from.id, { name: frame.from.name, until: Date.now() + TypingShownFor });
    renderTyping();
    setTimeout(renderTyping, TypingShownFor + 50);
  },

  conversation(frame) {
    const info = frame.conversation;
    const conversation = conversationFrom(info, state.conversations.get(info.id));
    state.conversations.set(info.id, conversation);
    if (info.kind === 'channel') state.channels.set(info.id, { id: info.id, name: info.name, topic: info.topic, members: info.members });
    const asked = state.openingDirect && info.with?.id === state.openingDirect;
    if (asked || state.joiningChannel === info.id) {
      state.openingDirect = '';
      state.joiningChannel = '';
      openConversation(info.id);
    } else {
      renderSidebar();
    }
  },

  conversation_left(frame) {
    state.conversations.delete(frame.id);
    if (state.current === frame.id) openConversation('general');
    else renderSidebar();
  },

  channel(frame) {
    state.channels.set(frame.channel.id, frame.channel);
    const joined = state.conversations.get(frame.channel.id);
    if (joined) Object.assign(joined, { name: frame.channel.name, topic: frame.channel.topic });
    renderSidebar();
  },

  upload_ready(frame) {
    const upload = state.uploads.find((u) => u.clientId === frame.clientId);
    if (!upload || upload.cancelled) return;
    Object.assign(upload, { uploadId: frame.uploadId, url: frame.url, sent: frame.offset, status: 'sending' });
    putNextPiece(upload);
  },

  error(frame) {
    if (frame.code === 'bad_password') {
      state.stopped = false;
      state.joined = false;
      showStart($('password').value ? t('wrongPassword') : t('passwordNeeded'));
      $('passwordRow').hidden = false;
      $('password').focus();
      return;
    }
    if (frame.code === 'bad_name' && !state.joined) {
      state.ws?.close();
      state.ws = null;
      showStart(frame.message);
      return;
    }
    const upload = frame.clientId && state.uploads.find((u) => u.clientId === frame.clientId);
    if (upload) {
      if (frame.code === 'rate_limited' || frame.code === 'store_failed') setTimeout(() => announce(upload), 5000);
      else failUpload(upload, frame.message);
      return;
    }
    const pending = frame.clientId && state.outbox.find((p) => p.clientId === frame.clientId);
    if (pending) {
      if (frame.code === 'rate_limited' || frame.code === 'store_failed')
        setTimeout(() => postChat(pending), 5000); // sent again as it is: the room keeps it once
      else
        pending.failed = frame.message; // stays in the list, marked, so nothing typed is lost
      renderMessages();
      return;
    }
    if (frame.code === 'rate_limited' && !state.resendTimer) {
      // Some frame was dropped before the room read it: whatever is unacked goes again shortly
      // (the room recognises chats it already has by their clientId).
      state.resendTimer = setTimeout(() => {
        state.resendTimer = 0;
        for (const pending of state.outbox) if (!pending.failed) postChat(pending);
      }, 1500);
    }
    setConnection(frame.message);
    setTimeout(() => { if ($('connection').textContent === frame.message) setConnection(''); }, 6000);
  },
};

function conversationOf(message, fallback = 'general') {
  return state.conversations.get(message.conversation ?? fallback);
}

/**
 * Puts messages in their place by seq. One shown already is replaced if this is a newer state of
 * it (edited or deleted since: its revision is higher). A changed message that is not shown goes
 * in only from a conversation's own page: a resume or a live change must not put an old message
 * out of its place (its page brings it as it is now).
 */
function addMessages(conversation, messages, { page = false } = {}) {
  const list = conversation.messages;
  for (const message of messages) {
    state.lastSeq = Math.max(state.lastSeq, message.seq, message.revision ?? 0); // what a resume asks from
    conversation.lastSeq = Math.max(conversation.lastSeq, message.seq);
    // Mostly appended; a page of older ones goes before. A seq seen already is not repeated.
    let at = list.length;
    while (at > 0 && list[at - 1].seq > message.seq) --at;
    if (at > 0 && list[at - 1].seq === message.seq) {
      if ((message.revision ?? 0) > (list[at - 1].revision ?? 0)) list[at - 1] = message;
      continue;
    }
    if (message.revision && !page && (list.length === 0 || message.seq < list[0].seq)) continue;
    list.splice(at, 0, message);
  }
}

// --- what the guest does ----------------------------------------------------------------------

function openConversation(id) {
  const conversation = state.conversations.get(id);
  if (!conversation) return;
  state.current = id;
  if (!conversation.loaded) send({ type: 'history', conversation: id, limit: 50 });
  conversation.unread = 0;
  conversation.mentions = 0;
  // A phone has room for the name only: what kind of conversation it is goes below.
  $('conversationTitle').textContent = conversation.kind === 'direct' ? displayName(conversation.with) : titleOf(conversation);
  $('conversationTitle').title = titleOf(conversation);
  $('roomName').textContent = conversation.kind === 'direct' ? t('directIn', { room: state.roomName }) : state.roomName;
  $('input').placeholder = t('write');
  closeSidebarOnPhones();
  renderSidebar();
  renderMessages(true);
  renderTyping();
  markRead();
  updateTitle();
}

function setPace(rate, burst) {
  clearTimeout(state.pace.timer);
  if (!(rate > 0 && burst >= 1)) [rate, burst] = [20, 40]; // a room that does not say: the defaults
  const share = Math.max(1, burst / 2);
  state.pace = { perMs: (rate * 0.8) / 1000, burst: share, tokens: share, at: performance.now(), queue: [], timer: 0 };
}

function postChat(pending) {
  if (!state.pace.queue.includes(pending)) state.pace.queue.push(pending);
  sendQueued();
}

function sendQueued() {
  const pace = state.pace;
  clearTimeout(pace.timer);
  // Offline, the queue waits: the next welcome starts it again with the whole outbox.
  if (!state.welcomed || state.ws?.readyState !== WebSocket.OPEN) return;
  const now = performance.now();
  pace.tokens = Math.min(pace.burst, pace.tokens + (now - pace.at) * pace.perMs);
  pace.at = now;
  while (pace.queue.length && pace.tokens >= 1) {
    const pending = pace.queue.shift();
    if (pending.failed || !state.outbox.includes(pending)) continue; // acked or refused meanwhile
    pace.tokens -= 1;
    sendChat(pending);
  }
  if (pace.queue.length) pace.timer = setTimeout(sendQueued, Math.ceil((1 - pace.tokens) / pace.perMs));
}

function sendChat(pending) {
  const chat = { type: 'chat', conversation: pending.conversation, text: pending.text, clientId: pending.clientId };
  const mentions = mentionsIn(pending.text);
  if (mentions.length) chat.mentions = mentions;
  send(chat);
}

function mentionsIn(text) {
  const ids = [];
  for (const [id, name] of state.members) {
    if (id !== state.you?.id && text.includes(`@${name}`)) ids.push(id);
  }
  return ids.slice(0, 50);
}

function sendTyped() {
  const text = $('input').value;
  if (!text.trim()) return;
  const length = [...text].length; // the room counts characters (code points)
  if (length > state.maxText) {
    $('composerError').textContent = t('tooLong', { length, max: state.maxText });
    return;
  }
  const pending = { clientId: `w-${randomId(8)}`, conversation: state.current, text };
  state.outbox.push(pending);
  postChat(pending);
  $('input').value = '';
  state.lastTypingSent = 0;
  renderMessages(true);
}

function markRead() {
  const conversation = state.conversations.get(state.current);
  if (!conversation || document.hidden || conversation.lastSeq <= (state.readSent.get(conversation.id) ?? 0)) return;
  state.readSent.set(conversation.id, conversation.lastSeq);
  send({ type: 'read', conversation: conversation.id, seq: conversation.lastSeq });
}

function stopTyping(conversationId, memberId) {
  state.typing.get(conversationId)?.delete(memberId);
  renderTyping();
}

// --- files the guest sends ---------------------------------------------------------------------
// As the desktop client does (docs/PROTOCOL.md, "Files over HTTP"): hash the file, announce it
// with `upload`, then PUT it in pieces from the offset the room names; after a lost connection
// the same `upload` again says where to go on. The room posts the chat once the hash matches.

async function startUpload(file) {
  const upload = { clientId: `u-${randomId(8)}`, file, conversation: state.current, caption: $('input').value.trim(), sent: 0, status: 'hashing' };
  $('input').value = '';
  state.uploads.push(upload);
  if (file.size === 0) return failUpload(upload, t('emptyFile'));
  if (state.maxFileBytes && file.size > state.maxFileBytes) return failUpload(upload, t('tooLarge', { max: formatSize(state.maxFileBytes) }));
  renderMessages(true);
  const hash = new Sha256();
  for (let at = 0; at < file.size; at += HashSlice) {
    let bytes;
    try {
      bytes = new Uint8Array(await file.slice(at, at + HashSlice).arrayBuffer());
    } catch (error) {
      return failUpload(upload, error.message);
    }
    if (upload.cancelled) return;
    hash.update(bytes);
    upload.hashed = at + bytes.length;
    updateUploadRow(upload);
  }
  upload.sha256 = hash.hex();
  upload.status = 'waiting';
  announce(upload);
}

function announce(upload) {
  const frame = { type: 'upload', conversation: upload.conversation, name: upload.file.name, size: upload.file.size, sha256: upload.sha256, clientId: upload.clientId };
  if (upload.caption) frame.text = upload.caption;
  send(frame);
}

function putNextPiece(upload) {
  if (upload.xhr || upload.cancelled || upload.sent >= upload.file.size) return;
  const end = Math.min(upload.file.size, upload.sent + PieceBytes);
  const xhr = new XMLHttpRequest();
  upload.xhr = xhr;
  xhr.open('PUT', upload.url);
  xhr.setRequestHeader('Content-Range', `bytes ${upload.sent}-${end - 1}/${upload.file.size}`);
  xhr.upload.onprogress = (event) => {
    upload.progress = upload.sent + event.loaded;
    updateUploadRow(upload);
  };
  xhr.onload = () => {
    upload.xhr = null;
    const offset = Number(xhr.getResponseHeader('Upload-Offset'));
    if (xhr.status === 204) {
      upload.sent = end;
      putNextPiece(upload);
    } else if (xhr.status === 201) {
      upload.sent = upload.file.size;
      upload.status = 'posting'; // its ack comes on the WebSocket
      updateUploadRow(upload);
    } else if (xhr.status === 409 && Number.isFinite(offset) && xhr.getResponseHeader('Upload-Offset') !== null) {
      upload.sent = offset; // the room has more or less than we thought: from there
      putNextPiece(upload);
    } else if (xhr.status === 404) {
      announce(upload); // expired or lost: the room hands out a fresh one
    } else {
      failUpload(upload, xhr.responseText.trim() || `HTTP ${xhr.status}`);
    }
  };
  // A lost connection: the welcome after the reconnect announces it again.
  xhr.onerror = () => { upload.xhr = null; };
  xhr.send(upload.file.slice(upload.sent, end));
}

function uploadPosted(upload, ack) {
  state.uploads.splice(state.uploads.indexOf(upload), 1);
  const conversation = state.conversations.get(upload.conversation);
  if (!conversation) return;
  const file = { id: upload.sha256, name: upload.file.name, size: upload.file.size, type: upload.file.type };
  addMessages(conversation, [{ seq: ack.seq, ts: ack.ts, from: state.you, text: upload.caption, conversation: upload.conversation, file, local: upload.file }]);
  if (conversation.id === state.current) renderMessages();
}

function failUpload(upload, reason) {
  upload.xhr?.abort();
  upload.xhr = null;
  upload.error = reason;
  upload.status = 'failed';
  renderMessages();
}

function cancelUpload(upload) {
  upload.cancelled = true;
  upload.xhr?.abort();
  if (upload.uploadId) send({ type: 'cancel_upload', uploadId: upload.uploadId });
  state.uploads.splice(state.uploads.indexOf(upload), 1);
  renderMessages();
}

function uploadStatus(upload) {
  const size = upload.file.size;
  if (upload.status === 'failed') return t('notSent', { reason: upload.error });
  if (upload.status === 'hashing') return t('checking', { percent: Math.floor((100 * (upload.hashed ?? 0)) / size) });
  if (upload.status === 'posting') return t('sending');
  if (upload.status === 'waiting' && !state.ws) return t('waitingForRoom');
  return t('sendingPercent', { percent: Math.floor((100 * (upload.progress ?? upload.sent)) / size) });
}

function uploadItem(upload) {
  const item = document.createElement('li');
  item.className = 'message own upload';
  item.dataset.upload = upload.clientId;
  if (upload.status === 'failed') item.classList.add('failed');
  const meta = document.createElement('div');
  meta.className = 'meta';
  const from = document.createElement('span');
  from.className = 'from';
  from.textContent = state.you?.name ?? '';
  const status = document.createElement('time');
  status.textContent = uploadStatus(upload);
  meta.append(from, status);
  const name = document.createElement('div');
  name.className = 'text';
  name.textContent = `📎 ${upload.file.name} (${formatSize(upload.file.size)})`;
  const bar = document.createElement('progress');
  bar.max = upload.file.size;
  bar.value = upload.status === 'hashing' ? 0 : (upload.progress ?? upload.sent);
  bar.hidden = upload.status === 'failed';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'cancel';
  cancel.textContent = upload.status === 'failed' ? t('dismiss') : t('cancel');
  cancel.onclick = () => cancelUpload(upload);
  item.append(meta, name, bar, cancel);
  return item;
}

function updateUploadRow(upload) {
  const item = document.querySelector(`[data-upload="${upload.clientId}"]`);
  if (!item) return;
  item.querySelector('time').textContent = uploadStatus(upload);
  if (upload.status !== 'hashing') item.querySelector('progress').value = upload.progress ?? upload.sent;
}

// --- the page ---------------------------------------------------------------------------------

function showStart(error) {
  $('start').hidden = false;
  $('chat').hidden = true;
  $('startError').textContent = error ?? '';
  $('join').disabled = false;
}

function showChat() {
  $('start').hidden = true;
  $('chat').hidden = false;
  $('input').disabled = false;
  $('send').disabled = false;
  $('input').focus();
}

const timeFormat = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });

function renderMessages(toNewest = false) {
  const conversation = state.conversations.get(state.current);
  const box = $('messageList');
  const atBottom = toNewest || box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  const fromBottom = box.scrollHeight - box.scrollTop;
  const list = $('messages');
  const items = [];
  for (const message of conversation?.messages ?? []) items.push(messageItem(message));
  for (const pending of state.outbox) {
    if (pending.conversation === state.current) items.push(messageItem({ from: state.you, text: pending.text }, pending));
  }
  for (const upload of state.uploads) {
    if (upload.conversation === state.current) items.push(uploadItem(upload));
  }
  if (items.length === 0 && conversation?.loaded) {
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = t('noMessages');
    items.push(empty);
  }
  list.replaceChildren(...items);
  $('older').hidden = !conversation?.hasOlder;
  box.scrollTop = atBottom ? box.scrollHeight : box.scrollHeight - fromBottom; // the one read stays
}

function messageItem(message, pending) {
  const item = document.createElement('li');
  item.className = 'message';
  if (message.from?.id === state.you?.id) item.classList.add('own');
  if (message.mentions?.includes(state.you?.id)) item.classList.add('mention');
  if (message.seq) item.dataset.seq = message.seq;
  const meta = document.createElement('div');
  meta.className = 'meta';
  const from = document.createElement('span');
  from.className = 'from';
  from.textContent = displayName(message.from);
  meta.append(from);
  const time = document.createElement('time');
  if (message.ts) {
    time.dateTime = new Date(message.ts).toISOString();
    time.textContent = timeFormat.format(message.ts);
  } else if (pending) {
    time.textContent = pending.failed ? t('notSent', { reason: pending.failed }) : t('sending');
    item.classList.add(pending.failed ? 'failed' : 'sending');
  }
  meta.append(time);
  if (message.edited && !message.deleted) {
    const edited = document.createElement('span');
    edited.className = 'edited';
    edited.textContent = t('edited');
    meta.append(edited);
  }
  item.append(meta);
  if (message.deleted) {
    const gone = document.createElement('div');
    gone.className = 'text deleted';
    gone.textContent = t(message.deleted === 'moderator' ? 'removedByModerator' : 'messageDeleted');
    item.append(gone);
  }
  if (message.text) {
    const text = document.createElement('div');
    text.className = 'text';
    text.append(...withLinks(message.text));
    item.append(text);
  }
  if (message.file) item.append(fileView(message.file, message.conversation ?? state.current, message.local));
  return item;
}

/** Text as nodes, web addresses as links; everything else stays text. */
function withLinks(text) {
  const nodes = [];
  let at = 0;
  for (const match of text.matchAll(/\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'}]/g)) {
    if (match.index > at) nodes.push(document.createTextNode(text.slice(at, match.index)));
    const link = document.createElement('a');
    link.href = match[0];
    link.textContent = match[0];
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    nodes.push(link);
    at = match.index + match[0].length;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}

// Names that look alike (the same letters once case, accents, zero-width characters and Cyrillic
// or Greek look-alikes are set aside, as Protocol::nameSkeleton does) get a tag from the member id,
// so that nobody can pass for someone else: "Dana #k3j9".
const LookAlikes = new Map(Object.entries({
  'а': 'a', 'в': 'b', 'е': 'e', 'є': 'e', 'н': 'h', 'і': 'i', 'ј': 'j', 'к': 'k', 'м': 'm', 'о': 'o', 'р': 'p', 'с': 'c',
  'ѕ': 's', 'т': 't', 'у': 'y', 'х': 'x', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'n', 'ι': 'i',
  'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'ζ': 'z', 'ɡ': 'g', 'ı': 'i',
}));

function nameSkeleton(name) {
  const letters = [...name.normalize('NFKD').toLowerCase()]
    .filter((c) => !/[\p{M}\p{Cf}\p{Cc}]/u.test(c))
    .map((c) => LookAlikes.get(c) ?? c)
    .join('');
  return letters.replace(/\s+/g, ' ').replace(/0/g, 'o').replace(/[1|i]/g, 'l').trim();
}

function displayName(member) {
  if (!member) return '?';
  const skeleton = nameSkeleton(member.name);
  const alike = [...state.members].some(([id, name]) => id !== member.id && nameSkeleton(name) === skeleton) ||
    (state.you && state.you.id !== member.id && nameSkeleton(state.you.name) === skeleton);
  return alike ? `${member.name} #${member.id.slice(0, 4)}` : member.name;
}

function fileUrl(file, conversation, thumbnail) {
  const query = new URLSearchParams({ c: conversation, key: state.fileKey });
  if (thumbnail) query.set('thumb', '1');
  return `/files/${file.id}?${query}`;
}

function formatSize(bytes) {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; ++unit; }
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: unit ? 1 : 0 }).format(value)} ${units[unit]}`;
}

function fileView(file, conversation, local) {
  const link = document.createElement('a');
  link.href = fileUrl(file, conversation, false);
  link.className = 'file';
  if (local && local.type.startsWith('image/')) { // one's own picture, from the file itself
    link.target = '_blank';
    link.rel = 'noopener';
    const image = document.createElement('img');
    image.alt = file.name;
    image.className = 'own';
    image.src = URL.createObjectURL(local);
    link.append(image);
  } else if (file.width && file.height) { // a picture: its thumbnail; the whole one in a tab of its own
    link.target = '_blank';
    link.rel = 'noopener';
    const image = document.createElement('img');
    const scale = Math.min(1, 320 / file.width, 240 / file.height);
    image.width = Math.round(file.width * scale);
    image.height = Math.round(file.height * scale);
    image.alt = file.name;
    image.src = fileUrl(file, conversation, true);
    link.append(image);
  } else {
    link.download = file.name;
    link.textContent = `📎 ${file.name} (${formatSize(file.size)})`;
    link.title = t('download');
  }
  return link;
}

function renderSidebar() {
  const items = [];
  for (const conversation of state.conversations.values()) {
    if (!conversation.joined) continue;
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'conversation';
    button.dataset.id = conversation.id;
    if (conversation.id === state.current) button.setAttribute('aria-current', 'true');
    if (conversation.unread > 0) button.classList.add('unread');
    const name = document.createElement('span');
    name.textContent = conversation.kind === 'direct' ? displayName(conversation.with) : titleOf(conversation);
    button.append(name);
    if (conversation.unread > 0) {
      const count = document.createElement('span');
      count.className = conversation.mentions > 0 ? 'count mentions' : 'count';
      count.textContent = conversation.mentions > 0 ? `@${conversation.mentions}` : String(conversation.unread);
      button.append(count);
    }
    button.onclick = () => openConversation(conversation.id);
    item.append(button);
    items.push(item);
  }
  $('conversations').replaceChildren(...items);

  const others = [];
  for (const channel of state.channels.values()) {
    if (state.conversations.get(channel.id)?.joined) continue;
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'conversation other';
    button.textContent = `#${channel.name}`;
    button.title = t('joinChannel');
    button.onclick = () => {
      state.joiningChannel = channel.id;
      send({ type: 'join_channel', conversation: channel.id });
    };
    item.append(button);
    others.push(item);
  }
  $('otherChannels').replaceChildren(...others);
  const unreadElsewhere = [...state.conversations.values()].some((c) => c.id !== state.current && c.unread > 0);
  $('menuButton').classList.toggle('unread', unreadElsewhere);
  $('otherChannelsTitle').hidden = others.length === 0;
  renderMembers();
}

function renderMembers() {
  const items = [...state.members].sort((a, b) => a[1].localeCompare(b[1], language)).map(([id, name]) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'member';
    const shown = displayName({ id, name });
    button.textContent = id === state.you?.id ? t('you', { name: shown }) : shown;
    button.disabled = id === state.you?.id;
    button.onclick = () => {
      state.openingDirect = id;
      send({ type: 'open_direct', member: id });
    };
    item.append(button);
    return item;
  });
  $('members').replaceChildren(...items);
}

function renderTyping() {
  const now = Date.now();
  const names = [...(state.typing.get(state.current) ?? new Map()).values()].filter((x) => x.until > now).map((x) => x.name);
  $('typing').textContent = names.length === 0 ? '' : names.length === 1 ? t('typingOne', { name: names[0] })
    : t('typingMany', { names: names.join(', ') });
}

function updateTitle() {
  let unread = 0;
  for (const conversation of state.conversations.values()) unread += conversation.unread;
  const room = state.roomName || 'Parley';
  document.title = unread > 0 ? `(${unread}) ${room} — Parley` : `${room} — Parley`;
}

function closeSidebarOnPhones() {
  document.body.classList.remove('sidebar-open');
  $('menuButton').setAttribute('aria-expanded', 'false');
}

// --- wiring -----------------------------------------------------------------------------------

translatePage();
$('name').value = saved.get('name');
// A reload of a tab that was in the room goes back in (as the same member: the token is kept).
try {
  if (sessionStorage.getItem('parley.joined') && $('name').value) queueMicrotask(() => $('joinForm').requestSubmit());
} catch { /* no storage: the Join button */ }
$('joinForm').addEventListener('submit', (event) => {
  event.preventDefault();
  if (!$('name').value.trim()) {
    $('startError').textContent = t('nameNeeded');
    $('name').focus();
    return;
  }
  $('startError').textContent = '';
  $('join').disabled = true;
  state.stopped = false;
  state.ws?.close();
  connect();
});
$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  sendTyped();
});
$('input').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    sendTyped();
  }
});
$('input').addEventListener('input', () => {
  if (!$('input').value.trim() || Date.now() - state.lastTypingSent < TypingEvery) return;
  state.lastTypingSent = Date.now();
  send({ type: 'typing', conversation: state.current });
});
$('attach').addEventListener('click', () => $('fileInput').click());
$('fileInput').addEventListener('change', () => {
  for (const file of $('fileInput').files) startUpload(file);
  $('fileInput').value = '';
});
$('input').addEventListener('paste', (event) => {
  const files = [...(event.clipboardData?.files ?? [])];
  if (files.length === 0 || !state.maxFileBytes) return;
  event.preventDefault(); // a pasted picture is sent, not its name typed
  for (const file of files) startUpload(file);
});
document.addEventListener('dragover', (event) => {
  if (state.joined && state.maxFileBytes && event.dataTransfer?.types.includes('Files')) event.preventDefault();
});
document.addEventListener('drop', (event) => {
  if (!state.joined || !state.maxFileBytes || !event.dataTransfer?.files.length) return;
  event.preventDefault();
  for (const file of event.dataTransfer.files) startUpload(file);
});
$('older').addEventListener('click', () => {
  const conversation = state.conversations.get(state.current);
  if (!conversation || conversation.loadingOlder) return;
  conversation.loadingOlder = true;
  const before = conversation.messages[0]?.seq;
  send(before ? { type: 'history', conversation: conversation.id, before, limit: 50 } : { type: 'history', conversation: conversation.id, limit: 50 });
});
$('menuButton').addEventListener('click', () => {
  const open = document.body.classList.toggle('sidebar-open');
  $('menuButton').setAttribute('aria-expanded', String(open));
});
// The drawer on a phone closes as drawers do: Escape, or a tap beside it.
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && document.body.classList.contains('sidebar-open')) closeSidebarOnPhones();
});
document.querySelector('.view').addEventListener('pointerdown', () => {
  if (document.body.classList.contains('sidebar-open')) closeSidebarOnPhones();
});
$('input').addEventListener('input', () => { $('composerError').textContent = ''; });
document.addEventListener('visibilitychange', () => {
  if (!document.hidden && state.joined) {
    const conversation = state.conversations.get(state.current);
    if (conversation) { conversation.unread = 0; conversation.mentions = 0; }
    markRead();
    renderSidebar();
    updateTitle();
  }
});
