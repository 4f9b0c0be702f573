/**
 * Entry point: builds the connection, the chat session, the room poller, the stores and the
 * views, and wires them together. Everything with logic lives in the imported modules; this file
 * only connects events to reactions.
 */

import { Connection, ConnectionState, CloseCode, webSocketUrl } from './connection.js';
import { ChatSession, DEFAULT_ROOM, JoinState, MAX_TEXT_LENGTH, prepareText } from './chat-session.js';
import { createRoomPoller, diffRooms, keepLaterExpiry, touchExpiry, withoutGone, withPinned, PIN_MS } from './rooms.js';
import { connectionBadge } from './format.js';
import { byId, setText } from './dom.js';
import { createMessageView } from './message-view.js';
import { createRoomListView, createRoomHeaderView } from './room-view.js';
import { createStatusView } from './status-view.js';
import { createComposerView } from './composer-view.js';
import { createRoomDialogView } from './create-room-view.js';
import { createNameDialogView } from './name-view.js';
import { applyTheme, createThemeDialogView } from './theme-view.js';
import { createConfirm } from './dialog.js';
import { deleteRoom, RoomField } from './room-api.js';
import { uploadAttachment } from './attachments.js';
import { identityStore, ownerTokenStore, themeStore } from './storage.js';
import { DEFAULT_BACKGROUND, normalizeHex } from './theme.js';
import { historyStep, roomFromPath, roomPath, roomUrl } from './route.js';
import { Roster } from './roster.js';
import { TypingSignal, TypingState, typingRule, typingText } from './typing.js';
import { createPeopleView } from './people-view.js';
import { createShareView } from './share-view.js';

const APP_NAME = 'Anonymous chat';
/** People listed by name in the "who's here" panel; the others are counted ("and N more"). */
const PEOPLE_SHOWN = 50;
const fetchImpl = (...args) => window.fetch(...args);

function browserStorage() {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: nothing survives a reload, everything else works
  }
}

const storage = browserStorage();
const identity = identityStore(storage);
const owners = ownerTokenStore(storage);
const themes = themeStore(storage, normalizeHex);

let background = applyTheme(document.documentElement, themes.load() ?? DEFAULT_BACKGROUND);

let directory = []; // rooms from GET /api/rooms, plus the ones created here not listed yet
let pinned = []; // [{room, until}] rooms created here (see rooms.js withPinned)
const knownNames = new Map([[DEFAULT_ROOM, 'General']]); // every room name seen, for "Room X expired"
const ownedRooms = new Set(owners.rooms());
const deletedHere = new Set();
const goneRooms = new Set(); // expired or deleted: a cached poll may still list them
let connectionInfo = { state: ConnectionState.DISCONNECTED, retryAt: null, retryInMs: null, failures: 0, closeCode: null };

// The identity token goes in the first frame (auth), never in the URL, which logs keep.
const connection = new Connection({ url: () => webSocketUrl(window.location) });
const session = new ChatSession({
  send: (frame) => connection.send(frame),
  initialRoom: roomFromPath(window.location.pathname).room ?? DEFAULT_ROOM,
  savedToken: () => identity.token(),
  clearIntervalMs: (id) => {
    const seconds = findRoom(id)?.clearIntervalSeconds;
    return Number.isFinite(seconds) ? seconds * 1000 : null;
  },
});

function findRoom(id) {
  return directory.find((room) => room.id === id) ?? null;
}

function roomDisplayName(id) {
  return findRoom(id)?.name ?? knownNames.get(id) ?? id;
}

function remember(rooms) {
  for (const room of rooms) knownNames.set(room.id, room.name);
}

function forgetOwnership(id) {
  owners.forget(id);
  ownedRooms.delete(id);
}

// ---- views ----

const status = createStatusView({
  badge: byId('connection-badge'),
  badgeText: byId('connection-text'),
  identity: byId('identity'),
  userName: byId('user-name'),
  userAvatar: byId('user-avatar'),
  notice: byId('notice'),
  noticeText: byId('notice-text'),
  noticeClose: byId('notice-close'),
  toasts: byId('toasts'),
});

const retryButton = byId('retry-now');
retryButton.addEventListener('click', () => connection.reconnectNow());

const messageScroller = byId('message-scroller');
const messages = createMessageView({
  scroller: messageScroller,
  list: byId('message-list'),
  pendingList: byId('pending-list'),
  emptyState: byId('empty-state'),
  jumpButton: byId('jump-latest'),
  isOwn: (message) => session.isOwn(message),
  onRetry: () => session.retryPending(),
});

