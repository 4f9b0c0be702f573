/**
 * A stand-in for the browser's WebSocket constructor. Each test gets its own class (so instance
 * lists do not leak between tests); the `server*` methods play the server's side.
 */
export function fakeWebSocketClass() {
  const instances = [];

  class FakeWebSocket {
    static CONNECTING = 0;
    static OPEN = 1;
    static CLOSED = 3;

    constructor(url) {
      this.url = url;
      this.readyState = FakeWebSocket.CONNECTING;
      this.sent = [];
      this.closeCalls = 0;
      this.onopen = null;
      this.onmessage = null;
      this.onclose = null;
      this.onerror = null;
      instances.push(this);
    }

    send(data) {
      if (this.readyState !== FakeWebSocket.OPEN) throw new Error('InvalidStateError');
      this.sent.push(JSON.parse(data));
    }

    close() {
      this.closeCalls += 1;
      this.readyState = FakeWebSocket.CLOSED;
    }

    serverOpen() {
      this.readyState = FakeWebSocket.OPEN;
      this.onopen?.({});
    }

    serverSend(frame) {
      this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
    }

    serverClose(code = 1006) {
      this.readyState = FakeWebSocket.CLOSED;
      this.onerror?.({});
      this.onclose?.({ code });
    }
  }

  FakeWebSocket.instances = instances;
  FakeWebSocket.last = () => instances[instances.length - 1];
  return FakeWebSocket;
}
