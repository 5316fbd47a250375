#!/usr/bin/env python3
"""Deterministic generator of LeadTrail demo data («Студия Ласка», Oct–Nov 2026).

Run from anywhere:  python3 samples/generate.py
Writes (next to this script):
  clicks.ndjson, forms.json, deals.json, spend.csv, rates.csv,
  presets/tilda-forms.json, presets/meta-lead-ads.json, presets/vk-lead-forms.json,
  presets/meta-ads-en.csv, presets/meta-ads-ru.csv, presets/vk-ads.csv, presets/yandex-direct.tsv
and then validates the files and the joins between them (exit status 1 on a failure).

Everything comes from one random.Random(SEED); the output is byte-identical on every run.
See docs/presets.md for the platform shapes the preset files imitate.
"""
import csv
import io
import json
import os
import random
import sys
import urllib.parse
from datetime import date, datetime, timedelta, timezone

SEED = 20261001
rng = random.Random(SEED)

HERE = os.path.dirname(os.path.abspath(__file__))
PRESETS = os.path.join(HERE, "presets")
MSK = timezone(timedelta(hours=3))
SITE = "https://laska-studio.ru"
START = datetime(2026, 10, 1, 0, 0, tzinfo=MSK)
END = datetime(2026, 11, 30, 23, 59, 59, tzinfo=MSK)
FIRST_DAY, LAST_DAY = date(2026, 10, 1), date(2026, 11, 30)


def rfc3339(t):
    return t.astimezone(MSK).isoformat(timespec="seconds")


def days(d0, d1):
    d = d0
    while d <= d1:
        yield d
        d += timedelta(days=1)


def q(s):
    """Percent-encode like a browser does for a query value (UTF-8, space as %20)."""
    return urllib.parse.quote(s, safe="-_.~")


def js_encode_uri_component(s):
    return urllib.parse.quote(s, safe="-_.!~*'()")


# --------------------------------------------------------------------------- campaigns
CAMPAIGNS = {
    "vk_autumn_sale": dict(source="vk", medium="target", start=date(2026, 10, 1), end=date(2026, 11, 15),
                           platform="vk", currency="RUB", path="/courses/smm", clickid="vkclid",
                           contents=["carousel_courses", "video_reels", "banner_sale20"], vk_id=53811207),
    "vk_retarget": dict(source="vk", medium="cpc", start=date(2026, 10, 10), end=date(2026, 11, 30),
                        platform="vk", currency="RUB", path="/courses/smm", clickid="vkclid",
                        contents=["retarget_video", "retarget_reviews"], vk_id=53811342),
    "tg_channel_promo": dict(source="telegram", medium="cpc", start=date(2026, 10, 5), end=date(2026, 11, 30),
                             platform="telegram", currency="RUB", path="/courses/reels", clickid=None,
                             contents=["post_smm_chat", "post_marketing_daily", "post_laska_tips"]),
    "ig_stories_oct": dict(source="instagram", medium="paid_social", start=date(2026, 10, 1), end=date(2026, 10, 31),
                           platform="instagram", currency="USD", path="/courses/reels", clickid="fbclid",
                           contents=["stories_before_after", "stories_teacher"]),
    "yandex_search_brand": dict(source="yandex", medium="cpc", start=FIRST_DAY, end=LAST_DAY,
                                platform="yandex", currency="RUB", path="/", clickid="yclid",
                                terms=["студия ласка", "ласка smm", "laska studio"], ya_id=98765401),
    "yandex_search_courses": dict(source="yandex", medium="cpc", start=FIRST_DAY, end=LAST_DAY,
                                  platform="yandex", currency="RUB", path="/courses/smm", clickid="yclid",
                                  terms=["курсы smm", "обучение smm онлайн", "курс smm менеджер с нуля",
                                         "как вести инстаграм для бизнеса"], ya_id=98765422),
    "newsletter_nov": dict(source="newsletter", medium="email", path="/courses/smm",
                           contents=["header_button", "footer_link"],
                           sends=[datetime(2026, 11, 3, 11, 0, tzinfo=MSK), datetime(2026, 11, 17, 11, 0, tzinfo=MSK)]),
    "black_friday": dict(start=date(2026, 11, 20), end=date(2026, 11, 30), platform="vk", currency="RUB",
                         path="/black-friday", vk_id=53899120,
                         variants=[("vk", "target", "bf_banner"), ("vk", "target", "bf_video"),
                                   ("telegram", "cpc", "bf_channel_post"), ("newsletter", "email", "bf_letter")]),
}


def active(key, t):
    c = CAMPAIGNS[key]
    if key == "newsletter_nov":
        return any(s <= t <= s + timedelta(days=3) for s in c["sends"])
    return c["start"] <= t.date() <= c["end"]


BASE_WEIGHTS = {
    "vk_autumn_sale": 14, "vk_retarget": 6, "tg_channel_promo": 10, "ig_stories_oct": 9,
    "yandex_search_brand": 5, "yandex_search_courses": 10, "newsletter_nov": 14, "black_friday": 22,
    "vk_post_osen": 4, "ig_organic": 5, "tg_ref": 4, "organic_search": 7, "direct": 8, "referral": 2,
    "yclid_only": 1, "gclid_only": 1,
}
LATER_BOOST = {"direct": 3.0, "yandex_search_brand": 2.5, "vk_retarget": 2.5, "organic_search": 1.5}


def pick_kind(t, later=False):
    kinds, weights = [], []
    for k, w in BASE_WEIGHTS.items():
        if k in CAMPAIGNS and not active(k, t):
            continue
        if k == "vk_post_osen" and t.month != 10:
            continue
        if later:
            w *= LATER_BOOST.get(k, 1.0)
        kinds.append(k)
        weights.append(w)
    return rng.choices(kinds, weights)[0]


def rand_clickid(kind):
    if kind == "yclid":
        return str(rng.randrange(10 ** 17, 10 ** 19))
    if kind == "gclid":
        return "Cj0KCQjw" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(40))
    if kind == "fbclid":
        return "IwZXh0bgNhZW0BMABhZGlkAasX" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(34))
    if kind == "vkclid":
        return "".join(rng.choice("0123456789abcdef") for _ in range(32))
    if kind == "rb_clickid":
        return str(rng.randrange(10 ** 9, 10 ** 10)) + "-" + str(rng.randrange(10 ** 8, 10 ** 9))
    raise ValueError(kind)


