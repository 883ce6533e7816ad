"""Encryption at rest for the few fields that must never be readable from a database dump (BSN).

Fernet (AES-128-CBC + HMAC-SHA256) from `cryptography`, keyed by VELDSLEUTELS: a comma-separated
list of Fernet keys, newest first, so keys can be rotated (MultiFernet decrypts with any, encrypts
with the first). Without VELDSLEUTELS a key is derived from SECRET_KEY — fine for development,
set a separate key in production (docs/deploy.md). A keyed hash (HMAC) of the value allows finding
a duplicate without decrypting.
"""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


@lru_cache(maxsize=1)
def _fernet() -> MultiFernet:
    sleutels = [s.strip() for s in settings.VELDSLEUTELS if s.strip()]
    if not sleutels:
        afgeleid = hashlib.sha256(("schakel-veldsleutel:" + settings.SECRET_KEY).encode()).digest()
        sleutels = [base64.urlsafe_b64encode(afgeleid).decode()]
    return MultiFernet([Fernet(s) for s in sleutels])


def versleutel(waarde: str) -> str:
    return _fernet().encrypt(waarde.encode()).decode() if waarde else ""


def ontsleutel(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode() if token else ""


def vingerafdruk(waarde: str) -> str:
    """A keyed hash to find duplicates; not reversible without the secret."""
    if not waarde:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), waarde.encode(), hashlib.sha256).hexdigest()
