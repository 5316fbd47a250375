#!/usr/bin/env python3
"""Deterministic generator of LeadTrail's performance data set (SPEC.md, "Performance").

    python3 Benchmarks/generate.py --scale 1.0 --out /tmp/leadtrail-bench/1.0

At scale 1.0 it writes a year (2025-01-01 .. 2025-12-31, UTC) of an online school's marketing:

  clicks.ndjson   3,000,000 visits of 1,000,000 visitors (1-10 each), 40 campaigns plus organic,
                  referral and direct traffic (generic clicks format, time order)
  forms.ndjson    100,000 form submissions, each a new lead (generic forms format)
  deals.ndjson    32,000 deals: 20,000 won, 8,000 lost, 4,000 open (generic deals format)
  spend.csv       daily spend of the 40 campaigns for the whole year (14,600 rows, generic spend CSV)
  rates.csv       a daily USD->RUB rate for the year
  manifest.json   scale, seed, counts and the generator's digest (the harness caches by it)

Counts scale linearly with --scale (0.001 is the CI smoke set: 3,000 clicks); spend and rates always
cover the whole year. Everything comes from one random.Random(SEED), so the files are byte-identical
on every run with the same scale.

The data is deliberately simple where SPEC identity rules would make an independent re-computation of
the journeys hard, so that the harness can rebuild every conversion path from the files alone:
  * every lead has its own email/phone (no duplicates, no "same person" inheritance);
  * every visitor belongs to at most one lead, and every lead to at most one visitor;
  * a lead has at most one deal; every won or lost deal closes inside the year;
  * form page URLs never carry click ids (no click-id linking), and no two touches of one visitor
    share a timestamp (no tie-breaking by record key is needed).
Realism is kept where it costs the importer something: Cyrillic search terms percent-encoded both
ways, campaign keys in mixed case, explicit utm fields beside bare URLs, click ids, referrers, two
timestamp styles, records without an id, phones in many written forms, amounts in RUB and USD.
"""
import argparse
import hashlib
import heapq
import json
import math
import os
import random
import sys
import time
import urllib.parse
from array import array
from datetime import date, datetime, timedelta, timezone

SEED = 20250101
SITE = "https://skillbox-smm.example"
YEAR_START = datetime(2025, 1, 1, tzinfo=timezone.utc)
DAYS = 365
YEAR = DAYS * 86400
FIRST_DAY = date(2025, 1, 1)
HOUR = 3600
# Touches end an hour before the year does, so that every form submitted after a touch still falls in 2025.
LAST_TOUCH = YEAR - HOUR

# --------------------------------------------------------------------------- campaigns
# (key, source, medium, platform, spend currency, landing path, click-id parameter, flight, quality)
# flight: None = always on, else (first day-of-year, last day-of-year) of the burst; outside it the
# campaign keeps a small retargeting trickle, so every campaign has spend every day.
# quality: how strongly a touch of the campaign makes a lead (and a sale) more likely; it is what makes
# the attribution models disagree, as they do on real data.
C = []


def campaign(key, source, medium, platform, path, clickid=None, flight=None, quality=1.0, weight=1.0,
             currency="RUB", cpc=25.0, contents=None, terms=None):
    C.append(dict(key=key, source=source, medium=medium, platform=platform, path=path, clickid=clickid,
                  flight=flight, quality=quality, weight=weight, currency=currency, cpc=cpc,
                  contents=contents or ["banner_a", "banner_b", "video_15s"], terms=terms))


def doy(month, day):
    return (date(2025, month, day) - FIRST_DAY).days


# VK Ads: the biggest budget; "target" is how Russian teams tag VK targeting.
campaign("vk_always_on", "vk", "target", "vk", "/courses/smm", "vkclid", weight=9, quality=0.8, cpc=28)
campaign("vk_retarget", "vk", "cpc", "vk", "/courses/smm", "vkclid", weight=4, quality=1.8, cpc=35)
campaign("vk_lookalike", "vk", "target", "vk", "/courses/smm", "vkclid", weight=4, quality=0.9, cpc=30)
campaign("vk_spring_sale", "vk", "target", "vk", "/sale/spring", "vkclid", (doy(3, 1), doy(4, 15)), 1.1, 8, cpc=32)
campaign("vk_summer_school", "vk", "target", "vk", "/summer", "vkclid", (doy(6, 1), doy(8, 20)), 1.0, 6, cpc=26)
campaign("vk_autumn_sale", "vk", "target", "vk", "/sale/autumn", "vkclid", (doy(9, 1), doy(10, 20)), 1.1, 8, cpc=31)
campaign("vk_black_friday", "vk", "target", "vk", "/black-friday", "vkclid", (doy(11, 18), doy(12, 2)), 1.4, 20,
         cpc=45)
