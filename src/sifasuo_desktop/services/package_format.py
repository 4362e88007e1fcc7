"""The USB package file (``.sfpkg``): a zip with ``manifest.json`` and the database copy.

Layout (ZIP, the data member stored uncompressed so writing costs about a file copy):

- ``data.sqlite3`` — the database copy; or ``data.sqlite3.enc`` when a passphrase protects it:
  AES-256-GCM, the key derived from the passphrase with scrypt (salt, nonce, tag and the scrypt
  parameters are in the manifest). The header fields of the manifest are the GCM's additional
  authenticated data, so they cannot be altered without the passphrase noticing.
- ``manifest.json`` — format, office (id, code, name, county), export time and user, program
  version, schema revision, options (period, attachments), ``encrypted``, the SHA-256 and size of
  the data member as stored, and the row count of every table. When encrypted, the counts are
  sealed with the same key (``sealed_counts``) instead of being readable.

Reading checks, in this order, before anything is used: a readable zip, a manifest of this
format, the data member's size and SHA-256 (and the zip's own CRC), the passphrase, the GCM tag.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import zipfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from sifasuo_desktop.core.errors import UserError

FORMAT = "sifasuo-package"
FORMAT_VERSION = 1
SUFFIX = ".sfpkg"
MANIFEST = "manifest.json"
DATA_PLAIN = "data.sqlite3"
DATA_SEALED = "data.sqlite3.enc"
CHUNK = 1 << 20
SCRYPT_PARAMS = {"n": 2**15, "r": 8, "p": 1}
# The manifest fields the encryption authenticates (everything that says what the data is).
HEADER_FIELDS = ("format", "format_version", "office", "exported_at", "exported_by", "program_version",
                 "schema_revision", "options", "encrypted")

Progress = Callable[[int, int], None]


class PackageError(UserError):
    """A package that cannot be used; the message names the file and the reason."""

    def __init__(self, path: Path | str, reason: str):
        self.path, self.reason = Path(path), reason
        super().__init__(f"数据包“{self.path.name}”{reason}")


class PassphraseRequired(PackageError):
    def __init__(self, path: Path | str):
        super().__init__(path, "已加密，请输入导出时设置的密码")


class WrongPassphrase(PackageError):
    def __init__(self, path: Path | str):
        super().__init__(path, "的密码不正确（或数据包已被改动），未导入")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _key(passphrase: str, enc: dict[str, Any]) -> bytes:
    kdf = Scrypt(salt=_unb64(enc["salt"]), length=32, n=enc["n"], r=enc["r"], p=enc["p"])
    return kdf.derive(passphrase.encode("utf-8"))


def _aad(manifest: dict[str, Any]) -> bytes:
    header = {key: manifest.get(key) for key in HEADER_FIELDS}
    return json.dumps(header, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def file_chunks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as src:
        while chunk := src.read(CHUNK):
            yield chunk


class _Sha256Beside:
    """SHA-256 computed in a helper thread while the caller writes (hashlib releases the GIL),
    one chunk behind at most, so memory stays bounded."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256")
        self._pending = None

    def update(self, chunk: bytes | memoryview) -> None:
        if self._pending is not None:
            self._pending.result()
        self._pending = self._pool.submit(self.digest.update, chunk)

    def hexdigest(self) -> str:
        if self._pending is not None:
            self._pending.result()
        self._pool.shutdown()
        return self.digest.hexdigest()


