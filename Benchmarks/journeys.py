"""An independent re-computation, from the generated files alone, of what LeadTrail's reports must say.

It follows SPEC.md's "Attribution" and "Precise rules" for the simple data that generate.py writes (one
visitor per lead, one lead per visitor, distinct contacts, no click-id links, no touch-time ties), so that the
harness can compare every heuristic model to the exact figures, feed the same conversion paths to the
reference package `channelattribution`, and check `report roas` for one month. Standard library only.
"""
import csv
import json
import os
import urllib.parse
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

NONE_KEY = "(none)"
UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")
LOOKBACK = 90 * 86400
HALF_LIFE_DAYS = 7.0
HEURISTIC_MODELS = ("first_touch", "last_touch", "last_non_direct", "linear", "position_based", "time_decay")
SEARCH_CLICK_IDS = ("gclid", "yclid")


def epoch(text):
    """Seconds since 1970 of an RFC 3339 timestamp (the generator writes whole seconds, +03:00 or Z)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def utc_day(seconds):
    return datetime.fromtimestamp(seconds, timezone.utc).date()


def query_values(url):
    """First value of each query parameter, still percent-encoded (SPEC: with a repeated parameter the first wins)."""
    q = url.find("?")
    if q < 0:
        return {}
    end = url.find("#", q)
    out = {}
    for part in url[q + 1:end if end >= 0 else len(url)].split("&"):
        name, _, value = part.partition("=")
        if name not in out:
            out[name] = value
    return out


def decode(value):
    return urllib.parse.unquote_plus(value) if ("%" in value or "+" in value) else value


def utm_values(record, params):
    """The five normalised utm values: explicit fields win per field over the URL; empty counts as absent."""
    out = []
    for name in UTM_FIELDS:
        value = record.get(name)
        if not (isinstance(value, str) and value.strip()):
            value = decode(params[name]) if name in params else None
        value = value.strip().lower() if value else None
        out.append(value or None)
    return tuple(out)


def campaign_key(record, params):
    value = record.get("utm_campaign")
    if not (isinstance(value, str) and value.strip()):
        value = decode(params["utm_campaign"]) if "utm_campaign" in params else None
    value = value.strip().lower() if value else None
    return value or NONE_KEY


def is_direct(record, params):
    """SPEC channel rule 0: no utm value at all, no referrer, and no gclid/yclid."""
    if record.get("referrer"):
        return False
    if any(record.get(name) for name in UTM_FIELDS) or any(params.get(name) for name in UTM_FIELDS):
        return False
    return not any(name in params for name in SEARCH_CLICK_IDS)


def normalise_phone(text):
    digits = "".join(ch for ch in text if ch.isdigit())
    if text.strip().startswith("+"):
        return "+" + digits
    if len(digits) == 11 and digits[0] in "78":
        return "+7" + digits[1:]
    if len(digits) == 10 and digits[0] == "9":
        return "+7" + digits
    return "+" + digits


def read_ndjson(path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def monthly_rates(rates_csv):
    """The rates the harness sets: the first rate of every month (an amount uses the latest on or before its day)."""
    chosen = {}
    with open(rates_csv, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            month = row["date"][:7]
            if month not in chosen:
                chosen[month] = (row["date"], row["from"], row["to"], row["rate"])
    return [chosen[m] for m in sorted(chosen)]


class RateBook:
    def __init__(self, rates):
        self.usd_rub = sorted((date.fromisoformat(d), Decimal(r)) for d, f, t, r in rates if (f, t) == ("USD", "RUB"))

    def to_rub(self, amount, currency, day):
        if currency == "RUB":
            return amount
        usable = [r for d, r in self.usd_rub if d <= day]
        if currency != "USD" or not usable:
            raise ValueError(f"no {currency}->RUB rate on or before {day}")
        return amount * usable[-1]


class Expected:
    """Journeys, conversion paths and report figures rebuilt from clicks, forms, deals, spend and rates."""

    def __init__(self, data_dir, period=("2025-01-01", "2025-12-31")):
        self.data_dir = data_dir
        self.start = datetime.fromisoformat(period[0]).replace(tzinfo=timezone.utc).timestamp()
        self.end = (datetime.fromisoformat(period[1]) + timedelta(days=1)).replace(tzinfo=timezone.utc).timestamp()
        self.rates = RateBook(monthly_rates(os.path.join(data_dir, "rates.csv")))
        self.problems = []  # places where the data breaks the simplifications this module relies on
        self._read_forms()
        self._read_clicks()
        self._add_form_touches()
        self._read_deals()

    # ------------------------------------------------------------------ reading
    def _read_forms(self):
        self.leads = []
        contacts = {}
        self.utm_forms = []
        for n, rec in enumerate(read_ndjson(os.path.join(self.data_dir, "forms.ndjson")), 1):
            lead = dict(n=n, at=epoch(rec["submitted_at"]), visitor=rec.get("visitor"))
            for key in ([rec["email"].strip().lower()] if rec.get("email") else []) + \
                       ([normalise_phone(rec["phone"])] if rec.get("phone") else []):
                if key in contacts:
                    self.problems.append(f"form {n}: contact shared with form {contacts[key]['n']}")
                contacts[key] = lead
            self.leads.append(lead)
            params = query_values(rec.get("page_url") or "")
            utm = utm_values(rec, params)
            if any(utm) and lead["visitor"]:
                self.utm_forms.append((lead, utm, campaign_key(rec, params)))
        self.contacts = contacts
        self.lead_visitors = {lead["visitor"] for lead in self.leads if lead["visitor"]}
        if len(self.lead_visitors) != sum(1 for lead in self.leads if lead["visitor"]):
            self.problems.append("a visitor belongs to more than one lead")
        self.form_visitors = {lead["visitor"] for lead, _, _ in self.utm_forms}

    def _read_clicks(self):
        """Per visitor, its touches as (time, campaign key, is direct); utm tuples only where a form needs them."""
        self.keys = {}  # interned campaign keys
        self.touches = defaultdict(list)
        self.session_utm = defaultdict(list)
        self.click_count = 0
        intern = self.keys.setdefault
        with open(os.path.join(self.data_dir, "clicks.ndjson"), encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                params = query_values(rec.get("url") or "")
                t = epoch(rec["at"])
                visitor = str(rec["visitor"]).strip()
                key = campaign_key(rec, params)
                key = intern(key, key)
                self.touches[visitor].append((t, key, is_direct(rec, params)))
                if visitor in self.form_visitors:
                    self.session_utm[visitor].append((t, utm_values(rec, params)))
                self.click_count += 1

    def _add_form_touches(self):
        """SPEC form-touch rule: a UTM-bearing submission adds a touch unless the same five values were seen on the
        same visitor in [t - 30 min, t]."""
        self.form_touches = 0
        for lead, utm, key in self.utm_forms:
            t = lead["at"]
            same = any(t - 1800 <= ct <= t and cu == utm for ct, cu in self.session_utm[lead["visitor"]])
            if not same:
                self.touches[lead["visitor"]].append((t, self.keys.setdefault(key, key), False))
                self.form_touches += 1
        ties = 0
        for visitor, touches in self.touches.items():
            touches.sort()
            ties += sum(1 for a, b in zip(touches, touches[1:]) if a[0] == b[0])
        if ties:
            self.problems.append(f"{ties} touch-time ties: the tie-break by record key is not modelled here")

    def _read_deals(self):
        self.deals = []
        for rec in read_ndjson(os.path.join(self.data_dir, "deals.ndjson")):
            ref = rec["lead"]
            key = ref["email"].strip().lower() if "email" in ref else normalise_phone(ref["phone"])
            lead = self.contacts.get(key)
            if lead is None:
                self.problems.append(f"deal {rec['id']}: no lead")
                continue
            closed = epoch(rec["closed_at"]) if rec.get("closed_at") else None
            amount = Decimal(str(rec["amount"]))
            day = utc_day(closed) if closed is not None else utc_day(epoch(rec["created_at"]))
            self.deals.append(dict(id=rec["id"], lead=lead, status=rec.get("status", "open").lower(),
                                   created=epoch(rec["created_at"]), closed=closed,
                                   rub=self.rates.to_rub(amount, rec["currency"], day)))

    # ------------------------------------------------------------------ sale conversions and their journeys
    def conversions(self):
        """(close time, value in RUB, journey) of every won deal closed in the period, journeys oldest first."""
        out = []
        for d in self.deals:
            if d["status"] != "won" or not (self.start <= d["closed"] < self.end):
                continue
            lead = d["lead"]
            low, high = lead["at"] - LOOKBACK, d["closed"]
            journey = [t for t in self.touches.get(lead["visitor"], ()) if low < t[0] <= high] \
                if lead["visitor"] else []
            out.append((d["closed"], d["rub"], journey))
        return out

    def heuristics(self):
        """Expected rows of every heuristic model by campaign: {model: {key: [conversions, value]}}, plus the
        unattributed and total figures (conversions, value)."""
        rows = {m: defaultdict(lambda: [0.0, Decimal(0)]) for m in HEURISTIC_MODELS}
        unattributed = [0, Decimal(0)]
        totals = [0, Decimal(0)]
        for at, value, journey in self.conversions():
            totals[0] += 1
            totals[1] += value
            n = len(journey)
            if n == 0:
                unattributed[0] += 1
                unattributed[1] += value
                continue
            non_direct = [i for i, t in enumerate(journey) if not t[2]]
            decay = [2.0 ** (-((at - t[0]) / 86400.0) / HALF_LIFE_DAYS) for t in journey]
            decay_sum = sum(decay)
            if n == 1:
                positions = [1.0]
            elif n == 2:
                positions = [0.5, 0.5]
            else:
                positions = [0.4] + [0.2 / (n - 2)] * (n - 2) + [0.4]
            weights = {
                "first_touch": {0: 1.0},
                "last_touch": {n - 1: 1.0},
                "last_non_direct": {non_direct[-1] if non_direct else n - 1: 1.0},
                "linear": {i: 1.0 / n for i in range(n)},
                "position_based": dict(enumerate(positions)),
                "time_decay": {i: w / decay_sum for i, w in enumerate(decay)},
            }
            for model, per_touch in weights.items():
                table = rows[model]
                for i, w in per_touch.items():
                    cell = table[journey[i][1]]
                    cell[0] += w
                    cell[1] += value * Decimal(w)
        return rows, unattributed, totals

    def markov_paths(self):
        """Conversion and null paths by campaign, repeats collapsed: Counter {path tuple: [conversions, value, nulls]}.

        Converting paths are the period's attributed journeys; a visitor's touches in the period that belong to no
        converting journey form its one null path."""
        paths = defaultdict(lambda: [0, Decimal(0), 0])
        used = defaultdict(set)
        for d in self.deals:
            if d["status"] != "won" or not (self.start <= d["closed"] < self.end) or not d["lead"]["visitor"]:
                continue
            lead = d["lead"]
            low, high = lead["at"] - LOOKBACK, d["closed"]
            touches = self.touches.get(lead["visitor"], [])
            idx = [i for i, t in enumerate(touches) if low < t[0] <= high]
            if not idx:
                continue
            used[lead["visitor"]].update(idx)
            cell = paths[collapse(touches[i][1] for i in idx)]
            cell[0] += 1
            cell[1] += d["rub"]
        for visitor, touches in self.touches.items():
            skip = used.get(visitor, ())
            rest = [t[1] for i, t in enumerate(touches) if i not in skip and self.start <= t[0] < self.end]
            if rest:
                paths[collapse(rest)][2] += 1
        return paths

    # ------------------------------------------------------------------ report roas, one month
    def roas_totals(self, first, last):
        """Totals of `report roas` for [first, last] (UTC days): spend (RUB), leads, deals, won, revenue."""
        lo = datetime.fromisoformat(first).replace(tzinfo=timezone.utc).timestamp()
        hi = (datetime.fromisoformat(last) + timedelta(days=1)).replace(tzinfo=timezone.utc).timestamp()
        spend = Decimal(0)
        with open(os.path.join(self.data_dir, "spend.csv"), encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if first <= row["date"] <= last:
                    spend += self.rates.to_rub(Decimal(row["amount"]), row["currency"], date.fromisoformat(row["date"]))
        won = [d for d in self.deals if d["status"] == "won" and lo <= d["closed"] < hi]
        return dict(spend=money(spend), leads=sum(1 for lead in self.leads if lo <= lead["at"] < hi),
                    deals=sum(1 for d in self.deals if lo <= d["created"] < hi), won=len(won),
                    revenue=money(sum((d["rub"] for d in won), Decimal(0))))


def collapse(keys):
    out = []
    for k in keys:
        if not out or out[-1] != k:
            out.append(k)
    return tuple(out)


def money(value):
    return float(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def exact_markov_shares(paths):
    """Removal-effect shares of a first-order chain, solved exactly (stdlib Gauss-Jordan; there are ~40 states).

    The same computation as reference.py's numpy one; kept here so that the check needs no third-party package."""
    states = sorted({k for path in paths for k in path})
    index = {s: i for i, s in enumerate(states)}
    n = len(states)
    out_counts = [[0.0] * n for _ in range(n)]
    to_conv, to_null, start = [0.0] * n, [0.0] * n, [0.0] * n
    for path, (conv, _value, nulls) in paths.items():
        weight = conv + nulls
        if weight == 0:
            continue
        start[index[path[0]]] += weight
        for a, b in zip(path, path[1:]):
            out_counts[index[a]][index[b]] += weight
        to_conv[index[path[-1]]] += conv
        to_null[index[path[-1]]] += nulls

    def conversion_probability(removed):
        # p = Q p + r, i.e. (I - Q) p = r, over transient states; a removed state leads only to (null).
        a = [[0.0] * (n + 1) for _ in range(n)]
        for i in range(n):
            a[i][i] = 1.0
            if i == removed:
                continue
            total = sum(out_counts[i]) + to_conv[i] + to_null[i]
            if total == 0:
                continue
            for j in range(n):
                if out_counts[i][j]:
                    a[i][j] -= out_counts[i][j] / total
            a[i][n] = to_conv[i] / total
        for col in range(n):
            pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
            a[col], a[pivot] = a[pivot], a[col]
            p = a[col][col]
            if p == 0:
                continue
            row = [x / p for x in a[col]]
            a[col] = row
            for r in range(n):
                if r != col and a[r][col]:
                    f = a[r][col]
                    a[r] = [x - f * y for x, y in zip(a[r], row)]
        probs = [a[i][n] for i in range(n)]
        total_start = sum(start)
        return sum(start[i] / total_start * probs[i] for i in range(n))

    base = conversion_probability(None)
    effects = {s: max(0.0, (base - conversion_probability(index[s])) / base) if base else 0.0 for s in states}
    total = sum(effects.values())
    return {s: e / total for s, e in effects.items()} if total else {}


def write_paths_tsv(paths, path):
    """The conversion paths in channelattribution's input shape: path, conversions, value, nulls."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("path\ttotal_conversions\ttotal_conversion_value\ttotal_null\n")
        for keys, (conv, value, nulls) in sorted(paths.items()):
            fh.write(f"{'>'.join(keys)}\t{conv}\t{value:.2f}\t{nulls}\n")


def dump_counts(paths):
    conv = sum(c for c, _, _ in paths.values())
    nulls = sum(n for _, _, n in paths.values())
    return dict(distinct_paths=len(paths), converting_paths=conv, null_paths=nulls)


if __name__ == "__main__":  # a quick look: python3 Benchmarks/journeys.py DATA_DIR
    import sys
    e = Expected(sys.argv[1])
    rows, unatt, totals = e.heuristics()
    print("problems:", e.problems[:5], "form touches:", e.form_touches)
    print("totals:", totals, "unattributed:", unatt)
    p = e.markov_paths()
    print(dump_counts(p))
    print(sorted(exact_markov_shares(p).items(), key=lambda kv: -kv[1])[:5])
    print(Counter({k: v[0] for k, v in rows["linear"].items()}).most_common(5))
