"""Accounts payable in the web app (issue 17, item 7), on invoices made the real way (born-digital
PDFs through the whole pipeline, once for the module): the inbox shows each invoice's open
alerts as French badges and filters on them; the document view lifts them, bank details by two
different people (the same person twice is refused with the reason, both are named in the
audit trail); a read-only member sees but cannot act; no other team reaches any of it; the
« Export comptable » page exports once, then finds nothing new, and serves the files, each
download audited."""

from __future__ import annotations

import contextvars
import re
import socket
import threading
import time
from pathlib import Path

import pytest
from conftest import PASSWORD, _hash, signed_in

from tests.flows.test_payables import OTHER_IBAN, REGISTERED_IBAN, invoice, run_files
from tests.homes import home_set

COMPTA = "comptabilite-fournisseurs"
DOCS = {
    "first": invoice("F2024-0412"),
    "rescan": invoice("F2024/0412", reorder=True),  # the same invoice again: duplicate_invoice
    "new_iban": invoice("F2024-0500", ht=700, iban=OTHER_IBAN),  # bank_details_changed
    "in_browser": invoice("F2024-0501", ht=710, iban=OTHER_IBAN),  # the same, for the browser test
}
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="module")
def module_home(tmp_path_factory):
    return tmp_path_factory.mktemp("ap-web-home")


@pytest.fixture(autouse=True)
def aiguillage_home(module_home, monkeypatch):
    monkeypatch.setenv("AIGUILLAGE_HOME", str(module_home))
    return module_home


@pytest.fixture(scope="module")
def ids(prefect_harness, module_home, tmp_path_factory) -> dict[str, str]:
    with home_set(module_home):  # module fixtures run before monkeypatch
        lines = run_files(tmp_path_factory, DOCS)
    assert [lines[n]["alerts"] for n in DOCS] == [[], ["duplicate_invoice"]] + [["bank_details_changed"]] * 2, lines
    return {name: line["document_id"] for name, line in lines.items()}


@pytest.fixture
def accounts_file(accounts_file):
    """The shared people, and a second accounts-payable agent for the two-person rule."""
    from config import load_taxonomy
    from config.accounts import Account, save_account

    save_account(accounts_file, Account("jules", "Jules", (COMPTA,), ("agent",), _hash()), load_taxonomy())
    return accounts_file


def row(html: str, doc_id: str) -> str:
    m = re.search(rf'<tr[^>]*data-document="{doc_id}"[^>]*>(.*?)</tr>', html, re.S)
    return m.group(1) if m else ""


def as_user(client, login: str) -> str:
    client.cookies.clear()
    return signed_in(client, login)


def lift(client, csrf: str, doc_id: str, code: str, note: str = "", team: str = COMPTA):
    return client.post(f"/equipes/{team}/documents/{doc_id}/alertes/{code}", data={"csrf": csrf, "note": note})


def test_the_inbox_shows_open_alerts_as_badges_and_filters_on_them(client, ids):
    as_user(client, "marie")
    html = client.get(f"/equipes/{COMPTA}").text
    dup = row(html, ids["rescan"])
    assert "doublon de" in dup and f'href="/equipes/{COMPTA}/documents/{ids["first"]}"' in dup
    assert "IBAN modifié : confirmation requise" in row(html, ids["new_iban"])
    assert row(html, ids["first"]) and 'data-alert="' not in row(html, ids["first"])
    assert 'href="/equipes/comptabilite-fournisseurs/export"' in html

    flagged = client.get(f"/equipes/{COMPTA}?alertes=1").text
    assert 'name="alertes" value="1" checked' in flagged
    assert row(flagged, ids["rescan"]) and row(flagged, ids["new_iban"]) and not row(flagged, ids["first"])