const confirmDialog = createConfirm({
  dialog: byId('confirm-dialog'),
  title: byId('confirm-title'),
  text: byId('confirm-text'),
  confirmButton: byId('confirm-ok'),
  cancelButton: byId('confirm-cancel'),
});

const roomList = createRoomListView({ list: byId('room-list'), onSelect: selectRoom, onDelete: askDelete });
const roomDeleteButton = byId('room-delete');
roomDeleteButton.addEventListener('click', () => askDelete(session.room, roomDeleteButton));
const roomHeader = createRoomHeaderView({
  avatarSlot: byId('room-avatar'),
  nameNode: byId('room-name'),
  usersNode: byId('room-users'),
  clearNode: byId('room-clear'),
  expiryNode: byId('room-expiry'),
  deleteButton: roomDeleteButton,
});
const roomsNote = byId('rooms-note');

const peopleToggle = byId('people-toggle');
const peopleView = createPeopleView({
  panel: byId('people'),
  list: byId('people-list'),
  more: byId('people-more'),
  toggle: peopleToggle,
  narrowQuery: window.matchMedia('(max-width: 720px)'),
});
const roster = new Roster();
const copyLinkButton = byId('copy-link');
const share = createShareView({
  button: copyLinkButton,
  label: byId('copy-link-text'),
  status: byId('copy-status'),
  fallback: byId('share-fallback'),
  input: byId('share-link'),
  closeButton: byId('share-close'),
  address: () => roomUrl(window.location.origin, session.room),
});
const roomMissing = byId('room-missing');
byId('go-general').addEventListener('click', () => selectRoom(DEFAULT_ROOM));
const typingLine = byId('typing');
const typists = new TypingState();
const typingSignal = new TypingSignal();
let typingTimer = null;
let shownRoom = null; // the room whose people and typists are on screen

const composer = createComposerView({
  form: byId('composer'),
  input: byId('composer-input'),
  sendButton: byId('send-button'),
  counter: byId('composer-counter'),
  maxLength: MAX_TEXT_LENGTH,
  attachButton: byId('attach-button'),
  fileInput: byId('attach-input'),
  preview: byId('attachment-preview'),
  previewImage: byId('attachment-thumb'),
  previewName: byId('attachment-name'),
  previewRemove: byId('attachment-remove'),
  onSend: sendMessage,
  onRejected: (reason, result) => {
    if (reason === 'too_long') status.toast(`Messages can be at most ${MAX_TEXT_LENGTH} characters.`);
    else if (result?.error && typeof result.error === 'string') status.toast(result.error);
  },
  onFileError: (text) => status.toast(text),
});

const createDialog = createRoomDialogView({
  dialog: byId('create-room-dialog'),
  form: byId('create-room-form'),
  fields: {
    [RoomField.NAME]: { input: byId('room-name-input'), error: byId('room-name-error') },
    [RoomField.CLEAR_INTERVAL]: { input: byId('room-clear-input'), error: byId('room-clear-error') },
    [RoomField.EXPIRY]: { input: byId('room-expiry-input'), error: byId('room-expiry-error') },
    [RoomField.HISTORY]: { input: byId('room-history-input'), error: byId('room-history-error') },
  },
  formError: byId('create-room-error'),
  submitButton: byId('create-room-submit'),
  cancelButton: byId('create-room-cancel'),
  fetchImpl,
  onCreated: roomCreated,
});
const newRoomButton = byId('new-room');
newRoomButton.addEventListener('click', () => createDialog.open(newRoomButton));

const nameDialog = createNameDialogView({
  dialog: byId('name-dialog'),
  form: byId('name-form'),
  input: byId('name-input'),
  error: byId('name-error'),
  submitButton: byId('name-submit'),
  cancelButton: byId('name-cancel'),
  changeName: (name) => session.changeName(name),
});
const identityButton = byId('identity');
identityButton.addEventListener('click', () => nameDialog.open(session.user?.name, identityButton));

const themeDialog = createThemeDialogView({
  dialog: byId('theme-dialog'),
  swatches: byId('theme-swatches'),
  customInput: byId('theme-custom'),
  resetButton: byId('theme-reset'),
  doneButton: byId('theme-done'),
  onChange: (color) => {
    background = applyTheme(document.documentElement, color);
    themes.save(background);
  },
});
const themeButton = byId('theme-button');
themeButton.addEventListener('click', () => themeDialog.open(background, themeButton));

// ---- actions ----

