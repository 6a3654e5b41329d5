#!/usr/bin/env python3
"""Checks the email-triage data of the demo tenant (no dependency beyond the standard library).

    python3 check_data.py              checks everything, prints counts; exit code 1 on any error
    python3 check_data.py --markdown   also prints the count tables in Markdown (for docs/triage-data.md)
    python3 check_data.py --baseline   also trains a plain word-count naive Bayes on the training set and
                                       prints its accuracy on the evaluation set (the issue's baseline)

Checks: both CSVs parse as RFC 4180 (csv module, strict), header text,category, every category known, every text
starts with a "Subject: " line, no duplicate text; no evaluation text shares a run of 8 or more words within one
sentence with any training text (sentences split on . ! ? and line breaks, ">" quoting removed, words lower-cased
and stripped of accents); categories.json and identification-cases.json parse and are consistent.
"""
import csv
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
errors = []


def error(msg):
    errors.append(msg)
    print("ERROR:", msg)


def load_json(name):
    try:
        return json.loads((HERE / name).read_text(encoding="utf-8"))
    except Exception as e:  # noqa: BLE001
        error(f"{name}: {e}")
        return None


def load_csv(name, categories):
    rows = []
    with (HERE / name).open(encoding="utf-8", newline="") as f:
        raw = f.read()
    if raw.startswith("\ufeff"):
        error(f"{name}: has a byte-order mark")
    if not raw.startswith("text,category\r\n"):
        error(f"{name}: header is not 'text,category' followed by CRLF")
    reader = csv.reader(_lines(raw), strict=True)
    try:
        header = next(reader)
        for n, rec in enumerate(reader, 2):
            if len(rec) != 2:
                error(f"{name}: record {n} has {len(rec)} fields")
                continue
            text, cat = rec
            if cat not in categories:
                error(f"{name}: record {n}: unknown category {cat!r}")
            if not text.startswith("Subject: "):
                error(f"{name}: record {n}: text does not start with 'Subject: '")
            if not text.strip():
                error(f"{name}: record {n}: empty text")
            rows.append((text, cat))
    except csv.Error as e:
        error(f"{name}: {e}")
    if header != ["text", "category"]:
        error(f"{name}: header {header}")
    return rows


def _lines(raw):
    # csv.reader over a file opened with newline="" sees embedded line breaks inside quoted fields correctly
    import io
    return io.StringIO(raw, newline="")


FR = set("le la les de des du et est pour nous vous votre vos notre nos merci bonjour une pas sur avec dans que qui au aux ce cette sont depuis facture mais plus".split())
EN = set("the and is for we you your our to of please thanks with in on it that this are have has from be can invoice but not".split())


def language(text):
    body = text.split("\n", 2)[-1]
    words = re.findall(r"[a-zà-ÿ']+", body.lower())
    fr = sum(w in FR for w in words)
    en = sum(w in EN for w in words)
    return "fr" if fr >= en else "en"


def norm_words(s):
    s = unicodedata.normalize("NFD", s.lower())
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return re.findall(r"[a-z0-9]+", s)


def sentences(text):
    text = re.sub(r"^[ \t]*(> ?)+", "", text, flags=re.M)
    return [p for p in re.split(r"[.!?\n]+", text) if p.strip()]


def shingles(text, n=8):
    out = set()
    for sent in sentences(text):
        w = norm_words(sent)
        for i in range(len(w) - n + 1):
            out.add(" ".join(w[i:i + n]))
    return out


def table(rows, cats, md):
    counts = Counter((c, language(t)) for t, c in rows)
    lines = []
    if md:
        lines.append("| category | fr | en | total |")
        lines.append("|---|---:|---:|---:|")
    for c in cats:
        fr, en = counts[(c, "fr")], counts[(c, "en")]
        lines.append(f"| {c} | {fr} | {en} | {fr + en} |" if md else f"  {c:20s} fr {fr:4d}  en {en:4d}  total {fr + en:4d}")
    tf = sum(v for (c, l), v in counts.items() if l == "fr")
    te = sum(v for (c, l), v in counts.items() if l == "en")
    lines.append(f"| **total** | {tf} | {te} | {tf + te} |" if md else f"  {'total':20s} fr {tf:4d}  en {te:4d}  total {tf + te:4d}")
    return "\n".join(lines)


