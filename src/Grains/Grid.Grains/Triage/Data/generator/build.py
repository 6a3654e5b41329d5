#!/usr/bin/env python3
"""Assembles triage-eval.csv and triage-train.csv from hand-written cores.

Every row comes from one hand-written core (cores-eval.txt, cores-train.txt): the subject and what the customer
writes. This script only dresses a core the way mail arrives: greeting, sign-off, the sender's signature and legal
footer, an earlier reply quoted below, sometimes a colleague's forward on top, reference numbers typed in the forms
people type, accents dropped now and then. Each set has its own senders, companies, greetings, signatures, footers and
quoted replies (pools_eval.py, pools_train.py), so nothing but the structure is shared between the two sets.

Deterministic: the same sources give the same files. Run: python3 build.py (writes ../triage-eval.csv and
../triage-train.csv).

Core file format:
    === <category> <fr|en> [flags]      starts a core; flags: raw (subject and text only, nothing added),
                                        nogreet, nosig, noquote, fwd (forwarded by a colleague), lower, noaccent
    S: <subject>                        optional, first line of the core
    <text lines>                        the customer's own text
    >>>                                 optional: an earlier message of the thread, quoted under the text
    >>> self                            the same, but the earlier message is the customer's own
    +++                                 optional: the text is a forwarded message and these lines are the forwarder's note
Placeholders: {INV} {AC} {K} {CMD} (references of the demo tenant, typed in varied forms), {PO} {IBAN} {VAT} {TEL}
{TICKET} (look-alikes), {AMT} (an amount).
"""
import datetime
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
sys.path.insert(0, str(HERE))

CATEGORIES = {c["id"] for c in json.loads((DATA / "categories.json").read_text(encoding="utf-8"))["categories"]}


def parse_cores(path):
    cores, cur, section = [], None, "body"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("%%"):
            continue
        if line.startswith("=== "):
            if cur:
                cores.append(cur)
            parts = line[4:].split()
            if parts[0] not in CATEGORIES or parts[1] not in ("fr", "en"):
                raise SystemExit(f"{path.name}:{n}: bad core header {line!r}")
            cur = {"category": parts[0], "lang": parts[1], "flags": set(parts[2:]), "subject": None,
                   "body": [], "quoted": [], "note": [], "quoted_self": False, "line": n}
            section = "body"
            continue
        if cur is None:
            continue
        if line.startswith("S:") and cur["subject"] is None and not cur["body"] and section == "body":
            cur["subject"] = line[2:].strip()
            continue
        if line.strip() in (">>>", ">>> self"):
            section = "quoted"
            cur["quoted_self"] = line.strip() == ">>> self"
            continue
        if line.strip() == "+++":
            section = "note"
            continue
        cur[section].append(line)
    if cur:
        cores.append(cur)
    for c in cores:
        for key in ("body", "quoted", "note"):
            while c[key] and not c[key][0].strip():
                c[key].pop(0)
            while c[key] and not c[key][-1].strip():
                c[key].pop()
            c[key] = "\n".join(c[key])
        if not c["body"]:
            raise SystemExit(f"{path.name}:{c['line']}: empty core")
    return cores


# ---------------------------------------------------------------- references and look-alikes

def digits(rng, n):
    return "".join(rng.choice("0123456789") for _ in range(n))


def invoice(rng):
    year = rng.choice(["2025", "2026", "2026", "2026"])
    num = "0" + digits(rng, 4) if rng.random() < 0.7 else digits(rng, 5)
    form = rng.random()
    if form < 0.55:
        return f"INV-{year}-{num}"
    if form < 0.67:
        return f"INV {year} {num}"
    if form < 0.77:
        return f"inv-{year}-{num}"
    if form < 0.87:
        return f"INV{year}{num}"
    if form < 0.94:
        return f"inv {year}-{num}"
    return f"INV {year}-{num}"


