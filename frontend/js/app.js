/**
 * Entry point: builds the connection, the chat session, the room poller and the views, and wires
 * them together. Everything with logic lives in the imported modules; this file only connects
 * events to reactions.
 */

import { Connection, ConnectionState, webSocketUrl } from './connection.js';
import { ChatSession, DEFAULT_ROOM, JoinState, MAX_TEXT_LENGTH } from './chat-session.js';
import { createRoomPoller } from './rooms.js';
import { connectionBadge, clearPeriod } from './format.js';
import { byId } from './dom.js';
import { createMessageView } from './message-view.js';
import { createRoomListView, createRoomHeaderView } from './room-view.js';
import { createStatusView } from './status-view.js';
import { createComposerView } from './composer-view.js';

const APP_NAME = 'Anonymous chat';

const connection = new Connection({ url: webSocketUrl(window.location) });
const session = new ChatSession({ send: (frame) => connection.send(frame) });

let directory = []; // rooms from GET /api/rooms
let connectionInfo = { state: ConnectionState.DISCONNECTED, retryAt: null, retryInMs: null, failures: 0 };

// ---- views ----

const status = createStatusView({
  badge: byId('connection-badge'),
  badgeText: byId('connection-text'),
  identity: byId('identity'),
  userName: byId('user-name'),
  notice: byId('notice'),
  noticeText: byId('notice-text'),
  noticeClose: byId('notice-close'),
  toasts: byId('toasts'),
});

const retryButton = byId('retry-now');
retryButton.addEventListener('click', () => connection.reconnectNow());

const messages = createMessageView({
  scroller: byId('message-scroller'),
  list: byId('message-list'),
  pendingList: byId('pending-list'),
  emptyState: byId('empty-state'),
  jumpButton: byId('jump-latest'),
  isOwn: (message) => session.isOwn(message),
  onRetry: () => session.retryPending(),
});

const roomList = createRoomListView({ list: byId('room-list'), onSelect: selectRoom });
const roomHeader = createRoomHeaderView({
  nameNode: byId('room-name'),
  usersNode: byId('room-users'),
  clearNode: byId('room-clear'),
});
const roomsNote = byId('rooms-note');

createComposerView({
  form: byId('composer'),
  input: byId('composer-input'),
  sendButton: byId('send-button'),
  counter: byId('composer-counter'),
  maxLength: MAX_TEXT_LENGTH,
  onSend: (text) => {
    const result = session.submit(text);
    if (result.ok) messages.scrollToBottom();
    return result;
  },
  onRejected: (reason) => {
    if (reason === 'too_long') status.toast(`Messages can be at most ${MAX_TEXT_LENGTH} characters.`);
  },
});

// ---- rendering helpers ----

function currentRoomInfo() {
  return directory.find((room) => room.id === session.room);
}

function roomDisplayName(id) {
  const known = directory.find((room) => room.id === id);
  if (known) return known.name;
  return id === DEFAULT_ROOM ? 'General' : id;
}

function renderRoom() {
  const info = currentRoomInfo();
  const users = session.users ?? info?.users ?? null;
  const name = roomDisplayName(session.room);
  roomHeader.render({ name, users, clearText: clearPeriod(info?.clearIntervalSeconds) });
  document.title = `${name} · ${APP_NAME}`;

  const shown = directory.length > 0 ? directory : [{ id: session.room, name, users }];
  const live = new Map(session.users === null ? [] : [[session.room, session.users]]);
  roomList.render(shown, session.room, live);
}

function renderConnection() {
  const badge = connectionBadge(connectionInfo, { browserOnline: navigator.onLine, now: Date.now() });
  status.setConnection(badge);
  retryButton.hidden = !(connectionInfo.state === ConnectionState.DISCONNECTED && connectionInfo.retryAt !== null);
}

function renderEmptyText() {
  const text = {
    [JoinState.JOINED]: 'No messages yet. Say hello!',
    [JoinState.JOINING]: 'Loading messages…',
    [JoinState.NONE]: 'Connecting to the chat…',
  }[session.joinState];
  messages.setEmptyText(text);
}

function selectRoom(roomId) {
  if (roomId === session.room) return;
  status.hideNotice();
  session.switchRoom(roomId);
  renderRoom();
  byId('composer-input').focus();
}

// ---- wiring ----

connection.onState((info) => {
  connectionInfo = info;
  if (info.state !== ConnectionState.CONNECTED) session.connectionLost();
  renderConnection();
  renderEmptyText();
});
connection.onFrame((frame) => {
  session.handleFrame(frame);
  renderEmptyText();
});

session.on('identity', (user) => status.setUserName(user?.name));
session.on('room', renderRoom);
session.on('timeline', (change) => {
  messages.renderTimeline(change);
  renderEmptyText();
});
session.on('pending', (entries) => messages.renderPending(entries));
session.on('notice', (text) => status.showNotice(text));
session.on('error', ({ text }) => status.toast(text));

const poller = createRoomPoller({
  onRooms: (rooms) => {
    directory = rooms;
    roomsNote.hidden = true;
    renderRoom();
  },
  onError: () => {
    roomsNote.hidden = false;
  },
});

window.addEventListener('online', () => {
  connection.reconnectNow();
  renderConnection();
});
window.addEventListener('offline', renderConnection);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') connection.reconnectNow();
});
setInterval(() => {
  if (connectionInfo.retryAt !== null) renderConnection(); // the "in Ns" countdown
}, 1000);

renderRoom();
renderConnection();
connection.connect();
poller.start();
