"""Spark SQL functions (``pyspark.sql.functions``)."""

from ember.sql.functions.aggregate_fns import *  # noqa: F401,F403
from ember.sql.functions.aggregate_fns import __all__ as _aggregate_all
from ember.sql.functions.builtin import *  # noqa: F401,F403
from ember.sql.functions.builtin import __all__ as _builtin_all
from ember.sql.functions.collection_fns import *  # noqa: F401,F403
from ember.sql.functions.collection_fns import __all__ as _collection_all
from ember.sql.functions.crypto_fns import *  # noqa: F401,F403
from ember.sql.functions.crypto_fns import __all__ as _crypto_all
from ember.sql.functions.datetime_fns import *  # noqa: F401,F403
from ember.sql.functions.datetime_fns import __all__ as _datetime_all
from ember.sql.functions.geo_fns import *  # noqa: F401,F403
from ember.sql.functions.geo_fns import __all__ as _geo_all
from ember.sql.functions.json_fns import *  # noqa: F401,F403
from ember.sql.functions.json_fns import __all__ as _json_all
from ember.sql.functions.lambda_fns import *  # noqa: F401,F403
from ember.sql.functions.lambda_fns import __all__ as _lambda_all
from ember.sql.functions.math_fns import *  # noqa: F401,F403
from ember.sql.functions.math_fns import __all__ as _math_all
from ember.sql.functions.misc_fns import *  # noqa: F401,F403
from ember.sql.functions.misc_fns import __all__ as _misc_all
from ember.sql.functions.number_more_fns import *  # noqa: F401,F403
from ember.sql.functions.number_more_fns import __all__ as _number_more_all
from ember.sql.functions.sketch_fns import *  # noqa: F401,F403
from ember.sql.functions.sketch_fns import __all__ as _sketch_all
from ember.sql.functions.string_fns import *  # noqa: F401,F403
from ember.sql.functions.string_fns import __all__ as _string_all
from ember.sql.functions.string_more_fns import *  # noqa: F401,F403
from ember.sql.functions.string_more_fns import __all__ as _string_more_all
from ember.sql.functions.time_fns import *  # noqa: F401,F403
from ember.sql.functions.time_fns import __all__ as _time_all
from ember.sql.functions.udf_fns import *  # noqa: F401,F403
from ember.sql.functions.udf_fns import __all__ as _udf_all
from ember.sql.functions.variant_fns import *  # noqa: F401,F403
from ember.sql.functions.variant_fns import __all__ as _variant_all
from ember.sql.functions.vector_fns import *  # noqa: F401,F403
from ember.sql.functions.vector_fns import __all__ as _vector_all
from ember.sql.functions.window_fns import *  # noqa: F401,F403
from ember.sql.functions.window_fns import __all__ as _window_all
from ember.sql.functions.xml_fns import *  # noqa: F401,F403
from ember.sql.functions.xml_fns import __all__ as _xml_all

__all__ = sorted(
    set(
        _builtin_all
        + _datetime_all
        + _window_all
        + _math_all
        + _string_all
        + _collection_all
        + _misc_all
        + _aggregate_all
        + _json_all
        + _lambda_all
        + _udf_all
        + _variant_all
        + _xml_all
        + _geo_all
        + _vector_all
        + _crypto_all
        + _number_more_all
        + _string_more_all
        + _sketch_all
        + _time_all
    )
)


def __getattr__(name: str):
    from ember.sql.functions._catalog import PYSPARK_FUNCTIONS

    if name in PYSPARK_FUNCTIONS:
        from ember.errors import PySparkNotImplementedError

        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED",
            messageParameters={"feature": "pyspark.sql.functions.%s" % name},
        )
    raise AttributeError("module 'ember.sql.functions' has no attribute %r" % name)
