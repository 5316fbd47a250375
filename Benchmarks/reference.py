"""The reference side of the benchmark; runs inside the virtual environment that holds channelattribution.

    /tmp/lt-bench-venv/bin/python Benchmarks/reference.py PATHS.tsv

PATHS.tsv is what journeys.write_paths_tsv writes (path, total_conversions, total_conversion_value, total_null;
channels joined by ">"). Prints one JSON object: channelattribution's heuristic_models and markov_model timings and
results, and the exact Markov shares solved with numpy, so that the harness can set both beside LeadTrail's.
"""
import contextlib
import io
import json
import sys
import time

import numpy as np
import pandas as pd


def exact_shares(data):
    """Removal-effect shares of the first-order chain, by solving (I - Q) p = r for every removal."""
    states = sorted({s for path in data["path"] for s in path.split(">")})
    index = {s: i for i, s in enumerate(states)}
    n = len(states)
    counts = np.zeros((n, n))
    to_conv, to_null, start = np.zeros(n), np.zeros(n), np.zeros(n)
    for path, conv, nulls in zip(data["path"], data["total_conversions"], data["total_null"]):
        keys = [index[s] for s in path.split(">")]
        weight = conv + nulls
        start[keys[0]] += weight
        for a, b in zip(keys, keys[1:]):
            counts[a, b] += weight
        to_conv[keys[-1]] += conv
        to_null[keys[-1]] += nulls
    totals = counts.sum(axis=1) + to_conv + to_null
    safe = np.where(totals > 0, totals, 1)
    q, r = counts / safe[:, None], to_conv / safe
    s0 = start / start.sum()

    def probability(removed):
        qq, rr = q.copy(), r.copy()
        if removed is not None:
            qq[removed, :], rr[removed] = 0, 0  # the removed state leads only to (null)
        return float(s0 @ np.linalg.solve(np.eye(n) - qq, rr))

    base = probability(None)
    effects = np.array([max(0.0, (base - probability(i)) / base) for i in range(n)])
    return dict(zip(states, (effects / effects.sum()).tolist()))


def main(paths_file):
    out = {}
    data = pd.read_csv(paths_file, sep="\t", keep_default_na=False)
    started = time.monotonic()
    out["exact"] = exact_shares(data)
    out["exact_seconds"] = time.monotonic() - started
    try:
        from importlib.metadata import version
        with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner on import
            import ChannelAttribution as ca
        out["channelattribution_version"] = version("ChannelAttribution")
    except Exception as error:  # recorded, not fatal: the rest of the benchmark stands without the reference
        out["unavailable"] = f"{type(error).__name__}: {error}"
        print(json.dumps(out))
        return
    # Two input shapes: one row per distinct path with counts (how the package is usually fed), and one row per
    # journey, as the SPEC's "1M paths" figures were taken.
    shapes = {"aggregated": data, "per_journey": one_row_per_journey(data)}
    for shape, frame in shapes.items():
        result = run_package(ca, frame)
        result["rows"] = int(len(frame))
        out[shape] = result
    print(json.dumps(out))


def one_row_per_journey(data):
    conv = data[data["total_conversions"] > 0]
    conv = conv.loc[conv.index.repeat(conv["total_conversions"])].assign(
        total_conversion_value=lambda f: f["total_conversion_value"] / f["total_conversions"], total_conversions=1,
        total_null=0)
    nulls = data[data["total_null"] > 0]
    nulls = nulls.loc[nulls.index.repeat(nulls["total_null"])].assign(
        total_conversions=0, total_conversion_value=0.0, total_null=1)
    return pd.concat([conv, nulls], ignore_index=True)


def run_package(ca, data):
    """heuristic_models and markov_model (at its defaults) on every row, converting or not, timed."""
    out = {}
    # The package prints banners and progress on stdout; keep our stdout one JSON object.
    with contextlib.redirect_stdout(io.StringIO()):
        started = time.monotonic()
        heuristic = ca.heuristic_models(data, "path", "total_conversions", var_value="total_conversion_value",
                                        sep=">", flg_pro=False)
        out["heuristic_seconds"] = time.monotonic() - started
        started = time.monotonic()
        markov = ca.markov_model(data, "path", "total_conversions", var_value="total_conversion_value",
                                 var_null="total_null", sep=">", verbose=False, flg_pro=False)
        out["markov_seconds"] = time.monotonic() - started
    if isinstance(markov, (list, tuple)):
        markov = markov[0]
    out["heuristic"] = {
        model: dict(zip(heuristic["channel_name"], heuristic[f"{model}_conversions"].astype(float)))
        for model in ("first_touch", "last_touch", "linear_touch")
    }
    conversions = dict(zip(markov["channel_name"], markov["total_conversions"].astype(float)))
    total = sum(conversions.values())
    out["markov"] = {k: v / total for k, v in conversions.items()} if total else {}
    return out


if __name__ == "__main__":
    main(sys.argv[1])
