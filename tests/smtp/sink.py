"""A mail server for the tests: accepts every message and writes it, decoded by Python's
email package, as one JSON file per message into a folder.

    python sink.py HOST PORT FOLDER [--delay-ms MS] [CERT KEY | --auth]

With a certificate and its key it offers STARTTLS and refuses mail without it. With --auth
it offers AUTH without TLS, accepts every login and notes each one (never the password) in
FOLDER/logins. With --delay-ms it keeps each message MS milliseconds before it answers that
it accepted it (the message is written first: a sender that goes away while it waits has
delivered the message without knowing it). It prints "ready" once it listens and runs until
it is killed.
"""

import asyncio
import email
import email.policy
import json
import logging
import os
import ssl
import sys
import threading
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Sink:
    def __init__(self, folder, delay):
        self.folder = folder
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        part = message.get_body(("plain",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "message_id": str(message["Message-ID"]),
            "date": str(message["Date"]),
            "content_type": part.get_content_type() if part else None,
            "charset": part.get_content_charset() if part else None,
            "transfer_encoding": str(part["Content-Transfer-Encoding"]) if part else None,
            "body": part.get_content() if part else None,
            "tls": session.ssl is not None,
            "ascii_only": envelope.original_content.isascii(),
        }
        name = uuid.uuid4().hex
        temporary = os.path.join(self.folder, name + ".tmp")
        with open(temporary, "w", encoding="utf-8") as file:
            json.dump(record, file, ensure_ascii=False)
        os.rename(temporary, os.path.join(self.folder, name + ".json"))
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 Message accepted"


class Logins:
    def __init__(self, folder):
        self.path = os.path.join(folder, "logins")

    def __call__(self, server, session, envelope, mechanism, auth_data):
        with open(self.path, "a", encoding="utf-8") as file:
            file.write(mechanism + "\n")
        return AuthResult(success=True)


def main():
    host, port, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rest = sys.argv[4:]
    delay = 0.0
    if rest[:1] == ["--delay-ms"]:
        delay = int(rest[1]) / 1000
        rest = rest[2:]
    options = {}
    if rest == ["--auth"]:
        options = {"authenticator": Logins(folder), "auth_require_tls": False}
    elif len(rest) >= 2:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(rest[0], rest[1])
        options = {"tls_context": context, "require_starttls": True}
    # A client that refuses the certificate is what some tests want: no tracebacks for it.
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    controller = Controller(Sink(folder, delay), hostname=host, port=port, **options)
    controller.start()
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