def build_url(path, params, fragment=""):
    if not params:
        return SITE + path + fragment
    parts = []
    for k, v, enc in params:
        parts.append(f"{k}={enc(v) if enc else v}")
    return SITE + path + "?" + "&".join(parts) + fragment


def make_touch(kind, t, visitor):
    """One click record (generic clicks format) for a visit of `kind` at time t."""
    rec = {"at": rfc3339(t), "visitor": visitor}
    referrer = None
    explicit = None  # dict of explicit utm fields
    params = []
    path = "/"
    if kind in ("vk_autumn_sale", "vk_retarget", "tg_channel_promo", "ig_stories_oct", "newsletter_nov"):
        c = CAMPAIGNS[kind]
        path = c["path"]
        utm = [("utm_source", c["source"]), ("utm_medium", c["medium"]), ("utm_campaign", kind),
               ("utm_content", rng.choice(c["contents"]))]
        if kind == "vk_autumn_sale" and rng.random() < 0.08:
            utm[2] = ("utm_campaign", "VK_Autumn_Sale")  # hand-typed link: normalises to vk_autumn_sale
        params = [(k, v, q) for k, v in utm]
        cid = c.get("clickid")
        if cid and rng.random() < 0.75:
            if cid == "vkclid" and rng.random() < 0.25:
                cid = "rb_clickid"
            params.append((cid, rand_clickid(cid), None))
        if c["source"] == "vk" and rng.random() < 0.3:
            referrer = "https://vk.com/"
        if kind == "ig_stories_oct" and rng.random() < 0.4:
            referrer = "https://l.instagram.com/"
        if kind == "newsletter_nov" and rng.random() < 0.2:
            referrer = "https://e.mail.ru/"
    elif kind in ("yandex_search_brand", "yandex_search_courses"):
        c = CAMPAIGNS[kind]
        path = c["path"]
        term = rng.choice(c["terms"])
        term_enc = urllib.parse.quote_plus if rng.random() < 0.5 else q  # "+" or "%20" for spaces
        params = [("utm_source", "yandex", q), ("utm_medium", "cpc", q), ("utm_campaign", kind, q),
                  ("utm_term", term, term_enc)]
        if rng.random() < 0.85:
            params.append(("yclid", rand_clickid("yclid"), None))
        if rng.random() < 0.5:
            referrer = rng.choice(["https://yandex.ru/", "https://ya.ru/"])
    elif kind == "black_friday":
        c = CAMPAIGNS[kind]
        path = c["path"]
        src, med, content = rng.choice(c["variants"])
        camp = "Black_Friday" if rng.random() < 0.1 else "black_friday"
        params = [("utm_source", src, q), ("utm_medium", med, q), ("utm_campaign", camp, q),
                  ("utm_content", content, q)]
        if src == "vk" and rng.random() < 0.7:
            params.append(("vkclid", rand_clickid("vkclid"), None))
    elif kind == "vk_post_osen":
        path = "/blog/osennie-trendy-smm"
        camp = "Осень" if rng.random() < 0.3 else "осень"
        params = [("utm_source", "vk", q), ("utm_medium", "social", q), ("utm_campaign", camp, q)]
        referrer = "https://vk.com/" if rng.random() < 0.5 else None
    elif kind == "ig_organic":
        path = "/"
        if rng.random() < 0.6:
            params = [("utm_source", "instagram", q), ("utm_medium", "social", q), ("utm_campaign", "bio_link", q)]
        referrer = "https://l.instagram.com/"
    elif kind == "tg_ref":
        path = rng.choice(["/", "/courses/reels", "/blog/reels-2026"])
        referrer = rng.choice(["https://t.me/", "https://web.telegram.org/"])
    elif kind == "organic_search":
        path = rng.choice(["/", "/courses/smm", "/blog/kak-stat-smm-menedzherom"])
        referrer = rng.choice(["https://yandex.ru/", "https://ya.ru/", "https://www.google.com/", "https://yandex.ru/"])
    elif kind == "referral":
        path = "/courses/smm"
        referrer = rng.choice(["https://vc.ru/marketing/1523407-kak-my-nabrali-1000-uchenikov",
                               "https://dzen.ru/a/ZmLaska2026", "https://www.sostav.ru/publication/laska-smm.html"])
    elif kind == "direct":
        path = rng.choice(["/", "/", "/courses/smm", "/prices", "/consultation"])
    elif kind == "yclid_only":
        path = "/courses/smm"
        params = [("yclid", rand_clickid("yclid"), None)]
    elif kind == "gclid_only":
        path = "/"
        params = [("gclid", rand_clickid("gclid"), None)]
    else:
        raise ValueError(kind)

    # ~7% of tagged clicks arrive from a tracker with explicit UTM fields and a bare landing URL
    utm_params = [p for p in params if p[0].startswith("utm_")]
    if utm_params and rng.random() < 0.07:
        explicit = {k: v for k, v, _ in utm_params}
        params = [p for p in params if not p[0].startswith("utm_")]
    rec["url"] = build_url(path, params)
    if explicit:
        rec.update(explicit)
    if referrer:
        rec["referrer"] = referrer
    return rec


# --------------------------------------------------------------------------- people
FEMALE = ["Анна", "Мария", "Екатерина", "Ольга", "Татьяна", "Наталья", "Елена", "Юлия", "Ирина", "Светлана",
          "Дарья", "Алина", "Ксения", "Виктория", "Полина", "Анастасия", "Софья", "Марина", "Вера", "Кристина"]
MALE = ["Иван", "Дмитрий", "Алексей", "Сергей", "Андрей", "Максим", "Артём", "Никита", "Павел", "Михаил"]
SURN = ["Петров", "Смирнов", "Иванов", "Кузнецов", "Соколов", "Попов", "Лебедев", "Козлов", "Новиков", "Морозов",
        "Волков", "Соловьёв", "Васильев", "Зайцев", "Павлов", "Семёнов", "Голубев", "Виноградов", "Богданов",
        "Воробьёв", "Фёдоров", "Михайлов", "Беляев", "Тарасов", "Белов", "Комаров", "Орлов", "Киселёв", "Макаров",
        "Андреев"]
TR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
              ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
               "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))
DOMAINS = ["mail.ru", "yandex.ru", "gmail.com", "bk.ru", "list.ru", "inbox.ru", "ya.ru", "rambler.ru"]
CITIES = ["Москва", "Москва", "Санкт-Петербург", "Казань", "Екатеринбург", "Новосибирск", "Краснодар",
          "Нижний Новгород", "Самара", "Ростов-на-Дону"]