async function sendMessage(text, file) {
  const prepared = prepareText(text, { allowEmpty: file !== null });
  if (!prepared.ok) return prepared;
  let attachments = [];
  if (file) {
    const room = session.room;
    const upload = await uploadAttachment(fetchImpl, room, file, identity.token());
    if (!upload.ok) return { ok: false, reason: 'upload', error: upload.error };
    if (session.room !== room) return { ok: false, reason: 'upload', error: 'You switched rooms before the image was sent; it was not posted.' };
    attachments = [{ id: upload.id, url: upload.url }];
  }
  const result = session.submit(text, { attachments });
  if (result.ok) messages.scrollToBottom();
  return result;
}

/**
 * Keeps the address bar on the room shown: a room the user picked is a new history entry (Back
 * returns to the previous room); any other change (the home page, a room gone) replaces it.
 */
function showAddress(roomId, mode) {
  const step = historyStep(window.location.pathname, roomId);
  if (step === 'none') return;
  if (step === 'push' && mode === 'push') window.history.pushState({ room: roomId }, '', roomPath(roomId));
  else window.history.replaceState({ room: roomId }, '', roomPath(roomId));
}

function selectRoom(roomId, { fromHistory = false } = {}) {
  if (!fromHistory) showAddress(roomId, 'push');
  if (roomId === session.room && !session.missing) {
    composer.focus();
    return;
  }
  status.hideNotice();
  composer.clearAttachment();
  session.switchRoom(roomId);
  renderRoom();
  composer.focus();
}

function roomCreated({ room, ownerToken }) {
  if (ownerToken) {
    owners.save(room.id, ownerToken);
    ownedRooms.add(room.id);
  }
  pinned = [...pinned, { room, until: Date.now() + PIN_MS }];
  const merged = withPinned(directory.filter((r) => r.id !== room.id), pinned, Date.now());
  directory = merged.rooms;
  remember([room]);
  selectRoom(room.id);
  poller.refresh();
}

async function askDelete(roomId, from) {
  const token = owners.get(roomId);
  if (!token) return;
  const name = roomDisplayName(roomId);
  const yes = await confirmDialog.ask({
    title: `Delete ${name}?`,
    text: 'Its messages and images are gone for good, and everyone in it is moved to General.',
    confirmLabel: 'Delete room',
    from,
  });
  if (!yes) return;
  deletedHere.add(roomId); // before the request: the server's `expired` may come before its answer
  const result = await deleteRoom(fetchImpl, roomId, token);
  if (!result.ok) {
    deletedHere.delete(roomId);
    status.toast(`Could not delete ${name}: ${result.error}`);
    return;
  }
  goneRooms.add(roomId);
  forgetOwnership(roomId);
  directory = directory.filter((room) => room.id !== roomId);
  pinned = pinned.filter((pin) => pin.room.id !== roomId);
  if (session.room === roomId) {
    // The server also sends `expired`; not waiting for it keeps the page right if it is late.
    session.switchRoom(DEFAULT_ROOM);
    status.showNotice(`Room ${name} was deleted`);
  }
  renderRoom();
  poller.refresh();
}

// ---- rendering ----

function renderRoom() {
  const now = Date.now();
  const info = session.missing ? null : findRoom(session.room);
  const users = session.missing ? null : session.users ?? info?.users ?? null;
  const name = session.missing ? 'Room not found' : roomDisplayName(session.room);
  roomHeader.render({ id: session.room, name, users, room: info, owned: ownedRooms.has(session.room), now });
  document.title = `${name} · ${APP_NAME}`;
  peopleToggle.hidden = !Number.isFinite(users);
  copyLinkButton.hidden = session.missing;
  roomMissing.hidden = !session.missing;
  messageScroller.classList.toggle('messages--missing', session.missing);
  byId('composer').inert = session.missing;

  const shown = directory.length > 0 ? directory : [{ id: session.room, name, users, clearIntervalSeconds: null, nextClearAt: null, expiresAt: null }];
  const live = new Map(session.users === null ? [] : [[session.room, session.users]]);
  roomList.render(shown, session.room, { liveUsers: live, owned: (id) => ownedRooms.has(id), now });
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
  messages.setEmptyText(session.missing ? '' : text);
  messageScroller.setAttribute('aria-busy', session.joinState === JoinState.JOINED || session.missing ? 'false' : 'true');
}

function renderPeople() {
  peopleView.render(roster.view({ users: session.users, ownIds: session.ownUserIds, limit: PEOPLE_SHOWN }));
}

function renderTyping() {
  const now = Date.now();
  setText(typingLine, typingText(typists.names(now)));
  clearTimeout(typingTimer);
  const next = typists.nextChange();
  typingTimer = next === null ? null : setTimeout(renderTyping, Math.max(50, next - now));
}

/** Another room is shown: nobody is known to be in it or typing there yet. */
function roomChanged() {
  if (shownRoom === session.room) return;
  shownRoom = session.room;
  roster.clear();
  typists.clear();
  typingSignal.reset();
  share.reset();
  renderPeople();
  renderTyping();
}

