"""The accuracy report of ``bench/accuracy.py``: one set's figures, printed and returned,
and the side-by-side table of the generated and foreign sets."""

from __future__ import annotations

from collections import Counter, defaultdict

SUPPLIER_FIELDS = ("supplier_name", "supplier_siret", "supplier_siren", "supplier_vat", "invoice_number",
                   "invoice_date", "due_date", "total_excl_tax", "total_tax", "total_incl_tax", "iban",
                   "order_reference")
TENANT_FIELDS = ("tenant_name", "tenant_reference", "postal_code", "email", "phone", "amount")
BINS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 1.0001)


def same_value(field: str, got, truth) -> bool:
    """Whether an extracted value is the labelled one. Exact, as SPEC.md normalises values,
    except the supplier's name, compared as the same company: writers label a name from the
    letterhead (« Plomberie Garonne ») or from the legal footer (« SARL PLOMBERIE GARONNE »),
    and SPEC asks for the registry's spelling when matched, so case, accents, punctuation
    and the legal form do not count, nor the initials a name is printed after (« IMPS -
    INFORMATIQUE MIDI-PYRÉNÉES SERVICES » is « Informatique Midi-Pyrénées Services »). The spaces
    inside an invoice or order number do not count either: SPEC asks for identifiers without
    spaces but for the invoice number « as printed », and the sets' writers label « ESS 21 04
    0097 » both ways. A tenant's name is the same name whatever its case and order (« BERNARD
    Valérie » is « Valérie Bernard »): nearly every writer labels « Raymond Castex » for a letter
    signed « Raymond CASTEX », a few keep the capitals; its accents count."""
    if got is None or truth is None:
        return got is None and truth is None
    if field == "supplier_name":
        from extractors.matching import simplify_name

        return _without_initials(simplify_name(str(got))) == _without_initials(simplify_name(str(truth)))
    if field == "tenant_name":
        return sorted(str(got).casefold().split()) == sorted(str(truth).casefold().split())
    if field in ("invoice_number", "order_reference"):
        return str(got).replace(" ", "") == str(truth).replace(" ", "")
    return str(got) == str(truth)


def _without_initials(name: str) -> str:
    """A simplified name without the initials printed before or after the words they stand for
    (« IMPS - INFORMATIQUE MIDI-PYRÉNÉES SERVICES », « ASCENSEURS DU LAURAGAIS - ADL »)."""
    def stand_for(initials: str, words: list[str]) -> bool:  # (« du » initialled or not)
        return len(words) >= 2 and initials in ("".join(w[0] for w in words if len(w) > 2), "".join(w[0] for w in words))

    first, _, rest = name.partition(" ")
    if stand_for(first, rest.split()):
        return rest
    rest, _, last = name.rpartition(" ")
    return rest if stand_for(last, rest.split()) else name


def ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 1.0