def account(rng):
    num = "00" + digits(rng, 5)
    form = rng.random()
    if form < 0.55:
        return f"AC-{num}"
    if form < 0.7:
        return f"AC {num}"
    if form < 0.82:
        return f"AC{num}"
    if form < 0.92:
        return f"ac-{num}"
    return f"ac{num}"


def contract(rng):
    num = "00" + digits(rng, 4)
    form = rng.random()
    if form < 0.6:
        return f"K-{num}"
    if form < 0.75:
        return f"K {num}"
    if form < 0.88:
        return f"K{num}"
    return f"k-{num}"


def order(rng):
    num = "1" + digits(rng, 5)
    form = rng.random()
    if form < 0.65:
        return f"CMD-{num}"
    if form < 0.8:
        return f"CMD {num}"
    if form < 0.9:
        return f"cmd-{num}"
    return f"CMD{num}"


def purchase_order(rng):
    return rng.choice([f"BC-{digits(rng, 5)}", f"PO {'45000' + digits(rng, 5)}", f"PO-{digits(rng, 6)}",
                       f"bon de commande {digits(rng, 7)}", f"PO#{digits(rng, 8)}"])


def iban(rng):
    if rng.random() < 0.7:
        raw = "FR76" + digits(rng, 23)
    else:
        raw = "BE" + digits(rng, 14)
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def vat(rng):
    return rng.choice([f"FR{digits(rng, 11)}", f"GB{digits(rng, 9)}", f"BE0{digits(rng, 9)}", f"CHE-{digits(rng, 3)}.{digits(rng, 3)}.{digits(rng, 3)} TVA"])


def phone_style(domain, lang):
    if domain.endswith(".ca"):
        return "ca"
    if domain.endswith(".be"):
        return "be"
    if domain.endswith(".ch"):
        return "ch"
    if domain.endswith(".uk"):
        return "uk"
    return "fr" if lang == "fr" else rng_free_default(domain)


def rng_free_default(domain):
    return "uk" if not domain.endswith(".com") else "ca" if sum(map(ord, domain)) % 3 == 0 else "uk"


def phone(rng, style="fr"):
    r = rng.random()
    if style == "uk":
        if r < 0.6:
            return f"+44 {rng.choice(['20', '161', '117', '1603', '118'])} {digits(rng, 3)} {digits(rng, 4)}"
        return f"07{digits(rng, 3)} {digits(rng, 6)}"
    if style == "ca":
        return f"({rng.choice(['416', '613', '604', '905', '514', '418', '819'])}) {digits(rng, 3)}-{digits(rng, 4)}" + (f" poste {digits(rng, 3)}" if r < 0.15 else "")
    if style == "be":
        return f"+32 {rng.choice(['2', '4', '71', '81'])} {digits(rng, 3)} {digits(rng, 2)} {digits(rng, 2)}"
    if style == "ch":
        return f"+41 {rng.choice(['21', '22', '27'])} {digits(rng, 3)} {digits(rng, 2)} {digits(rng, 2)}"
    if r < 0.5:
        return f"0{rng.choice('1234569')} " + " ".join(digits(rng, 2) for _ in range(4))
    if r < 0.75:
        return f"+33 {rng.choice('1234567')} " + " ".join(digits(rng, 2) for _ in range(4))
    return f"0{rng.choice('67')}.{digits(rng, 2)}.{digits(rng, 2)}.{digits(rng, 2)}.{digits(rng, 2)}"


def ticket(rng):
    return rng.choice([f"#{digits(rng, 5)}", f"#{digits(rng, 5)}", f"ticket {digits(rng, 5)}", f"dossier n° {digits(rng, 5)}", f"case {digits(rng, 6)}"])


def amount(rng, lang):
    v = rng.choice([rng.randint(80, 900), rng.randint(900, 9000), rng.randint(9000, 48000)]) + rng.randint(0, 99) / 100
    if lang == "fr":
        s = f"{v:,.2f}".replace(",", " ").replace(".", ",")
        return rng.choice([f"{s} €", f"{s}€", f"{s} euros", f"{s} EUR"])
    s = f"{v:,.2f}"
    return rng.choice([f"£{s}", f"€{s}", f"${s}", f"{s} EUR", f"£{s}"])


