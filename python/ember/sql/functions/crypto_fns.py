"""AES encryption and decryption (GCM, CBC, ECB) and HMAC."""

from __future__ import annotations

from typing import Any, Optional

from ember.sql.column import Column
from ember.sql.functions._args import _fn
from ember.sql.functions.builtin import lit

__all__ = ["aes_decrypt", "aes_encrypt", "hmac", "try_aes_decrypt"]


def hmac(key: Any, message: Any, algorithm: Optional[Any] = None) -> Column:
    """The raw HMAC of ``message`` under ``key`` (SHA-256 unless ``algorithm``)."""
    if algorithm is None:
        return _fn("hmac", key, message)
    return _fn("hmac", key, message, algorithm)


def aes_encrypt(
    input: Any,
    key: Any,
    mode: Optional[Any] = None,
    padding: Optional[Any] = None,
    iv: Optional[Any] = None,
    aad: Optional[Any] = None,
) -> Column:
    """``input`` encrypted with AES (GCM unless ``mode``); the IV leads the output."""
    _mode = lit("GCM") if mode is None else mode
    _padding = lit("DEFAULT") if padding is None else padding
    _iv = lit("") if iv is None else iv
    _aad = lit("") if aad is None else aad
    return _fn("aes_encrypt", input, key, _mode, _padding, _iv, _aad)


def aes_decrypt(
    input: Any,
    key: Any,
    mode: Optional[Any] = None,
    padding: Optional[Any] = None,
    aad: Optional[Any] = None,
) -> Column:
    """``input`` decrypted with AES (GCM unless ``mode``)."""
    _mode = lit("GCM") if mode is None else mode
    _padding = lit("DEFAULT") if padding is None else padding
    _aad = lit("") if aad is None else aad
    return _fn("aes_decrypt", input, key, _mode, _padding, _aad)


def try_aes_decrypt(
    input: Any,
    key: Any,
    mode: Optional[Any] = None,
    padding: Optional[Any] = None,
    aad: Optional[Any] = None,
) -> Column:
    """``aes_decrypt``, NULL where decryption fails."""
    _mode = lit("GCM") if mode is None else mode
    _padding = lit("DEFAULT") if padding is None else padding
    _aad = lit("") if aad is None else aad
    return _fn("try_aes_decrypt", input, key, _mode, _padding, _aad)
