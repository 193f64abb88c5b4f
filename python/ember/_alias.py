"""The drop-in switch: make ``import pyspark…`` resolve to Ember's modules."""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
from types import ModuleType
from typing import Optional, Sequence

from ember.errors import PySparkRuntimeError

__all__ = ["alias_pyspark"]

# pyspark module → ember module, for names whose paths differ.
_RENAMES = {
    "pyspark": "ember",
    "pyspark.sql.functions.builtin": "ember.sql.functions.builtin",
}


class _AliasFinder:
    """Serves ``pyspark.x.y`` as the module object of ``ember.x.y``."""

    def __init__(self) -> None:
        self._specs: dict = {}

    def find_spec(
        self,
        fullname: str,
        path: Optional[Sequence[str]] = None,
        target: Optional[ModuleType] = None,
    ) -> Optional[importlib.machinery.ModuleSpec]:
        if fullname != "pyspark" and not fullname.startswith("pyspark."):
            return None
        target_name = _RENAMES.get(fullname, "ember" + fullname[len("pyspark") :])
        if importlib.util.find_spec(target_name) is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        target_name = _RENAMES.get(spec.name, "ember" + spec.name[len("pyspark") :])
        module = importlib.import_module(target_name)
        self._specs[spec.name] = module.__spec__
        return module

    def exec_module(self, module: ModuleType) -> None:
        # The import system stamped the alias spec on the Ember module: restore it.
        own = self._specs.pop(getattr(module.__spec__, "name", ""), None)
        if own is not None:
            module.__spec__ = own


_finder = _AliasFinder()


def alias_pyspark() -> None:
    """Make ``import pyspark``, ``pyspark.sql``, ``pyspark.sql.functions``,
    ``pyspark.sql.types``, ``pyspark.errors`` … resolve to Ember.

    Existing PySpark code then runs unchanged. Refuses when the real pyspark
    is already imported in this process. Calling it twice is harmless.
    """
    if _finder in sys.meta_path:
        return
    loaded = sys.modules.get("pyspark")
    if loaded is not None and not getattr(loaded, "__name__", "").startswith("ember"):
        raise PySparkRuntimeError(
            message=(
                "pyspark is already imported in this process; call ember.alias_pyspark() "
                "before anything imports pyspark"
            ),
        )
    sys.meta_path.insert(0, _finder)