def fill(text, rng, lang, memo):
    """Replaces placeholders; the same placeholder twice in one email is the same number ({INV} and {INV2} differ)."""
    subs = {"INV": invoice, "AC": account, "K": contract, "CMD": order, "PO": purchase_order, "IBAN": iban,
            "VAT": vat, "TICKET": ticket}
    def rep(m):
        token, key = m.group(1), m.group(2)
        if token in memo:
            return memo[token]
        if key in subs:
            value = subs[key](rng)
        elif key == "TEL":
            value = phone(rng, "fr" if lang == "fr" else "uk")
        elif key == "AMT":
            value = amount(rng, lang)
        else:
            raise SystemExit(f"unknown placeholder {key}")
        memo[token] = value
        return value
    return re.sub(r"\{(([A-Z]+)[0-9]?)\}", rep, text)


# ---------------------------------------------------------------- dates

FR_DAYS = ["lun.", "mar.", "mer.", "jeu.", "ven."]
FR_DAYS_LONG = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]
FR_MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
FR_MONTHS_LONG = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
EN_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri"]
EN_DAYS_LONG = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
EN_MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def when(rng):
    """A weekday between 2025 and 2026: (weekday 0-4, day, month 0-11, year, hour, minute)."""
    while True:
        d = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randrange(730))
        if d.weekday() < 5:
            return d.weekday(), d.day, d.month - 1, d.year, rng.randint(7, 19), rng.randint(0, 59)


# ---------------------------------------------------------------- text dressing

def strip_accents(s):
    return "".join(ch for ch in unicodedata.normalize("NFD", s) if unicodedata.category(ch) != "Mn")


def quote_gmail(text, who, lang, rng):
    d, day, mon, year, h, mi = when(rng)
    if lang == "fr":
        head = f"Le {FR_DAYS[d]} {day} {FR_MONTHS[mon]} {year} à {h:02d}:{mi:02d}, {who} a écrit :"
    else:
        head = f"On {EN_DAYS[d]}, {day} {EN_MONTHS[mon]} {year} at {h:02d}:{mi:02d}, {who} wrote:"
    lines = [(">" if not l.strip() else "> " + l) for l in text.split("\n")]
    return head + "\n" + "\n".join(lines)


def quote_outlook(text, who, to, subject, lang, rng):
    d, day, mon, year, h, mi = when(rng)
    if lang == "fr":
        if rng.random() < 0.5:
            head = f"-----Message d'origine-----\nDe : {who}\nEnvoyé : {FR_DAYS_LONG[d]} {day} {FR_MONTHS_LONG[mon]} {year} {h:02d}:{mi:02d}\nÀ : {to}\nObjet : {subject}"
        else:
            head = f"________________________________\nDe : {who}\nEnvoyé : {FR_DAYS_LONG[d]} {day} {FR_MONTHS_LONG[mon]} {year} {h:02d}:{mi:02d}\nÀ : {to}\nObjet : {subject}"
    else:
        ampm = "AM" if h < 12 else "PM"
        h12 = h if h <= 12 else h - 12
        head = f"-----Original Message-----\nFrom: {who}\nSent: {EN_DAYS_LONG[d]}, {EN_MONTHS_LONG[mon]} {day}, {year} {h12}:{mi:02d} {ampm}\nTo: {to}\nSubject: {subject}"
    return head + "\n\n" + text


def forward(note, inner, who, to, subject, lang, rng):
    d, day, mon, year, h, mi = when(rng)
    style = rng.random()
    if lang == "fr" and style < 0.5:
        head = f"---------- Message transféré ---------\nDe : {who}\nDate : {FR_DAYS[d]} {day} {FR_MONTHS[mon]} {year} à {h:02d}:{mi:02d}\nObjet : {subject}\nÀ : {to}"
    elif style < 0.8:
        head = f"---------- Forwarded message ---------\nFrom: {who}\nDate: {EN_DAYS[d]}, {day} {EN_MONTHS[mon]} {year} at {h:02d}:{mi:02d}\nSubject: {subject}\nTo: {to}"
    else:
        head = f"Begin forwarded message:\n\nFrom: {who}\nSubject: {subject}\nDate: {day} {EN_MONTHS[mon]} {year} at {h:02d}:{mi:02d}\nTo: {to}"
    return (note + "\n\n" if note else "") + head + "\n\n" + inner