// ---- wiring ----

let lastCloseCode = null;
connection.onState((info) => {
  connectionInfo = info;
  if (info.state !== ConnectionState.CONNECTED) session.connectionLost();
  if (info.state === ConnectionState.DISCONNECTED && info.closeCode !== lastCloseCode) {
    if (info.closeCode === CloseCode.POLICY) status.toast('The server closed the connection (too many errors or a slow connection). Reconnecting…');
    if (info.closeCode === CloseCode.TOO_BIG) status.toast('The server closed the connection: a message was too large. Reconnecting…');
  }
  lastCloseCode = info.closeCode ?? null;
  renderConnection();
  renderEmptyText();
});
connection.onFrame((frame) => {
  if (frame.type === 'welcome') typingSignal.setRule(typingRule(frame));
  session.handleFrame(frame);
  renderEmptyText();
});

session.on('token', (token) => identity.save(token));
session.on('identity', (user) => {
  status.setUser(user);
  nameDialog.accepted();
});
session.on('nameError', (text) => {
  if (!nameDialog.refused(text)) status.toast(text);
});
session.on('room', () => {
  roomChanged();
  showAddress(session.room, 'replace'); // e.g. back in General after a room expired
  renderRoom();
  renderPeople();
  renderEmptyText();
});
session.on('missing', () => {
  roomChanged();
  renderRoom();
  renderEmptyText();
});
session.on('roster', (frame) => {
  if (roster.apply(frame)) renderPeople();
});
session.on('typing', (frame) => {
  if (session.ownUserIds.has(frame.user?.id)) return;
  typists.signal(frame.user, Date.now());
  renderTyping();
});
session.on('timeline', (change) => {
  messages.renderTimeline(change);
  renderEmptyText();
  // whoever's message arrived has stopped typing
  if ((change.added ?? []).reduce((stopped, m) => typists.stop(m.user?.id) || stopped, false)) renderTyping();
});
const composerInput = byId('composer-input');
composerInput.addEventListener('input', () => {
  const joined = session.joinState === JoinState.JOINED;
  if (typingSignal.shouldSend({ now: Date.now(), text: composerInput.value, joined, users: session.users })) connection.send({ type: 'typing' });
});
window.addEventListener('popstate', () => selectRoom(roomFromPath(window.location.pathname).room ?? DEFAULT_ROOM, { fromHistory: true }));
session.on('line', (line) => messages.appendLine(line));
session.on('pending', (entries) => messages.renderPending(entries));
session.on('notice', (text) => status.showNotice(text));
session.on('error', ({ text }) => status.toast(text));
let lastSlowdownToast = 0;
session.on('slowdown', ({ retryAfterMs }) => {
  if (Date.now() - lastSlowdownToast < 4000) return; // one burst of refusals, one toast
  lastSlowdownToast = Date.now();
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  status.toast(`Slow down! Your messages go out one by one (next in ${seconds} s).`, 'info');
});
session.on('cleared', ({ room, nextClearAt }) => {
  if (nextClearAt === null) return;
  directory = directory.map((r) => (r.id === room ? { ...r, nextClearAt } : r));
  renderRoom();
});
session.on('activity', ({ room, at }) => {
  directory = directory.map((r) => (r.id === room ? touchExpiry(r, at) : r));
});
session.on('expired', ({ room, current }) => {
  const name = roomDisplayName(room);
  goneRooms.add(room);
  forgetOwnership(room);
  directory = directory.filter((r) => r.id !== room);
  pinned = pinned.filter((pin) => pin.room.id !== room);
  if (current) {
    composer.clearAttachment();
    status.showNotice(deletedHere.has(room) ? `Room ${name} was deleted` : `Room ${name} expired`);
  }
  renderRoom();
  poller.refresh();
});

const poller = createRoomPoller({
  fetchImpl,
  onRooms: (rooms) => {
    const merged = withPinned(keepLaterExpiry(withoutGone(rooms, goneRooms), directory), pinned, Date.now());
    pinned = merged.pinned;
    const diff = diffRooms(directory, merged.rooms);
    for (const id of diff.removed) forgetOwnership(id); // rooms never come back once gone
    directory = merged.rooms;
    remember(directory);
    roomsNote.hidden = true;
    if (!diff.same) renderRoom();
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
  renderRoom(); // the countdowns of the sidebar and the header tick between polls
  if (connectionInfo.retryAt !== null) renderConnection(); // the "in Ns" countdown
}, 1000);

renderRoom();
renderConnection();
connection.connect();
poller.start();
