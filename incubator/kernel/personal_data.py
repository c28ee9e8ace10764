"""Personal information kept encrypted at rest (the Personal Information Protection Law treats
a citizen identity number as sensitive): Fernet tokens (AES in CBC mode with an HMAC, from the
``cryptography`` package) under the keys in ``settings.PERSONAL_DATA_KEYS``, and a keyed digest
(HMAC-SHA256) that finds a number without decrypting anything.

The first key encrypts; every key decrypts, so a key is rotated by putting a new one first and
running ``manage.py rotate_personal_data`` (tokens re-encrypted) before the old one is removed.
The last key keys the digests (identity numbers looked up, card PINs checked): it stays while
encryption keys rotate in front of it. Retiring it (after a compromise) means recomputing the
identity numbers' digests (the same command) and issuing new PINs. Development and tests
without keys derive one from ``SECRET_KEY``; production refuses to start without them."""

import base64
import hashlib
import hmac
from functools import cache

from django.conf import settings

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


def _keys() -> list[bytes]:
    configured = [key.strip() for key in settings.PERSONAL_DATA_KEYS if key.strip()]
    if configured:
        return [key.encode() for key in configured]
    derived = hashlib.sha256(b"personal-data:" + settings.SECRET_KEY.encode()).digest()
    return [base64.urlsafe_b64encode(derived)]


@cache
def _cipher(keys: tuple[bytes, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def _digest_key(keys: tuple[bytes, ...]) -> bytes:
    return hashlib.sha256(b"personal-data-digest:" + keys[-1]).digest()


def encrypt_personal(value: str) -> str:
    """The encrypted token stored for ``value``."""
    return _cipher(tuple(_keys())).encrypt(value.encode()).decode()


def decrypt_personal(token: str) -> str:
    """The value behind a stored token; ``ValueError`` if no configured key opens it."""
    try:
        return _cipher(tuple(_keys())).decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ValueError("No configured personal-data key opens this value.") from error


def rotate_personal(token: str) -> str:
    """The token re-encrypted under the first key (unchanged in meaning)."""
    return _cipher(tuple(_keys())).rotate(token.encode()).decode()


def personal_digest(value: str) -> str:
    """A keyed digest of ``value`` (hex): equal values give equal digests, and the digest says
    nothing about the value to whoever lacks the key."""
    keys = tuple(_keys())
    return hmac.new(_digest_key(keys), value.encode(), hashlib.sha256).hexdigest()