def signature(p, rng):
    """p: persona dict with name, title, company, address, phone, mobile, email, web, lang."""
    lines = [p["name"]]
    if p.get("title"):
        lines.append(p["title"])
    if p.get("company"):
        lines.append(p["company"] if rng.random() < 0.7 else p["company"].upper())
    if p.get("address") and rng.random() < 0.6:
        lines.append(p["address"])
    tel_label = rng.choice(["Tél. : ", "Tél : ", "T. ", "Tel : ", "Ligne directe : "]) if p["lang"] == "fr" else rng.choice(["Tel: ", "T: ", "Direct: ", "Phone: ", "Office: "])
    if p.get("phone"):
        lines.append(tel_label + p["phone"])
    if p.get("mobile") and rng.random() < 0.6:
        lines.append(("Mob. : " if p["lang"] == "fr" else "Mobile: ") + p["mobile"])
    if p.get("web") and rng.random() < 0.4:
        lines.append(p["web"])
    sep = rng.choice(["", "", "--\n", "-- \n", "____\n"])
    return sep + "\n".join(lines)


def make_persona(pools, lang, rng):
    first = rng.choice(pools.FIRST[lang])
    last = rng.choice(pools.LAST[lang])
    name = f"{first} {last}"
    if rng.random() < 0.17:
        # a personal mailbox: small business owner, property manager writing from home, etc.
        dom = rng.choice(pools.PERSONAL_DOMAINS[lang])
        local = rng.choice([f"{strip_accents(first).lower()}.{strip_accents(last).lower()}", f"{strip_accents(first[0]).lower()}{strip_accents(last).lower()}{rng.randint(1, 99)}", f"{strip_accents(last).lower()}.{strip_accents(first).lower()}"])
        return {"name": name, "first": first, "email": f"{local.replace(' ', '')}@{dom}", "lang": lang,
                "company": None, "domain": dom, "title": None, "address": None,
                "phone": phone(rng, phone_style(dom, lang)) if rng.random() < 0.4 else None,
                "mobile": None, "web": None, "footer": None, "personal": True}
    co = rng.choice(pools.COMPANIES[lang])
    email = f"{strip_accents(first).lower().replace(' ', '')}.{strip_accents(last).lower().replace(' ', '')}@{co['domain']}"
    style = phone_style(co["domain"], lang)
    return {"name": name, "first": first, "email": email, "lang": lang, "company": co["name"], "domain": co["domain"],
            "title": rng.choice(pools.TITLES[lang]), "address": co.get("address"), "phone": phone(rng, style),
            "mobile": phone(rng, style) if rng.random() < 0.4 else None, "web": co.get("web"),
            "footer": rng.choice(pools.FOOTERS[lang]) if rng.random() < 0.35 else None, "personal": False}


def has_prefix(subject):
    return re.match(r"(re|tr|fw|fwd|aw|réf)\s?:", subject, re.I) is not None


