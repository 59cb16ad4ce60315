"""The vidéocodage station: the page with its word boxes, the machine's guesses in a form,
checked live in the browser and again here; validating sends the document on through the
reprocessing flow (flows/reprocess.py), then the next free item comes up.

What validated corrections taught and this document used is shown beside the form (a learned
supplier, its layout and the fields read from it, a learned tenant), with who taught it and
when; an operator may undo a wrong lesson ("oublier cette leçon"), audited."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from config.clock import shown
from inbox import access, views
from inbox.checks import FAMILY_FIELDS, check_fields
from inbox.page_images import NoImage
from inbox.page_images import render as render_page
from inbox.routes_team import item_state, load_artefacts, open_item, page_cache, visible
from inbox.web import Ctx, NotFound, acting, check_doc_id, current, render
from storage import documents, layouts, learned, workitems
from storage.audit import AuditEvent, record

router = APIRouter()


def _review(ctx: Ctx):
    return ctx.member(ctx.rt.taxonomy.review_queue)


@router.get("/videocodage")
def station_home(request: Request):
    ctx = current(request)
    return RedirectResponse(f"/equipes/{_review(ctx).team}", status_code=303)


@router.get("/videocodage/{document_id}")
def station(request: Request, document_id: str):
    ctx = current(request)
    member = _review(ctx)
    check_doc_id(document_id)
    item, mark, rec = open_item(ctx, member, document_id)
    text = access.read_json(ctx, document_id, "text.json") or {}
    rec = rec or {}
    values = {k: str(v) for k, v in (rec.get("fields") or item.fields or {}).items()}
    return _page(ctx, request, item, mark, rec, text, item.type or "other", values, {})


@router.post("/videocodage/{document_id}/valider")
async def validate(request: Request, document_id: str):
    form = {k: str(v) for k, v in (await request.form()).items() if isinstance(v, str)}
    return await run_in_threadpool(_validate, request, document_id, form)  # storage and flow block


def _validate(request: Request, document_id: str, form: dict[str, str]):
    ctx, member, item = _acting_on(request, document_id, form)
    doc_type = str(form.get("type") or "")
    types = ctx.rt.taxonomy.types
    raw = {k: str(form.get(k) or "") for k in _all_names()}
    if doc_type not in types:
        return _again(ctx, request, member, document_id, doc_type, raw, {"type": "choisissez un type"})
    clean, errors = check_fields(doc_type, types[doc_type].family, raw)
    if errors:
        return _again(ctx, request, member, document_id, doc_type, raw, errors)
    try:
        result = _reprocess(document_id, doc_type, clean, ctx.account.login)
    except workitems.InboxError as exc:
        ctx.flash(str(exc), "error")
        return RedirectResponse(f"/videocodage/{document_id}", status_code=303)
    except Exception as exc:  # noqa: BLE001 - the flow failed: say so, keep the item
        from flows.reprocess import ReprocessError

        if not isinstance(exc, ReprocessError):
            logging.getLogger("aiguillage.web").exception("revidéocodage de %s", document_id)
        message = str(exc) if isinstance(exc, ReprocessError) else f"le traitement a échoué ({type(exc).__name__})"
        ctx.flash(message, "error")
        return RedirectResponse(f"/videocodage/{document_id}", status_code=303)
    label = ctx.rt.taxonomy.queues.get(result["queue"], result["queue"])
    short = item.document_id[:12]
    if result["status"] == "completed":
        ctx.flash(f"Document {short} classé « autre » et clos.")
    else:
        copies = "".join(f" (copie : {ctx.rt.taxonomy.queues.get(c, c)})" for c in result["copies"])
        ctx.flash(f"Document {short} envoyé à « {label} »{copies}.")
    return _next(ctx, member)


@router.post("/videocodage/{document_id}/suivant")
async def skip(request: Request, document_id: str):
    """Leave this item (released if held) and take the next free one."""
    form = {k: str(v) for k, v in (await request.form()).items() if isinstance(v, str)}
    return await run_in_threadpool(_skip, request, document_id, form)


def _skip(request: Request, document_id: str, form: dict[str, str]):
    ctx, member, _ = _acting_on(request, document_id, form)
    try:
        workitems.release(ctx.rt.store, member, document_id)
    except workitems.InboxError:
        pass  # not held by this person: nothing to give back
    return _next(ctx, member, skip=document_id)


def _acting_on(request: Request, document_id: str, form: dict[str, str]):
    """A station action on ``document_id``: the signed-in vidéocodage member (CSRF checked) and
    the item they may see."""
    ctx = acting(request, form.get("csrf"))
    member = _review(ctx)
    check_doc_id(document_id)
    return ctx, member, visible(ctx, member, document_id)


def _next(ctx: Ctx, member, skip: str | None = None):
    for line in workitems.list_queue(ctx.rt.store, member):
        if line.holder is not None or line.entry.document_id == skip:
            continue
        try:
            item, _ = workitems.claim(ctx.rt.store, member, line.entry.document_id)
            return RedirectResponse(f"/videocodage/{item.document_id}", status_code=303)
        except workitems.InboxError:
            continue
    ctx.flash("Plus aucun document libre en vidéocodage.", "info")
    return RedirectResponse(f"/equipes/{member.team}", status_code=303)


@router.post("/videocodage/{document_id}/oublier")
async def forget(request: Request, document_id: str):
    """Undo what corrections taught and this document used: its learned supplier (identity and
    layout; a registered supplier's layout only) or its learned tenant."""
    form = {k: str(v) for k, v in (await request.form()).items() if isinstance(v, str)}
    return await run_in_threadpool(_forget, request, document_id, form)


def _forget(request: Request, document_id: str, form: dict[str, str]):
    ctx, member, _ = _acting_on(request, document_id, form)
    what = form.get("what")
    store = ctx.rt.store
    try:
        rec = documents.read_json(store, document_id, "record.json")
    except documents.UnreadableArtefact as exc:
        ctx.flash(str(exc), "error")
        return RedirectResponse(f"/videocodage/{document_id}", status_code=303)
    lessons = lessons_of(ctx, rec)  # what the document names, never an id from the form
    forgotten, details = [], {"via": "poste de vidéocodage"}
    if what == "supplier" and (lessons["supplier"] or lessons["layout"]):
        supplier_id = str(rec["supplier_id"])
        kinds = []
        if lessons["supplier"] and learned.forget_supplier(store, supplier_id):
            forgotten.append(f"fournisseur appris {lessons['supplier'].get('name') or supplier_id}")
            kinds.append("supplier")
        if layouts.forget_layout(store, supplier_id):
            forgotten.append("emplacement de ses champs")
            kinds.append("layout")
        details.update(supplier_id=supplier_id, forgot=kinds)
    elif what == "tenant" and lessons["tenant"]:
        reference = lessons["tenant"]["tenant_reference"]
        if learned.forget_tenant(store, reference):
            forgotten.append(f"locataire appris {reference}")
        details.update(tenant_reference=reference, forgot=["tenant"])
    if not forgotten:
        ctx.flash("Rien d'appris à oublier pour ce document.", "info")
        return RedirectResponse(f"/videocodage/{document_id}", status_code=303)
    record(store, AuditEvent("learned_forgotten", document_id, actor=ctx.account.login, details=details))
    ctx.rt.refresh_learned()  # this process's next document no longer uses it
    ctx.flash("Leçon oubliée : " + ", ".join(forgotten) + ".")
    return RedirectResponse(f"/videocodage/{document_id}", status_code=303)


def lessons_of(ctx: Ctx, rec: dict) -> dict:
    """What validated corrections taught that this document used: the learned supplier's entry,
    the supplier's learned layout, the fields read from it, the learned tenant's entry."""
    store = ctx.rt.store
    out: dict = {"supplier": None, "layout": None, "tenant": None,
                 "from_memory": [str(k) for k in rec.get("fields_from_memory") or []]}
    supplier_id = rec.get("supplier_id")
    if isinstance(supplier_id, str) and supplier_id:
        if supplier_id.startswith("L-"):
            try:
                out["supplier"] = learned.get_supplier(store, supplier_id)
            except ValueError:
                pass
        out["layout"] = layouts.get_layout(store, supplier_id)
    reference = (rec.get("fields") or {}).get("tenant_reference")
    if isinstance(reference, str) and reference:
        out["tenant"] = learned.get_tenant(store, reference)
    return out


def _reprocess(document_id: str, doc_type: str, fields: dict, actor: str) -> dict:
    from inbox.flowrun import reprocess

    return reprocess(document_id, doc_type, fields, actor)


def _again(ctx, request, member, document_id, doc_type, raw, errors):
    item = visible(ctx, member, document_id)
    from storage import claims

    mark = claims.head(ctx.rt.store, member.queue, document_id)
    rec, text = load_artefacts(ctx, document_id)
    return _page(ctx, request, item, mark, rec or {}, text, doc_type, raw, errors, status=422)


def _page(ctx: Ctx, request, item, mark, rec, text, doc_type, values, errors, status=200):
    pages = []
    for i, p in enumerate(text.get("pages") or [], start=1):
        try:
            img = render_page(ctx.rt.store, page_cache(ctx), item.document_id, i, text, rec,
                              ctx.rt.settings["ocr.dpi"])
            frame = img.frame
        except NoImage:
            frame = None
        pages.append({"number": i, "frame": frame, "text": p.get("text", ""), "words": [
            w for w in p.get("words") or [] if str(w.get("text", "")).strip()]})
    tax = ctx.rt.taxonomy
    types = [(code, t.label, t.family) for code, t in tax.types.items()]
    return render(ctx, request, "station.html", status=status, item=item, rec=rec, pages=pages,
                  state=item_state(item, mark), doc_type=doc_type, types=types, values=values, errors=errors,
                  families=FAMILY_FIELDS, type_label=tax.types[item.type].label if item.type in tax.types else "—",
                  hm=views.hm, team=member_team(ctx), lessons=lessons_of(ctx, rec),
                  when=lambda t: shown(t, "%d/%m/%Y à %H:%M", empty="—"), field_label=tax.field_label)


def member_team(ctx: Ctx) -> str:
    return ctx.rt.taxonomy.review_queue


def _all_names() -> list[str]:
    return sorted({f.name for fields in FAMILY_FIELDS.values() for f in fields})


__all__ = ["router", "NotFound"]
