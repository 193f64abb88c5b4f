"""Math functions: trigonometry, logarithms, powers, rounding, ``hex``."""

from __future__ import annotations

from typing import Any, Optional

from ember.sql.column import Column
from ember.sql.functions._args import _fn, _num, _opt, _unary, _value

__all__ = [
    "negate", "rand", "randn", "random",
    "bin", "conv", "log1p",
    "acos", "acosh", "asin", "asinh", "atan", "atanh", "atan2", "cbrt", "ceil",
    "ceiling", "cos", "cosh", "cot", "csc", "degrees", "e", "exp", "expm1", "factorial",
    "floor", "hex", "hypot", "ln", "log", "log10", "log2", "negative", "pi", "pmod",
    "positive", "pow", "power", "radians", "rint", "round", "sec", "sign", "signum", "sin",
    "sinh", "tan", "tanh", "toDegrees", "toRadians", "unhex",
]  # fmt: skip


acos = _unary("acos", "Inverse cosine, in radians.")
acosh = _unary("acosh", "Inverse hyperbolic cosine.")
asin = _unary("asin", "Inverse sine, in radians.")
asinh = _unary("asinh", "Inverse hyperbolic sine.")
atan = _unary("atan", "Inverse tangent, in radians.")
atanh = _unary("atanh", "Inverse hyperbolic tangent.")
cbrt = _unary("cbrt", "Cube root.")
cos = _unary("cos", "Cosine of an angle in radians.")
cosh = _unary("cosh", "Hyperbolic cosine.")
cot = _unary("cot", "Cotangent of an angle in radians.")
csc = _unary("csc", "Cosecant of an angle in radians.")
sec = _unary("sec", "Secant of an angle in radians.")
degrees = _unary("degrees", "Radians to degrees.")
radians = _unary("radians", "Degrees to radians.")
exp = _unary("exp", "e to the power of the value.")
expm1 = _unary("expm1", "exp(x) - 1.")
factorial = _unary("factorial", "n! for n in 0..20, else NULL.")
ln = _unary("ln", "Natural logarithm; NULL for values <= 0.")
log10 = _unary("log10", "Base-10 logarithm; NULL for values <= 0.")
log2 = _unary("log2", "Base-2 logarithm; NULL for values <= 0.")
rint = _unary("rint", "The closest integral double (ties to even).")
signum = _unary("signum", "-1.0, 0.0 or 1.0 by the sign of the value.")
sign = _unary("sign", "-1.0, 0.0 or 1.0 by the sign of the value.")
sin = _unary("sin", "Sine of an angle in radians.")
sinh = _unary("sinh", "Hyperbolic sine.")
tan = _unary("tan", "Tangent of an angle in radians.")
tanh = _unary("tanh", "Hyperbolic tangent.")
hex = _unary("hex", "Hexadecimal text of a number, string or binary.")
unhex = _unary("unhex", "The binary whose hexadecimal text is given.")
negative = _unary("negative", "The value negated.")
positive = _unary("positive", "The value itself.")
negate = _unary("negative", "The value negated.", public="negate")
toDegrees = _unary(
    "degrees", "Radians to degrees (an old name of ``degrees``).", public="toDegrees"
)
toRadians = _unary(
    "radians", "Degrees to radians (an old name of ``radians``).", public="toRadians"
)


def e() -> Column:
    """Euler's number."""
    return _fn("e")


def pi() -> Column:
    """The number pi."""
    return _fn("pi")


def atan2(col1: Any, col2: Any) -> Column:
    """The angle of the point (col2, col1), in radians."""
    return _fn("atan2", _num(col1), _num(col2))


def hypot(col1: Any, col2: Any) -> Column:
    """sqrt(col1² + col2²) without overflow."""
    return _fn("hypot", _num(col1), _num(col2))


def pow(col1: Any, col2: Any) -> Column:
    """col1 to the power col2, as a double."""
    return _fn("power", _num(col1), _num(col2))


def power(col1: Any, col2: Any) -> Column:
    """col1 to the power col2, as a double."""
    return _fn("power", _num(col1), _num(col2))


def pmod(dividend: Any, divisor: Any) -> Column:
    """The positive remainder of dividend / divisor."""
    return _fn("pmod", _num(dividend), _num(divisor))


def log(arg1: Any, arg2: Optional[Any] = None) -> Column:
    """``log(col)``: natural logarithm; ``log(base, col)``: logarithm in base."""
    if arg2 is None:
        return _fn("ln", arg1)
    return _fn("log", _value(arg1), arg2)


def _scaled(name: str, col: Any, scale: Any) -> Column:
    return _fn(name, col, *[_value(s) for s in _opt(scale)])


def ceil(col: Any, scale: Optional[Any] = None) -> Column:
    """The smallest integral value not below the value (at ``scale`` digits)."""
    return _scaled("ceil", col, scale)


def ceiling(col: Any, scale: Optional[Any] = None) -> Column:
    """The smallest integral value not below the value (at ``scale`` digits)."""
    return _scaled("ceiling", col, scale)


def floor(col: Any, scale: Optional[Any] = None) -> Column:
    """The largest integral value not above the value (at ``scale`` digits)."""
    return _scaled("floor", col, scale)


def round(col: Any, scale: Optional[Any] = None) -> Column:
    """Rounded half up to ``scale`` decimal places (default 0)."""
    return _scaled("round", col, scale)


log1p = _unary("log1p", "ln(1 + x), accurate near 0.")
bin = _unary("bin", "Binary text of a long (two's complement for negatives).")


def conv(col: Any, fromBase: int, toBase: int) -> Column:
    """The number in text ``col`` (base ``fromBase``) written in base ``toBase``."""
    from ember.sql.functions.builtin import lit

    return _fn("conv", col, lit(fromBase), lit(toBase))


def rand(seed: Optional[int] = None) -> Column:
    """Uniform random numbers in [0, 1), reproducible for a seed."""
    return _fn("rand", *([] if seed is None else [_value(seed)]))


def random(seed: Optional[int] = None) -> Column:
    """Uniform random numbers in [0, 1), reproducible for a seed."""
    return _fn("rand", *([] if seed is None else [_value(seed)]))


def randn(seed: Optional[int] = None) -> Column:
    """Standard normal random numbers, reproducible for a seed."""
    return _fn("randn", *([] if seed is None else [_value(seed)]))