def dress(core, pools, rng):
    lang = core["lang"]
    flags = core["flags"]
    p = make_persona(pools, lang, rng)
    canada = p["domain"].endswith(".ca")
    support = rng.choice([s for s in pools.SUPPORT[lang] if s.endswith(".ca>") == canada] or pools.SUPPORT[lang])
    memo = {}
    body = fill(core["body"], rng, lang, memo)
    subject = fill(core["subject"], rng, lang, memo) if core["subject"] is not None else ""

    if "noaccent" in flags or (lang == "fr" and rng.random() < 0.12):
        body = strip_accents(body)
    if "lower" in flags:
        body = body.lower()

    if "raw" in flags:
        text = body
        if core["quoted"]:
            quoted = fill(core["quoted"], rng, lang, memo)
            who = f"{p['name']} <{p['email']}>" if core["quoted_self"] else support
            text += "\n\n" + quote_gmail(quoted, who, lang, rng)
            if not has_prefix(subject):
                subject = rng.choice(["RE: ", "Re: ", "RE : "]) + subject
        return f"Subject: {subject}\n\n{text}"

    parts = []
    if "nogreet" not in flags and rng.random() < 0.85:
        parts.append(rng.choice(pools.GREETINGS[lang]))
    parts.append(body)
    if rng.random() < 0.85:
        parts.append(rng.choice(pools.SIGNOFFS[lang]))
    if "nosig" not in flags:
        if p["personal"] or rng.random() < 0.12:
            parts.append(p["first"] if rng.random() < 0.5 else p["name"])
            if rng.random() < 0.4:
                parts.append(rng.choice(pools.MOBILE[lang]))
        else:
            parts.append(signature(p, rng))
            if p["footer"]:
                parts.append(p["footer"])
    text = "\n\n".join(parts)

    quoted = None
    quoted_who = support
    if core["quoted"]:
        quoted = fill(core["quoted"], rng, lang, memo)
        if core["quoted_self"]:
            quoted_who = f"{p['name']} <{p['email']}>"
    elif "noquote" not in flags:
        r = rng.random()
        if r < 0.2:
            quoted = fill(rng.choice(pools.GENERIC_REPLIES[lang]), rng, lang, {})
        elif r < 0.25:
            # an auto-reply of a colleague of the sender, caught in the thread
            quoted = fill(rng.choice(pools.OUT_OF_OFFICE[lang]), rng, lang, {})
            if p["personal"]:
                quoted_who = rng.choice(pools.OOO_SENDERS[lang])
            else:
                colleague = make_persona(pools, lang, rng)
                quoted_who = f"{colleague['name']} <{colleague['email'].split('@')[0]}@{p['domain']}>"
    if quoted:
        if rng.random() < 0.55:
            text += "\n\n" + quote_gmail(quoted, quoted_who, lang, rng)
        else:
            to = f"{p['name']} <{p['email']}>" if quoted_who == support else support
            text += "\n\n" + quote_outlook(quoted, quoted_who, to, subject or "(no subject)", lang, rng)
        if not has_prefix(subject):
            subject = rng.choice(["RE: ", "Re: ", "RE : ", "Re : "] if lang == "fr" else ["RE: ", "Re: "]) + subject

    if core["note"] or "fwd" in flags or (rng.random() < 0.07 and "noquote" not in flags):
        note = fill(core["note"], rng, lang, memo) if core["note"] else rng.choice(pools.FORWARD_NOTES[lang])
        colleague = make_persona(pools, lang, rng)
        note_text = note + "\n\n" + colleague["first"]
        text = forward(note_text, text, f"{p['name']} <{p['email']}>", support, subject, lang, rng)
        subject = rng.choice(["TR: ", "TR : ", "Fwd: ", "Fw: ", "FW: "] if lang == "fr" else ["Fwd: ", "FW: ", "Fw: "]) + subject
    return f"Subject: {subject}\n\n{text}"


def build(name, seed):
    pools = __import__(f"pools_{name}")
    cores = parse_cores(HERE / f"cores-{name}.txt")
    rng = random.Random(seed)
    rows = [(dress(c, pools, rng), c["category"]) for c in cores]
    rng.shuffle(rows)
    out = DATA / f"triage-{name}.csv"
    # RFC 4180: CRLF between records, every text quoted, quotes doubled; line breaks inside a text stay LF.
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write("text,category\r\n")
        for text, category in rows:
            f.write('"' + text.replace('"', '""') + '",' + category + "\r\n")
    print(f"{out.name}: {len(rows)} rows")


if __name__ == "__main__":
    which = sys.argv[1:] or ["eval", "train"]
    for n in which:
        build(n, {"eval": 16001, "train": 16002}[n])