campaign("vk_new_year", "vk", "target", "vk", "/new-year", "vkclid", (doy(12, 10), doy(12, 30)), 1.0, 8, cpc=38)
campaign("vk_webinar_leads", "vk", "cpc", "vk", "/webinar", "vkclid", weight=3, quality=1.5, cpc=40)
campaign("vk_clips_video", "vk", "target", "vk", "/courses/reels", "vkclid", weight=3, quality=0.6, cpc=18)
campaign("vk_carousel_courses", "vk", "target", "vk", "/courses", "vkclid", weight=3, quality=0.9, cpc=27)
campaign("vk_lead_forms", "vk", "paid_social", "vk", "/consultation", "vkclid", weight=2, quality=1.6, cpc=42)
campaign("vk_influencer_posts", "vk", "paid_social", "vk", "/courses/smm", None, weight=2, quality=1.0, cpc=22)
# Instagram through an agency that bills in dollars.
campaign("ig_stories", "instagram", "paid_social", "instagram", "/courses/reels", "fbclid", weight=5, quality=0.7,
         currency="USD", cpc=0.32)
campaign("ig_reels", "instagram", "paid_social", "instagram", "/courses/reels", "fbclid", weight=5, quality=0.8,
         currency="USD", cpc=0.28)
campaign("ig_feed_carousel", "instagram", "cpc", "instagram", "/courses", "fbclid", weight=2, quality=0.9, cpc=30)
campaign("ig_retarget", "instagram", "cpc", "instagram", "/courses/smm", "fbclid", weight=2, quality=1.7, cpc=36)
campaign("ig_influencer", "instagram", "paid_social", "instagram", "/courses/smm", None, weight=2, quality=1.1,
         cpc=20)
campaign("ig_black_friday", "instagram", "paid_social", "instagram", "/black-friday", "fbclid",
         (doy(11, 18), doy(12, 2)), 1.3, 10, cpc=40)
# Telegram Ads and paid posts in channels.
campaign("tg_ads_smm", "telegram", "cpc", "telegram", "/courses/smm", None, weight=4, quality=1.0, cpc=33)
campaign("tg_ads_marketing", "telegram", "cpc", "telegram", "/courses", None, weight=3, quality=0.9, cpc=29)
campaign("tg_channel_posts", "telegram", "paid_social", "telegram", "/courses/smm", None, weight=3, quality=1.2,
         cpc=24, contents=["post_smm_chat", "post_marketing_daily", "post_target_club", "post_reels_lab"])
campaign("tg_retarget", "telegram", "cpc", "telegram", "/courses/smm", None, weight=1.5, quality=1.7, cpc=37)
campaign("tg_webinar", "telegram", "paid_social", "telegram", "/webinar", None, (doy(2, 1), doy(11, 30)), 1.3, 2,
         cpc=31)
campaign("tg_black_friday", "telegram", "cpc", "telegram", "/black-friday", None, (doy(11, 18), doy(12, 2)), 1.3, 6,
         cpc=39)
campaign("tg_influencer", "telegram", "paid_social", "telegram", "/courses/reels", None, weight=1.5, quality=1.0,
         cpc=21)
# Paid search: people who already know what they want.
SMM_TERMS = ["курсы smm", "обучение smm онлайн", "курс smm менеджер с нуля", "smm курсы отзывы",
             "как стать smm менеджером"]
campaign("ya_brand", "yandex", "cpc", "yandex", "/", "yclid", weight=4, quality=2.2, cpc=14,
         terms=["скиллбокс smm", "skillbox smm", "школа smm отзывы"])
campaign("ya_courses", "yandex", "cpc", "yandex", "/courses/smm", "yclid", weight=5, quality=1.4, cpc=55,
         terms=SMM_TERMS)
campaign("ya_smm_manager", "yandex", "cpc", "yandex", "/courses/smm", "yclid", weight=3, quality=1.3, cpc=60,
         terms=["вакансии smm менеджер", "smm менеджер удаленно", "профессия smm"])
campaign("ya_rsya", "yandex", "cpc", "yandex", "/courses", "yclid", weight=4, quality=0.7, cpc=16,
         terms=["smm", "таргет", "reels"])