def write_package(target: Path, chunks: Iterable[bytes | memoryview], total: int, manifest: dict[str, Any],
                  passphrase: str | None = None, progress: Progress | None = None) -> dict[str, Any]:
    """Write the package to ``target`` (which the caller renames into place); return its manifest.

    ``chunks`` is the database image, ``total`` its size; ``manifest`` holds the header fields and
    ``counts``; this adds the format, the encryption parameters, the data's size and SHA-256.
    """
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, **manifest, "encrypted": bool(passphrase)}
    encryptor = None
    if passphrase:
        enc = {"cipher": "AES-256-GCM", "kdf": "scrypt", **SCRYPT_PARAMS, "salt": _b64(os.urandom(16)),
               "nonce": _b64(os.urandom(12))}
        key = _key(passphrase, enc)
        counts_nonce = os.urandom(12)
        sealed = AESGCM(key).encrypt(counts_nonce, json.dumps(manifest.pop("counts")).encode(), _aad(manifest))
        manifest["sealed_counts"] = _b64(counts_nonce + sealed)
        encryptor = Cipher(algorithms.AES(key), modes.GCM(_unb64(enc["nonce"]))).encryptor()
        encryptor.authenticate_additional_data(_aad(manifest))
        manifest["encryption"] = enc
    digest, done = _Sha256Beside(), 0
    with open(target, "wb") as raw:
        with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
            member = DATA_SEALED if encryptor else DATA_PLAIN
            with zf.open(member, "w", force_zip64=True) as out:
                for chunk in chunks:
                    if encryptor:
                        chunk = encryptor.update(chunk)
                    digest.update(chunk)
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
            if encryptor:
                encryptor.finalize()
                manifest["encryption"]["tag"] = _b64(encryptor.tag)
            manifest["data_file"], manifest["data_size"], manifest["data_sha256"] = member, done, digest.hexdigest()
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1), zipfile.ZIP_DEFLATED)
        raw.flush()
        os.fsync(raw.fileno())
    return manifest


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of a package, after checking that the file is one (nothing decrypted)."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            if MANIFEST not in zf.namelist():
                raise PackageError(path, "中没有数据包清单（manifest.json），不是本程序导出的数据包")
            manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except (zipfile.BadZipFile, EOFError) as err:
        raise PackageError(path, "不是有效的数据包文件（可能不完整或已损坏，请重新复制或重新导出）") from err
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise PackageError(path, "的清单已损坏，无法读取") from err
    except OSError as err:
        raise PackageError(path, f"无法读取：{err.strerror or err}") from err
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackageError(path, "的清单不是本程序的数据包清单")
    if not isinstance(manifest.get("format_version"), int) or manifest["format_version"] > FORMAT_VERSION:
        raise PackageError(path, "由较新版本的程序导出，请升级程序后再导入")
    for key in ("office", "exported_at", "schema_revision", "data_file", "data_sha256", "data_size"):
        if key not in manifest:
            raise PackageError(path, f"的清单不完整（缺少 {key}）")
    return manifest


def unpack(path: Path, target: Path, passphrase: str | None = None,
           progress: Progress | None = None) -> dict[str, Any]:
    """Check the package and write its database to ``target``; return the manifest with counts.

    Raises PackageError (PassphraseRequired, WrongPassphrase) and leaves no ``target`` on failure.
    """
    path = Path(path)
    manifest = read_manifest(path)
    decryptor = None
    if manifest.get("encrypted"):
        if not passphrase:
            raise PassphraseRequired(path)
        enc = manifest.get("encryption") or {}
        try:
            key = _key(passphrase, enc)
            sealed = _unb64(manifest["sealed_counts"])
            counts = AESGCM(key).decrypt(sealed[:12], sealed[12:], _aad(manifest))
            manifest["counts"] = json.loads(counts)
            decryptor = Cipher(algorithms.AES(key), modes.GCM(_unb64(enc["nonce"]), _unb64(enc["tag"]))).decryptor()
        except InvalidTag as err:
            raise WrongPassphrase(path) from err
        except (KeyError, TypeError, ValueError) as err:
            raise PackageError(path, "的加密参数已损坏") from err
        decryptor.authenticate_additional_data(_aad(manifest))
    try:
        _copy_member(path, manifest, target, decryptor, progress)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return manifest


def _copy_member(path: Path, manifest: dict[str, Any], target: Path, decryptor, progress: Progress | None) -> None:
    digest, done = hashlib.sha256(), 0
    try:
        with zipfile.ZipFile(path) as zf:
            try:
                info = zf.getinfo(manifest["data_file"])
            except KeyError:
                raise PackageError(path, "不完整：缺少数据文件") from None
            if info.file_size != manifest["data_size"]:
                raise PackageError(path, "已损坏或被改动（数据大小与清单不符），未导入")
            with zf.open(info) as src, open(target, "wb") as out:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    out.write(decryptor.update(chunk) if decryptor else chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, info.file_size)
    except (zipfile.BadZipFile, EOFError) as err:
        raise PackageError(path, "已损坏（校验错误），未导入。请重新复制或重新导出") from err
    if digest.hexdigest() != manifest["data_sha256"]:
        raise PackageError(path, "已损坏或被改动（SHA-256 校验不符），未导入")
    if decryptor:
        try:
            decryptor.finalize()
        except InvalidTag as err:
            raise WrongPassphrase(path) from err
