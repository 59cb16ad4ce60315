"""A tenant's rights (RGPD): access (everything about them, in one archive) and erasure
(everything about them removed, except what a legal obligation keeps, and saying why).

A tenant is known by its reference as documents' records hold it (``fields.tenant_reference``),
compared the way the audit trail compares it (``storage.audit.subjects.normalise``: no spaces,
upper case). The audit trail is searched through its index with the store, so that the events
come back readable (pseudonym and side details put back) while they still can.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from config.clock import PARIS
from config.errors import AiguillageError, ExitCode
from storage import documents, holds, layout, learned
from storage.audit import AuditEvent, record
from storage.audit.subjects import normalise
from storage.erasure import Scan, purge_document
from storage.errors import ObjectNotFound


class TenantUnknown(AiguillageError):
    """No document, no event: nothing to export or erase (exit status 1)."""

    exit_code = ExitCode.FAILED


class BadRequest(AiguillageError):
    """A request that cannot be served as given (exit status 2)."""

    exit_code = ExitCode.USAGE


@dataclass
class TenantDocument:
    document_id: str
    record: dict
    delivered_at: str  # ISO time the document was delivered (its routed.json written)


# -- finding a tenant's documents ----------------------------------------------------------

def check_reference(reference: str) -> str:
    ref = normalise(reference)
    if not ref:
        raise BadRequest("--tenant : une référence de locataire est attendue (ex. 04-1187-C)")
    return ref


def tenant_documents(store, reference: str) -> list[TenantDocument]:
    """Every document whose record names ``reference`` (one LIST, a GET per record)."""
    ref = normalise(reference)
    found = []
    for key in store.list(layout.DOCUMENTS):
        parts = layout.document_of(key)
        if parts is None or parts[1] != "record.json":
            continue
        try:
            rec = documents.read_json(store, parts[0], "record.json")
        except (ObjectNotFound, documents.UnreadableArtefact):
            continue
        if normalise((rec.get("fields") or {}).get("tenant_reference")) != ref:
            continue
        try:
            when = store.stat(layout.document(parts[0], "routed.json")).modified
        except ObjectNotFound:
            when = store.stat(key).modified
        found.append(TenantDocument(parts[0], rec, datetime.fromtimestamp(when, PARIS).isoformat(timespec="seconds")))
    return sorted(found, key=lambda d: (d.delivered_at, d.document_id))


def tenant_events(store, index, reference: str, document_ids: list[str] = ()) -> list[dict]:
    """The tenant's audit events, readable (index brought up to date first): those the index
    links to the tenant, and each document's whole story (the file it came from: received,
    split), in chain order."""
    from storage.audit.query import Filters, query

    index.sync(store)
    found = {e["event_id"]: e for e in query(index, Filters(tenant=reference), store=store)}
    for document_id in document_ids:
        found.update((e["event_id"], e) for e in query(index, Filters(document=document_id), store=store))
    return sorted(found.values(), key=lambda e: e.get("seq") or 0)


# -- access: the archive -------------------------------------------------------------------

def _get(store, key: str) -> bytes | None:
    try:
        return store.get(key)
    except ObjectNotFound:
        return None


def _text(store, document_id: str) -> str:
    data = documents.read_json(store, document_id, "text.json")
    return "\n\f\n".join(str(p.get("text") or "") for p in data.get("pages") or [])


def describe_document(doc: TenantDocument, taxonomy, files: list[str]) -> list[str]:
    """The index's lines about one document, in French."""
    rec = doc.record
    doc_type = rec.get("type") or ""
    label = taxonomy.types[doc_type].label if doc_type in taxonomy.types else (doc_type or "inconnu")
    queues = [q for q in [rec.get("queue"), *(rec.get("copies") or [])] if q]
    lines = [f"Document {doc.document_id}",
             f"  Type : {label}",
             f"  Reçu et aiguillé le : {datetime.fromisoformat(doc.delivered_at).strftime('%d/%m/%Y à %H:%M')}",
             "  Transmis à : " + (", ".join(taxonomy.queues.get(q, q) for q in queues) or "aucune équipe"),
             "  Informations relevées :"]
    fields = rec.get("fields") or {}
    for name in sorted(fields, key=taxonomy.field_label):
        lines.append(f"    - {taxonomy.field_label(name)} : {fields[name]}")
    if not fields:
        lines.append("    (aucune)")
    lines.append("  Fichiers : " + ", ".join(files))
    return lines