COMMENTS = ["Хочу на курс в ноябре", "Можно в рассрочку?", "Интересует курс с нуля, опыта нет",
            "Перезвоните после 18:00", "Есть ли скидка для студентов?", "Хочу вести соцсети своей кофейни",
            "Нужна консультация по продвижению салона красоты", "Какие даты старта ближайшего потока?",
            "Пишите в телеграм, пожалуйста", "Хочу разобраться с Reels", ""]


def translit(s):
    return "".join(TR.get(ch, ch) for ch in s.lower())


def fmt_phone(d10, style):
    a, b, c, d = d10[:3], d10[3:6], d10[6:8], d10[8:]
    return {
        0: f"8 ({a}) {b}-{c}-{d}",
        1: f"+7 {a} {b} {c} {d}",
        2: f"8{d10}",
        3: f"7-{a}-{b}-{c}-{d}",
        4: d10,
        5: f"+7 ({a}) {b}-{c}-{d}",
        6: f"+7{d10}",
        7: f"8-{a}-{b}-{c}{d}",
    }[style]


def norm_phone(p):
    digits = "".join(ch for ch in p if ch.isdigit())
    if p.strip().startswith("+"):
        return "+" + digits
    if len(digits) == 11 and digits[0] in "78":
        return "+7" + digits[1:]
    if len(digits) == 10 and digits[0] == "9":
        return "+7" + digits
    raise ValueError(p)


used_emails = set()
used_names, used_phones = {("Мария", "Соколова"), ("Дмитрий", "Козлов")}, set()


def new_person(latin=None, fixed=None):
    if latin:
        first, last = latin
        email_local = f"{first.lower()}.{last.lower()}"
    elif fixed:
        first, last = fixed
        email_local = f"{translit(first)}.{translit(last)}" + str(rng.randrange(80, 100))
    else:
        while True:
            female = rng.random() < 0.78
            first = rng.choice(FEMALE if female else MALE)
            last = rng.choice(SURN) + ("а" if female else "")
            if (first, last) not in used_names:
                break
        email_local = rng.choice([f"{translit(first)}.{translit(last)}", f"{translit(first)}{translit(last)}",
                                  f"{translit(first)[0]}.{translit(last)}", f"{translit(last)}.{translit(first)}"])
        if rng.random() < 0.35:
            email_local += str(rng.randrange(80, 100) if rng.random() < 0.5 else rng.randrange(1, 30))
    used_names.add((first, last))
    while True:
        d10 = "9" + rng.choice(["16", "15", "26", "03", "85", "05", "99", "77", "25", "52", "17", "67"]) + \
              "".join(str(rng.randrange(10)) for _ in range(7))
        if d10 not in used_phones:
            used_phones.add(d10)
            break
    domain = "gmail.com" if latin else rng.choice(DOMAINS)
    while f"{email_local}@{domain}" in used_emails:
        email_local += str(rng.randrange(10))
    used_emails.add(f"{email_local}@{domain}")
    return dict(first=first, last=last, d10=d10, email=f"{email_local}@{domain}", city=rng.choice(CITIES))


def display_name(p):
    r = rng.random()
    if r < 0.55:
        return f"{p['first']} {p['last']}"
    if r < 0.75:
        return p["first"]
    if r < 0.88:
        return f"{p['last']} {p['first']}"
    if r < 0.95:
        return f"{p['first'].lower()} {p['last'].lower()}"
    return f"  {p['first']} "


def email_variant(e):
    r = rng.random()
    if r < 0.12:
        return e.upper()
    if r < 0.25:
        local, dom = e.split("@")
        return local.capitalize() + "@" + dom.capitalize()
    if r < 0.30:
        return " " + e + " "
    return e


def vid():
    return "v-" + "".join(rng.choice("0123456789abcdef") for _ in range(6))


used_visitors = set()


def new_visitor():
    while True:
        v = vid()
        if v not in used_visitors:
            used_visitors.add(v)
            return v


# --------------------------------------------------------------------------- journeys and forms
clicks = []   # click records (without id yet)
forms = []    # form records (without id yet), with private keys prefixed "_"


def journey(visitor, sub_t, n, forced=None):
    """Touches for one visitor before a submission at sub_t; returns list of (t, rec, kind), oldest first."""
    times = [sub_t - timedelta(minutes=rng.uniform(2, 25))]
    for _ in range(n - 1):
        gap = timedelta(minutes=rng.uniform(20, 60 * 24 * 9) * rng.random())
        times.append(times[-1] - gap - timedelta(minutes=5))
    times = [t.replace(microsecond=0) for t in times if t > START + timedelta(hours=7)]
    times.reverse()
    out = []
    for i, t in enumerate(times):
        kind = forced[i] if forced and i < len(forced) else pick_kind(t, later=i > 0)
        out.append((t, make_touch(kind, t, visitor), kind))
    return out


def form_name_for(path):
    if path.startswith("/black-friday"):
        return "Чёрная пятница: заявка"
    if path.startswith("/consultation") or rng.random() < 0.33:
        return "Консультация"
    return "Заявка на курс"


def make_form(person, sub_t, visitor, last_touch, phone_style=None, with_email=None, with_phone=None):
    rec = {"submitted_at": rfc3339(sub_t), "name": display_name(person)}
    has_email = rng.random() < 0.82 if with_email is None else with_email
    has_phone = rng.random() < 0.88 if with_phone is None else with_phone
    if not has_email and not has_phone:
        has_phone = True
    if has_phone:
        rec["phone"] = fmt_phone(person["d10"], rng.randrange(8) if phone_style is None else phone_style)
    if has_email:
        rec["email"] = email_variant(person["email"])
    url = last_touch["url"] if last_touch else SITE + "/consultation"
    path = urllib.parse.urlsplit(url).path
    rec["form"] = form_name_for(path)
    if visitor:
        rec["visitor"] = visitor
    rec["page_url"] = url + ("#zayavka" if rng.random() < 0.4 else "")
    if last_touch:
        explicit_utms = {k: v for k, v in last_touch.items() if k.startswith("utm_")}
        if explicit_utms:          # the landing URL was bare: hidden form fields carry the UTM values
            rec.update(explicit_utms)
        elif "utm_source=" in url and rng.random() < 0.2:
            parsed = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
            for k in ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term"):
                if k in parsed:
                    rec[k] = parsed[k][0]
    fields = {}
    com = rng.choice(COMMENTS)
    if com:
        fields["comment"] = com
    if rng.random() < 0.7:
        fields["city"] = person["city"]
    if rec["form"] == "Заявка на курс" and rng.random() < 0.5:
        fields["tariff"] = rng.choice(["Базовый", "Стандарт", "VIP"])
    if fields:
        rec["fields"] = fields
    rec["_person"] = person
    rec["_t"] = sub_t
    return rec


