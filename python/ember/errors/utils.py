"""Lookup and rendering of Python-side error conditions."""

import re
from collections.abc import Mapping
from typing import Any

from ember.errors.error_conditions import ERROR_CONDITIONS

_PARAM = re.compile(r"<([a-zA-Z0-9_-]+)>")
_PAIRED = re.compile(r"<([^<>]*)>")


class ErrorClassesReader:
    """Reads message templates and SQLSTATEs from the error-condition table."""

    def __init__(self, conditions: Mapping[str, dict[str, Any]] | None = None) -> None:
        self.error_info_map = ERROR_CONDITIONS if conditions is None else conditions

    def _lookup(self, errorClass: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
        parts = errorClass.split(".")
        assert len(parts) in (1, 2)
        main = self.error_info_map.get(parts[0])
        if main is None:
            raise ValueError(f"Cannot find main error class '{parts[0]}'")
        if len(parts) == 1:
            return main, None
        sub = main.get("sub_class", {}).get(parts[1])
        if sub is None:
            raise ValueError(f"Cannot find sub error class '{parts[1]}'")
        return main, sub

    def get_sqlstate(self, errorClass: str | None) -> str | None:
        """SQLSTATE of the main condition, or None."""
        if errorClass is None:
            return None
        info = self.error_info_map.get(errorClass.split(".")[0])
        return None if info is None else info.get("sqlState")

    def get_message_template(self, errorClass: str) -> str:
        """Message template, with the sub-condition text appended if any."""

        def render(info: dict[str, Any]) -> str:
            text = "\n".join(info["message"])
            change = info.get("breaking_change_info")
            if change:
                text += " " + "\n".join(change["migration_message"])
            return text

        main, sub = self._lookup(errorClass)
        template = render(main)
        if sub is not None:
            template += " " + render(sub)
        return template

    def get_error_message(self, errorClass: str, messageParameters: Mapping[str, Any]) -> str:
        """Template of ``errorClass`` with each ``<name>`` replaced by its parameter."""
        template = self.get_message_template(errorClass)
        expected = set(_PARAM.findall(template))
        assert expected == set(messageParameters), (
            f"Undefined error message parameter for error class: {errorClass}. "
            f"Parameters: {messageParameters}"
        )
        return _PAIRED.sub(lambda m: format(messageParameters[m.group(1)]), template)

    def get_breaking_change_info(self, errorClass: str | None) -> dict[str, Any] | None:
        """Breaking-change info of the (sub-)condition, or None."""
        if errorClass is None:
            return None
        main, sub = self._lookup(errorClass)
        if sub is not None and "breaking_change_info" in sub:
            return sub["breaking_change_info"]
        return main.get("breaking_change_info")