campaign("ya_retarget", "yandex", "cpc", "yandex", "/courses/smm", "yclid", weight=2, quality=1.8, cpc=25,
         terms=["smm"])
campaign("ya_competitors", "yandex", "cpc", "yandex", "/courses/smm", "yclid", weight=1.5, quality=1.0, cpc=48,
         terms=["нетология smm", "geekbrains smm", "яндекс практикум smm"])
campaign("ya_webinar", "yandex", "cpc", "yandex", "/webinar", "yclid", (doy(2, 1), doy(11, 30)), 1.2, 1.5, cpc=35,
         terms=["вебинар smm бесплатно", "бесплатный урок smm"])
campaign("google_brand", "google", "cpc", "google", "/", "gclid", weight=1.5, quality=2.0, cpc=18,
         terms=["skillbox smm", "школа smm"])
campaign("google_courses", "google", "cpc", "google", "/courses/smm", "gclid", weight=2, quality=1.3, cpc=50,
         terms=SMM_TERMS)
campaign("google_smm", "google", "cpc", "google", "/courses/smm", "gclid", weight=1.5, quality=1.2, cpc=45,
         terms=["smm marketing course", "smm обучение"])
campaign("google_pmax", "google", "ppc", "google", "/courses", "gclid", weight=1.5, quality=0.9, cpc=22,
         terms=["smm"])
# Email: cheap, late in the journey.
campaign("newsletter_weekly", "newsletter", "email", "email", "/courses/smm", None, weight=3, quality=1.5, cpc=2,
         contents=["header_button", "footer_link", "hero_image"])
campaign("email_webinar", "newsletter", "email", "email", "/webinar", None, weight=1.5, quality=1.6, cpc=2,
         contents=["invite", "reminder"])
campaign("email_winback", "unisender", "email", "email", "/sale/winback", None, weight=1, quality=1.3, cpc=3,
         contents=["discount_15", "last_chance"])
assert len(C) == 40, len(C)

# Traffic that names no campaign (its report key is "(none)").
# (kind, weight as a first touch, weight as a later touch, quality)
UNTAGGED = [
    ("direct", 10, 30, 1.3),            # typed the address or a bookmark: no utm, no referrer
    ("organic_search", 12, 10, 1.1),    # referrer yandex/google, no utm
    ("referral", 4, 2, 0.9),            # articles and partners
    ("organic_social", 5, 4, 0.7),      # vk.com / t.me / instagram referrer, or utm_medium=social without campaign
    ("clickid_only", 1, 1, 1.0),        # a gclid or yclid without utm values: paid_search, no campaign
]
# Share of all touches that carry a campaign, as a first touch and as a later one.
TAGGED_SHARE_FIRST, TAGGED_SHARE_LATER = 0.7, 0.55
# Later touches lean to retargeting, brand search and email: the "closers".
LATER_BOOST = {"vk_retarget": 3, "ig_retarget": 3, "tg_retarget": 3, "ya_retarget": 3, "ya_brand": 3,
               "google_brand": 2.5, "newsletter_weekly": 4, "email_webinar": 3, "email_winback": 3}


def flight_factor(c, d):
    if c["flight"] is None:
        return 1.0
    first, last = c["flight"]
    if first <= d <= last:
        return 1.0
    return 0.04  # the trickle outside the burst


def day_weight(d):
    """Seasonality of traffic: New Year holidays, summer lull, Black Friday, weekends."""
    day = FIRST_DAY + timedelta(days=d)
    w = 1.0 + 0.15 * math.sin(2 * math.pi * (d - 30) / 365)
    if day.month == 1 and day.day <= 8:
        w *= 0.5
    if day.month in (7, 8):
        w *= 0.8
    if date(2025, 11, 18) <= day <= date(2025, 12, 2):
        w *= 1.7
    if day.month == 12 and day.day >= 28:
        w *= 0.6
    if day.weekday() >= 5:
        w *= 0.8
    return w


HOUR_WEIGHTS = [1, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 2.5, 3.5, 4, 4.2, 4.3, 4.2, 4.2, 4.3, 4.5, 4.8, 5.5, 6.5,
                7, 6.5, 4.5, 2.5]  # Moscow time; the generator shifts it to UTC


# --------------------------------------------------------------------------- helpers
def q(s):
    """Percent-encode a query value as a browser does (UTF-8, space as %20)."""
    return urllib.parse.quote(s, safe="-_.~")


def cumulative(weights):
    out, acc = [], 0.0
    for w in weights:
        acc += w
        out.append(acc)
    return out