def sub_time(d0, d1):
    span = (d1 - d0).days
    d = d0 + timedelta(days=rng.randrange(span + 1))
    h = rng.choices(range(8, 24), [1, 2, 4, 5, 5, 4, 4, 4, 4, 5, 6, 7, 8, 8, 6, 3])[0]
    return datetime(d.year, d.month, d.day, h, rng.randrange(60), rng.randrange(60), tzinfo=MSK)


people = []
# ordinary leads: 60 persons, submissions Oct 2 – Nov 19, 12 more in the Black Friday window
for i in range(72):
    p = new_person()
    people.append(p)
    if i < 60:
        t = sub_time(date(2026, 10, 2), date(2026, 11, 19))
    else:
        t = sub_time(date(2026, 11, 20), date(2026, 11, 29))
    v = new_visitor()
    n = rng.choices([1, 2, 3, 4, 5], [30, 30, 22, 12, 6])[0]
    tj = journey(v, t, n)
    for _, r, _ in tj:
        clicks.append(r)
    forms.append(make_form(p, t, v, tj[-1][1] if tj else None))

# Latin-named clients (two of them will pay in USD)
for latin in [("Olga", "Miller"), ("Alex", "Kim"), ("Dina", "Weiss")]:
    p = new_person(latin)
    p["first"], p["last"] = latin
    people.append(p)
    t = sub_time(date(2026, 10, 8), date(2026, 11, 12))
    v = new_visitor()
    tj = journey(v, t, rng.choice([1, 2]), forced=["ig_stories_oct"] if t.month == 10 else ["ig_organic"])
    for _, r, _ in tj:
        clicks.append(r)
    forms.append(make_form(p, t, v, tj[-1][1], with_email=True))

# --- the duplicate: Мария Соколова, Oct 14 and Oct 24 (10 days), phone written differently, second device
dup = new_person(fixed=("Мария", "Соколова"))
people.append(dup)
t1 = datetime(2026, 10, 14, 12, 10, 37, tzinfo=MSK)
v1 = new_visitor()
tj = journey(v1, t1, 2, forced=["yandex_search_courses", "vk_autumn_sale"])
for _, r, _ in tj:
    clicks.append(r)
f = make_form(dup, t1, v1, tj[-1][1], phone_style=0, with_email=True, with_phone=True)
f["name"] = "Мария Соколова"
f["form"] = "Заявка на курс"
forms.append(f)
t2 = datetime(2026, 10, 24, 21, 40, 5, tzinfo=MSK)
v2 = new_visitor()
tj = journey(v2, t2, 2, forced=["vk_retarget", "direct"])
for _, r, _ in tj:
    clicks.append(r)
f = make_form(dup, t2, v2, tj[-1][1], phone_style=1, with_email=False, with_phone=True)
f["name"] = "Мария"
f["form"] = "Консультация"
f["fields"] = {"comment": "Оставляла заявку на прошлой неделе, мне так и не перезвонили"}
forms.append(f)
DUP = (dup, t1, t2)

# --- the returning person: Дмитрий Козлов, Oct 6 and again Nov 18 (43 days later), new device
ret = new_person(fixed=("Дмитрий", "Козлов"))
people.append(ret)
r1 = datetime(2026, 10, 6, 14, 22, 9, tzinfo=MSK)
w1 = new_visitor()
tj = journey(w1, r1, 2, forced=["ig_stories_oct", "yandex_search_brand"])
for _, r, _ in tj:
    clicks.append(r)
f = make_form(ret, r1, w1, tj[-1][1], phone_style=2, with_email=True, with_phone=True)
f["name"] = "Дмитрий Козлов"
f["form"] = "Консультация"
forms.append(f)
r2 = datetime(2026, 11, 18, 19, 5, 44, tzinfo=MSK)
w2 = new_visitor()
nl = datetime(2026, 11, 17, 12, 31, 2, tzinfo=MSK)
clicks.append(make_touch("newsletter_nov", nl, w2))
last = make_touch("direct", r2 - timedelta(minutes=7, seconds=13), w2)
last["url"] = SITE + "/courses/smm"
clicks.append(last)
f = make_form(ret, r2, w2, last, phone_style=5, with_email=True, with_phone=True)
f["name"] = "Дмитрий"
f["form"] = "Заявка на курс"
f["fields"] = {"comment": "В начале октября был у вас на консультации, теперь готов на курс", "tariff": "Стандарт"}
forms.append(f)
RET = (ret, r1, r2)

# --- submissions without a visitor id (quiz widget without the tracker)
for kind_of in ("utm_url", "utm_fields", "nothing"):
    p = new_person()
    people.append(p)
    t = sub_time(date(2026, 10, 12), date(2026, 11, 25))
    rec = {"submitted_at": rfc3339(t), "name": display_name(p), "phone": fmt_phone(p["d10"], rng.randrange(8)),
           "form": "Квиз: подбор курса"}
    if rng.random() < 0.6:
        rec["email"] = email_variant(p["email"])
    if kind_of == "utm_url":
        rec["page_url"] = SITE + "/quiz?utm_source=vk&utm_medium=target&utm_campaign=vk_autumn_sale&utm_content=quiz_ad"
    elif kind_of == "utm_fields":
        rec["page_url"] = SITE + "/quiz"
        rec.update(utm_source="telegram", utm_medium="cpc", utm_campaign="tg_channel_promo", utm_content="post_smm_chat")
    else:
        rec["page_url"] = SITE + "/quiz"
    rec["fields"] = {"quiz_goal": rng.choice(["Сменить профессию", "Продвигать свой бизнес", "Подработка"]),
                     "city": p["city"]}
    rec["_person"], rec["_t"] = p, t
    forms.append(rec)