def tokens(text):
    return re.findall(r"\w+", text.lower())


def naive_bayes(train, test):
    """Multinomial naive Bayes on raw word counts, Laplace smoothing: the baseline the issue names."""
    prior, wc, tot, vocab = Counter(), defaultdict(Counter), Counter(), set()
    for t, c in train:
        prior[c] += 1
        for w in tokens(t):
            wc[c][w] += 1
            tot[c] += 1
            vocab.add(w)
    V = len(vocab)
    ok = 0
    confusion = Counter()
    for t, c in test:
        best, bs = None, -1e300
        toks = tokens(t)
        for k in prior:
            s = math.log(prior[k] / len(train)) + sum(math.log((wc[k][w] + 1) / (tot[k] + V)) for w in toks)
            if s > bs:
                best, bs = k, s
        ok += best == c
        confusion[(c, best)] += 1
    return ok / len(test), confusion


def check_identification(doc, cats):
    if doc is None:
        return
    customers = {c["id"]: c for c in doc["directory"]["customers"]}
    pats = {p["kind"]: re.compile(p["canonicalRegex"]) for p in doc["referencePatterns"]}
    kinds = {"invoice-number", "account-number", "contract-number", "order-number", "email-domain", None}
    ids = set()
    for case in doc["cases"]:
        if case["id"] in ids:
            error(f"identification: duplicate case id {case['id']}")
        ids.add(case["id"])
        exp = case["expected"]
        if exp["customerId"] is not None and exp["customerId"] not in customers:
            error(f"identification {case['id']}: unknown customer {exp['customerId']}")
        if exp["evidence"] not in kinds:
            error(f"identification {case['id']}: unknown evidence {exp['evidence']}")
        if (exp["customerId"] is None) != (exp["evidence"] is None):
            error(f"identification {case['id']}: customer and evidence must both be null or both set")
        for ref in exp["references"]:
            if ref["kind"] not in pats or not pats[ref["kind"]].fullmatch(ref["value"]):
                error(f"identification {case['id']}: reference {ref} is not canonical")
    print(f"identification-cases.json: {len(customers)} customers, {len(doc['cases'])} cases, "
          f"{sum(c['expected']['customerId'] is None for c in doc['cases'])} expecting no customer")


def main():
    md = "--markdown" in sys.argv
    cats_doc = load_json("categories.json")
    cats = [c["id"] for c in cats_doc["categories"]] if cats_doc else []
    if len(cats) != 7 or len(set(cats)) != 7:
        error("categories.json: 7 distinct categories expected")
    sets = {}
    for name in ("triage-train.csv", "triage-eval.csv"):
        if (HERE / name).exists():
            sets[name] = load_csv(name, set(cats))
            print(f"{name}: {len(sets[name])} rows")
            print(table(sets[name], cats, md))
            dup = [t for t, n in Counter(t for t, _ in sets[name]).items() if n > 1]
            if dup:
                error(f"{name}: {len(dup)} duplicate texts")
    if len(sets) == 2:
        train, ev = sets["triage-train.csv"], sets["triage-eval.csv"]
        if len(train) < 420 or len(ev) < 180:
            error("fewer rows than required (420 training, 180 evaluation)")
        train_sh = set()
        for t, _ in train:
            train_sh |= shingles(t)
        shared = 0
        for i, (t, c) in enumerate(ev):
            common = shingles(t) & train_sh
            if common:
                shared += 1
                error(f"eval row {i + 2} ({c}) shares 8-word runs with training: {sorted(common)[:3]}")
        print(f"8-word runs shared between evaluation and training texts: {shared} rows")
        if set(t for t, _ in train) & set(t for t, _ in ev):
            error("identical texts in both sets")
        if "--baseline" in sys.argv:
            acc, conf = naive_bayes(train, ev)
            print(f"word-count naive Bayes, trained on training, on evaluation: {acc:.1%}")
            for (gold, pred), n in sorted(conf.items(), key=lambda x: -x[1]):
                if gold != pred:
                    print(f"  {gold:18s} -> {pred:18s} {n}")
    if (HERE / "identification-cases.json").exists():
        check_identification(load_json("identification-cases.json"), cats)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