def day_strings():
    """'YYYY-MM-DD' of every local day a timestamp can fall on (one day past the year for +03:00)."""
    return [(FIRST_DAY + timedelta(days=d)).isoformat() for d in range(DAYS + 2)]


DAY_TEXT = day_strings()


def rfc3339(t, utc=False):
    """RFC 3339 text of `t` (seconds since 2025-01-01T00:00Z): Moscow offset, or Z. Much faster than datetime."""
    if not utc:
        t += 3 * HOUR
    d, s = divmod(t, 86400)
    h, s = divmod(s, 3600)
    m, s = divmod(s, 60)
    return f"{DAY_TEXT[d]}T{h:02d}:{m:02d}:{s:02d}" + ("Z" if utc else "+03:00")


def visitor_id(i):
    """A stable id that looks random: index times an odd constant is a bijection modulo 2**32."""
    return f"v{(i * 2654435761 + 12345) % 4294967296:08x}"


# --------------------------------------------------------------------------- people
FEMALE = ["Анна", "Мария", "Екатерина", "Ольга", "Татьяна", "Наталья", "Елена", "Юлия", "Ирина", "Светлана",
          "Дарья", "Алина", "Ксения", "Виктория", "Полина", "Анастасия", "Софья", "Марина", "Вера", "Кристина"]
MALE = ["Иван", "Дмитрий", "Алексей", "Сергей", "Андрей", "Максим", "Артём", "Никита", "Павел", "Михаил"]
SURN = ["Петров", "Смирнов", "Иванов", "Кузнецов", "Соколов", "Попов", "Лебедев", "Козлов", "Новиков", "Морозов",
        "Волков", "Соловьёв", "Васильев", "Зайцев", "Павлов", "Семёнов", "Голубев", "Виноградов", "Богданов",
        "Фёдоров", "Михайлов", "Беляев", "Тарасов", "Белов", "Комаров", "Орлов", "Киселёв", "Макаров"]
TR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
              ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
               "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))
DOMAINS = ["mail.ru", "yandex.ru", "gmail.com", "bk.ru", "list.ru", "inbox.ru", "ya.ru", "rambler.ru"]
FORMS = ["Заявка на курс", "Консультация", "Запись на вебинар", "Бесплатный урок"]
COMMENTS = ["", "", "Хочу на курс", "Можно в рассрочку?", "Перезвоните после 18:00", "Есть ли скидка?",
            "Интересует курс с нуля", "Пишите в телеграм"]
PRODUCTS = [("Консультация", 3500, 10), ("Аудит профиля", 7900, 6), ("Курс «Reels и сторис»", 12500, 8),
            ("Курс «SMM с нуля»", 24900, 10), ("Курс «Таргет»", 39900, 5), ("Профессия SMM-менеджер", 89000, 3)]


def translit(s):
    return "".join(TR.get(ch, ch) for ch in s.lower())


def phone_text(d10, style):
    """One of the ways people write a Russian mobile number; all normalise to +7 and the ten digits."""
    a, b, c, d = d10[:3], d10[3:6], d10[6:8], d10[8:]
    return (f"8 ({a}) {b}-{c}-{d}", f"+7 {a} {b} {c} {d}", f"8{d10}", f"7-{a}-{b}-{c}-{d}", d10,
            f"+7 ({a}) {b}-{c}-{d}", f"+7{d10}")[style]


def phone_digits(i):
    """Ten digits starting with 9, distinct for every lead index (7919 is coprime with 10**9)."""
    return "9" + f"{(i * 7919 + 104729) % 1_000_000_000:09d}"


