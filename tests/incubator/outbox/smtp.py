"""Mail servers for the tests: a real socket on 127.0.0.1 that speaks just enough SMTP to
take a message, one that accepts connections and never answers, and a port nobody listens
on. The mail server is the outside system of the outbox; everything else is ours."""

import socket
import threading
from contextlib import contextmanager


def closed_port() -> int:
    """A port on 127.0.0.1 with nothing listening (connecting is refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class TinySMTPServer:
    """Accepts messages on ``port`` and keeps them in ``messages`` (the raw DATA)."""

    def __init__(self, port: int = 0):
        self.socket = socket.socket()
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", port))
        self.socket.listen()
        self.port = self.socket.getsockname()[1]
        self.messages: list[str] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        while True:
            try:
                client, _ = self.socket.accept()
            except OSError:
                return
            with client, client.makefile("rwb") as stream:
                self._session(stream)

    def _session(self, stream):
        def reply(line: str):
            stream.write(line.encode() + b"\r\n")
            stream.flush()

        reply("220 tiny ESMTP")
        while line := stream.readline().decode():
            command = line.strip().upper()
            if command.startswith(("EHLO", "HELO")):
                reply("250 tiny")
            elif command.startswith("DATA"):
                reply("354 go ahead")
                data = []
                while (part := stream.readline().decode()) not in (".\r\n", ""):
                    data.append(part)
                self.messages.append("".join(data))
                reply("250 queued")
            elif command.startswith("QUIT"):
                reply("221 bye")
                return
            else:
                reply("250 ok")

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.socket.close()


@contextmanager
def silent_server():
    """A server that accepts the connection and then says nothing, ever."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()