def test_bank_details_need_two_different_people_through_the_web(client, ids, rt):
    from flows.payables import open_alerts
    from storage.audit import events

    doc, url = ids["new_iban"], f"/equipes/{COMPTA}/documents/{ids['new_iban']}"
    csrf = as_user(client, "marie")
    page = client.get(url).text
    assert OTHER_IBAN in page and REGISTERED_IBAN in page  # the new IBAN beside the supplier's known one
    assert "valider le changement (première personne)" in page

    r = lift(client, csrf, doc, "bank_details_changed", "rappelé le fournisseur au 05 61 00 00 00")
    assert r.status_code == 303 and r.headers["location"] == url
    page = client.get(url).text
    assert "Accord enregistré" in page and "confirmer (deuxième personne)" in page
    assert re.search(r"Accord déjà donné par</dt><dd>marie</dd>", page)
    assert re.search(r'id="lever-bank_details_changed" disabled', page)  # not twice by the same person

    again = lift(client, csrf, doc, "bank_details_changed")  # a second tab, or a forged form
    assert again.status_code == 409 and "Traceback" not in again.text
    assert "une autre personne que marie doit confirmer" in again.text
    assert open_alerts(rt, doc) == ["bank_details_changed"]

    csrf = as_user(client, "jules")
    assert "confirmer (deuxième personne)" in client.get(url).text
    r = lift(client, csrf, doc, "bank_details_changed", "confirmé par courrier du fournisseur")
    assert r.status_code == 303
    page = client.get(url).text
    assert "Nouvel IBAN confirmé" in page and "confirmée par <strong>jules</strong>" in page
    assert open_alerts(rt, doc) == []
    assert "IBAN modifié" not in row(client.get(f"/equipes/{COMPTA}").text, doc)
    decided = [(e.kind, e.actor) for e in events(rt.store, doc) if e.kind.startswith("bank_details")]
    assert decided == [("bank_details_vouched", "marie"), ("bank_details_confirmed", "jules")]


def test_a_read_only_member_sees_but_cannot_act(client, ids, rt):
    from flows.payables import open_alerts
    from storage import exports

    csrf = as_user(client, "lea")
    page = client.get(f"/equipes/{COMPTA}/documents/{ids['rescan']}")
    assert page.status_code == 200 and "doublon de" in page.text and "/alertes/" not in page.text
    r = lift(client, csrf, ids["rescan"], "duplicate_invoice", "je lève")
    assert r.status_code == 403 and "lecture seule" in r.text
    assert open_alerts(rt, ids["rescan"]) == ["duplicate_invoice"]

    runs_before = exports.runs(rt.store)
    page = client.get(f"/equipes/{COMPTA}/export")
    assert page.status_code == 200 and "Prêtes à exporter" in page.text and 'id="exporter"' not in page.text
    r = client.post(f"/equipes/{COMPTA}/export", data={"csrf": csrf})
    assert r.status_code == 403 and exports.runs(rt.store) == runs_before


def test_no_other_team_reaches_accounts_payable(client, ids):
    csrf = as_user(client, "paul")  # technique
    doc = ids["rescan"]
    for url in (f"/equipes/{COMPTA}/export", "/equipes/technique/export", f"/equipes/{COMPTA}/documents/{doc}",
                f"/equipes/technique/documents/{doc}", f"/equipes/{COMPTA}/export/20240101T000000Z-0a0b0c0d/x.csv"):
        assert client.get(url).status_code == 404, url
    for team in (COMPTA, "technique"):
        assert lift(client, csrf, doc, "duplicate_invoice", team=team).status_code == 404
        assert client.post(f"/equipes/{team}/export", data={"csrf": csrf}).status_code == 404
    assert "Export comptable" not in client.get("/equipes/technique").text

    csrf = as_user(client, "marie")  # accounts payable itself: nothing for a code that is no alert
    assert lift(client, csrf, doc, "not_an_alert").status_code == 404
    assert lift(client, "forged", doc, "duplicate_invoice").status_code == 403  # CSRF checked first


def test_export_from_the_web_once_then_nothing_new_and_download(client, ids, rt):
    from flows.payables import open_alerts
    from storage import exports
    from storage.audit import events

    clear = {n for n, d in ids.items() if not open_alerts(rt, d)}
    assert "first" in clear and "rescan" not in clear
    csrf = as_user(client, "marie")
    page = client.get(f"/equipes/{COMPTA}/export").text
    ready, held = page.split('id="retenues"')
    assert all(row(ready, ids[n]) for n in clear) and not row(ready, ids["rescan"])
    assert "alerte à lever : doublon" in row(held, ids["rescan"])
    assert f'id="exporter">Exporter {len(clear)} facture' in ready

    held_lock = exports.acquire(rt.store, "jules", 5)  # someone else is exporting right now
    r = client.post(f"/equipes/{COMPTA}/export", data={"csrf": csrf})
    assert "un autre export est en cours (jules" in client.get(r.headers["location"]).text
    assert exports.runs(rt.store) == {}
    exports.release(rt.store, held_lock)

    r = client.post(f"/equipes/{COMPTA}/export", data={"csrf": csrf})
    assert r.status_code == 303 and r.headers["location"] == f"/equipes/{COMPTA}/export"
    page = client.get(f"/equipes/{COMPTA}/export").text
    assert f"{len(clear)} facture" in page and "exportée" in page
    (run_id,) = exports.runs(rt.store)
    assert exports.finished(rt.store, run_id)["documents"] == sorted(ids[n] for n in clear)
    run_row = re.search(rf'<tr data-run="{run_id}">(.*?)</tr>', page, re.S).group(1)
    assert "<td>marie</td>" in run_row and f"<td>{len(clear)}</td>" in run_row
    links = re.findall(rf'href="(/equipes/{COMPTA}/export/{run_id}/[^"]+)"', run_row)
    assert len(links) == 1 + len(clear)  # the CSV and one XML per invoice

    r = client.post(f"/equipes/{COMPTA}/export", data={"csrf": csrf})  # again: nothing new
    assert "Aucune facture à exporter" in client.get(r.headers["location"]).text
    assert list(exports.runs(rt.store)) == [run_id]

    csv_url = next(u for u in links if u.endswith(".csv"))
    got = client.get(csv_url)
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert "attachment" in got.headers["content-disposition"] and "F2024-0412" in got.text
    assert got.content == exports.get_file(rt.store, run_id, csv_url.rsplit("/", 1)[1])
    seen = {e.document_id for e in events(rt.store) if e.kind == "export_downloaded" and e.actor == "marie"}
    assert seen == {ids[n] for n in clear}
    for bad in ("started.json", "done.json", "..%2Fdone.json", "nothing.csv"):
        assert client.get(f"/equipes/{COMPTA}/export/{run_id}/{bad}").status_code == 404, bad