# --- one spam submission (a rep will mark it junk): a placeholder phone that can be dialled, since one that cannot
# (+7 (000) …, a trunk 0 after the country code) is refused by every import
spam_v = new_visitor()
spam_t = datetime(2026, 11, 2, 3, 14, 15, tzinfo=MSK)
clicks.append(make_touch("direct", spam_t - timedelta(minutes=1), spam_v))
forms.append({"submitted_at": rfc3339(spam_t), "name": "test", "phone": "+7 (999) 999-99-99",
              "email": "test@test.ru", "form": "Консультация", "visitor": spam_v,
              "page_url": SITE + "/consultation", "fields": {"comment": "asdfasdf"},
              "_person": None, "_t": spam_t})

# --- visitors who never converted (null journeys)
for _ in range(175):
    v = new_visitor()
    t = sub_time(FIRST_DAY, LAST_DAY) - timedelta(minutes=rng.randrange(60))
    n = rng.choices([1, 2, 3], [65, 25, 10])[0]
    ts = sorted([t] + [t + timedelta(hours=rng.uniform(0.5, 24 * 10)) for _ in range(n - 1)])
    for i, tt in enumerate(ts):
        if tt > END:
            continue
        tt = tt.replace(microsecond=0)
        clicks.append(make_touch(pick_kind(tt, later=i > 0), tt, v))

# --------------------------------------------------------------------------- click ids, ordering
clicks.sort(key=lambda r: (r["at"], r["visitor"]))
n_id = 0
for r in clicks:
    n_id += 1
    if rng.random() < 0.92:
        r_id = f"c-{n_id:06d}"
        r["id"] = r_id
    # explicit click_id on a few records that also carry one in the URL
    qs = urllib.parse.parse_qs(urllib.parse.urlsplit(r["url"]).query)
    if "yclid" in qs and rng.random() < 0.15:
        r["click_id"] = qs["yclid"][0]
# key order: at, visitor, url, utm_*, click_id, referrer, id
ORDER = ["at", "visitor", "url", "utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term",
         "click_id", "referrer", "id"]
clicks = [{k: r[k] for k in ORDER if k in r} for r in clicks]
# a double-fired identical click (no id): the tracker sent the same hit twice
dbl = next(r for r in clicks if "id" not in r and "utm_source=vk" in r["url"])
clicks.insert(clicks.index(dbl) + 1, dict(dbl))

# --------------------------------------------------------------------------- forms: ids, order
forms.sort(key=lambda r: r["_t"])
FORM_ORDER = ["id", "submitted_at", "name", "phone", "email", "form", "visitor", "page_url",
              "utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term", "fields"]
for i, f in enumerate(forms, 1):
    f["id"] = f"f-{i:04d}"
no_id = rng.sample(range(len(forms)), 2)
for i in no_id:
    del forms[i]["id"]

# --------------------------------------------------------------------------- deals
PRODUCTS = [("Курс «SMM с нуля»", "24900.00"), ("Курс «Reels и сторис»", "12500.00"),
            ("Консультация", "3500.00"), ("Ведение аккаунта, месяц", "45000.00"), ("Аудит профиля", "7900.00")]
deals = []


def first_form_of(person):
    return min((f for f in forms if f["_person"] is person), key=lambda f: f["_t"])


def deal_for(person, after_t, product=None, currency="RUB", status=None, lead_by=None):
    created = after_t + timedelta(minutes=rng.uniform(120, 60 * 24 * 4))
    created = created.replace(hour=rng.randrange(10, 21), microsecond=0, second=rng.randrange(60))
    if created <= after_t:
        created = after_t + timedelta(hours=rng.uniform(1, 5))
        created = created.replace(microsecond=0)
    if product is None:
        product = rng.choices(PRODUCTS, [35, 25, 20, 8, 12])[0]
    name, amount = product
    if currency == "USD":
        name, amount = "Аудит профиля (оплата из-за рубежа)", "150.00"
    if status is None:
        status = rng.choices(["won", "lost", "open"], [72, 16, 12])[0]
    closed = None
    if status in ("won", "lost"):
        closed = created + timedelta(hours=rng.uniform(20, 24 * 12))
        closed = closed.replace(hour=rng.randrange(10, 21), microsecond=0)
        if closed <= created:
            closed += timedelta(days=1)
        if closed > END:
            status, closed = "open", None
    f0 = [f for f in forms if f["_person"] is person]
    has_email = any("email" in f for f in f0)
    has_phone = any("phone" in f for f in f0)
    if lead_by is None:
        lead_by = "email" if has_email and (rng.random() < 0.65 or not has_phone) else "phone"
    if lead_by == "email":
        lead = {"email": email_variant(person["email"]).strip()}
    else:
        lead = {"phone": fmt_phone(person["d10"], rng.randrange(8))}
    d = {"lead": lead, "amount": amount, "currency": currency, "created_at": created, "status": status,
         "closed_at": closed, "_product": name, "_person": person}
    deals.append(d)
    return d


deal_people = [p for p in people[:60] if any(f["_person"] is p for f in forms)]
for p in rng.sample(deal_people, 22):
    deal_for(p, first_form_of(p)["_t"])
for p in people[60:72][:4]:                      # Black Friday buyers
    deal_for(p, first_form_of(p)["_t"], product=PRODUCTS[0], status="won")
olga, alex = people[72], people[73]
deal_for(olga, first_form_of(olga)["_t"], currency="USD", status="won", lead_by="email")
deal_for(alex, first_form_of(alex)["_t"], currency="USD", status="open", lead_by="email")
deal_for(dup, DUP[2], product=PRODUCTS[0], status="won", lead_by="phone")
deal_for(ret, RET[2], product=PRODUCTS[0], status="won", lead_by="email")

deals.sort(key=lambda d: d["created_at"])
won = [d for d in deals if d["status"] == "won" and d["currency"] == "RUB"
       and d["closed_at"] and d["closed_at"] < datetime(2026, 11, 18, tzinfo=MSK)]