def build_archive(store, taxonomy, reference: str, docs: list[TenantDocument], events: list[dict],
                  now: datetime) -> bytes:
    """The archive's bytes: per document its record, text and PDF; the events; the index."""
    buf = io.BytesIO()
    readme = [f"Vos données personnelles — locataire {reference}",
              f"Archive constituée le {now.astimezone(PARIS).strftime('%d/%m/%Y à %H:%M')} "
              "en réponse à votre demande d'accès (RGPD, article 15).", "",
              "Contenu de l'archive :",
              "  - LISEZMOI.txt : ce fichier ;",
              "  - pieces/<identifiant>/ : chaque document reçu à votre sujet : "
              "fiche.json (les informations relevées), texte.txt (le texte lu), "
              "original.pdf (le fichier reçu) ou document.pdf (sa version consultable) ;",
              f"  - journal.json : les {len(events)} événement(s) du journal d'audit qui vous concernent "
              "(réception, classement, transmission aux équipes, consultations, corrections).", "",
              f"Documents : {len(docs)}", ""]
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for doc in docs:
            folder = f"pieces/{doc.document_id}/"
            files = ["fiche.json", "texte.txt"]
            zf.writestr(folder + "fiche.json", json.dumps(doc.record, ensure_ascii=False, indent=1))
            zf.writestr(folder + "texte.txt", _text(store, doc.document_id))
            sha = doc.record.get("sha256")
            original = _get(store, layout.original(sha)) if sha and layout.is_id(sha) else None
            searchable = _get(store, layout.document(doc.document_id, "searchable.pdf"))
            if original is not None and original[:5] == b"%PDF-":
                zf.writestr(folder + "original.pdf", original)
                files.append("original.pdf")
            elif searchable is not None:
                zf.writestr(folder + "document.pdf", searchable)
                files.append("document.pdf")
            elif original is not None:
                zf.writestr(folder + "original" + Path(str(doc.record.get("source") or "")).suffix.lower(), original)
                files.append("original")
            readme += describe_document(doc, taxonomy, files) + [""]
        zf.writestr("journal.json", json.dumps(events, ensure_ascii=False, indent=1))
        zf.writestr("LISEZMOI.txt", "\n".join(readme) + "\n")
    return buf.getvalue()


def export_tenant(rt, index, reference: str, out: Path, user: str, force: bool = False,
                  now: datetime | None = None) -> dict:
    """Write the tenant's archive to ``out``; audited (``rgpd_exported``, counts only)."""
    reference = check_reference(reference)
    out = Path(out)
    if out.exists() and not force:
        raise BadRequest(f"{out} existe déjà : choisissez un autre fichier ou ajoutez --force pour le remplacer")
    store = rt.store
    docs = tenant_documents(store, reference)
    events = tenant_events(store, index, reference, [d.document_id for d in docs])
    if not docs and not events:
        raise TenantUnknown(f"locataire {reference} : aucun document ni événement à son sujet "
                            "(vérifiez la référence)")
    data = build_archive(store, rt.taxonomy, reference, docs, events, now or datetime.now(PARIS))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".partiel")
    tmp.write_bytes(data)
    tmp.replace(out)
    record(store, AuditEvent("rgpd_exported", None, actor=user,
                             details={"tenant_reference": reference, "documents": len(docs), "events": len(events)}))
    return {"tenant": reference, "out": str(out), "documents": len(docs), "events": len(events), "bytes": len(data)}


# -- erasure -------------------------------------------------------------------------------

@dataclass
class ErasurePlan:
    tenant: str
    erase: list[str] = field(default_factory=list)  # document ids to purge
    kept: dict[str, str] = field(default_factory=dict)  # document id -> why it stays (French)


def plan_erasure(store, taxonomy, reference: str, docs: list[TenantDocument]) -> ErasurePlan:
    """Which of the tenant's documents go, which stay and why: a legal hold keeps a document;
    a supplier's document (an invoice naming the dwelling) is an accounting record, not the
    tenant's data."""
    plan = ErasurePlan(reference)
    for doc in docs:
        covering = holds.covering(store, doc.document_id, doc.record)
        doc_type = taxonomy.types.get(doc.record.get("type") or "")
        if covering:
            plan.kept[doc.document_id] = "conservation légale : " + "; ".join(
                f"{h.label} gelé le {h.at[:10]} ({h.reason})" for h in covering)
        elif doc_type is not None and doc_type.family == "supplier":
            plan.kept[doc.document_id] = (f"document d'un fournisseur ({doc_type.label}) : pièce comptable "
                                          "conservée pour l'obligation comptable, pas une donnée du locataire")
        else:
            plan.erase.append(doc.document_id)
    return plan


def erase_tenant(rt, index, reference: str, user: str, dry_run: bool = False) -> dict:
    """Erase the tenant (or, with ``dry_run``, say what would go and what stays)."""
    from storage.audit.forget import forget_tenant

    reference = check_reference(reference)
    store = rt.store
    docs = tenant_documents(store, reference)
    plan = plan_erasure(store, rt.taxonomy, reference, docs)
    lessons = [r for r in dict.fromkeys([reference, *((d.record.get("fields") or {}).get("tenant_reference")
                                                      for d in docs)]) if r and learned.get_tenant(store, r)]
    keep = frozenset(plan.kept)
    audit = forget_tenant(store, index, reference, dry_run=True, keep=keep)
    if not docs and not audit.events and not lessons and not audit.pseudonym:
        raise TenantUnknown(f"locataire {reference} : aucun document, aucun apprentissage ni événement "
                            "à son sujet (vérifiez la référence)")
    removed: dict[str, dict[str, int]] = {}
    if not dry_run:
        scan = Scan(list(rt.taxonomy.queues))
        for document_id in plan.erase:
            report = purge_document(store, document_id, rt.settings.home, scan=scan, actor=user,
                                    reason="rgpd_erasure")
            removed[document_id] = report.counts()
        for ref in lessons:
            learned.forget_tenant(store, ref)
        audit = forget_tenant(store, index, reference, keep=keep)
        record(store, AuditEvent("rgpd_erased", None, actor=user, details={
            "documents": len(plan.erase), "kept": len(plan.kept), "lessons": len(lessons),
            "audit_events": audit.events, "asides": audit.asides}))
        index.sync(store)
    return {"tenant": reference, "dry_run": dry_run, "erased": plan.erase, "kept": plan.kept,
            "removed": removed, "lessons": len(lessons),
            "audit": {"events": audit.events, "asides": audit.asides, "kept_events": audit.kept,
                      "legacy": audit.legacy, "unlinked": audit.unlinked}}