def test_reasons_and_terms_read_in_french():
    from inbox.payables_view import discount_text, french_reason, spaced_iban, terms_rows

    assert french_reason("alerte à lever : duplicate_invoice, bank_details_changed") == (
        "alerte à lever : doublon, IBAN modifié : confirmation requise")
    assert french_reason("champ manquant : total_incl_tax") == "champ manquant : total_incl_tax"
    assert spaced_iban("FR7620041790263762389803493") == "FR76 2004 1790 2637 6238 9803 493"
    assert discount_text({"percent": "2.00", "within_days": 10}) == "2,00 % pour paiement sous 10 jours"
    assert discount_text(None) == ""
    rows = dict(terms_rows({"purchase_order": {"reference": "BC-17", "check": "purchase_order_mismatch",
                                               "why": "montant hors tolérance"},
                            "building": "Bât. B", "cost_centre": "CC-310"}))
    assert rows == {"Bon de commande": "BC-17 : bon de commande discordant (montant hors tolérance)",
                    "Bâtiment": "Bât. B", "Centre de coût": "CC-310"}


@pytest.fixture
def served(ids, accounts_file):
    """The app served on a free port, and Debian's chromium driven by Playwright."""
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium absent (make setup-test l'installe)")
    import uvicorn
    from playwright.sync_api import sync_playwright

    from inbox.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=contextvars.copy_context().run, args=(server.run,), daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started
    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield f"http://127.0.0.1:{port}", browser
    browser.close()
    pw.stop()
    server.should_exit = True
    thread.join(10)


def _signed_in_page(url: str, browser, login: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url + "/connexion")
    page.fill("input[name=identifiant]", login)
    page.fill("input[name=mot_de_passe]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "/connexion" not in page.url
    return page


@pytest.mark.browser
def test_two_people_confirm_new_bank_details_in_the_browser(served, ids, rt):
    from flows.payables import open_alerts

    url, browser = served
    doc = ids["in_browser"]
    marie = _signed_in_page(url, browser, "marie")
    marie.goto(f"{url}/equipes/{COMPTA}?alertes=1")
    badge = marie.locator(f"tr[data-document='{doc}'] [data-alert=bank_details_changed]")
    assert badge.inner_text() == "IBAN modifié : confirmation requise"
    marie.click(f"tr[data-document='{doc}'] a.open")
    button = marie.locator("#lever-bank_details_changed")
    assert button.inner_text() == "valider le changement (première personne)"
    assert marie.inner_text("#iban-nouveau") != marie.inner_text("#iban-connu")
    marie.fill("form.lift input[name=note]", "appel au numéro connu du fournisseur")
    button.click()
    assert "Accord enregistré" in marie.inner_text(".flashes")
    assert button.inner_text() == "confirmer (deuxième personne)" and button.is_disabled()
    marie.close()

    jules = _signed_in_page(url, browser, "jules")
    jules.goto(f"{url}/equipes/{COMPTA}/documents/{doc}")
    assert jules.locator("#lever-bank_details_changed").is_enabled()
    jules.click("#lever-bank_details_changed")
    assert "Nouvel IBAN confirmé" in jules.inner_text(".flashes")
    assert "confirmée par jules" in jules.inner_text("#alertes")
    assert jules.locator("#lever-bank_details_changed").count() == 0
    jules.goto(f"{url}/equipes/{COMPTA}?alertes=1")
    assert jules.locator(f"tr[data-document='{doc}']").count() == 0
    jules.close()
    assert open_alerts(rt, doc) == []
