"""Issue 12.4: the package's model reader and the kernel's accept and refuse exactly the same files.

The kernel side is the kernel's converter (kernel/tools/convert.py) on the JSON read with duplicate
keys refused, as the kernel's own JSON reader does; the package side is ``load_model`` on the file.
Generated files mix JSON numbers (integers, float-valued integers, huge exponents), number strings
(ratios, decimals, huge and allowed exponents, Unicode digits, junk) and duplicate keys.
"""

import json

from hypothesis import given
from hypothesis import strategies as st

from verified_dyn.errors import VerifiedDynError
from verified_dyn.kernel import normal_form_from_model_json
from verified_dyn.models import load_model

NUMBER_TEXTS = st.one_of(
    st.integers(-5, 5).map(str),
    st.sampled_from(["1.0", "-2.0", "3e0", "1E2", "0.5", "1e400", "-1e-400", "1e-99999999", "1.5e3"]),
    st.sampled_from(
        [
            '"1/2"',
            '"-3/4"',
            '"1/0"',
            '" 1/2 "',
            '"1e-5000"',
            '"1e10000"',
            '"1e10001"',
            '"1e-99999999"',
            '"1e+0000000000003"',
            '"\\u0661"',
            '"\\u0661/2"',
            '"1\\u06602"',
            '"\\uff11"',
            '"1_0"',
            '".5"',
            '"5."',
            '"+1"',
            '"-0"',
            '"1.2.3"',
            '"abc"',
            '""',
            '"NaN"',
            '"inf"',
            "true",
            "null",
            "NaN",
        ]
    ),
    st.decimals(-100, 100, places=3, allow_nan=False).map(lambda d: json.dumps(str(d))),
)


@st.composite
def model_texts(draw):
    kind = draw(st.sampled_from(["plrnn", "alrnn"]))
    m = draw(st.integers(1, 2))

    def vec(n):
        return "[" + ", ".join(draw(NUMBER_TEXTS) for _ in range(n)) + "]"

    items = [
        ('"kind"', json.dumps(kind)),
        ('"A"', vec(m)),
        ('"W"', "[" + ", ".join(vec(m) for _ in range(m)) + "]"),
        ('"h"', vec(m)),
    ]
    if kind == "alrnn":
        items.append(('"P"', str(draw(st.integers(0, m)))))
    if draw(st.booleans()):  # a duplicate key, same or different value
        key, value = draw(st.sampled_from(items))
        items.append((key, draw(st.sampled_from([value, vec(m)]))))
    return "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}"


def _unique(pairs):
    out = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"duplicate key {k!r}")
        out[k] = v
    return out


def kernel_reads(text: str) -> bool:
    try:
        normal_form_from_model_json(json.loads(text, object_pairs_hook=_unique))
    except ValueError:
        return False
    return True


def package_reads(path) -> bool:
    try:
        load_model(str(path))
    except VerifiedDynError:
        return False
    return True


@given(model_texts())
def test_package_and_kernel_readers_agree(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("m") / "m.json"
    path.write_text(text, encoding="utf-8")
    assert package_reads(path) == kernel_reads(text), text
