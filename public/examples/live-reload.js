// For designers previewing with `trunk serve`: reloads the page when trunk has rebuilt.
// Not part of the widget; a published page leaves this script out.
const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
const socket = new WebSocket(`${scheme}://${location.host}/.well-known/trunk/ws`);
socket.addEventListener('message', (event) => {
  if (JSON.parse(event.data).type === 'reload') location.reload();
});
