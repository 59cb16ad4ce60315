"""Tenants' letters (payment difficulty, repair, neighbours, notice, certificates, distress)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from config.registries import Tenant
from extractors.person_names import normalise_person
from corpus import data, phrases as P
from corpus.fmt import MONTHS, apply_register, fmt_amount, fmt_date, fmt_phone, fmt_reference, money
from corpus.model import Block, DocContent, line, para, space

AGENCY_ADDRESSES = {
    "Agence Toulouse Centre": ("2 rue du Languedoc", "31000", "Toulouse"),
    "Agence Toulouse Nord": ("45 avenue de Fronton", "31200", "Toulouse"),
    "Agence Toulouse Sud": ("118 route de Narbonne", "31400", "Toulouse"),
    "Agence Toulouse Est": ("7 avenue Camille Pujol", "31500", "Toulouse"),
    "Agence Toulouse Ouest": ("30 avenue de Lardenne", "31300", "Toulouse"),
    "Agence Colomiers": ("12 allée du Comminges", "31770", "Colomiers"),
    "Agence Blagnac": ("3 place des Arts", "31700", "Blagnac"),
    "Agence Muret": ("21 avenue Jacques Douzans", "31600", "Muret"),
}
REGISTERS = ("plain", "plain", "plain", "typos", "noaccent", "caps", "sloppy")


def letter_date(rng: random.Random) -> date:
    return date(2019, 1, 1) + timedelta(days=rng.randrange(6 * 365))


def sender_block(rng: random.Random, t: Tenant, fields: dict[str, str], show_ref: bool) -> list[Block]:
    """Name, address, contacts; fills the fields actually written."""
    name = t.tenant_name
    if rng.random() < 0.3:
        female = t.tenant_name.split(" ")[0] in data.FEMALE_FIRST_NAMES
        name = rng.choice(("Mme ", "Madame ") if female else ("M. ", "Monsieur ")) + name
    out = [line(name.upper() if rng.random() < 0.25 else name)]
    fields["tenant_name"] = normalise_person(t.tenant_name.split())
    addr = t.address.split(", ")
    if rng.random() < 0.5:
        out += [line(a) for a in addr]
    else:
        out.append(line(addr[-1]))
        if rng.random() < 0.5:
            out.append(line(f"{t.residence} - {addr[0]}"))
    out.append(line(f"{t.postal_code} {t.city.upper() if rng.random() < 0.4 else t.city}"))
    fields["postal_code"] = t.postal_code
    if t.phone and rng.random() < 0.65:
        lab = rng.choice(("Tél. : ", "Tel ", "Téléphone : ", "Portable : ", ""))
        out.append(line(lab + fmt_phone(rng, t.phone)))
        fields["phone"] = t.phone
    if t.email and rng.random() < 0.5:
        out.append(line(rng.choice(("Email : ", "Mail : ", "Courriel : ", "")) + t.email))
        fields["email"] = t.email
    if show_ref:
        lab = rng.choice(("Réf. locataire : ", "N° de contrat : ", "Référence : ", "N° locataire ", "Contrat n° "))
        out.append(line(lab + fmt_reference(rng, t.tenant_reference)))
        fields["tenant_reference"] = t.tenant_reference
    return out


def recipient_block(rng: random.Random, t: Tenant) -> list[Block]:
    street, postal, city = AGENCY_ADDRESSES.get(t.agency, ("2 rue du Languedoc", "31000", "Toulouse"))
    lines = ["PATRIMOINE" if rng.random() < 0.6 else "Patrimoine - Office du logement social"]
    if rng.random() < 0.7:
        lines.append(t.agency)
    lines += [street, f"{postal} {city}"]
    return [line(x, indent=0.55) for x in lines]


def _on(text: str) -> str:
    return text if text.startswith("le ") else "le " + text


def _month(rng: random.Random) -> str:
    return rng.choice(MONTHS)


def _fill(rng: random.Random, text: str, **kw: str) -> str:
    return text.format(month=kw.get("month", _month(rng)), amount=kw.get("amount", ""),
                       small=kw.get("small", ""), date=kw.get("date", ""))


def _body(rng: random.Random, doc_type: str, fields: dict[str, str], when: date) -> tuple[list[str], bool]:
    """Paragraph texts for one type, and whether the letter is urgent."""
    urgent = False
    if doc_type == "payment_difficulty":
        paras = [_fill(rng, rng.choice(P.PAYMENT["cause"]))]
        if rng.random() < 0.75:
            amt = money(rng.choice((rng.uniform(150, 900), rng.uniform(900, 4500))))
            paras.append(_fill(rng, rng.choice(P.PAYMENT["debt"]), amount=fmt_amount(rng, amt)))
            fields["amount"] = f"{amt:.2f}"
        small = fmt_amount(rng, money(rng.choice((30, 40, 50, 60, 80, 100, 150))), style=rng.choice((1, 4, 5)))
        paras.append(_fill(rng, rng.choice(P.PAYMENT["request"]), small=small))
        if rng.random() < 0.5:
            paras.append(rng.choice(P.PAYMENT["extra"]))
    elif doc_type == "repair_request":
        urgent = rng.random() < 0.45
        first, second = rng.choice(P.REPAIR_URGENT if urgent else P.REPAIR_NORMAL)
        paras = [first + (" " + second if second and rng.random() < 0.7 else "")]
        if rng.random() < 0.5:
            since = when - timedelta(days=rng.randint(1, 40))
            paras[0] += rng.choice((" Le problème a commencé {}.", " Cela dure depuis {}.", " J'ai déjà signalé ce problème {}."
                                    )).format(_on(fmt_date(rng, since, with_year=rng.random() < 0.4)))
        paras.append(" ".join(rng.sample(P.REPAIR_ASK, rng.randint(1, 2))))
    elif doc_type == "neighbour_dispute":
        paras = [" ".join(rng.sample(P.NEIGHBOUR, rng.randint(1, 2)))]
        if rng.random() < 0.5:
            paras[0] += rng.choice((" Encore {} vers 2 heures du matin.", " Dernier incident {}.")).format(
                _on(fmt_date(rng, when - timedelta(days=rng.randint(1, 20)), with_year=rng.random() < 0.3)))
        paras.append(" ".join(_fill(rng, s) for s in rng.sample(P.NEIGHBOUR_MORE, rng.randint(1, 3))))
    elif doc_type == "lease_termination":
        leave = when + timedelta(days=rng.randint(30, 75))
        paras = [rng.choice(P.TERMINATION)]
        more = rng.sample(P.TERMINATION_MORE, rng.randint(1, 3))
        paras.append(" ".join(_fill(rng, s, date=("le " if rng.random() < 0.6 else "à partir du ")
                                      + fmt_date(rng, leave)) for s in more))
    elif doc_type == "certificate_or_receipt_request":
        paras = [_fill(rng, rng.choice(P.CERTIFICATE))]
        paras.append(" ".join(rng.sample(P.CERTIFICATE_MORE, rng.randint(1, 2))))
    elif doc_type == "social_distress":
        urgent = True
        paras = [rng.choice(P.DISTRESS), " ".join(rng.sample(P.DISTRESS_MORE, rng.randint(1, 3)))]
    else:
        raise ValueError(doc_type)
    return paras, urgent


def tenant_letter(rng: random.Random, doc_type: str, t: Tenant) -> DocContent:
    fields: dict[str, str] = {}
    when = letter_date(rng)
    register = rng.choice(REGISTERS)
    formal = register == "plain" and rng.random() < 0.7
    show_ref = rng.random() < 0.55
    ref_in_body = show_ref and rng.random() < 0.25
    blocks: list[Block] = []
    sender = sender_block(rng, t, fields, show_ref and not ref_in_body)
    top_sender = rng.random() < 0.85
    if top_sender:
        blocks += sender + [space(rng.choice((1, 2)))]
    short_note = register != "plain" and rng.random() < 0.3
    blocks += recipient_block(rng, t) if rng.random() < 0.8 and not short_note else []
    blocks.append(space())
    place = t.city if rng.random() < 0.8 else "Toulouse"
    blocks.append(line(f"{place}, le {fmt_date(rng, when)}" if rng.random() < 0.75 else
                       f"Le {fmt_date(rng, when)}", indent=0.5 if rng.random() < 0.7 else 0))
    blocks.append(space())
    paras, urgent = _body(rng, doc_type, fields, when)
    if rng.random() < 0.75 and not short_note:
        obj = rng.choice([o for o in P.OBJECTS[doc_type] if urgent or "rgen" not in o])
        blocks.append(line(obj if obj.startswith("Objet") else "Objet : " + obj, bold=rng.random() < 0.5))
    if urgent and rng.random() < 0.6:
        blocks.append(line(rng.choice(P.URGENT_MARKS), bold=True, size=12))
    blocks.append(space())
    opening = rng.choice(P.OPENINGS_FORMAL if formal else P.OPENINGS_INFORMAL)
    if opening:
        blocks += [line(opening), space(0.5)]
    if rng.random() < 0.2:
        paras.append(rng.choice(("PS : je suis joignable le soir après 18h.", "PS : merci de me répondre par écrit.",
                                 "Merci pour votre aide.", "PS: mon ancien numéro ne marche plus.")))
    if register in ("plain", "typos") and rng.random() < 0.15:
        paras.insert(0, rng.choice(P.ELDERLY))
    if ref_in_body:
        paras.insert(0, rng.choice(("Mon numéro de locataire est le {}.", "Je suis locataire sous la référence {}.",
                                    "(contrat n° {})")).format(t.tenant_reference))
        fields["tenant_reference"] = t.tenant_reference
    for ptxt in paras:
        blocks += [para(apply_register(rng, ptxt, register) if not any(c.isdigit() for c in ptxt) else
                        (ptxt.upper() if register == "caps" else ptxt)), space(0.5)]
    closing = rng.choice(P.CLOSINGS_FORMAL if formal else P.CLOSINGS_INFORMAL)
    blocks += [para(apply_register(rng, closing, register)), space(2)]
    blocks.append(line(t.tenant_name, indent=0.55))
    if not top_sender:
        blocks += [space()] + sender
    return DocContent(doc_type, urgent, fields, blocks, family="tenant",
                      meta={"register": register, "handwritten_like": rng.random() < 0.3})