def report(rows: list[dict], title: str, count: int, model_meta: dict, threshold: float,
           boundaries: dict | None = None, shown_misses: int = 3) -> dict:
    docs = [r for r in rows if not r["bad"]]
    bad = [r for r in rows if r["bad"]]
    typed = [r for r in docs if "type" in r]
    print(f"\n== Exactitude du vidéocodage automatique — {title}, {count} fichiers, "
          f"{len(docs)} documents (+{len(bad)} entrées invalides) ==")
    print(f"modèle : graine {model_meta.get('seed')}, {model_meta.get('trained_on')} textes, "
          f"température {model_meta.get('temperature')} ; seuil de revue {threshold}")

    # Types
    print("\n-- Types (sur tous les documents, que la machine ait routé ou non) --")
    print(f"{'type':34} {'vrais':>5} {'préc.':>7} {'rappel':>7} {'auto':>5}")
    types = sorted({r["truth"]["type"] for r in docs})
    per_type = {}
    for t in types:
        tp = sum(1 for r in typed if r["type"] == t and r["truth"]["type"] == t)
        pred = sum(1 for r in typed if r["type"] == t)
        true = sum(1 for r in docs if r["truth"]["type"] == t)
        auto = sum(1 for r in docs if r["truth"]["type"] == t and r["status"] == "routed")
        per_type[t] = {"precision": ratio(tp, pred), "recall": ratio(tp, true), "n": true}
        print(f"{t:34} {true:5d} {ratio(tp, pred):7.1%} {ratio(tp, true):7.1%} {auto:5d}")
    type_acc = ratio(sum(r.get("type") == r["truth"]["type"] for r in docs), len(docs))

    # Routing
    routed = [r for r in docs if r["status"] == "routed"]
    wrong = [r for r in routed if r["type"] != r["truth"]["type"]]
    wrong_queue = [r for r in routed if r["queue"] != r["truth"]["queue"]]
    review = [r for r in docs if r["status"] == "review"]
    print("\n-- Aiguillage --")
    print(f"routés automatiquement (straight-through) : {len(routed)}/{len(docs)} = {ratio(len(routed), len(docs)):.1%}")
    non_other = [r for r in docs if r["truth"]["type"] != "other"]
    print(f"  hors type « autre » (qui va toujours en vidéocodage) : "
          f"{sum(r['status'] == 'routed' for r in non_other)}/{len(non_other)}")
    print(f"erreurs parmi les routés : type {len(wrong)} ({ratio(len(wrong), len(routed)):.2%}), "
          f"file {len(wrong_queue)} ({ratio(len(wrong_queue), len(routed)):.2%})")
    for r in wrong if shown_misses else ():  # a blind set's documents are not named
        print(f"  ! {r['file']} {r['truth']['type']} -> {r['type']} ({r['confidence']:.3f}, {r['method']})")
    print(f"en vidéocodage : {len(review)} ; erreurs de découpage/lecture : "
          f"{sum(r['status'] in ('split_error', 'unreadable', 'missing') for r in docs)}")
    reasons = Counter((r["reason"] or "").split(" (")[0].split(" 0.")[0] for r in review)
    for why, n in reasons.most_common(5):
        print(f"  {n:3d} × {why}")
    right_review = sum(r["type"] == r["truth"]["type"] for r in review)
    print(f"  dont meilleure supposition juste : {right_review}/{len(review)}")
    print(f"entrées invalides mises en quarantaine : {sum(r['quarantined'] for r in bad)}/{len(bad)}")

    # Reliability
    print("\n-- Fiabilité de la confiance (exactitude du type par tranche de confiance) --")
    ece = 0.0
    reliability = []
    for lo, hi in zip(BINS, BINS[1:]):
        b = [r for r in typed if lo <= r["confidence"] < hi]
        if not b:
            continue
        acc = sum(r["type"] == r["truth"]["type"] for r in b) / len(b)
        mean = sum(r["confidence"] for r in b) / len(b)
        ece += len(b) / len(typed) * abs(acc - mean)
        reliability.append({"bin": f"{lo:.2f}-{min(hi, 1):.2f}", "n": len(b), "mean_confidence": round(mean, 4),
                            "accuracy": round(acc, 4)})
        print(f"  [{lo:.2f}, {min(hi, 1.0):.2f}) n={len(b):4d}  confiance moyenne {mean:.3f}  exactitude {acc:.3f}")
    print(f"  erreur de calibration attendue (ECE) : {ece:.4f}")

    # Urgency
    ut = [r for r in typed if r["truth"]["urgent"]]
    up = [r for r in typed if r["urgent"]]
    both = sum(1 for r in ut if r["urgent"])
    print("\n-- Urgence (vérité du corpus) --")
    print(f"urgents vrais {len(ut)}, détectés {len(up)}, justes {both} : précision {ratio(both, len(up)):.1%}, "
          f"rappel {ratio(both, len(ut)):.1%}")
    for r in typed if shown_misses else ():
        if r["urgent"] != r["truth"]["urgent"]:
            print(f"  ! {r['file']} {r['truth']['type']} vérité urgent={r['truth']['urgent']} -> {r['urgent']}")

    # Fields
    print("\n-- Champs (valeur extraite = vérité ; « faux » = valeur fausse ou inventée) --")
    field_acc: dict[str, dict[str, float]] = {}
    print(f"{'champ':18} {'tous':>14} {'scans':>14} {'PDF natifs':>14} {'Factur-X':>14} {'faux':>5}")
    for f in SUPPLIER_FIELDS + TENANT_FIELDS:
        cells, accs = [], {}
        wrong_values = 0
        for group in ("all", "scan", "digital", "facturx"):
            rs = [r for r in docs if group == "all" or r["kind"] == group]
            have = [r for r in rs if f in r["truth"]["fields"]]
            ok = sum(same_value(f, r.get("fields", {}).get(f), r["truth"]["fields"][f]) for r in have)
            if group == "all":
                wrong_values = sum(1 for r in rs if f in r.get("fields", {})
                                   and not same_value(f, r["fields"][f], r["truth"]["fields"].get(f)))
            if have:
                accs[group] = round(ok / len(have), 4)
            cells.append(f"{ok:4d}/{len(have):4d} {ok / len(have):5.1%}" if have else f"{'-':>14}")
        field_acc[f] = accs
        print(f"{f:18} {' '.join(cells)} {wrong_values:5d}")
        field_acc[f]["wrong_values"] = wrong_values
    inv = [r for r in docs if r["truth"]["type"] == "supplier_invoice"]
    misses = defaultdict(list)
    for r in docs:
        for f, v in r["truth"]["fields"].items():
            got = r.get("fields", {}).get(f)
            if not same_value(f, got, v):
                misses[f].append(f"{r['file']}[{r['kind']}] {v!r} -> {got!r}")
        for f, got in r.get("fields", {}).items():  # invented: a value where the truth has none
            if f not in r["truth"]["fields"]:
                misses[f].append(f"{r['file']}[{r['kind']}] ({r['truth']['type']}) inventé : {got!r}")
    print("\nexemples d'écarts :" if shown_misses else "\nexemples d'écarts : non montrés (jeu aveugle)")
    for f, items in misses.items():
        for item in items[:shown_misses]:
            print(f"  {f}: {item}")
    scan_fields = [field_acc[f].get("scan") for f in SUPPLIER_FIELDS if field_acc[f].get("scan") is not None]
    fx_fields = [field_acc[f].get("facturx") for f in SUPPLIER_FIELDS if field_acc[f].get("facturx") is not None]
    all_fields = [r for r in docs for f in r["truth"]["fields"]]
    fields_ok = sum(same_value(f, r.get("fields", {}).get(f), v) for r in docs for f, v in r["truth"]["fields"].items())
    print(f"\nchamps justes, tous types : {fields_ok}/{len(all_fields)} = {ratio(fields_ok, len(all_fields)):.1%}")
    f1 = boundary_f1(boundaries or {})
    if boundaries:
        print(f"découpage des fichiers de plusieurs pages (avec ou sans feuille de séparation) : F1 des débuts "
              f"de document {f1:.3f} ({len(boundaries)} fichiers)")
    summary = {
        "set": title, "files": count, "documents": len(docs), "invoices": len(inv),
        "model_seed": model_meta.get("seed"), "review_threshold": threshold,
        "type_accuracy_ratio": type_acc,
        "straight_through_ratio": ratio(len(routed), len(docs)),
        "straight_through_excl_other_ratio": ratio(sum(r["status"] == "routed" for r in non_other), len(non_other)),
        "field_accuracy_all_ratio": ratio(fields_ok, len(all_fields)),
        "boundary_f1": f1 if boundaries else None,
        "quarantine_recall_ratio": ratio(sum(r["quarantined"] for r in bad), len(bad)) if bad else None,
        "auto_route_error_ratio": ratio(len(wrong), len(routed)),
        "auto_route_wrong_queue_ratio": ratio(len(wrong_queue), len(routed)),
        "review_best_guess_right_ratio": ratio(right_review, len(review)),
        "expected_calibration_error": round(ece, 4),
        "urgency_precision_ratio": ratio(both, len(up)), "urgency_recall_ratio": ratio(both, len(ut)),
        "min_supplier_field_accuracy_scan_ratio": min(scan_fields) if scan_fields else None,
        "min_supplier_field_accuracy_facturx_ratio": min(fx_fields) if fx_fields else None,
        "field_accuracy_ratio": field_acc, "per_type": per_type, "reliability": reliability,
    }
    print("\nobjectifs : erreurs routées < 1 % : {}, straight-through > 85 % : {}, champs facture scans > 95 % : {}, "
          "Factur-X 100 % : {}".format(
              "OK" if summary["auto_route_error_ratio"] < 0.01 else "NON",
              "OK" if summary["straight_through_ratio"] > 0.85 else "NON",
              "OK" if scan_fields and min(scan_fields) > 0.95 else "NON",
              "OK" if fx_fields and min(fx_fields) == 1.0 else "NON"))
    return summary