refund = won[len(won) // 2]
refund["refunded_amount"] = "12500.00" if refund["amount"] == "24900.00" else refund["amount"]
refund["refunded_at"] = (refund["closed_at"] + timedelta(days=4, hours=3)).replace(microsecond=0)
out_deals = []
for i, d in enumerate(deals):
    rec = {"id": f"d-{1001 + i}", "lead": d["lead"]}
    amt = d["amount"]
    if i % 3 == 1:                                  # some amounts as JSON numbers
        amt = int(float(amt)) if float(amt).is_integer() else float(amt)
    elif i % 7 == 3:
        amt = amt.split(".")[0]                     # "3500"
    rec["amount"] = amt
    rec["currency"] = d["currency"]
    ts = rfc3339(d["created_at"])
    if i % 11 == 5:                                 # a CRM that writes UTC
        ts = d["created_at"].astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    rec["created_at"] = ts
    st = d["status"]
    if i == 4:
        st = st.upper()                             # status is case-insensitive
    rec["status"] = st
    if d["closed_at"]:
        rec["closed_at"] = rfc3339(d["closed_at"])
    if "refunded_amount" in d:
        rec["refunded_amount"] = d["refunded_amount"]
        rec["refunded_at"] = rfc3339(d["refunded_at"])
    rec["product"] = d["_product"]                  # extra field, ignored by the generic format
    out_deals.append(rec)

# --------------------------------------------------------------------------- spend
SPEND_PLAN = {  # key: (platform, currency, daily amount range, CPM range, CTR range, reach share, engagement rate)
    "vk_autumn_sale": ("vk", "RUB", (1500, 2600), (170, 260), (0.006, 0.011), 0.72, (0.010, 0.025)),
    "vk_retarget": ("vk", "RUB", (600, 1100), (280, 380), (0.010, 0.018), 0.55, (0.008, 0.020)),
    "tg_channel_promo": ("telegram", "RUB", (1000, 2000), (220, 340), (0.004, 0.009), None, None),
    "ig_stories_oct": ("instagram", "USD", (8, 16), (3.0, 5.5), (0.005, 0.010), 0.80, (0.012, 0.030)),
    "yandex_search_brand": ("yandex", "RUB", (300, 700), None, None, None, None),
    "yandex_search_courses": ("yandex", "RUB", (1200, 2500), None, None, None, None),
    "black_friday": ("vk", "RUB", (2500, 4000), (190, 280), (0.008, 0.014), 0.70, (0.015, 0.035)),
}
spend = []
for d in days(FIRST_DAY, LAST_DAY):
    wk = 0.85 if d.weekday() >= 5 else 1.0
    for key, (plat, cur, (a0, a1), cpm, ctr, reach_share, eng) in SPEND_PLAN.items():
        c = CAMPAIGNS[key]
        if not (c["start"] <= d <= c["end"]):
            continue
        amount = round(rng.uniform(a0, a1) * wk, 2)
        if key.startswith("yandex"):
            cpc = rng.uniform(9, 16) if key.endswith("brand") else rng.uniform(17, 28)
            clicks_n = max(1, round(amount / cpc))
            impressions = round(clicks_n / rng.uniform(0.06, 0.14 if key.endswith("brand") else 0.05))
            reach = engagements = ""
        else:
            impressions = round(amount / rng.uniform(*cpm) * 1000)
            clicks_n = round(impressions * rng.uniform(*ctr))
            reach = round(impressions * reach_share * rng.uniform(0.9, 1.05)) if reach_share else ""
            engagements = round((reach or impressions) * rng.uniform(*eng)) if eng else ""
        spend.append(dict(date=d.isoformat(), campaign=key, amount=f"{amount:.2f}", currency=cur, platform=plat,
                          impressions=impressions, reach=reach, clicks=clicks_n, engagements=engagements))

# --------------------------------------------------------------------------- rates (CBR-like: business days)
rates = []
r = 95.40
d = date(2026, 9, 30)
while d <= LAST_DAY:
    if d.weekday() < 5:
        r = min(97.8, max(92.3, r + rng.uniform(-0.55, 0.5)))
        rates.append((d.isoformat(), "USD", "RUB", f"{r:.4f}"))
    d += timedelta(days=1)

# --------------------------------------------------------------------------- write generic files
os.makedirs(PRESETS, exist_ok=True)


def write_text(path, text, bom=False):
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        fh.write(text)


write_text(os.path.join(HERE, "clicks.ndjson"),
           "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in clicks))
out_forms = [{k: f[k] for k in FORM_ORDER if k in f} for f in forms]
write_text(os.path.join(HERE, "forms.json"), json.dumps(out_forms, ensure_ascii=False, indent=2) + "\n")
write_text(os.path.join(HERE, "deals.json"), json.dumps(out_deals, ensure_ascii=False, indent=2) + "\n")

buf = io.StringIO()
w = csv.writer(buf, lineterminator="\n")
cols = ["date", "campaign", "amount", "currency", "platform", "impressions", "reach", "clicks", "engagements"]
w.writerow(cols)
for s in spend:
    w.writerow([s[c] for c in cols])
write_text(os.path.join(HERE, "spend.csv"), buf.getvalue())
buf = io.StringIO()
w = csv.writer(buf, lineterminator="\n")
w.writerow(["date", "from", "to", "rate"])
w.writerows(rates)
write_text(os.path.join(HERE, "rates.csv"), buf.getvalue())

# --------------------------------------------------------------------------- presets: lead sources
# Tilda webhook log (values are strings, as they arrive form-urlencoded)
tilda = [{"test": "test"}]                      # the request Tilda sends when the webhook is connected
for i in range(7):
    p = new_person()
    t = sub_time(date(2026, 10, 3), date(2026, 11, 28))
    key = rng.choice(["vk_autumn_sale", "tg_channel_promo", "yandex_search_courses", "vk_post_osen"]
                     if t.date() <= date(2026, 11, 15) else ["vk_retarget", "tg_channel_promo", "black_friday"])
    touch = make_touch(key, t, "x")
    url = touch["url"]
    if "utm_" not in url:
        url = SITE + "/courses/smm?utm_source=telegram&utm_medium=cpc&utm_campaign=tg_channel_promo&utm_content=post_smm_chat"
    query = url.split("?", 1)[1] if "?" in url else ""
    # Tilda's form script: lower-cases the whole URL, keeps the raw "utm_*=value" pairs, joins them with "|||"
    tildautm = "".join(pair + "|||" for pair in query.lower().split("&") if pair[:4] == "utm_")
    ym = rng.randrange(1727000000, 1729000000)
    cookies = (f"_ym_uid={ym}{rng.randrange(100000000, 999999999)}; _ym_d={ym}; "
               f"tildauid={ym * 1000 + rng.randrange(1000)}.{rng.randrange(100000, 999999)}; "
               f"TILDAUTM={js_encode_uri_component(tildautm)}; "
               f"tildasid={ym * 1000 + rng.randrange(1000)}.{rng.randrange(100000, 999999)}")
    rec = {"Name": f"{p['first']} {p['last']}", "Phone": fmt_phone(p["d10"], 5)}
    if i != 3:
        rec["Email"] = p["email"] if i != 1 else p["email"].upper()
    rec["Comments"] = rng.choice([c for c in COMMENTS if c])
    if i in (2, 5):                               # forms with hidden utm_* fields
        parsed = urllib.parse.parse_qs(query)
        for k in ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term"):
            if k in parsed:
                rec[k] = parsed[k][0]
    rec["tranid"] = f"6731045:{rng.randrange(7_000_000_000, 7_999_999_999)}"
    rec["formid"] = rng.choice(["form812345678", "form812345690"])
    rec["COOKIES"] = cookies
    tilda.append(rec)
write_text(os.path.join(PRESETS, "tilda-forms.json"), json.dumps(tilda, ensure_ascii=False, indent=2) + "\n")

# Meta Lead Ads: Graph API response of GET /{form_id}/leads?fields=...
META_FORM = "1184520394471126"
meta_leads = []
for i in range(7):
    p = new_person()
    t = sub_time(date(2026, 10, 2), date(2026, 10, 31)).astimezone(timezone.utc)
    organic = i == 5
    lead = {"created_time": t.strftime("%Y-%m-%dT%H:%M:%S+0000"),
            "id": str(rng.randrange(10 ** 15, 10 ** 16))}
    if not organic:
        ad = rng.choice([("120210455871230187", "stories_before_after"), ("120210455871230199", "stories_teacher")])
        lead.update({"ad_id": ad[0], "ad_name": ad[1], "adset_id": "120210455871230155",
                     "adset_name": "Женщины 22-40, Москва и СПб", "campaign_id": "120210455871230142",
                     "campaign_name": "ig_stories_oct"})
    fd = [{"name": "full_name", "values": [f"{p['first']} {p['last']}"]}]
    if i != 2:
        fd.append({"name": "email", "values": [p["email"]]})
    fd.append({"name": "phone_number", "values": [f"+7{p['d10']}"]})
    fd.append({"name": "city", "values": [p["city"]]})
    fd.append({"name": "kakoy_kurs_vas_interesuet?", "values": [rng.choice(["reels_и_сторис", "smm_с_нуля"])]})
    lead["field_data"] = fd
    lead["form_id"] = META_FORM
    lead["is_organic"] = organic
    lead["platform"] = "fb" if i in (1, 5) else "ig"
    meta_leads.append(lead)
meta_leads.sort(key=lambda x: x["created_time"], reverse=True)   # Graph API returns newest first
meta = {"data": meta_leads,
        "paging": {"cursors": {"before": "QVFIUmRqc0xWNm5fTmZAWS1dBcC1vOXVoaWFvV0J2Y3A0",
                               "after": "QVFIUkd6ZAF8ZAWFaS0F0NEx2cXRGc3M2d3RnYUhRV1JI"}}}
write_text(os.path.join(PRESETS, "meta-lead-ads.json"), json.dumps(meta, ensure_ascii=False, indent=2) + "\n")

# VK lead forms: Callback API events of type lead_forms_new
GROUP = 218406577
vk_events = []
for i in range(6):
    p = new_person()
    answers = [{"key": "first_name", "question": "Имя", "answer": p["first"]},
               {"key": "phone_number", "question": "Номер телефона", "answer": fmt_phone(p["d10"], 6)}]
    if i % 2 == 0:
        answers.append({"key": "email", "question": "Электронная почта", "answer": p["email"]})
    answers.append({"key": "custom_0", "question": "Какой курс вас интересует?",
                    "answer": rng.choice(["SMM с нуля", "Reels и сторис", "Пока не знаю"])})
    obj = {"lead_id": rng.randrange(2_000_000, 9_999_999), "group_id": GROUP,
           "user_id": rng.randrange(10_000_000, 899_999_999), "form_id": 3 if i < 4 else 4,
           "form_name": "Заявка на курс SMM" if i < 4 else "Чёрная пятница: запись"}
    if i != 3:
        obj["ad_id"] = rng.choice([168834201, 168834257]) if i < 4 else 169002114
    obj["answers"] = answers
    vk_events.append({"group_id": GROUP, "type": "lead_forms_new",
                      "event_id": "".join(rng.choice("0123456789abcdef") for _ in range(40)),
                      "v": "5.199", "object": obj})
write_text(os.path.join(PRESETS, "vk-lead-forms.json"), json.dumps(vk_events, ensure_ascii=False, indent=2) + "\n")

# --------------------------------------------------------------------------- presets: spend exports
ig_rows = [s for s in spend if s["campaign"] == "ig_stories_oct"]

# Meta Ads Manager, English UI, breakdown by day: Reporting starts == Reporting ends == the day
buf = io.StringIO()
w = csv.writer(buf, lineterminator="\n")
w.writerow(["Reporting starts", "Reporting ends", "Campaign name", "Campaign delivery", "Amount spent (USD)",
            "Impressions", "Reach", "Link clicks", "Clicks (all)", "CPC (cost per link click) (USD)",
            "CTR (link click-through rate)", "Post engagements"])
for s in ig_rows:
    link = s["clicks"]
    allc = link + rng.randrange(3, 25)
    cpc = f"{float(s['amount']) / link:.2f}" if link else ""
    ctr = f"{link / s['impressions'] * 100:.2f}" if s["impressions"] else ""
    w.writerow([s["date"], s["date"], "IG_Stories_Oct", "inactive", s["amount"], s["impressions"], s["reach"],
                link if link else "", allc, cpc, ctr, s["engagements"]])
write_text(os.path.join(PRESETS, "meta-ads-en.csv"), buf.getvalue())

# Meta Ads Manager, Russian UI, with a "День" column (and a UTF-8 BOM, as Excel-friendly exports have)
buf = io.StringIO()
w = csv.writer(buf, lineterminator="\n")
w.writerow(["Название кампании", "День", "Потраченная сумма (USD)", "Показы", "Охват", "Клики по ссылке",
            "Клики (все)", "Вовлеченность в публикацию", "Дата начала отчетности", "Дата окончания отчетности"])
for s in ig_rows:
    w.writerow(["ig_stories_oct", s["date"], s["amount"], s["impressions"], s["reach"], s["clicks"],
                s["clicks"] + rng.randrange(3, 25), s["engagements"], s["date"], s["date"]])
write_text(os.path.join(PRESETS, "meta-ads-ru.csv"), buf.getvalue(), bom=True)


def ru_money(x):
    whole, frac = f"{float(x):.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return "\u00a0".join(groups) + "," + frac


# VK Ads (ads.vk.com) statistics export: ";"-separated, Russian number and date formats
buf = io.StringIO()
w = csv.writer(buf, delimiter=";", lineterminator="\n")
w.writerow(["Дата", "Кампания", "ID кампании", "Показы", "Клики", "Охват", "Потрачено, ₽", "CTR, %", "eCPC, ₽"])
for s in spend:
    if s["platform"] != "vk":
        continue
    dd = date.fromisoformat(s["date"])
    ctr = f"{s['clicks'] / s['impressions'] * 100:.2f}".replace(".", ",")
    ecpc = ru_money(float(s["amount"]) / s["clicks"]) if s["clicks"] else "0,00"
    w.writerow([dd.strftime("%d.%m.%Y"), s["campaign"], CAMPAIGNS[s["campaign"]]["vk_id"], s["impressions"],
                s["clicks"], s["reach"], ru_money(s["amount"]), ctr, ecpc])
write_text(os.path.join(PRESETS, "vk-ads.csv"), buf.getvalue(), bom=True)

# Yandex Direct Reports API, CUSTOM_REPORT in TSV, Cost in micros (no returnMoneyInMicros header)
ya = [s for s in spend if s["platform"] == "yandex"]
lines = ['"Студия Ласка — расходы Директ (2026-10-01 - 2026-11-30)"',
         "\t".join(["Date", "CampaignId", "CampaignName", "Impressions", "Clicks", "Cost"])]
for s in ya:
    micros = int(round(float(s["amount"]) * 100)) * 10_000
    lines.append("\t".join([s["date"], str(CAMPAIGNS[s["campaign"]]["ya_id"]), s["campaign"],
                            str(s["impressions"]), str(s["clicks"]), str(micros)]))
lines.append(f"Total rows: {len(ya)}")
write_text(os.path.join(PRESETS, "yandex-direct.tsv"), "\n".join(lines) + "\n")


# --------------------------------------------------------------------------- validation
def fail(msg):
    print("VALIDATION FAILED:", msg, file=sys.stderr)
    sys.exit(1)


def parse_t(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def norm_email(e):
    return e.strip().lower()


loaded_clicks = []
with open(os.path.join(HERE, "clicks.ndjson"), encoding="utf-8") as fh:
    for n, line in enumerate(fh, 1):
        try:
            loaded_clicks.append(json.loads(line))
        except json.JSONDecodeError as e:
            fail(f"clicks.ndjson line {n}: {e}")
with open(os.path.join(HERE, "forms.json"), encoding="utf-8") as fh:
    lf = json.load(fh)
with open(os.path.join(HERE, "deals.json"), encoding="utf-8") as fh:
    ld = json.load(fh)
for name in ("tilda-forms.json", "meta-lead-ads.json", "vk-lead-forms.json"):
    with open(os.path.join(PRESETS, name), encoding="utf-8") as fh:
        json.load(fh)

by_visitor = {}
for c in loaded_clicks:
    if not c.get("at") or not c.get("visitor"):
        fail(f"click without at/visitor: {c}")
    by_visitor.setdefault(c["visitor"], []).append(parse_t(c["at"]))
ids = [c["id"] for c in loaded_clicks if "id" in c]
if len(ids) != len(set(ids)):
    fail("duplicate click ids")

contacts = {}  # normalised contact -> list of submission times
for i, f in enumerate(lf, 1):
    t = parse_t(f["submitted_at"])
    if not (f.get("email") or f.get("phone")):
        fail(f"form {i} has neither email nor phone")
    v = f.get("visitor")
    if v:
        before = [ct for ct in by_visitor.get(v, []) if ct < t]
        if not before:
            fail(f"form {i}: visitor {v} has no click before {t}")
    for key in ((norm_email(f["email"]),) if f.get("email") else ()) + \
               ((norm_phone(f["phone"]),) if f.get("phone") else ()):
        contacts.setdefault(key, []).append(t)

for d in ld:
    lead = d["lead"]
    key = norm_email(lead["email"]) if "email" in lead else norm_phone(lead["phone"])
    if key not in contacts:
        fail(f"deal {d['id']}: lead {lead} matches no form")
    created = parse_t(d["created_at"])
    if min(contacts[key]) > created:
        fail(f"deal {d['id']} created before its lead")
    if d["status"].lower() in ("won", "lost") and "closed_at" not in d:
        fail(f"deal {d['id']} closed without closed_at")
    if "closed_at" in d and parse_t(d["closed_at"]) < created:
        fail(f"deal {d['id']} closed before created")

spend_keys = {(s["date"], s["campaign"]) for s in spend}
if len(spend_keys) != len(spend):
    fail("duplicate spend keys")

dup_p, dt1, dt2 = DUP
rp, rt1, rt2 = RET
print(f"clicks.ndjson  {len(loaded_clicks)} clicks, {len(by_visitor)} visitors")
print(f"forms.json     {len(lf)} submissions")
print(f"deals.json     {len(ld)} deals ({sum(1 for d in ld if d['status'].lower() == 'won')} won, "
      f"{sum(1 for d in ld if d['status'].lower() == 'lost')} lost, "
      f"{sum(1 for d in ld if d['status'].lower() == 'open')} open; "
      f"{sum(1 for d in ld if d['currency'] == 'USD')} in USD; "
      f"{sum(1 for d in ld if 'refunded_amount' in d)} refund)")
print(f"spend.csv      {len(spend)} rows")
print(f"rates.csv      {len(rates)} rows")
print(f"presets        tilda {len(tilda)}, meta leads {len(meta_leads)}, vk events {len(vk_events)}, "
      f"meta-en/ru {len(ig_rows)} rows each, vk-ads {sum(1 for s in spend if s['platform'] == 'vk')}, "
      f"yandex {len(ya)}")
print(f"duplicate      {dup_p['first']} {dup_p['last']}: {dt1.isoformat()} and {dt2.isoformat()} "
      f"({(dt2 - dt1).days} days), phone +7{dup_p['d10']}")
print(f"returning      {rp['first']} {rp['last']}: {rt1.isoformat()} and {rt2.isoformat()} "
      f"({(rt2 - rt1).days} days)")
