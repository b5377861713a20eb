// The embeddable chat widget served at /widget.js: plain browser JavaScript, no framework, no build.
// Embed: <script src="https://parley.example/widget.js" data-channel="<channel id>" async></script>
// Optional: data-user-id + data-user-hash (HMAC-SHA256 of the user id with the channel secret, hex,
// computed on the brand's server), data-name, data-title, data-color.
import { WIDGET_LOGIC } from './widget-logic.ts';

export const WIDGET_SCRIPT = String.raw`(function () {
  'use strict';
${WIDGET_LOGIC}
  var script = document.currentScript;
  if (!script || window.__parleyChat) return;
  window.__parleyChat = true;
  var channel = script.getAttribute('data-channel');
  if (!channel) { console.error('Parley chat: data-channel is missing'); return; }
  var base = new URL(script.src, location.href);
  var color = script.getAttribute('data-color') || '#3b5bdb';
  var storeKey = 'parley-chat:' + channel;
  var saved = {};
  try { saved = JSON.parse(localStorage.getItem(storeKey) || '{}'); } catch (e) { saved = {}; }
  var pending = saved.pending || [];
  var socket = null, retryMs = 1000, seen = {};
  // From the session: is anyone online to answer, and the address the visitor left (if any).
  var availability = { agentsOnline: null, email: null };

  function el(tag, style, text) {
    var node = document.createElement(tag);
    if (style) node.setAttribute('style', style);
    if (text) node.textContent = text;
    return node;
  }
  function persist() {
    saved.pending = pending;
    try { localStorage.setItem(storeKey, JSON.stringify(saved)); } catch (e) { /* private mode */ }
  }
  function newId() {
    return 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
  }

  var button = el('button', 'position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:24px;padding:12px 18px;font:600 14px system-ui,sans-serif;color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.2);background:' + color, 'Chat with us');
  var panel = el('div', 'position:fixed;right:20px;bottom:76px;z-index:2147483000;width:320px;max-width:calc(100vw - 40px);height:440px;max-height:calc(100vh - 110px);display:none;flex-direction:column;background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);font:14px system-ui,sans-serif;color:#222;overflow:hidden');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', 'Chat');
  var header = el('div', 'padding:12px 14px;font-weight:600;color:#fff;background:' + color, script.getAttribute('data-title') || 'How can we help?');
  var log = el('div', 'flex:1;overflow-y:auto;padding:10px;display:flex;flex-direction:column;gap:6px');
  log.setAttribute('aria-live', 'polite');
  var statusLine = el('div', 'display:none;padding:6px 10px;font-size:12px;color:#5c4400;background:#fff8e1;border-top:1px solid #eee');
  statusLine.setAttribute('role', 'status');
  var emailRow = el('form', 'display:flex;gap:6px;padding:6px 10px;border-top:1px solid #eee;background:#fafafa');
  var emailInput = el('input', 'flex:1;padding:6px;border:1px solid #ccc;border-radius:6px;font:inherit');
  emailInput.type = 'email';
  emailInput.placeholder = 'Your email, so we can answer if you leave';
  emailInput.setAttribute('aria-label', 'Your email');
  var emailSave = el('button', 'border:0;border-radius:6px;padding:6px 10px;cursor:pointer;background:#eee', 'Save');
  emailRow.appendChild(emailInput); emailRow.appendChild(emailSave);
  var form = el('form', 'display:flex;gap:6px;padding:10px;border-top:1px solid #eee');
  var input = el('textarea', 'flex:1;resize:none;height:40px;padding:8px;border:1px solid #ccc;border-radius:8px;font:inherit');
  input.placeholder = 'Write a message';
  input.setAttribute('aria-label', 'Message');
  input.maxLength = 5000;
  var sendButton = el('button', 'border:0;border-radius:8px;padding:0 14px;color:#fff;cursor:pointer;background:' + color, 'Send');
  form.appendChild(input); form.appendChild(sendButton);
  panel.appendChild(header); panel.appendChild(log); panel.appendChild(statusLine); panel.appendChild(emailRow); panel.appendChild(form);
  document.body.appendChild(panel); document.body.appendChild(button);

  function show(line, state) {
    var key = line.id || line.clientMessageId;
    var existing = key && seen[key];
    if (existing) { existing.style.opacity = state === 'pending' ? '.6' : '1'; return; }
    var mine = line.direction === 'in';
    var bubble = el('div', 'max-width:80%;padding:8px 10px;border-radius:10px;white-space:pre-wrap;word-wrap:break-word;' + (mine ? 'align-self:flex-end;color:#fff;background:' + color : 'align-self:flex-start;background:#f1f3f5'), line.text);
    if (state === 'pending') bubble.style.opacity = '.6';
    if (key) seen[key] = bubble;
    if (line.clientMessageId) seen[line.clientMessageId] = bubble;
    log.appendChild(bubble);
    log.scrollTop = log.scrollHeight;
  }
  function note(text) {
    log.appendChild(el('div', 'align-self:center;font-size:12px;color:#888', text));
  }
  function renderEmailRow() {
    var prompt = emailPrompt(availability);
    emailRow.style.display = prompt.mode === 'hidden' ? 'none' : 'flex';
    emailRow.style.background = prompt.mode === 'ask' ? '#fff8e1' : '#fafafa';
    emailInput.placeholder = prompt.mode === 'ask' ? 'Your email' : 'Your email, so we can answer if you leave';
    statusLine.textContent = prompt.note;
    statusLine.style.display = prompt.note ? 'block' : 'none';
  }
  renderEmailRow();
  function flush() {
    if (!socket || socket.readyState !== 1 || !socket.ready) return;
    pending.forEach(function (m) { socket.send(JSON.stringify({ type: 'message', clientMessageId: m.clientMessageId, text: m.text })); });
  }

  function connect() {
    var url = new URL('/webchat/' + encodeURIComponent(channel), base);
    url.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
    var userId = script.getAttribute('data-user-id');
    if (userId) {
      url.searchParams.set('userId', userId);
      url.searchParams.set('userHash', script.getAttribute('data-user-hash') || '');
    } else if (saved.visitorId && saved.token) {
      url.searchParams.set('visitorId', saved.visitorId);
      url.searchParams.set('token', saved.token);
    }
    if (script.getAttribute('data-name')) url.searchParams.set('name', script.getAttribute('data-name'));
    url.searchParams.set('pageUrl', location.href.slice(0, 2000));
    socket = new WebSocket(url.toString());
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === 'session') {
        saved.visitorId = frame.visitorId; saved.token = frame.token; persist();
        availability.agentsOnline = typeof frame.agentsOnline === 'boolean' ? frame.agentsOnline : null;
        availability.email = frame.email || null;
        renderEmailRow();
        socket.ready = true; retryMs = 1000; flush();
      } else if (frame.type === 'history') {
        frame.messages.forEach(function (line) { show(line); });
        pending.forEach(function (m) { show({ clientMessageId: m.clientMessageId, direction: 'in', text: m.text }, 'pending'); });
      } else if (frame.type === 'ack') {
        pending = pending.filter(function (m) { return m.clientMessageId !== frame.clientMessageId; });
        persist();
        show({ clientMessageId: frame.clientMessageId, direction: 'in' }, 'stored');
      } else if (frame.type === 'message') {
        show(frame.message);
      } else if (frame.type === 'availability') {
        availability.agentsOnline = frame.agentsOnline === true;
        renderEmailRow();
      } else if (frame.type === 'email.saved') {
        availability.email = frame.email;
        renderEmailRow();
        note('Thanks, we will email ' + frame.email + ' if you are gone.');
      } else if (frame.type === 'error') {
        if (frame.code === 'bad_message' && frame.clientMessageId) {
          pending = pending.filter(function (m) { return m.clientMessageId !== frame.clientMessageId; });
          persist();
        }
        note(frame.message);
      }
    };
    socket.onclose = function (event) {
      socket = null;
      if (event.code >= 4400 && event.code < 4500) { note('Chat is unavailable here.'); return; }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 30000);
    };
  }

  button.addEventListener('click', function () {
    var open = panel.style.display !== 'flex';
    panel.style.display = open ? 'flex' : 'none';
    if (open) { if (!socket) connect(); input.focus(); }
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    var message = { clientMessageId: newId(), text: text };
    pending.push(message); persist();
    show({ clientMessageId: message.clientMessageId, direction: 'in', text: text }, 'pending');
    input.value = '';
    flush();
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  emailRow.addEventListener('submit', function (event) {
    event.preventDefault();
    if (!isEmailAddress(emailInput.value)) { note('That does not look like an email address'); return; }
    if (socket && socket.ready) socket.send(JSON.stringify({ type: 'email', email: emailInput.value.trim() }));
  });
  setInterval(function () { if (socket && socket.ready) socket.send('{"type":"ping"}'); }, 25000);
  if (pending.length > 0) connect();
})();
`;