def boundary_f1(boundaries: dict) -> float:
    """F1 of the document starts found in files holding several documents (page 1 excluded:
    every file starts a document). ``boundaries``: file -> (true starts, found starts)."""
    tp = fp = fn = 0
    for true, found in boundaries.values():
        true, found = set(true) - {1}, set(found) - {1}
        tp, fp, fn = tp + len(true & found), fp + len(found - true), fn + len(true - found)
    return round(2 * tp / (2 * tp + fp + fn), 4) if tp + fp + fn else 1.0


SIDE_BY_SIDE = (("type_accuracy_ratio", "exactitude du type"), ("straight_through_ratio", "straight-through"),
                ("straight_through_excl_other_ratio", "straight-through hors « autre »"),
                ("auto_route_error_ratio", "erreurs parmi les routés"),
                ("field_accuracy_all_ratio", "champs justes (tous)"),
                ("min_supplier_field_accuracy_scan_ratio", "pire champ facture (scans)"),
                ("expected_calibration_error", "erreur de calibration (ECE)"),
                ("boundary_f1", "F1 découpage sans feuille"), ("quarantine_recall_ratio", "pas-un-document en quarantaine"))


def side_by_side(summaries: dict[str, dict]) -> None:
    names = list(summaries)
    print("\n== Côte à côte ==")
    print(f"{'':34}" + "".join(f"{n:>14}" for n in names))
    for key, label in SIDE_BY_SIDE:
        cells = []
        for n in names:
            v = summaries[n].get(key)
            cells.append(f"{'-':>14}" if v is None else f"{v:>14.4f}" if key == "expected_calibration_error"
                         or key == "boundary_f1" else f"{v:>14.1%}")
        print(f"{label:34}" + "".join(cells))
    fields = sorted({f for s in summaries.values() for f in s.get("field_accuracy_ratio", {})})
    for f in fields:
        cells = []
        for n in names:
            v = summaries[n].get("field_accuracy_ratio", {}).get(f, {}).get("all")
            cells.append(f"{'-':>14}" if v is None else f"{v:>14.1%}")
        print(f"  {f:32}" + "".join(cells))