# --------------------------------------------------------------------------- the generator
class Generator:
    def __init__(self, scale, out):
        self.scale = scale
        self.out = out
        self.rng = random.Random(SEED)
        self.visitors = max(1, round(1_000_000 * scale))
        self.touch_total = max(self.visitors, round(3_000_000 * scale))
        self.lead_total = max(1, round(100_000 * scale))
        self.won_total = max(1, round(20_000 * scale))
        self.lost_total = round(8_000 * scale)
        self.open_total = round(4_000 * scale)
        # Leads of people who phoned in without a tracked visit: their sales are unattributed.
        self.visitorless_leads = round(self.lead_total * 0.01)

    # ------------------------------------------------------------------ phase 1: who touched what, when
    def touch_counts(self):
        """Touches per visitor (1..10), a long-tailed mix that sums exactly to the target total."""
        shares = [0.33, 0.215, 0.14, 0.10, 0.07, 0.05, 0.04, 0.028, 0.016, 0.011]  # mean 2.99
        counts = [int(self.visitors * s) for s in shares]
        counts[0] += self.visitors - sum(counts)
        delta = self.touch_total - sum((k + 1) * n for k, n in enumerate(counts))
        # Move visitors one touch up (or down) the ladder, a rung at a time in turn, until the total is exact.
        k = 0
        while delta != 0:
            src, dst, step = (k, k + 1, 1) if delta > 0 else (k + 1, k, -1)
            if counts[src] > 0:
                counts[src] -= 1
                counts[dst] += 1
                delta -= step
            k = (k + 1) % 9
        per_visitor = [k + 1 for k, n in enumerate(counts) for _ in range(n)]
        self.rng.shuffle(per_visitor)
        return per_visitor

    def kind_tables(self):
        """Per day, cumulative weights over the 40 campaigns and the untagged kinds, for first and later touches."""
        self.kinds = [c["key"] for c in C] + [u[0] for u in UNTAGGED]
        self.quality = [c["quality"] for c in C] + [u[3] for u in UNTAGGED]
        tables = []
        for d in range(DAYS):
            per_position = []
            for later in (False, True):
                tagged = [c["weight"] * flight_factor(c, d) * (LATER_BOOST.get(c["key"], 1) if later else 1)
                          for c in C]
                untagged = [u[2] if later else u[1] for u in UNTAGGED]
                share = TAGGED_SHARE_LATER if later else TAGGED_SHARE_FIRST
                ts, us = sum(tagged), sum(untagged)
                weights = [w / ts * share for w in tagged] + [w / us * (1 - share) for w in untagged]
                per_position.append(cumulative(weights))
            tables.append(per_position)
        return tables

    def plan_touches(self):
        """Times and kinds of every touch; kept as flat arrays because there are millions of them."""
        rng = self.rng
        tables = self.kind_tables()
        kind_index = list(range(len(self.kinds)))
        day_cum = cumulative([day_weight(d) for d in range(DAYS)])
        hour_cum = cumulative(HOUR_WEIGHTS)
        per_visitor = self.touch_counts()
        self.t = array("l")     # touch time, seconds since 2025-01-01T00:00Z
        self.kind = array("b")  # index into self.kinds
        self.owner = array("l")  # visitor index
        self.first = []      # per visitor: index of its first touch; its touches are consecutive
        self.count = per_visitor
        self.score = []      # per visitor: how likely the visitor is to leave a request
        choices = rng.choices
        expo = rng.expovariate
        for v, n in enumerate(per_visitor):
            # Gaps of at least an hour keep a visitor's touches distinct and leave room for a form in between.
            gaps = [HOUR + int(expo(1 / (4 * 86400))) for _ in range(n - 1)]
            span = sum(gaps)
            if span > LAST_TOUCH // 2:
                f = (LAST_TOUCH // 2) / span
                gaps = [max(HOUR, int(g * f)) for g in gaps]
                span = sum(gaps)
            d = choices(range(DAYS), cum_weights=day_cum)[0]
            h = choices(range(24), cum_weights=hour_cum)[0]
            t = d * 86400 + ((h - 3) % 24) * HOUR + rng.randrange(HOUR)
            if t + span >= LAST_TOUCH:
                t = rng.randrange(max(1, LAST_TOUCH - span))
            self.first.append(len(self.t))
            score = 0.0
            for i in range(n):
                if i:
                    t += gaps[i - 1]
                k = choices(kind_index, cum_weights=tables[t // 86400][i > 0])[0]
                self.t.append(t)
                self.kind.append(k)
                self.owner.append(v)
                score += self.quality[k]
            self.score.append(score * (1 + 0.15 * n))

    # ------------------------------------------------------------------ phase 2: leads and deals
    def plan_leads(self):
        """Which visitors leave a request: weighted sampling without replacement (Efraimidis-Spirakis keys)."""
        rng = self.rng
        wanted = self.lead_total - self.visitorless_leads
        keys = ((-math.log(1.0 - rng.random()) / s, v) for v, s in enumerate(self.score))
        chosen = sorted(v for _, v in heapq.nsmallest(wanted, keys))
        self.leads = []
        for v in chosen:
            first, n = self.first[v], self.count[v]
            # Most people ask after their last visit; some come back afterwards (retargeting, email).
            j = n - 1 if rng.random() < 0.7 or n == 1 else rng.randrange(n - 1)
            at = self.t[first + j] + rng.randrange(60, 1500)
            quality = sum(self.quality[self.kind[first + i]] for i in range(j + 1)) / (j + 1)
            self.leads.append(dict(visitor=v, touch=first + j, at=at, quality=quality))
        for _ in range(self.visitorless_leads):
            self.leads.append(dict(visitor=None, touch=None, at=rng.randrange(0, LAST_TOUCH), quality=1.0))
        self.leads.sort(key=lambda lead: (lead["at"], -1 if lead["visitor"] is None else lead["visitor"]))

    def plan_deals(self):
        rng = self.rng
        # Deals need room to close within the year; leads of the last three days only ever get open deals.
        closable = [i for i, lead in enumerate(self.leads) if lead["at"] < YEAR - 3 * 86400]
        closing = self.won_total + self.lost_total
        keys = ((-math.log(1.0 - rng.random()) / self.leads[i]["quality"], i) for i in closable)
        picked = [i for _, i in heapq.nsmallest(closing, keys)]
        rng.shuffle(picked)
        taken = set(picked)
        rest = [i for i in range(len(self.leads)) if i not in taken]
        opened = rng.sample(rest, min(self.open_total, len(rest)))
        self.deals = []
        statuses = ["won"] * self.won_total + ["lost"] * self.lost_total
        for i, status in zip(picked + opened, statuses + ["open"] * len(opened)):
            lead = self.leads[i]
            wait = 600 + int(rng.expovariate(1 / (2 * 86400)))
            decide = HOUR + int(rng.expovariate(1 / (7 * 86400)))
            room = YEAR - 1 - lead["at"]
            if wait + decide > room:
                f = room / (wait + decide)
                wait, decide = max(1, int(wait * f)), max(1, int(decide * f) - 1)
            product, rub, _ = rng.choices(PRODUCTS, [p[2] for p in PRODUCTS])[0]
            discount = rng.choice([0, 0, 0, 5, 10, 15])
            amount_rub = rub * (100 - discount) // 100
            usd = rng.random() < 0.03
            self.deals.append(dict(lead=i, status=status, created=lead["at"] + wait,
                                   closed=lead["at"] + wait + decide if status != "open" else None,
                                   product=product, currency="USD" if usd else "RUB",
                                   amount=f"{amount_rub // 90}.00" if usd else f"{amount_rub}.00"))
        self.deals.sort(key=lambda d: (d["created"], d["lead"]))

    # ------------------------------------------------------------------ writers
    def url_variants(self):
        """Per campaign, the landing URLs it uses (without a click id): contents, terms, hand-typed keys."""
        variants = []
        for c in C:
            out = []
            for content in c["contents"]:
                for term in c["terms"] or [None]:
                    utm = [("utm_source", c["source"]), ("utm_medium", c["medium"]), ("utm_campaign", c["key"]),
                           ("utm_content", content)]
                    if term:
                        utm.append(("utm_term", term))
                    out.append(utm)
            variants.append(out)
        return variants

    def click_id(self, name):
        rng = self.rng
        if name == "yclid":
            return str(rng.randrange(10 ** 17, 10 ** 19))
        if name == "gclid":
            return "Cj0KCQjw" + f"{rng.getrandbits(200):050x}"
        if name == "fbclid":
            return "IwAR" + f"{rng.getrandbits(180):045x}"
        return f"{rng.getrandbits(128):032x}"  # vkclid

    def click_record(self, seq, i):
        """The clicks.ndjson line of touch i, the seq-th in time order."""
        rng = self.rng
        t, k = self.t[i], self.kind[i]
        fields = [("at", rfc3339(t, utc=rng.random() < 0.1)), ("visitor", visitor_id(self.owner[i]))]
        r = rng.random
        if k < len(C):
            c = C[k]
            utm = self.variants[k][int(r() * len(self.variants[k]))]
            if r() < 0.05:  # a hand-typed link: "VK_Always_On" must still count as vk_always_on
                utm = [(name, v.title() if name == "utm_campaign" else v) for name, v in utm]
            if i in self.lead_touches:
                self.lead_touches[i] = utm  # the form sent after this visit may carry the same tags
            terms_plus = c["terms"] and r() < 0.5  # half the search engines write spaces as "+"
            query = [f"{name}={urllib.parse.quote_plus(v) if terms_plus and name == 'utm_term' else q(v)}"
                     for name, v in utm]
            explicit = r() < 0.07  # a tracker that sends utm fields beside a bare landing URL
            if explicit:
                query = []
            if c["clickid"] and r() < 0.8:
                query.append(f"{c['clickid']}={self.click_id(c['clickid'])}")
            url = SITE + c["path"] + ("?" + "&".join(query) if query else "")
            fields.append(("url", url))
            if explicit:
                fields.extend(utm)
            if c["platform"] == "vk" and r() < 0.3:
                fields.append(("referrer", "https://vk.com/"))
            elif c["platform"] == "yandex" and r() < 0.4:
                fields.append(("referrer", "https://yandex.ru/"))
        else:
            kind = self.kinds[k]
            path = ("/", "/courses/smm", "/blog/kak-stat-smm-menedzherom", "/prices")[int(r() * 4)]
            if kind == "direct":
                fields.append(("url", SITE + path))
            elif kind == "organic_search":
                fields.append(("url", SITE + path))
                fields.append(("referrer", ("https://yandex.ru/", "https://ya.ru/", "https://www.google.com/",
                                            "https://yandex.ru/search/?text=smm")[int(r() * 4)]))
            elif kind == "referral":
                fields.append(("url", SITE + "/courses/smm"))
                fields.append(("referrer", ("https://vc.ru/marketing/1523407", "https://habr.com/ru/articles/812345/",
                                            "https://www.sostav.ru/publication/smm.html")[int(r() * 3)]))
            elif kind == "organic_social":
                if r() < 0.5:
                    fields.append(("url", SITE + path + "?utm_source=vk&utm_medium=social"))
                else:
                    fields.append(("url", SITE + path))
                    fields.append(("referrer", ("https://vk.com/", "https://t.me/",
                                                "https://l.instagram.com/")[int(r() * 3)]))
            else:  # clickid_only
                name = "gclid" if r() < 0.4 else "yclid"
                fields.append(("url", f"{SITE}/courses/smm?{name}={self.click_id(name)}"))
        if r() < 0.95:  # the rest are keyed by a hash of their content
            fields.append(("id", f"c{seq:08d}"))
        return "{" + ",".join(f'"{name}":"{value}"' for name, value in fields) + "}\n"

    def write_clicks(self):
        n = len(self.t)
        self.variants = self.url_variants()
        self.lead_touches = {lead["touch"]: None for lead in self.leads if lead["touch"] is not None}
        # Click logs come in time order: sort touch indices by (time, index) packed into one integer.
        order = sorted(t * n + i for i, t in enumerate(self.t))
        with open(os.path.join(self.out, "clicks.ndjson"), "w", encoding="utf-8") as fh:
            buf = []
            for seq, key in enumerate(order, 1):
                buf.append(self.click_record(seq, key % n))
                if len(buf) == 50_000:
                    fh.write("".join(buf))
                    buf.clear()
            fh.write("".join(buf))

    def form_record(self, n, lead):
        rng = self.rng
        female = rng.random() < 0.75
        first = rng.choice(FEMALE if female else MALE)
        last = rng.choice(SURN) + ("а" if female else "")
        rec = {"submitted_at": rfc3339(lead["at"], utc=rng.random() < 0.1)}
        rec["name"] = (f"{first} {last}", first, f"{last} {first}")[rng.randrange(3)]
        contact = rng.random()
        email = f"{translit(first)}.{translit(last)}{n}@{rng.choice(DOMAINS)}"
        if contact < 0.8:
            rec["email"] = email.upper() if rng.random() < 0.05 else email
        if contact > 0.5:
            rec["phone"] = phone_text(phone_digits(n), rng.randrange(7))
        lead["contact"] = {"email": rec["email"]} if "email" in rec else {"phone": rec["phone"]}
        if lead["visitor"] is None:
            rec["form"] = "Звонок"
            rec["page_url"] = SITE + "/contacts"
        else:
            rec["form"] = rng.choice(FORMS)
            rec["visitor"] = visitor_id(lead["visitor"])
            rec["page_url"] = self.form_page(lead)
        comment = rng.choice(COMMENTS)
        if comment:
            rec["fields"] = {"comment": comment}
        rec["id"] = f"f{n:07d}"
        return rec

    def form_page(self, lead):
        """The page the form was sent from: the landing page of the visit it follows, often with its utm tags.

        The tags are exactly those of that visit (so the SPEC's same-session rule drops the form's own touch),
        or, for a few, those of an earlier visit of the same person (so the form adds a touch)."""
        rng = self.rng
        i = lead["touch"]
        k = self.kind[i]
        first = self.first[lead["visitor"]]
        roll = rng.random()
        if k < len(C) and roll < 0.4:
            utm = self.lead_touches[i]
        elif roll > 0.9:
            earlier = [j for j in range(first, i) if self.kind[j] < len(C)]
            if not earlier:
                return SITE + "/consultation"
            utm = self.variants[self.kind[rng.choice(earlier)]][0]
        else:
            return SITE + ("/consultation", "/courses/smm#zayavka", "/webinar")[rng.randrange(3)]
        return SITE + "/courses/smm?" + "&".join(f"{name}={q(v)}" for name, v in utm)

    def write_forms(self):
        with open(os.path.join(self.out, "forms.ndjson"), "w", encoding="utf-8") as fh:
            for n, lead in enumerate(self.leads, 1):
                fh.write(json.dumps(self.form_record(n, lead), ensure_ascii=False) + "\n")

    def write_deals(self):
        with open(os.path.join(self.out, "deals.ndjson"), "w", encoding="utf-8") as fh:
            for n, d in enumerate(self.deals, 1):
                rec = {"id": f"d{n:06d}", "lead": self.leads[d["lead"]]["contact"], "amount": d["amount"],
                       "currency": d["currency"], "created_at": rfc3339(d["created"]), "status": d["status"]}
                if d["closed"] is not None:
                    rec["closed_at"] = rfc3339(d["closed"])
                rec["product"] = d["product"]
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

    def write_spend(self):
        """A row per campaign per day: the platform counts a few more clicks than the site logged visits."""
        rng = self.rng
        visits = [[0] * DAYS for _ in C]
        for t, k in zip(self.t, self.kind):
            if k < len(C):
                visits[k][t // 86400] += 1
        ctr = {"vk": 0.009, "instagram": 0.007, "telegram": 0.012, "yandex": 0.06, "google": 0.05, "email": 0.03}
        with open(os.path.join(self.out, "spend.csv"), "w", encoding="utf-8") as fh:
            fh.write("date,campaign,amount,currency,platform,impressions,reach,clicks,engagements\n")
            for d in range(DAYS):
                for k, c in enumerate(C):
                    clicks = int(visits[k][d] * rng.uniform(1.05, 1.25)) + rng.randrange(0, 3)
                    impressions = int(clicks / (ctr[c["platform"]] * rng.uniform(0.8, 1.2))) + rng.randrange(50)
                    reach = int(impressions * rng.uniform(0.55, 0.8))
                    engagements = int(impressions * rng.uniform(0.002, 0.012))
                    minor = int(clicks * c["cpc"] * rng.uniform(0.85, 1.15) * 100) + rng.randrange(100)
                    fh.write(f"{DAY_TEXT[d]},{c['key']},{minor // 100}.{minor % 100:02d},{c['currency']},"
                             f"{c['platform']},{impressions},{reach},{clicks},{engagements}\n")

    def write_rates(self):
        rng = self.rng
        rate = 92.0
        with open(os.path.join(self.out, "rates.csv"), "w", encoding="utf-8") as fh:
            fh.write("date,from,to,rate\n")
            for d in range(DAYS):
                rate = max(80.0, min(105.0, rate + rng.gauss(0, 0.35)))
                fh.write(f"{DAY_TEXT[d]},USD,RUB,{rate:.4f}\n")

    def run(self):
        os.makedirs(self.out, exist_ok=True)
        started = time.monotonic()
        self.plan_touches()
        self.plan_leads()
        self.plan_deals()
        self.write_clicks()
        self.write_forms()
        self.write_deals()
        self.write_spend()
        self.write_rates()
        manifest = dict(scale=self.scale, seed=SEED, generator_sha256=generator_digest(),
                        visitors=self.visitors, clicks=len(self.t), leads=len(self.leads),
                        visitorless_leads=self.visitorless_leads, deals=len(self.deals),
                        won=self.won_total, lost=self.lost_total, open=len(self.deals) - self.won_total -
                        self.lost_total, campaigns=len(C), spend_rows=len(C) * DAYS, rate_rows=DAYS,
                        seconds=round(time.monotonic() - started, 2))
        with open(os.path.join(self.out, "manifest.json"), "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, indent=2)
            fh.write("\n")
        return manifest


def generator_digest():
    with open(os.path.abspath(__file__), "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = the SPEC's full data set (default)")
    parser.add_argument("--out", required=True, help="folder to write the files into")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    manifest = Generator(args.scale, args.out).run()
    print(json.dumps(manifest), file=sys.stdout)


if __name__ == "__main__":
    main()
