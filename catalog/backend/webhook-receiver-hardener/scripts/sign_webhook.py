#!/usr/bin/env python3
"""Sign a webhook body the way common providers do, to test a receiver.

Prints the signature headers and a curl command that replays the request.
Schemes:
  github    X-Hub-Signature-256: sha256=HEX(HMAC(secret, body))
  stripe    Stripe-Signature: t=TS,v1=HEX(HMAC(secret, "TS.body"))
  slack     X-Slack-Request-Timestamp: TS
            X-Slack-Signature: v0=HEX(HMAC(secret, "v0:TS:body"))
  standard  Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature:
            v1,B64(HMAC(b64decode(secret without "whsec_"), "ID.TS.body")))

Stdlib only. Exit code 0 on success, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import hmac
import shlex
import sys
import time
import uuid

SCHEMES = ("github", "stripe", "slack", "standard")


def hmac_sha256(key: bytes, message: bytes) -> bytes:
    return hmac.new(key, message, hashlib.sha256).digest()


def sign(scheme: str, secret: str, body: bytes, timestamp: int, message_id: str) -> dict[str, str]:
    ts = str(timestamp).encode()
    if scheme == "github":
        return {"X-Hub-Signature-256": "sha256=" + hmac_sha256(secret.encode(), body).hex()}
    if scheme == "stripe":
        digest = hmac_sha256(secret.encode(), ts + b"." + body).hex()
        return {"Stripe-Signature": f"t={timestamp},v1={digest}"}
    if scheme == "slack":
        digest = hmac_sha256(secret.encode(), b"v0:" + ts + b":" + body).hex()
        return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": f"v0={digest}"}
    if scheme == "standard":
        key = base64.b64decode(secret.removeprefix("whsec_"), validate=True)
        signed = message_id.encode() + b"." + ts + b"." + body
        digest = base64.b64encode(hmac_sha256(key, signed)).decode()
        return {
            "webhook-id": message_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": f"v1,{digest}",
        }
    raise ValueError(f"unknown scheme {scheme!r}; choose one of {', '.join(SCHEMES)}")


def curl_command(url: str, headers: dict[str, str], body: bytes) -> str:
    parts = ["curl", "-sS", "-i", "-X", "POST", url, "-H", "Content-Type: application/json"]
    for name, value in headers.items():
        parts += ["-H", f"{name}: {value}"]
    parts += ["--data-binary", body.decode("utf-8")]
    return " ".join(shlex.quote(p) for p in parts)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scheme", required=True, choices=SCHEMES, help="signing scheme")
    parser.add_argument(
        "--secret", required=True, help="signing secret (standard: whsec_ + base64)"
    )
    body = parser.add_mutually_exclusive_group(required=True)
    body.add_argument("--body", help="request body as a string (sent byte for byte)")
    body.add_argument("--body-file", help="file whose bytes are the request body")
    parser.add_argument(
        "--url", default="http://localhost:8000/webhooks", help="receiver URL for the curl line"
    )
    parser.add_argument("--timestamp", type=int, help="unix timestamp to sign (default: now)")
    parser.add_argument(
        "--timestamp-offset", type=int, default=0, help="seconds added to the timestamp, e.g. -600"
    )
    parser.add_argument("--message-id", help="webhook-id for the standard scheme (default: random)")
    parser.add_argument("--curl-only", action="store_true", help="print only the curl command")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.body is not None:
        body = args.body.encode("utf-8")
    else:
        try:
            with open(args.body_file, "rb") as handle:
                body = handle.read()
        except OSError as exc:
            parser.error(f"cannot read --body-file: {exc}")
    timestamp = (
        args.timestamp if args.timestamp is not None else int(time.time())
    ) + args.timestamp_offset
    message_id = args.message_id or f"msg_{uuid.uuid4().hex}"
    try:
        headers = sign(args.scheme, args.secret, body, timestamp, message_id)
    except (binascii.Error, ValueError) as exc:
        parser.error(f"cannot sign: {exc} (standard scheme secrets are whsec_ followed by base64)")
    try:
        command = curl_command(args.url, headers, body)
    except UnicodeDecodeError:
        parser.error("body is not UTF-8; send it with curl --data-binary @file instead")
    if not args.curl_only:
        for name, value in headers.items():
            print(f"{name}: {value}")
        print()
    print(command)
    return 0


if __name__ == "__main__":
    sys.exit(main())
